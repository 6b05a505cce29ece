/**
 * The extension's real messages for unit tests: the locale files compiled by @wxt-dev/i18n's own
 * build code into the `_locales` form the browser reads, and `browser.i18n.getMessage` answered
 * from them the way Chrome does ($1..$9 substitutions). WXT's fake browser leaves i18n
 * unimplemented, so without this no UI string can be read in a unit test.
 */
import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing';
import { vi } from 'vitest';

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export async function chromeMessages(locale: Locale): Promise<Record<string, { message: string }>> {
  return generateChromeMessages(await parseMessagesFile(resolve(import.meta.dirname, '../../locales', `${locale}.yml`)));
}

/** Makes `browser.i18n.getMessage` answer in `locale`; returns the compiled messages. */
export async function useLocale(locale: Locale) {
  const messages = await chromeMessages(locale);
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, subs?: string | string[]) => {
    const entry = messages[key];
    if (!entry) return '';
    const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return entry.message.replace(/\$(\d)/g, (_, n) => list[Number(n) - 1] ?? '').replace(/\$\$/g, '$');
  });
  return messages;
}
