import { useEffect, useState } from 'preact/hooks';

export type MediaPermissionState = PermissionState | 'unknown';

/**
 * Live permission state of camera and microphone for this extension page. `unknown` where the
 * Permissions API cannot be asked (older browsers); the grant button still works there.
 */
export function useMediaPermissions(): { camera: MediaPermissionState; microphone: MediaPermissionState } {
  const [camera, setCamera] = useState<MediaPermissionState>('unknown');
  const [microphone, setMicrophone] = useState<MediaPermissionState>('unknown');

  useEffect(() => {
    const cleanups: (() => void)[] = [];
    const watch = (name: 'camera' | 'microphone', set: (s: MediaPermissionState) => void) => {
      navigator.permissions
        ?.query({ name: name as PermissionName })
        .then((status) => {
          set(status.state);
          const onChange = () => set(status.state);
          status.addEventListener('change', onChange);
          cleanups.push(() => status.removeEventListener('change', onChange));
        })
        .catch(() => set('unknown'));
    };
    watch('camera', setCamera);
    watch('microphone', setMicrophone);
    return () => cleanups.forEach((c) => c());
  }, []);

  return { camera, microphone };
}
