import { describe, expect, it } from 'vitest';
import { chromeMessages } from './locale-messages';

/** `{name}` placeholders of a message, sorted. */
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('English and Spanish have the same keys, none empty, with the same placeholders', async () => {
    const en = await chromeMessages('en');
    const es = await chromeMessages('es');
    const missingInEs = Object.keys(en).filter((k) => !(k in es));
    const extraInEs = Object.keys(es).filter((k) => !(k in en));
    expect({ missingInEs, extraInEs }).toEqual({ missingInEs: [], extraInEs: [] });
    for (const [key, { message }] of Object.entries(en)) {
      expect(message.trim(), `en ${key}`).not.toBe('');
      expect(es[key].message.trim(), `es ${key}`).not.toBe('');
      expect(placeholders(es[key].message), `placeholders of ${key}`).toEqual(placeholders(message));
    }
    expect(Object.keys(en).length).toBeGreaterThan(200);
  });

  it('the Spanish file is a translation, not a copy', async () => {
    const en = await chromeMessages('en');
    const es = await chromeMessages('es');
    const same = Object.keys(en).filter((k) => en[k].message === es[k].message && en[k].message.length > 12);
    // a few technical strings (names, "{value} fps") may be identical; whole sentences may not
    expect(same.sort()).toEqual(['action_idle', 'common_valuesOf', 'extName']);
  });
});
