import { useState } from 'preact/hooks';
import { missingDeviceSentence, type MediaOutcome } from '../../../src/ui/media-access';
import { requestCameraAndMicrophone } from '../request-media';
import { useMediaPermissions, type MediaPermissionState } from '../useMediaPermissions';

const STATE_TEXT: Record<MediaPermissionState, string> = {
  granted: 'allowed',
  denied: 'blocked',
  prompt: 'not asked yet',
  unknown: 'unknown',
};

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
      <h2 id="media-title">Camera and microphone</h2>
      <p>
        The analysis runs in a hidden extension page that cannot ask for permission itself. Allow access once here; the
        camera and microphone are only opened while a call is being analysed.
      </p>
      <div class="row wrap">
        <button type="button" class="primary" onClick={grant} disabled={busy} data-testid="grant-media">
          {bothGranted ? 'Check camera and microphone again' : 'Allow camera and microphone'}
        </button>
        <span class="small" data-testid="media-state" data-camera={camera} data-microphone={microphone} aria-live="polite">
          Camera: <PermissionWord state={camera} /> · Microphone: <PermissionWord state={microphone} />
        </span>
      </div>

      {outcome?.kind === 'granted' && <p class="ok-text small">Access allowed. You can close this tab or adjust the settings below.</p>}
      {outcome?.kind === 'not-found' && (
        <p class="warn-text small" role="alert">
          {missingDeviceSentence(outcome.camera, outcome.microphone)}
        </p>
      )}
      {outcome?.kind === 'in-use' && (
        <p class="warn-text small" role="alert">
          The camera or microphone could not be opened; another application may be using it. Close it and try again.
        </p>
      )}
      {outcome?.kind === 'error' && (
        <p class="danger-text small" role="alert">
          Could not ask for access: {outcome.message}
        </p>
      )}
      {showUnblock && <UnblockSteps />}
    </section>
  );
}

function PermissionWord({ state }: { state: MediaPermissionState }) {
  const cls = state === 'granted' ? 'ok-text' : state === 'denied' ? 'danger-text' : 'muted';
  return <strong class={cls}>{STATE_TEXT[state]}</strong>;
}

function UnblockSteps() {
  return (
    <div class="notice stack small" role="alert" data-testid="unblock-steps">
      <strong>Access is blocked. To allow it:</strong>
      <ol>
        <li>
          Click the camera icon or the site-settings icon at the left of the address bar of <em>this</em> page, set Camera
          and Microphone to <strong>Allow</strong>, and reload this page.
        </li>
        <li>
          Or open <code>chrome://settings/content/camera</code> and <code>chrome://settings/content/microphone</code>, find
          Emotion Overlay under “Not allowed to use your camera / microphone”, change it to <strong>Allow</strong>, then
          reload this page.
        </li>
        <li>If your operating system blocks the browser from the camera or microphone, allow it in the system privacy settings too.</li>
      </ol>
    </div>
  );
}
