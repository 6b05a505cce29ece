import { useState } from 'preact/hooks';
import type { Settings } from '../../../src/settings/schema';
import type { Meeting, MeetingSubject, Sample } from '../../../src/core/types';
import type { StoredUtterance } from '../../../src/engine/engine-host';
import { meetingToJson } from '../../../src/export/json';
import { meetingToCsv } from '../../../src/export/csv';
import { exportFilename } from '../../../src/export/filename';
import { downloadText } from '../download';
import { pseudonymise } from '../../../src/export/pseudonyms';

type Include = Settings['exportInclude'];

interface ExportControlsProps {
  meeting: Meeting;
  subjects: readonly MeetingSubject[];
  samples: readonly Sample[];
  /** The captions' words, when the user chose to keep them. */
  utterances: readonly StoredUtterance[];
  include: Include;
  onIncludeChange: (include: Include) => void;
  pseudonyms: boolean;
  onPseudonymsChange: (on: boolean) => void;
}

const STREAM_LABELS: Record<keyof Include, string> = { face: 'Face', voice: 'Voice', text: 'Text', fused: 'Fused' };

/** Which streams to export (remembered in settings) and the two download buttons. */
export function ExportControls({ meeting, subjects, samples, utterances, include, onIncludeChange, pseudonyms, onPseudonymsChange }: ExportControlsProps) {
  const records = () => (pseudonyms ? pseudonymise({ subjects, samples, utterances }) : { subjects, samples, utterances });
  const hasOthers = subjects.some((s) => s.kind !== 'self');
  const [error, setError] = useState<string | null>(null);
  const nothingSelected = !include.face && !include.voice && !include.text && !include.fused;

  const run = (make: () => string, ext: 'json' | 'csv', mime: string) => {
    setError(null);
    try {
      downloadText(make(), exportFilename(meeting, ext), mime);
    } catch (e) {
      setError(`Export failed: ${String((e as Error)?.message ?? e)}`);
    }
  };

  return (
    <div class="stack">
      <fieldset class="include row small">
        <legend class="muted">Include</legend>
        {(Object.keys(STREAM_LABELS) as (keyof Include)[]).map((stream) => (
          <label key={stream} class="row">
            <input
              type="checkbox"
              checked={include[stream]}
              data-testid={`export-include-${stream}`}
              onChange={(e) => onIncludeChange({ ...include, [stream]: (e.currentTarget as HTMLInputElement).checked })}
            />
            {STREAM_LABELS[stream]}
          </label>
        ))}
      </fieldset>
      {hasOthers && (
        <label class="row small">
          <input
            type="checkbox"
            checked={pseudonyms}
            data-testid="export-pseudonyms"
            onChange={(e) => onPseudonymsChange((e.currentTarget as HTMLInputElement).checked)}
          />
          Replace the other people’s names by “Participant N”
        </label>
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={nothingSelected}
          data-testid="export-json"
          onClick={() => run(() => meetingToJson(meeting, records().subjects, records().samples, include, records().utterances), 'json', 'application/json')}
        >
          Export JSON
        </button>
        <button
          type="button"
          disabled={nothingSelected}
          data-testid="export-csv"
          onClick={() => run(() => meetingToCsv(meeting, records().subjects, records().samples, include), 'csv', 'text/csv')}
        >
          Export CSV
        </button>
      </div>
      {nothingSelected && <p class="small muted">Choose at least one stream to export.</p>}
      {error && <p class="small danger-text" role="alert">{error}</p>}
    </div>
  );
}
