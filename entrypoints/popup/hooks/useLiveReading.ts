import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Message } from '../../../src/messaging/protocol';
import { sessionReadingSchema } from '../../../src/core/schemas';
import type { SessionReading } from '../../../src/core/types';

const REFRESH_MS = 1000;

/** The background answers with a reading or null; anything that does not validate is ignored. */
function asReading(value: unknown): SessionReading | null {
  const parsed = sessionReadingSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Polls the background once a second for the tab's latest reading. Polling rather than
 * listening keeps the popup simple: it lives only while open and the background keeps the latest.
 */
export function useLiveReading(tabId: number | undefined) {
  const [reading, setReading] = useState<SessionReading | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    if (tabId === undefined) return;
    try {
      const message: Message = { type: 'ui/get-live', tabId };
      setReading(asReading(await browser.runtime.sendMessage(message)));
      setError(null);
    } catch (e) {
      setReading(null);
      setError(String((e as Error)?.message ?? e));
    } finally {
      setLoaded(true);
    }
  }, [tabId]);

  useEffect(() => {
    if (tabId === undefined) return;
    void refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh, tabId]);

  const togglePause = useCallback(async () => {
    const message: Message = { type: 'ui/toggle-pause' };
    await browser.runtime.sendMessage(message).catch(() => undefined);
    await refresh();
  }, [refresh]);

  return { reading, loaded, error, togglePause };
}
