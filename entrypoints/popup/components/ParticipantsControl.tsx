import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Message } from '../../../src/messaging/protocol';
import type { Settings } from '../../../src/settings/schema';
import type { Subject } from '../../../src/core/types';

interface Props {
  tabId: number;
  subject: Subject;
  settings: Settings;
  onOpenSettings: () => void;
}

/**
 * Switches the current call between analysing you and analysing the other participants (the call
 * tab's video and audio). Opt-in only: without the accepted disclosure it points to the settings.
 * The click here is what lets the extension capture the tab.
 */
export function ParticipantsControl({ tabId, subject, settings, onOpenSettings }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const allowed = settings.remoteAnalysis.enabled && settings.remoteAnalysis.disclosureAcceptedAt !== null;

  if (!allowed) {
    return (
      <p class="small muted" data-testid="participants-off">
        Only you are analysed. Analysing other participants is off{' '}
        <button type="button" class="link small" onClick={onOpenSettings}>
          (settings)
        </button>
        .
      </p>
    );
  }

  const toggle = async () => {
    setBusy(true);
    setError(null);
    const message: Message = { type: 'ui/analyse-participants', tabId, enable: subject !== 'remote' };
    const answer = (await browser.runtime.sendMessage(message).catch((e) => ({ ok: false, error: String(e) }))) as { ok: boolean; error?: string } | undefined;
    if (!answer?.ok) setError(answer?.error ?? 'The extension did not answer.');
    setBusy(false);
  };

  return (
    <div class="stack" data-testid="participants-control" data-subject={subject}>
      <button type="button" onClick={toggle} disabled={busy}>
        {subject === 'remote' ? 'Stop analysing participants: analyse me' : 'Analyse the other participants (this tab)'}
      </button>
      {subject === 'remote' && (
        <p class="small danger-text">The call's participants are being analysed. Make sure they have been told (EU AI Act art. 50(3)).</p>
      )}
      {error && (
        <p class="small danger-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
