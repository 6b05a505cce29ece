import type { MeetingMarker } from '../../../src/storage/marker';
import { formatClock } from '../../../src/ui/format';
import { t } from '../../../src/ui/i18n';

interface Props {
  markers: readonly MeetingMarker[];
  /** The meeting's start: markers are listed by their time from it, as the timelines place them. */
  startedAt: number;
  onDelete?: (marker: MeetingMarker) => void;
  /** A line under the heading (the report says where the markers are drawn). */
  explanation?: string;
}

/** Seconds from the start of the meeting, as the timelines place it. */
export const markerOffset = (m: MeetingMarker, startedAt: number) => Math.max(0, (m.t - startedAt) / 1000);

/** The user's markers of one meeting: time and note, each removable. */
export function MarkerList({ markers, startedAt, onDelete, explanation }: Props) {
  return (
    <section class="stack small" data-testid="marker-list" aria-labelledby="markers-title">
      <h3 id="markers-title">{t('marker.title')}</h3>
      {explanation && <p class="muted">{explanation}</p>}
      {markers.length === 0 ? (
        <p class="muted">{t('marker.none')}</p>
      ) : (
        <ol class="markers">
          {markers.map((m) => {
            const time = formatClock(markerOffset(m, startedAt));
            return (
              <li key={m.t} class="spread" data-testid="marker-item" data-t={m.t}>
                <span>
                  <span aria-hidden="true">⚑ </span>
                  <span class="nowrap">{time}</span> · {m.note || <span class="muted">{t('marker.untitled')}</span>}
                </span>
                {onDelete && (
                  <button type="button" class="link small no-print" aria-label={t('marker.delete', { time })} onClick={() => onDelete(m)} data-testid="marker-delete">
                    ✕
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
