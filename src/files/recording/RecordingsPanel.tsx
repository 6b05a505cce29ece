/**
 * A meeting's recordings in its detail view: each plays with a strip per person below it (the
 * readings on the recording's clock, a playhead in step with the video, a click seeks), the
 * reading at the current moment in words, and a download of the WebM as it is stored.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MeetingSubject, Sample } from '../../core/types';
import { EMOTION_STYLE } from '../../ui/emotion-style';
import { formatClock, formatDuration, formatPercent } from '../../ui/format';
import { t } from '../../ui/i18n';
import { subjectName } from '../../ui/subject-name';
import { emotionLabel } from '../../ui/wording';
import { sampleAt } from '../playback';
import { formatSize } from './format-size';
import { listRecordings, type StoredRecording } from './recording-store';
import { fallbackDuration, samplesOnRecording } from './recording-timeline';

interface PanelProps {
  meetingId: string;
  subjects: readonly MeetingSubject[];
  samples: readonly Sample[];
}

export function RecordingsPanel({ meetingId, subjects, samples }: PanelProps) {
  const [recordings, setRecordings] = useState<StoredRecording[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    listRecordings(meetingId)
      .then((list) => !cancelled && setRecordings(list))
      .catch((e) => !cancelled && setError(t('record.loadError', { error: String(e?.message ?? e) })));
    return () => {
      cancelled = true;
    };
  }, [meetingId]);
  if (error) return <p class="small danger-text" role="alert">{error}</p>;
  if (!recordings?.length) return null;
  return (
    <div class="stack" data-testid="recordings">
      <h3>{t('record.recordings')}</h3>
      {recordings.map((r) => (
        <RecordingPlayer key={r.name} meetingId={meetingId} recording={r} subjects={subjects} samples={samples} />
      ))}
    </div>
  );
}

const readingWords = (s: Sample | null) => (s?.fused ? `${EMOTION_STYLE[s.fused.dominant].emoji} ${emotionLabel(s.fused.dominant)} ${formatPercent(s.fused.confidence)}` : null);

function RecordingPlayer({ meetingId, recording, subjects, samples }: PanelProps & { recording: StoredRecording }) {
  const video = useRef<HTMLVideoElement>(null);
  const [t0, setT] = useState(0);
  const [mediaDuration, setMediaDuration] = useState<number | null>(null);
  const src = useMemo(() => URL.createObjectURL(recording.file), [recording.file]);
  useEffect(() => () => URL.revokeObjectURL(src), [src]);
  const seekable = mediaDuration !== null && Number.isFinite(mediaDuration);
  const bySubject = useMemo(
    () =>
      subjects.map((subject) => ({
        subject,
        samples: samplesOnRecording(
          samples.filter((s) => s.subjectId === subject.id),
          recording.startedAt,
          seekable ? mediaDuration! : Infinity,
        ),
      })),
    [subjects, samples, recording.startedAt, mediaDuration, seekable],
  );
  const duration = seekable ? mediaDuration! : fallbackDuration(bySubject.map((b) => b.samples));
  const shown = bySubject.filter((b) => b.samples.length > 0);
  const seek = (e: MouseEvent) => {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const to = Math.max(0, Math.min(duration, ((e.clientX - box.left) / box.width) * duration));
    if (video.current && seekable) video.current.currentTime = to;
    setT(to);
  };
  const fileName = `meeting-${meetingId.slice(0, 8)}-${new Date(recording.startedAt).toISOString().replace(/[:.]/g, '-')}.webm`;
  const onTime = (e: Event) => setT((e.currentTarget as HTMLVideoElement).currentTime);
  return (
    <figure class="stack" data-testid="recording" data-name={recording.name} data-started-at={recording.startedAt} style={{ margin: 0 }}>
      <video
        ref={video}
        src={src}
        controls
        preload="metadata"
        style={{ width: '100%', borderRadius: '6px', background: '#000' }}
        aria-label={t('record.playerLabel', { time: formatClockTime(recording.startedAt) })}
        data-testid="recording-video"
        onLoadedMetadata={(e) => setMediaDuration((e.currentTarget as HTMLVideoElement).duration)}
        onTimeUpdate={onTime}
        onSeeked={onTime}
      />
      <figcaption class="small muted">
        {t('record.recordingAt', { time: formatClockTime(recording.startedAt), duration: formatDuration(duration), size: formatSize(recording.file.size) })}
        {mediaDuration !== null && !seekable && <> · {t('record.notSeekable')}</>}
      </figcaption>
      {shown.map(({ subject, samples: own }) => {
        const now = sampleAt(own, t0);
        const words = readingWords(now);
        return (
          <div class="stack" key={subject.id} style={{ gap: '2px' }}>
            <span class="small" data-testid="recording-reading" data-subject-id={subject.id} data-emotion={now?.fused?.dominant ?? ''}>
              {subjectName(subject)} · {words ? t('record.readingNow', { time: formatClock(t0), reading: words }) : t('record.noReadingNow', { time: formatClock(t0) })}
            </span>
            <div
              onClick={seek}
              title={t('record.seekHint')}
              data-testid="recording-strip"
              data-subject-id={subject.id}
              style={{ position: 'relative', height: '14px', borderRadius: '4px', background: 'rgba(127,127,127,0.2)', cursor: 'pointer', overflow: 'hidden' }}
            >
              {own.map((s) =>
                s.fused ? (
                  <div
                    key={s.t}
                    style={{
                      position: 'absolute',
                      top: 0,
                      bottom: 0,
                      left: `${(100 * Math.max(0, s.tMedia - 1)) / duration}%`,
                      width: `${100 / duration}%`,
                      background: EMOTION_STYLE[s.fused.dominant].color,
                      opacity: 0.35 + 0.65 * s.fused.confidence,
                    }}
                  />
                ) : null,
              )}
              <div data-testid="recording-playhead" style={{ position: 'absolute', top: 0, bottom: 0, width: '2px', background: 'currentColor', left: `${(100 * Math.min(t0, duration)) / duration}%` }} />
            </div>
          </div>
        );
      })}
      <a class="button small" href={src} download={fileName} data-testid="recording-download">
        {t('record.download')}
      </a>
    </figure>
  );
}

const formatClockTime = (epochMs: number) => new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
