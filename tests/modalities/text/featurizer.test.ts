/**
 * The text featuriser (src/modalities/text/featurizer.ts): normalisation, tokens, features, and that
 * the fast hashing path (used by training extraction and runtime) equals hashing the feature strings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  featureHashes, featureIds, featureStrings, featurizeBatch, hashFeature, normalizeText, tokenize, TEXT_FEATURE_CONFIG,
} from '../../../src/modalities/text/featurizer';
import { csvRecords } from '../../../scripts/lib/csv-records';

const ROOT = path.resolve(__dirname, '../../..');
const DATA = path.join(ROOT, '../shared/data/text');

describe('text featuriser', () => {
  it('normalises case, diacritics, quotes, URLs, handles, digits and repeats', () => {
    expect(normalizeText('¡Qué ALEGRÍA, Niño!')).toBe('¡que alegria, nino!');
    expect(normalizeText('You must’ve')).toBe("you must've");
    expect(tokenize(normalizeText('see https://t.co/abc and @Juan_2 now'))).toEqual(['see', 'url', 'and', 'user', 'now']);
    expect(tokenize(normalizeText('SOOOO happy!!!!! 2024 #Fire'))).toEqual(['soo', 'happy', '!!', '0000', 'fire']);
    expect(tokenize(normalizeText('ok :) 😀'))).toEqual(['ok', ':)', '😀']);
    expect(normalizeText('ﬁne')).toBe('fine'); // NFKC ligature
  });

  it('makes word, bigram, character n-gram and length features', () => {
    const f = featureStrings('Hello there');
    expect(f[0]).toBe('len:2');
    expect(f).toContain('w:hello');
    expect(f).toContain('b:hello there');
    expect(f).toContain('c:<he');
    expect(f).toContain('c:ere>');
    expect(f).toContain('c:<hell');
    expect(f.filter((s) => s.startsWith('c:')).every((s) => [...s.slice(2)].length >= 3 && [...s.slice(2)].length <= 5)).toBe(true);
    expect(featureStrings('')).toEqual(['len:0']);
    expect(featureStrings('word '.repeat(2000)).length).toBe(TEXT_FEATURE_CONFIG.maxFeatures);
  });

  it('hashes are FNV-1a 32-bit', () => {
    expect(hashFeature('')).toBe(0x811c9dc5);
    expect(hashFeature('a')).toBe(0xe40c292c);
    expect(hashFeature('foobar')).toBe(0xbf9cf968);
  });

  it('featureHashes equals hashing featureStrings, on corpus text and edge cases', () => {
    const texts = [
      '', ' ', 'a', 'a\ud83d\ude00b \ud83dxx 𝒜𝒷𝒸𝒹 lone\udc00low', 'x'.repeat(400), 'supercalifragilistic '.repeat(40),
      ...csvRecords(fs.readFileSync(path.join(DATA, 'emoevent.csv'), 'utf8')).filter((_, i) => i % 20 === 0).map((r) => r.text),
      ...csvRecords(fs.readFileSync(path.join(DATA, 'goemotions.csv'), 'utf8')).filter((_, i) => i % 40 === 0).map((r) => r.text),
    ];
    expect(texts.length).toBeGreaterThan(1500);
    for (const t of texts) expect(Array.from(featureHashes(t)), t).toEqual(featureStrings(t).map(hashFeature));
  });

  it('featurizeBatch pads with id 0 / weight 0 and weights real features 1/count', () => {
    const buckets = 1000;
    const b = featurizeBatch(['short', 'a longer sentence with more words', ''], buckets);
    expect(b.n).toBe(3);
    const lens = ['short', 'a longer sentence with more words', ''].map((t) => featureIds(t, buckets).length);
    expect(b.L).toBe(Math.max(...lens));
    for (let i = 0; i < 3; i++) {
      const ids = b.ids.subarray(i * b.L, (i + 1) * b.L);
      const w = b.weights.subarray(i * b.L, (i + 1) * b.L);
      for (let j = 0; j < b.L; j++) {
        if (j < lens[i]) {
          expect(ids[j]).toBeGreaterThanOrEqual(1);
          expect(ids[j]).toBeLessThanOrEqual(buckets);
          expect(w[j]).toBeCloseTo(1 / lens[i], 7);
        } else {
          expect(ids[j]).toBe(0);
          expect(w[j]).toBe(0);
        }
      }
    }
    expect(Array.from(featureIds('same text', buckets))).toEqual(Array.from(featureIds('same text', buckets)));
  });
});
