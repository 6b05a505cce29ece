import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Settings } from '../settings/schema';
import { loadSettings, saveSettings, watchSettings } from '../settings/store';

/**
 * The stored settings, kept current across contexts (a change in the welcome page shows in an
 * open popup), and a `save` that patches them. `null` until the first load.
 */
export function useSettings(): { settings: Settings | null; save: (patch: Partial<Settings>) => Promise<Settings>; error: string | null } {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const stop = new AbortController();
    loadSettings()
      .then((s) => !stop.signal.aborted && setSettings(s))
      .catch((e) => setError(String(e?.message ?? e)));
    watchSettings((s) => setSettings(s), stop.signal);
    return () => stop.abort();
  }, []);

  const save = useCallback(async (patch: Partial<Settings>) => {
    try {
      const stored = await saveSettings(patch);
      setSettings(stored);
      setError(null);
      return stored;
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
      throw e;
    }
  }, []);

  return { settings, save, error };
}
