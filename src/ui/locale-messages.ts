/**
 * The extension's own compiled messages of one locale (`_locales/<lang>/messages.json`, which
 * @wxt-dev/i18n builds from locales/<lang>.yml), for the user's language override: the browser
 * only ever answers `i18n.getMessage` in its own language. Extension pages and the worker read the
 * file; a content script cannot, and asks the worker ('ui/locale-messages').
 */
import { browser } from 'wxt/browser';

export type UiLocale = 'en' | 'es';
export type LocaleMessages = Record<string, { message: string }>;

const cache = new Map<UiLocale, Promise<LocaleMessages | null>>();

export function fetchLocaleMessages(locale: UiLocale): Promise<LocaleMessages | null> {
  let pending = cache.get(locale);
  if (!pending) {
    pending = fetch(browser.runtime.getURL(`/_locales/${locale}/messages.json` as '/popup.html'))
      .then((r) => (r.ok ? (r.json() as Promise<LocaleMessages>) : null))
      .catch(() => null);
    cache.set(locale, pending);
  }
  return pending;
}
