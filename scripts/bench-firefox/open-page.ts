/** Firefox with the bench copy of the Firefox build, and its /bench-firefox.html open in the add-on's welcome tab. */
import type { Browser } from 'puppeteer-core';
import { launchFirefoxWithExtension } from '../../tests/support/firefox';
import { extensionTab, navigateExtensionTab, waitIn } from '../../tests/support/firefox-pages';
import { BENCH_PAGE, buildBenchFirefoxExtension } from './build-page';

export async function openFirefoxBenchPage(): Promise<{ browser: Browser; page: string }> {
  const extensionDir = await buildBenchFirefoxExtension('firefox');
  // Firefox rounds performance.now() to 1 ms (privacy.reduceTimerPrecision): the bench needs the full clock
  const browser = await launchFirefoxWithExtension({ extensionDir, prefs: { 'privacy.reduceTimerPrecision': false } });
  try {
    const page = await extensionTab(browser, '/welcome.html');
    await navigateExtensionTab(browser, page, BENCH_PAGE, 30_000);
    await waitIn(browser, page, `document.title === 'bench ready'`, 30_000);
    return { browser, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
