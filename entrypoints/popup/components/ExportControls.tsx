import { useState } from 'preact/hooks';
import type { Settings } from '../../../src/settings/schema';
import type { Meeting, MeetingSubject, Sample } from '../../../src/core/types';
import type { StoredUtterance } from '../../../src/engine/engine-host';
import type { MeetingMarker } from '../../../src/storage/marker';
import { meetingToJson } from '../../../src/export/json';
import { meetingToCsv } from '../../../src/export/csv';
import { exportFilename } from '../../../src/export/filename';
import { downloadText } from '../download';
import { pseudonymise } from '../../../src/export/pseudonyms';
import { t } from '../../../src/ui/i18n';

type Include = Settings['exportInclude'];

interface ExportControlsProps {
  meeting: Meeting;
  subjects: readonly MeetingSubject[];
  samples: readonly Sample[];
  /** The captions' words, when the user chose to keep them. */
  utterances: readonly StoredUtterance[];
  /** The user's markers and notes (exported when `include.markers`). */
  markers?: readonly MeetingMarker[];
  include: Include;
  onIncludeChange: (include: Include) => void;
  pseudonyms: boolean;
  onPseudonymsChange: (on: boolean) => void;
}

const STREAM_LABEL_KEYS = {
  face: 'common.face',
  voice: 'common.voice',
  text: 'common.text',
  fused: 'common.fused',
  markers: 'marker.export',
} as const satisfies Record<keyof Include, string>;

/** Which streams to export (remembered in settings) and the two download buttons. */
export function ExportControls({ meeting, subjects, samples, utterances, markers = [], include, onIncludeChange, pseudonyms, onPseudonymsChange }: ExportControlsProps) {
  const records = () => (pseudonyms ? pseudonymise({ subjects, samples, utterances }) : { subjects, samples, utterances });
  const hasOthers = subjects.some((s) => s.kind !== 'self');
  const [error, setError] = useState<string | null>(null);
  const nothingSelected = !include.face && !include.voice && !include.text && !include.fused;

  const run = (make: () => string, ext: 'json' | 'csv', mime: string) => {
    setError(null);
    try {
      downloadText(make(), exportFilename(meeting, ext), mime);
    } catch (e) {
      setError(t('popup.export.failed', { error: String((e as Error)?.message ?? e) }));
    }
  };

  return (
    <div class="stack">
      <fieldset class="include row small">
        <legend class="muted">{t('popup.export.include')}</legend>
        {(Object.keys(STREAM_LABEL_KEYS) as (keyof Include)[]).map((stream) => (
          <label key={stream} class="row">
            <input
              type="checkbox"
              checked={include[stream]}
              data-testid={`export-include-${stream}`}
              onChange={(e) => onIncludeChange({ ...include, [stream]: (e.currentTarget as HTMLInputElement).checked })}
            />
            {t(STREAM_LABEL_KEYS[stream])}
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
          {t('popup.export.pseudonyms')}
        </label>
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={nothingSelected}
          data-testid="export-json"
          onClick={() => run(() => meetingToJson(meeting, records().subjects, records().samples, include, records().utterances, markers), 'json', 'application/json')}
        >
          {t('popup.export.json')}
        </button>
        <button
          type="button"
          disabled={nothingSelected}
          data-testid="export-csv"
          onClick={() => run(() => meetingToCsv(meeting, records().subjects, records().samples, include, markers), 'csv', 'text/csv')}
        >
          {t('popup.export.csv')}
        </button>
      </div>
      {nothingSelected && <p class="small muted">{t('popup.export.chooseOne')}</p>}
      {error && <p class="small danger-text" role="alert">{error}</p>}
    </div>
  );
}
