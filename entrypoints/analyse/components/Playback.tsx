import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { emotionLabel } from '../../../src/ui/wording';
import type { Sample, SubjectRef } from '../../../src/core/types';
import { EMOTION_STYLE } from '../../../src/ui/emotion-style';
import { formatPercent } from '../../../src/ui/format';
import type { AnalysedFrame } from '../../../src/files/analyse-file';
import { frameAt, sampleAt } from '../../../src/files/playback';

interface PlaybackProps {
  file: File;
  samples: readonly Sample[];
  subjects: readonly SubjectRef[];
  frames: readonly AnalysedFrame[];
  durationSeconds: number;
  faceIntervalMs: number;
}

const reading = (s: Sample | null) =>
  s?.fused ? `${EMOTION_STYLE[s.fused.dominant].emoji} ${emotionLabel(s.fused.dominant)} ${formatPercent(s.fused.confidence)}` : '–';

/** The file played back with each subject's reading over it, and a strip per subject that seeks the video. */
export function Playback({ file, samples, subjects, frames, durationSeconds, faceIntervalMs }: PlaybackProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [t, setT] = useState(0);
  // the player takes the video's shape, so the overlay's percentages land on the picture (no letterbox)
  const [aspect, setAspect] = useState(frames[0] ? frames[0].width / Math.max(1, frames[0].height) : 16 / 9);
  const src = useMemo(() => URL.createObjectURL(file), [file]);
  useEffect(() => () => URL.revokeObjectURL(src), [src]);
  const bySubject = useMemo(
    () => new Map(subjects.map((s) => [s.id, samples.filter((x) => x.subjectId === s.id).sort((a, b) => a.tMedia - b.tMedia)])),
    [samples, subjects],
  );
  const frame = frameAt(frames, t, Math.max(0.5, (1.5 * faceIntervalMs) / 1000));
  const seek = (e: MouseEvent) => {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const to = Math.max(0, Math.min(durationSeconds, ((e.clientX - box.left) / box.width) * durationSeconds));
    if (video.current) video.current.currentTime = to;
    setT(to);
  };
  const faceIds = new Set(frame?.faces.map((f) => f.subjectId) ?? []);
  return (
    <section class="card stack" data-testid="playback">
      <div class="player" style={{ aspectRatio: String(aspect), width: `min(100%, ${Math.round(480 * aspect)}px)` }}>
        <video
          ref={video}
          src={src}
          controls
          onLoadedMetadata={(e) => {
            const v = e.currentTarget as HTMLVideoElement;
            if (v.videoWidth > 0 && v.videoHeight > 0) setAspect(v.videoWidth / v.videoHeight);
          }} data-testid="playback-video" onTimeUpdate={(e) => setT((e.currentTarget as HTMLVideoElement).currentTime)} onSeeked={(e) => setT((e.currentTarget as HTMLVideoElement).currentTime)} />
        <div class="overlay" data-testid="overlay">
          {frame?.faces.map((f) => {
            const s = sampleAt(bySubject.get(f.subjectId) ?? [], t);
            const color = s?.fused ? EMOTION_STYLE[s.fused.dominant].color : '#fff';
            const pct = (v: number, of: number) => `${(100 * v) / of}%`;
            return (
              <div key={f.subjectId}>
                <div class="face-box" style={{ left: pct(f.box.x, frame.width), top: pct(f.box.y, frame.height), width: pct(f.box.width, frame.width), height: pct(f.box.height, frame.height), '--box': color }} />
                <div class="face-label" data-testid="face-label" style={{ left: pct(f.box.x, frame.width), top: pct(f.box.y + f.box.height, frame.height) }}>
                  {subjects.find((x) => x.id === f.subjectId)?.label ?? f.subjectId}: {reading(s)}
                </div>
              </div>
            );
          })}
          {subjects
            .filter((s) => !faceIds.has(s.id) && sampleAt(bySubject.get(s.id) ?? [], t)?.readings.voice)
            .slice(0, 1)
            .map((s) => (
              <div class="speaker-label" key={s.id} data-testid="speaker-label">
                🔊 {s.label ?? s.id}: {reading(sampleAt(bySubject.get(s.id) ?? [], t))}
              </div>
            ))}
        </div>
      </div>
      {subjects.map((s) => (
        <div class="strip-row" key={s.id}>
          <span class="small">{s.label ?? s.id}</span>
          <div class="strip" onClick={seek} data-testid="seek-strip" data-subject-id={s.id} title="Click to jump the video there">
            {(bySubject.get(s.id) ?? []).map((x) =>
              x.fused ? (
                <div
                  key={x.tMedia}
                  class="cell"
                  style={{
                    left: `${(100 * Math.floor(x.tMedia - 1e-6)) / durationSeconds}%`,
                    width: `${100 / durationSeconds}%`,
                    background: EMOTION_STYLE[x.fused.dominant].color,
                    opacity: 0.35 + 0.65 * x.fused.confidence,
                  }}
                />
              ) : null,
            )}
            <div class="playhead" style={{ left: `${(100 * t) / Math.max(1e-6, durationSeconds)}%` }} />
          </div>
        </div>
      ))}
    </section>
  );
}
