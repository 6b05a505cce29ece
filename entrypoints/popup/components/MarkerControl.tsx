import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { MessageOf, ResponseMap } from '../../../src/messaging/protocol';
import { MARKER_NOTE_MAX } from '../../../src/storage/marker';
import { formatClock } from '../../../src/ui/format';
import { t } from '../../../src/ui/i18n';

/** "Add a marker" for the live meeting of the popup's tab, with an optional note. */
export function MarkerControl({ tabId }: { tabId: number }) {
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async () => {
    setBusy(true);
    const message: MessageOf<'ui/add-marker'> = { type: 'ui/add-marker', tabId, note: note.trim() };
    try {
      const answer = (await browser.runtime.sendMessage(message)) as ResponseMap['ui/add-marker'] | undefined;
      if (answer?.ok) {
        setStatus({ ok: true, text: t('marker.added', { time: formatClock(answer.tMedia) }) });
        setNote('');
      } else {
        const error = !answer || answer.error === 'no-live-meeting' ? t('marker.noLive') : answer.error;
        setStatus({ ok: false, text: t('marker.failed', { error }) });
      }
    } catch (e) {
      setStatus({ ok: false, text: t('marker.failed', { error: String((e as Error)?.message ?? e) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="stack small"
      data-testid="popup-marker"
      aria-labelledby="marker-title"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <div class="row">
        <label id="marker-title" for="marker-note" class="sr-only">
          {t('marker.note')}
        </label>
        <input
          id="marker-note"
          type="text"
          class="grow"
          maxLength={MARKER_NOTE_MAX}
          placeholder={t('marker.note')}
          value={note}
          onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
          data-testid="popup-marker-note"
        />
        <button type="submit" disabled={busy} title={t('marker.explain')} data-testid="popup-marker-add">
          <span aria-hidden="true">⚑ </span>
          {t('marker.add')}
        </button>
      </div>
      <p class={status?.ok === false ? 'danger-text' : 'muted'} role="status" data-testid="popup-marker-status">
        {status?.text ?? ''}
      </p>
    </form>
  );
}
