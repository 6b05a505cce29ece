import { useEffect, useState } from 'preact/hooks';
import type { SessionReading, SubjectReading } from '../../../src/core/types';
import { EMOTION_STYLE } from '../../../src/ui/emotion-style';
import { t } from '../../../src/ui/i18n';
import { subjectName } from '../../../src/ui/subject-name';
import { foldTrend, TREND_WINDOW_MS, type TrendPoint, type Trends } from '../../../src/ui/trend';
import { confidenceExplanation, confidenceWords, emotionLabel, looksPhrase } from '../../../src/ui/wording';

/** Keeps the last 30 s of each subject's fused reading while the popup is open. */
function useTrends(reading: SessionReading): Trends {
  const [trends, setTrends] = useState<Trends>({});
  useEffect(() => setTrends((old) => foldTrend(old, reading)), [reading]);
  return trends;
}

/**
 * The class view: when others are analysed beside the user, one card per person with the name,
 * the apparent expression, the confidence in words, a short trend and whether they are speaking.
 */
export function ClassView({ reading }: { reading: SessionReading }) {
  const trends = useTrends(reading);
  return (
    <section class="card stack" aria-labelledby="class-title" data-testid="class-view">
      <h2 id="class-title">{t('popup.participants')}</h2>
      <ul class="class-cards">
        {[...reading.subjects].sort(bySeat).map((s) => (
          <SubjectCard key={s.subject.id} subject={s} trend={trends[s.subject.id] ?? []} now={reading.t} />
        ))}
      </ul>
      <p class="small muted">{t('common.notFeelingsShort')}</p>
    </section>
  );
}

/** The user first, then the others by name ("Participant 2" before "Participant 10"). */
function bySeat(a: SubjectReading, b: SubjectReading): number {
  if ((a.subject.kind === 'self') !== (b.subject.kind === 'self')) return a.subject.kind === 'self' ? -1 : 1;
  return subjectName(a.subject).localeCompare(subjectName(b.subject), undefined, { numeric: true });
}

function SubjectCard({ subject, trend, now }: { subject: SubjectReading; trend: TrendPoint[]; now: number }) {
  const name = subjectName(subject.subject);
  const fused = subject.fused;
  const voice = subject.readings.voice;
  // Speech is what the voice model reads: a voice reading with probabilities means speech was heard.
  const speaking = voice?.state === 'ok' && voice.probs !== null;
  const style = fused ? EMOTION_STYLE[fused.dominant] : null;
  return (
    <li class="class-card" data-testid="subject-card" data-subject-id={subject.subject.id} data-emotion={fused?.dominant ?? ''} data-speaking={String(speaking)}>
      <div class="spread">
        <strong class="class-name">{name}</strong>
        <span class={speaking ? 'small speaking' : 'small muted'}>
          <span aria-hidden="true">{speaking ? '🗣 ' : ''}</span>
          {speaking ? t('popup.speaking') : t('popup.notSpeaking')}
        </span>
      </div>
      <div class="row small">
        <span aria-hidden="true">{style?.emoji ?? '·'}</span>
        <span>{fused ? looksPhrase(fused.dominant) : t('common.noReading')}</span>
        {fused && (
          <span class="muted" title={confidenceExplanation()}>
            · {confidenceWords(fused.confidence)}
          </span>
        )}
      </div>
      <TrendStrip points={trend} now={now} label={t('popup.trendLabel', { name })} />
    </li>
  );
}

const STRIP_W = 150;
const STRIP_H = 18;

/** The last 30 s as thin columns: colour and a name per column for the expression, height for the confidence. */
function TrendStrip({ points, now, label }: { points: TrendPoint[]; now: number; label: string }) {
  const column = STRIP_W / 30;
  return (
    <div class="row small trend">
      <span class="muted">{t('popup.trend')}</span>
      <svg width={STRIP_W} height={STRIP_H} viewBox={`0 0 ${STRIP_W} ${STRIP_H}`} role="img" aria-label={`${label}: ${points.map((p) => emotionLabel(p.dominant)).join(', ')}`}>
        <rect x="0" y="0" width={STRIP_W} height={STRIP_H} class="trend-bg" />
        {points.map((p) => {
          const x = STRIP_W - ((now - p.t) / TREND_WINDOW_MS) * STRIP_W - column;
          const h = Math.max(3, Math.round(p.confidence * STRIP_H));
          return (
            <rect key={p.t} x={Math.max(0, x)} y={STRIP_H - h} width={column - 1} height={h} fill={EMOTION_STYLE[p.dominant].color}>
              <title>{emotionLabel(p.dominant)}</title>
            </rect>
          );
        })}
      </svg>
    </div>
  );
}
