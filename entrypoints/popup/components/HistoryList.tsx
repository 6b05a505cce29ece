import type { Meeting } from '../../../src/core/types';
import { meetingEnd } from '../../../src/storage/meetings';
import { formatDateTime, formatDuration } from '../../../src/ui/format';
import { t } from '../../../src/ui/i18n';
import { ConfirmButton } from './ConfirmButton';
import { DominantChips } from './DominantChips';
import { siteLabel } from '../site-label';

interface HistoryListProps {
  meetings: Meeting[] | null;
  /** The meeting a call is writing now, in any tab (the worker's active call), if any. */
  liveMeetingId: string | null;
  error: string | null;
  onOpen: (id: string) => void;
  onDeleteAll: () => Promise<void>;
}

/** One row per stored meeting, newest first; a row opens the meeting's detail. */
export function HistoryList({ meetings, liveMeetingId, error, onOpen, onDeleteAll }: HistoryListProps) {
  return (
    <section class="card stack" aria-labelledby="history-title">
      <div class="spread">
        <h2 id="history-title">{t('popup.history.title')}</h2>
        {meetings && meetings.length > 0 && (
          <ConfirmButton question={t('popup.history.deleteAllQuestion')} confirmLabel={t('popup.history.deleteAllConfirm')} onConfirm={onDeleteAll} testId="delete-all">
            {t('popup.history.deleteAll')}
          </ConfirmButton>
        )}
      </div>
      {error && <p class="small danger-text" role="alert">{error}</p>}
      {meetings === null && !error && <p class="small muted">{t('common.loading')}</p>}
      {meetings?.length === 0 && <p class="small muted" data-testid="history-empty">{t('popup.history.empty')}</p>}
      {meetings && meetings.length > 0 && (
        <ul class="meetings">
          {meetings.map((m) => {
            const live = m.id === liveMeetingId && m.endedAt === null;
            return (
              <li key={m.id}>
                <button type="button" class="meeting-item" data-testid="meeting-item" data-meeting-id={m.id} data-live={String(live)} onClick={() => onOpen(m.id)}>
                  <span class="spread">
                    <span class="meeting-title">
                      {live && (
                        <span class="live-mark" data-testid="in-progress">
                          <span aria-hidden="true">● </span>
                          {t('popup.history.inProgress')}
                        </span>
                      )}
                      {m.title || siteLabel(m.site)}
                    </span>
                    <span class="muted small nowrap">{formatDuration((meetingEnd(m) - m.startedAt) / 1000)}</span>
                  </span>
                  <span class="spread small">
                    <span class="muted">
                      {siteLabel(m.site)} · {formatDateTime(m.startedAt)}
                      {m.othersAnalysed && <span class="danger-text"> · {t('popup.history.othersAnalysed')}</span>}
                      {m.endedAt === null && !live && <span> · {t('popup.detail.notEnded')}</span>}
                    </span>
                    <DominantChips dominantSeconds={m.dominantSeconds} />
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
