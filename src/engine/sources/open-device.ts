import type { TrackInfo } from '../../core/schemas';
import type { ModalityState } from '../../core/types';
import { TEST_BUILD } from '../../build-flags';
import { deviceErrorKind } from '../../core/device-errors';

/**
 * `busy`: the device exists and the user allowed it, but it could not be opened now (another
 * user holds it): the only case where the page's own media may be relayed instead. A refusal
 * ('blocked') is the user's final word and is never worked around.
 */
export type OpenResult = { stream: MediaStream; state: 'ok' } | { stream: null; state: ModalityState; message: string; busy?: boolean };

/**
 * Test builds only: the next n opens of a kind fail as a busy device does (NotReadableError),
 * since there is no busy fake camera. Set from `engine/start` (the worker reads storage.local
 * `testHooks`); a release build ignores it.
 */
export const testHooks: { busy: Partial<Record<TrackInfo['kind'], number>> } = { busy: {} };

function testBusyHook(kind: TrackInfo['kind']): boolean {
  const left = testHooks.busy[kind] ?? 0;
  if (left <= 0) return false;
  testHooks.busy[kind] = left - 1;
  return true;
}

/** How long to wait for the device list before opening the default device. */
const ENUMERATE_TIMEOUT_MS = 1000;

/**
 * Opens, from the extension's own origin, the device the page opened. Device ids are salted per
 * origin, so the page's id is useless here: match by label, and fall back to the default device.
 */
export async function openMatchingDevice(track: TrackInfo, signal: AbortSignal): Promise<OpenResult> {
  const kind = track.kind === 'video' ? 'videoinput' : 'audioinput';
  let deviceId: string | undefined;
  try {
    // Firefox answers only a focused document, which its background page never is: default device then
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unanswered = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('enumerateDevices unanswered')), ENUMERATE_TIMEOUT_MS)));
    const devices = await Promise.race([navigator.mediaDevices.enumerateDevices(), unanswered]).finally(() => clearTimeout(timer));
    deviceId = devices.find((d) => d.kind === kind && d.label === track.label)?.deviceId || undefined;
  } catch {
    // enumerate can fail before the first grant; the default device is still worth a try
  }
  const constraints: MediaStreamConstraints =
    track.kind === 'video'
      ? { video: { deviceId: deviceId ? { exact: deviceId } : undefined, width: { ideal: 640 }, height: { ideal: 480 } } }
      : {
          // Keep the voice as it is: the model was trained on unprocessed speech.
          audio: { deviceId: deviceId ? { exact: deviceId } : undefined, echoCancellation: false, autoGainControl: false, noiseSuppression: false },
        };
  try {
    if (TEST_BUILD && testBusyHook(track.kind)) throw new DOMException('Could not start video source (test hook)', 'NotReadableError');
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    if (signal.aborted) {
      stream.getTracks().forEach((t) => t.stop());
      return { stream: null, state: 'off', message: 'stopped' };
    }
    return { stream, state: 'ok' };
  } catch (error) {
    const what = track.kind === 'video' ? 'camera' : 'microphone';
    const kind = deviceErrorKind(error);
    if (kind === 'denied') return { stream: null, state: 'blocked', message: `The extension may not use the ${what}: allow it on the welcome page.` };
    if (kind === 'not-found') return { stream: null, state: 'device-lost', message: `The ${what} "${track.label}" is not available.` };
    if (kind === 'in-use') return { stream: null, state: 'device-lost', message: `The ${what} is busy or was unplugged.`, busy: true };
    return { stream: null, state: 'error', message: `Could not open the ${what}: ${String(error)}` };
  }
}
