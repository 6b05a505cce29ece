import { t } from '../ui/i18n';
import { remoteDisclosureParagraphs } from '../ui/disclosure';

/**
 * Always-visible notice that other people are being analysed (EU AI Act art. 50(3)), with the
 * disclosure text one click away. It cannot be hidden while others are analysed.
 */
export function RemoteIndicator({ count }: { count: number }) {
  return (
    <div class="eo-remote" role="note" data-testid="badge-remote" data-count={count}>
      <div class="eo-remote-line">{count > 0 ? t('badge.othersCount', { count: String(count) }) : t('badge.othersLine')}</div>
      <details>
        <summary>{t('badge.whatThisMeans')}</summary>
        <div class="eo-remote-text">
          {remoteDisclosureParagraphs().map((text) => (
            <p key={text}>{text}</p>
          ))}
        </div>
      </details>
    </div>
  );
}
