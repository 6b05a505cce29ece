import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Message, ResponseMap } from '../../../src/messaging/protocol';
import type { Settings } from '../../../src/settings/schema';
import { t } from '../../../src/ui/i18n';

interface Props {
  tabId: number;
  /** Others are analysed now, beside the user. */
  othersAnalysed: boolean;
  settings: Settings;
  onOpenSettings: () => void;
}

/**
 * Turns on or off the analysis of the other participants (their own received tracks, or else the
 * captured call tab), beside the user's own, in the same meeting. Opt-in only: without the accepted
 * disclosure it points to the settings. Only the tab-capture fallback asks for the tabCapture
 * permission (optional, never asked up front), on the click.
 */
export function ParticipantsControl({ tabId, othersAnalysed, settings, onOpenSettings }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needsCapture, setNeedsCapture] = useState(false);
  const allowed = settings.remoteAnalysis.enabled && settings.remoteAnalysis.disclosureAcceptedAt !== null;

  if (!allowed) {
    return (
      <p class="small muted" data-testid="participants-off">
        {t('popup.participantsOff')}{' '}
        <button type="button" class="link small" onClick={onOpenSettings}>
          {t('popup.participantsOffLink')}
        </button>
        .
      </p>
    );
  }

  // The others' own tracks need no permission; only the tab-capture fallback does. The engine says
  // when it needs it, and the next click asks for it first (a permission request needs the click).
  const toggle = async () => {
    setBusy(true);
    setError(null);
    const enable = !othersAnalysed;
    if (enable && needsCapture && !(await browser.permissions.request({ permissions: ['tabCapture'] }).catch(() => false))) {
      setError(t('popup.participantsNeedsPermission'));
      setBusy(false);
      return;
    }
    const message: Message = { type: 'ui/analyse-participants', tabId, enable };
    const answer = (await browser.runtime.sendMessage(message).catch((e) => ({ ok: false, error: String(e) }))) as ResponseMap['ui/analyse-participants'] | undefined;
    if (answer?.needsTabCapture) {
      // within the same click if the browser still allows it; else the next click asks first
      setNeedsCapture(true);
      if (await browser.permissions.request({ permissions: ['tabCapture'] }).catch(() => false)) {
        const retry = (await browser.runtime.sendMessage(message).catch((e) => ({ ok: false, error: String(e) }))) as ResponseMap['ui/analyse-participants'] | undefined;
        if (!retry?.ok) setError(retry?.error ?? t('popup.noAnswer'));
        setBusy(false);
        return;
      }
    }
    if (!answer?.ok) setError(answer?.error ?? t('popup.noAnswer'));
    setBusy(false);
  };


  return (
    <div class="stack" data-testid="participants-control" data-others={String(othersAnalysed)}>
      <button type="button" onClick={toggle} disabled={busy}>
        {othersAnalysed ? t('popup.participantsStop') : t('popup.participantsStart')}
      </button>
      {othersAnalysed && (
        <p class="small danger-text">{t('popup.participantsNotice')}</p>
      )}
      {error && (
        <p class="small danger-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
