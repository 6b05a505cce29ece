/**
 * The one way UI code gets a user-facing string: `t('popup.title')`. Messages live in
 * locales/<lang>.yml; @wxt-dev/i18n turns them into the extension's `_locales` at build time and
 * the browser picks the language (its UI language, English as the fallback).
 *
 * The user can override that language in the settings: `applyUiLanguage` (ui-language.ts) then
 * loads the chosen locale's compiled messages and `setMessageOverride` makes `t` answer from them, with
 * the same rules as @wxt-dev/i18n (positional $1..$9, named {name}, " | " plural forms).
 */
import { i18n } from '#i18n';

type Messages = Record<string, { message: string }>;

let override: { locale: string; messages: Messages } | null = null;

/** Answers from `messages` (the compiled `_locales/<locale>/messages.json`) from now on; null: the browser's again. */
export function setMessageOverride(locale: string | null, messages: Messages | null): void {
  override = locale && messages ? { locale, messages } : null;
}

const NAMED = /\{([A-Za-z0-9_]+)\}/g;

function fromOverride(messages: Messages, key: string, args: unknown[]): string {
  let subs: string[] | undefined;
  let named: Record<string, unknown> | undefined;
  let count: number | undefined;
  for (const arg of args) {
    if (arg == null) continue;
    if (typeof arg === 'number') count = arg;
    else if (Array.isArray(arg)) subs = arg.map(String);
    else if (typeof arg === 'object') named = arg as Record<string, unknown>;
  }
  if (count !== undefined && subs === undefined) subs = [String(count)];
  // a key the chosen locale lacks falls back to the browser's language, never to nothing
  const entry = messages[key.replaceAll('.', '_')];
  if (!entry) return (i18n.t as (k: string, ...a: unknown[]) => string)(key, ...args);
  let message = entry.message.replace(/\$(\d)/g, (_, n) => subs?.[Number(n) - 1] ?? '').replace(/\$\$/g, '$');
  if (count !== undefined) {
    const forms = message.split(' | ');
    if (forms.length === 2) message = forms[count === 1 ? 0 : 1];
    else if (forms.length === 3) message = forms[count === 0 || count === 1 ? count : 2];
  }
  return named ? message.replace(NAMED, (match, name: string) => (Object.hasOwn(named!, name) ? String(named![name]) : match)) : message;
}

export const t: typeof i18n.t = ((key: string, ...args: unknown[]) => {
  if (override) {
    if (key === '@@ui_locale') return override.locale;
    return fromOverride(override.messages, key, args);
  }
  return (i18n.t as (k: string, ...a: unknown[]) => string)(key, ...args);
}) as typeof i18n.t;
