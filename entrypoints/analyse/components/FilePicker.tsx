import { useState } from 'preact/hooks';
import { clampFaceInterval, DEFAULT_FACE_INTERVAL_MS, FACE_INTERVAL_LIMITS } from '../../../src/files/face-times';
import { SUPPORTED_FORMATS } from '../../../src/files/file-errors';
import { isSubtitleFile, MEDIA_ACCEPT, SUBTITLE_ACCEPT } from '../file-kinds';

interface FilePickerProps {
  disabled: boolean;
  media: File | null;
  subtitles: File | null;
  subtitleError: string | null;
  onMedia: (file: File | null) => void;
  onSubtitles: (file: File | null) => void;
  intervalMs: number;
  onInterval: (ms: number) => void;
  onStart: () => void;
}

/** A media file (and optional subtitles) by file input or drag-and-drop, the face interval, and Analyse. */
export function FilePicker(p: FilePickerProps) {
  const [over, setOver] = useState(false);
  const take = (files: FileList | null) => {
    for (const f of Array.from(files ?? [])) (isSubtitleFile(f) ? p.onSubtitles : p.onMedia)(f);
  };
  return (
    <section
      class={`card stack drop-zone${over ? ' over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!p.disabled) take(e.dataTransfer?.files ?? null);
      }}
    >
      <p>Drop a video or audio file here ({SUPPORTED_FORMATS}), or choose one.</p>
      <label class="row" style="justify-content:center">
        Media file
        <input type="file" accept={MEDIA_ACCEPT} disabled={p.disabled} data-testid="media-input" onChange={(e) => p.onMedia((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
      </label>
      <label class="row" style="justify-content:center">
        Subtitles (optional, VTT or SRT: their words are read too)
        <input type="file" accept={SUBTITLE_ACCEPT} disabled={p.disabled} data-testid="subtitle-input" onChange={(e) => p.onSubtitles((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
      </label>
      {p.subtitleError && <p class="small danger-text" role="alert" data-testid="subtitle-error">{p.subtitleError}</p>}
      <label class="row small" style="justify-content:center">
        Read faces every
        <input
          type="number"
          min={FACE_INTERVAL_LIMITS.min}
          max={FACE_INTERVAL_LIMITS.max}
          step={50}
          value={p.intervalMs}
          disabled={p.disabled}
          data-testid="face-interval"
          style="width:6em"
          onChange={(e) => p.onInterval(clampFaceInterval(Number((e.currentTarget as HTMLInputElement).value || DEFAULT_FACE_INTERVAL_MS)))}
        />
        ms of media time
      </label>
      <div>
        <button type="button" class="primary" disabled={p.disabled || !p.media} onClick={p.onStart} data-testid="start">
          Analyse {p.media ? `“${p.media.name}”` : ''}
          {p.subtitles ? ' with subtitles' : ''}
        </button>
      </div>
      <p class="small muted">The file is read on this device only; it is never uploaded or stored, only the readings are kept in your history.</p>
    </section>
  );
}
