import { errorName, outcomeFromError, type MediaOutcome } from '../../src/ui/media-access';
import { t } from '../../src/ui/i18n';

/** Opens the devices only to get the permission prompt answered, then releases them at once. */
async function openAndRelease(constraints: MediaStreamConstraints): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia(constraints);
  stream.getTracks().forEach((track) => track.stop());
}

/**
 * Asks for camera and microphone on this extension page. The offscreen document that runs the
 * analysis shares this origin's permission but cannot show a prompt itself, so it is primed here.
 * When one device is missing, asks for each alone to find out which analysis can still run.
 */
export async function requestCameraAndMicrophone(): Promise<MediaOutcome> {
  if (!navigator.mediaDevices?.getUserMedia) return { kind: 'error', message: t('welcome.media.noCamera') };
  try {
    await openAndRelease({ video: true, audio: true });
    return { kind: 'granted', camera: true, microphone: true };
  } catch (error) {
    const outcome = outcomeFromError(error);
    if (outcome.kind !== 'not-found') return outcome;
  }
  const tryAlone = async (constraints: MediaStreamConstraints): Promise<boolean | MediaOutcome> => {
    try {
      await openAndRelease(constraints);
      return true;
    } catch (error) {
      return errorName(error) === 'NotFoundError' || errorName(error) === 'OverconstrainedError' ? false : outcomeFromError(error);
    }
  };
  const camera = await tryAlone({ video: true });
  if (typeof camera !== 'boolean') return camera;
  const microphone = await tryAlone({ audio: true });
  if (typeof microphone !== 'boolean') return microphone;
  return { kind: 'not-found', camera, microphone };
}
