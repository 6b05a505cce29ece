import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SessionReading } from '../../../src/core/types';
import { SELF } from '../../../src/core/types';
import type { Message, ResponseMap } from '../../../src/messaging/protocol';
import { formatSize } from '../../../src/files/recording/format-size';
import { useRecordingStatus } from '../../../src/files/recording/useRecordingStatus';
import { formatClock } from '../../../src/ui/format';
import { t } from '../../../src/ui/i18n';
import { subjectName } from '../../../src/ui/subject-name';

interface Props {
  tabId: number;
  reading: SessionReading;
}

/**
 * Record the call as the engine sees it, with the reading composited: the user's camera, or (when
 * the others are analysed in this call) one of them, after confirming they were told and agree.
 * A red REC line with the elapsed time while it runs, and Stop.
 */
export function RecordControl({ tabId, reading }: Props) {
  const { status, refresh, setStatus } = useRecordingStatus(tabId);
  const [subjectId, setSubjectId] = useState(SELF.id);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const recording = status?.state === 'recording' || status?.state === 'finishing';
  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [recording]);

  const others = reading.subjects.filter((s) => s.subject.kind !== 'self');
  const self = reading.subjects.some((s) => s.subject.kind === 'self');
  const choices = [...(self ? [{ id: SELF.id, label: t('record.you') }] : []), ...others.map((s) => ({ id: s.subject.id, label: subjectName(s.subject) }))];
  const chosen = choices.some((c) => c.id === subjectId) ? subjectId : (choices[0]?.id ?? SELF.id);
  const showsOthers = chosen !== SELF.id;

  const start = async () => {
    setBusy(true);
    setError(null);
    const message: Message = { type: 'ui/record-start', tabId, subjectId: chosen, othersConfirmed: showsOthers ? confirmed : undefined };
    const answer = (await browser.runtime.sendMessage(message).catch((e) => ({ ok: false, error: String(e) }))) as ResponseMap['ui/record-start'] | undefined;
    if (!answer?.ok) setError(answer?.error ?? t('record.noAnswer'));
    await refresh();
    setBusy(false);
  };
  const stop = async () => {
    setBusy(true);
    if (status) setStatus({ ...status, state: 'finishing' });
    const message: Message = { type: 'ui/record-stop', tabId };
    await browser.runtime.sendMessage(message).catch(() => undefined);
    await refresh();
    setBusy(false);
  };

  const name = (id: string | null) => (id === SELF.id || id === null ? t('common.you') : (choices.find((c) => c.id === id)?.label ?? id));
  const ended = status?.ended ?? null;
  return (
    <section class="card stack" data-testid="record-control" data-state={status?.state ?? 'unknown'}>
      <h2>{t('record.title')}</h2>
      {recording && status ? (
        <>
          <p class="row danger-text" role="status" data-testid="rec-indicator">
            <span aria-hidden="true" style={{ display: 'inline-block', width: '0.7em', height: '0.7em', borderRadius: '50%', background: '#e5484d' }} />
            <strong>{t('record.rec')}</strong>
            <span class="small">
              {status.state === 'finishing'
                ? t('record.finishing')
                : t('record.recLabel', { subject: name(status.subjectId), time: formatClock((now - (status.startedAt ?? now)) / 1000), size: formatSize(status.bytes) })}
            </span>
          </p>
          <button type="button" onClick={stop} disabled={busy || status.state === 'finishing'} data-testid="record-stop">
            {t('record.stop')}
          </button>
        </>
      ) : (
        <>
          {choices.length > 1 && (
            <label class="row small">
              {t('record.whom')}
              <select value={chosen} onChange={(e) => setSubjectId((e.currentTarget as HTMLSelectElement).value)} data-testid="record-subject">
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {showsOthers && (
            <>
              <p class="small danger-text">{t('record.consentHint')}</p>
              <label class="row small">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed((e.currentTarget as HTMLInputElement).checked)} data-testid="record-consent" />
                {t('record.consent')}
              </label>
            </>
          )}
          <button type="button" onClick={start} disabled={busy || choices.length === 0 || (showsOthers && !confirmed)} data-testid="record-start">
            {t('record.start')}
          </button>
          <p class="small muted">{t('record.onDevice')}</p>
        </>
      )}
      {!recording && ended?.message && (
        <p class="small danger-text" role="alert" data-testid="record-message" data-why={ended.why}>
          {ended.message}
        </p>
      )}
      {!recording && ended && !ended.message && (
        <p class="small muted" role="status" data-testid="record-saved">
          {t('record.saved', { time: formatClock(ended.seconds), size: formatSize(ended.bytes) })}
        </p>
      )}
      {error && (
        <p class="small danger-text" role="alert" data-testid="record-error">
          {error}
        </p>
      )}
    </section>
  );
}
