/**
 * The language override: with the browser in English, choosing Spanish makes every string come
 * from the Spanish messages (the real compiled locale files), substitutions included; 'auto' and
 * 'en' give the browser's English back.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/ui/i18n';
import { applyUiLanguage, browserLocale } from '../../src/ui/ui-language';
import { confidenceWords, looksPhrase } from '../../src/ui/wording';
import { chromeMessages, useLocale } from './locale-messages';

const loadReal = (locale: 'en' | 'es') => chromeMessages(locale);

describe('UI language override', () => {
  beforeAll(() => useLocale('en'));
  afterEach(() => applyUiLanguage('auto'));

  it('the browser answers in English by default', async () => {
    await applyUiLanguage('auto', loadReal);
    expect(browserLocale()).toBe('en');
    expect(t('popup.history.title')).toBe('History');
    expect(looksPhrase('happy')).toBe('looks happy');
  });

  it('Spanish chosen with an English browser: Spanish strings, named substitutions, and the page language', async () => {
    expect(await applyUiLanguage('es', loadReal)).toBe(true);
    expect(t('popup.history.title')).toBe('Historial');
    expect(looksPhrase('happy')).not.toBe('looks happy');
    expect(confidenceWords(0.52)).toBe('confianza media (52%)');
    expect(t('marker.added', { time: '1:05' })).toBe('Marca añadida en 1:05.');
    expect(t('@@ui_locale')).toBe('es');
  });

  it('back to auto or to the browser’s own language: English again', async () => {
    await applyUiLanguage('es', loadReal);
    await applyUiLanguage('auto', loadReal);
    expect(t('popup.history.title')).toBe('History');
    await applyUiLanguage('es', loadReal);
    expect(await applyUiLanguage('en', loadReal)).toBe(true);
    expect(t('popup.history.title')).toBe('History');
  });

  it('messages that cannot be loaded leave the browser’s language (never empty strings)', async () => {
    expect(await applyUiLanguage('es', async () => null)).toBe(false);
    expect(t('popup.history.title')).toBe('History');
  });
});
