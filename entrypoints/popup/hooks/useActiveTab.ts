import { useEffect, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';

/** The tab the popup was opened over; `undefined` while loading, `null` if there is none. */
export function useActiveTab(): Browser.tabs.Tab | null | undefined {
  const [tab, setTab] = useState<Browser.tabs.Tab | null | undefined>(undefined);
  useEffect(() => {
    browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([active]) => setTab(active ?? null))
      .catch(() => setTab(null));
  }, []);
  return tab;
}
