/**
 * The tap's reports come from the page's world, which any script on the page can forge. The
 * extension acts on a reported track only if the page itself could hold it: the page's origin was
 * not denied that kind of device, and a device of that label is visible to the page (browsers show
 * device labels only to an origin that was allowed the device or is capturing it). A page that was
 * denied the camera, or one that invents a label, starts nothing.
 */
import type { TrackInfo } from '../core/schemas';

const PERMISSION: Record<TrackInfo['kind'], string> = { video: 'camera', audio: 'microphone' };
const DEVICE_KIND: Record<TrackInfo['kind'], MediaDeviceKind> = { video: 'videoinput', audio: 'audioinput' };

export interface ConfirmEnv {
  permissionState(name: string): Promise<PermissionState | 'unknown'>;
  devices(): Promise<Pick<MediaDeviceInfo, 'kind' | 'label'>[]>;
}

/**
 * The checks as the document of `win` sees them: a same-origin frame's tracks are confirmed by that
 * frame. Firefox shows device labels only to a document that captured (the frame that called
 * getUserMedia, not its parent), Chromium to the whole origin.
 */
export function confirmEnvOf(win: Window): ConfirmEnv {
  return {
    async permissionState(name) {
      try {
        return (await win.navigator.permissions.query({ name: name as PermissionName })).state;
      } catch {
        return 'unknown';
      }
    },
    async devices() {
      try {
        return await win.navigator.mediaDevices.enumerateDevices();
      } catch {
        return []; // no devices API, or the frame is gone (a dead object in Firefox)
      }
    },
  };
}

/** The reported tracks the page can really hold. */
export async function confirmTracks(tracks: TrackInfo[], env: ConfirmEnv = confirmEnvOf(window)): Promise<TrackInfo[]> {
  if (tracks.length === 0) return [];
  const [devices, ...states] = await Promise.all([
    env.devices(),
    ...(['video', 'audio'] as const).map((k) => env.permissionState(PERMISSION[k])),
  ]);
  const granted = { video: states[0] !== 'denied', audio: states[1] !== 'denied' };
  return tracks.filter((t) => granted[t.kind] && t.label !== '' && devices.some((d) => d.kind === DEVICE_KIND[t.kind] && d.label === t.label));
}
