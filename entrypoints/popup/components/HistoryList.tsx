import type { Meeting } from '../../../src/core/types';
import { meetingEnd } from '../../../src/storage/meetings';
import { formatDateTime, formatDuration } from '../../../src/ui/format';
import { ConfirmButton } from './ConfirmButton';
import { DominantChips } from './DominantChips';
import { siteLabel } from '../site-label';

interface HistoryListProps {
  meetings: Meeting[] | null;
  error: string | null;
  onOpen: (id: string) => void;
  onDeleteAll: () => Promise<void>;
}

/** One row per stored meeting, newest first; a row opens the meeting's detail. */
export function HistoryList({ meetings, error, onOpen, onDeleteAll }: HistoryListProps) {
  return (
    <section class="card stack" aria-labelledby="history-title">
      <div class="spread">
        <h2 id="history-title">History</h2>
        {meetings && meetings.length > 0 && (
          <ConfirmButton question="Delete every meeting?" confirmLabel="Delete all" onConfirm={onDeleteAll} testId="delete-all">
            Delete all history
          </ConfirmButton>
        )}
      </div>
      {error && <p class="small danger-text" role="alert">{error}</p>}
      {meetings === null && !error && <p class="small muted">Loading…</p>}
      {meetings?.length === 0 && <p class="small muted" data-testid="history-empty">No meetings recorded yet. They appear here after a call.</p>}
      {meetings && meetings.length > 0 && (
        <ul class="meetings">
          {meetings.map((m) => (
            <li key={m.id}>
              <button type="button" class="meeting-item" data-testid="meeting-item" data-meeting-id={m.id} onClick={() => onOpen(m.id)}>
                <span class="spread">
                  <span class="meeting-title">{m.title || siteLabel(m.site)}</span>
                  <span class="muted small nowrap">{formatDuration((meetingEnd(m) - m.startedAt) / 1000)}</span>
                </span>
                <span class="spread small">
                  <span class="muted">
                    {siteLabel(m.site)} · {formatDateTime(m.startedAt)}
                    {m.othersAnalysed && <span class="danger-text"> · others analysed</span>}
                    {m.endedAt === null && <span data-testid="in-progress"> · in progress</span>}
                  </span>
                  <DominantChips dominantSeconds={m.dominantSeconds} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
