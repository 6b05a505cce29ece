import { REMOTE_DISCLOSURE_PARAGRAPHS, REMOTE_DISCLOSURE_TITLE } from '../ui/disclosure';

/**
 * Always-visible notice that other people are being analysed (EU AI Act art. 50(3)), with the
 * disclosure text one click away. It cannot be hidden while others are analysed.
 */
export function RemoteIndicator({ count }: { count: number }) {
  return (
    <div class="eo-remote" role="note" data-testid="badge-remote" data-count={count}>
      <div class="eo-remote-line">
        {REMOTE_DISCLOSURE_TITLE}
        {count > 0 ? ` (${count})` : ''}
      </div>
      <details>
        <summary>What this means</summary>
        <div class="eo-remote-text">
          {REMOTE_DISCLOSURE_PARAGRAPHS.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </div>
      </details>
    </div>
  );
}
