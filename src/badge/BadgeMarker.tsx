import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { MessageOf, ResponseMap } from '../messaging/protocol';
import { MARKER_NOTE_MAX } from '../storage/marker';
import { formatClock } from '../ui/format';
import { t } from '../ui/i18n';

type Sent = (message: MessageOf<'ui/add-marker'>) => Promise<ResponseMap['ui/add-marker'] | undefined>;

const sendToWorker: Sent = (message) => browser.runtime.sendMessage(message) as Promise<ResponseMap['ui/add-marker'] | undefined>;

/**
 * "Mark this moment" on the badge: a button that opens a one-line note field; Enter adds the
 * marker to this tab's live meeting (the worker names the meeting and the time), Escape closes.
 * Keys typed in the field stay in it: a call page's shortcuts (M mutes in Meet) never see them.
 */
export function BadgeMarker({ send = sendToWorker }: { send?: Sent }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  // the confirmation goes after a while: the badge stays small
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(''), 6000);
    return () => clearTimeout(timer);
  }, [status]);

  const close = () => {
    setOpen(false);
    setNote('');
    // focus goes back where it came from
    setTimeout(() => opener.current?.focus(), 0);
  };

  const add = async () => {
    const answer = await send({ type: 'ui/add-marker', note: note.trim() }).catch((e) => ({ ok: false as const, error: String(e) }));
    if (answer?.ok) setStatus(t('marker.added', { time: formatClock(answer.tMedia) }));
    else setStatus(t('marker.failed', { error: answer?.error === 'no-live-meeting' || !answer ? t('marker.noLive') : answer.error }));
    close();
  };

  return (
    <div class="eo-marker" data-testid="badge-marker">
      {open ? (
        <form
          class="eo-marker-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <input
            ref={input}
            class="eo-marker-input"
            type="text"
            maxLength={MARKER_NOTE_MAX}
            value={note}
            aria-label={t('marker.note')}
            placeholder={t('marker.note')}
            data-testid="badge-marker-note"
            onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
            onKeyDown={(e) => {
              e.stopPropagation();
              if (e.key === 'Escape') close();
            }}
            onKeyUp={(e) => e.stopPropagation()}
            onKeyPress={(e) => e.stopPropagation()}
          />
          <button type="submit" class="eo-text-button" data-testid="badge-marker-save">
            {t('marker.save')}
          </button>
          <button type="button" class="eo-text-button" onClick={close}>
            {t('marker.cancel')}
          </button>
        </form>
      ) : (
        <button ref={opener} type="button" class="eo-text-button" onClick={() => setOpen(true)} title={t('marker.explain')} data-testid="badge-marker-open">
          <span aria-hidden="true">⚑ </span>
          {t('marker.addHere')}
        </button>
      )}
      <span class="eo-marker-status" role="status" data-testid="badge-marker-status">
        {status}
      </span>
    </div>
  );
}
