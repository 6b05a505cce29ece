import { useEffect, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { TEST_BUILD } from '../../../src/build-flags';

/**
 * The tab the popup was opened over; `undefined` while loading, `null` if there is none. A test
 * build opened as a page with `?tab=<id>` shows that tab instead (a test cannot open the real
 * action popup over a call tab).
 */
export function useActiveTab(): Browser.tabs.Tab | null | undefined {
  const [tab, setTab] = useState<Browser.tabs.Tab | null | undefined>(undefined);
  useEffect(() => {
    const forced = TEST_BUILD ? Number(new URLSearchParams(location.search).get('tab')) : NaN;
    const found = Number.isInteger(forced) && forced > 0 ? browser.tabs.get(forced).then((t) => [t]) : browser.tabs.query({ active: true, currentWindow: true });
    found.then(([active]) => setTab(active ?? null)).catch(() => setTab(null));
  }, []);
  return tab;
}
