import { useState } from 'preact/hooks';
import { missingDeviceSentence, type MediaOutcome } from '../../../src/ui/media-access';
import { requestCameraAndMicrophone } from '../request-media';
import { t } from '../../../src/ui/i18n';
import { useMediaPermissions, type MediaPermissionState } from '../useMediaPermissions';

const STATE_KEY = {
  granted: 'welcome.media.granted',
  denied: 'welcome.media.denied',
  prompt: 'welcome.media.prompt',
  unknown: 'welcome.media.unknown',
} as const satisfies Record<MediaPermissionState, string>;

/** One-click camera and microphone grant, the current permission state, and how to unblock. */
export function MediaAccess() {
  const { camera, microphone } = useMediaPermissions();
  const [outcome, setOutcome] = useState<MediaOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const grant = async () => {
    setBusy(true);
    try {
      setOutcome(await requestCameraAndMicrophone());
    } finally {
      setBusy(false);
    }
  };

  const bothGranted = camera === 'granted' && microphone === 'granted';
  const showUnblock = outcome?.kind === 'denied' || camera === 'denied' || microphone === 'denied';

  return (
    <section class="card stack" aria-labelledby="media-title">
      <h2 id="media-title">{t('welcome.media.title')}</h2>
      <p>{t('welcome.media.text')}</p>
      <div class="row wrap">
        <button type="button" class="primary" onClick={grant} disabled={busy} data-testid="grant-media">
          {bothGranted ? t('welcome.media.checkAgain') : t('welcome.media.allow')}
        </button>
        <span class="small" data-testid="media-state" data-camera={camera} data-microphone={microphone} aria-live="polite">
          {t('welcome.media.state', { camera: t(STATE_KEY[camera]), microphone: t(STATE_KEY[microphone]) })}
        </span>
      </div>

      {outcome?.kind === 'granted' && <p class="ok-text small">{t('welcome.media.allowed')}</p>}
      {outcome?.kind === 'not-found' && (
        <p class="warn-text small" role="alert">
          {missingDeviceSentence(outcome.camera, outcome.microphone)}
        </p>
      )}
      {outcome?.kind === 'in-use' && (
        <p class="warn-text small" role="alert">
          {t('welcome.media.inUse')}
        </p>
      )}
      {outcome?.kind === 'error' && (
        <p class="danger-text small" role="alert">
          {t('welcome.media.error', { error: outcome.message })}
        </p>
      )}
      {showUnblock && <UnblockSteps />}
    </section>
  );
}

function UnblockSteps() {
  return (
    <div class="notice stack small" role="alert" data-testid="unblock-steps">
      <strong>{t('welcome.media.unblockTitle')}:</strong>
      <ol>
        <li>{t('welcome.media.unblock1')}</li>
        <li>{t('welcome.media.unblock2')}</li>
        <li>{t('welcome.media.unblock3')}</li>
      </ol>
    </div>
  );
}
