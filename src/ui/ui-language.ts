/**
 * The user's language override (settings.uiLanguage) applied to this context's `t`: 'auto' keeps
 * the browser's language; 'en' or 'es' loads that locale's messages. Pages call it before their
 * first render; the badge's content script calls it with the worker as the loader.
 */
import { i18n } from '#i18n';
import type { UiLanguage } from '../settings/schema';
import { setMessageOverride } from './i18n';
import { fetchLocaleMessages, type LocaleMessages, type UiLocale } from './locale-messages';

/** The browser's own choice for the extension, as 'en' / 'es' (before any override). */
export function browserLocale(): string {
  return (i18n.t as (k: string) => string)('@@ui_locale').split(/[-_]/)[0] || 'en';
}

/** Applies `language`; resolves true when `t` now answers in it (false: left as the browser's). */
export async function applyUiLanguage(
  language: UiLanguage,
  load: (locale: UiLocale) => Promise<LocaleMessages | null> = fetchLocaleMessages,
): Promise<boolean> {
  if (language === 'auto' || language === browserLocale()) {
    setMessageOverride(null, null);
    return language !== 'auto';
  }
  const messages = await load(language).catch(() => null);
  setMessageOverride(messages ? language : null, messages);
  return messages !== null;
}
