/**
 * Text features: one implementation for the extension runtime and for the training-data extraction
 * (scripts/text/extract-features.ts writes these hashes for models/text/train.py), so training and
 * inference cannot drift apart. Language-independent (English and Spanish share it): no vocabulary
 * file, every feature is hashed.
 *
 * 1. normalizeText: Unicode NFKC, lower case, diacritics removed (NFD minus combining marks, so
 *    "qué" = "que", "ñ" = "n"), typographic quotes/apostrophes folded to ASCII, URLs -> "url",
 *    @handles -> "user", '#' of hashtags dropped, digits -> 0, a letter repeated 3+ times -> twice
 *    ("soooo" -> "soo"), runs of ! or ? cut to 2 characters.
 * 2. tokenize: words ([letters/digits]+ with inner apostrophes), "!"/"?" runs, emoji, and a few
 *    ASCII emoticons.
 * 3. features (strings, in this order, truncated to maxFeatures):
 *      "w:" + token          every token
 *      "b:" + t1 + " " + t2  every adjacent token pair
 *      "c:" + n-gram         character n-grams (n = 3..5) of "<" + word + ">" for alphabetic words
 *    plus "len:" + a length bucket (number of tokens: 0, 1, 2, 3-4, 5-8, 9-16, 17+).
 * 4. each feature string -> 32-bit FNV-1a over its UTF-16 code units (hashFeature);
 *    its model id = 1 + hash % buckets (id 0 is padding, its embedding row is zero and weight 0).
 * The model averages the embeddings of an utterance's feature ids (weight 1/count each).
 */

export interface TextFeatureConfig {
  version: number;
  /** character n-gram sizes (inclusive range) */
  charNgramMin: number;
  charNgramMax: number;
  /** at most this many features per utterance (first ones kept) */
  maxFeatures: number;
}

export const TEXT_FEATURE_CONFIG: TextFeatureConfig = {
  version: 1,
  charNgramMin: 3,
  charNgramMax: 5,
  maxFeatures: 640,
};

const RE_URL = /\b(?:https?:\/\/|www\.)\S+/gu;
const RE_HANDLE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;
const RE_COMBINING = /\p{M}+/gu;
const RE_REPEAT = /(\p{L})\1{2,}/gu;
const RE_BANG = /([!?¡¿]){3,}/gu;
const RE_DIGIT = /\p{Nd}/gu;
const RE_TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*|[!?]+|\p{Extended_Pictographic}|[:;=]-?[()\[\]dpo|\\/]/gu;
const RE_ALPHA = /^\p{L}/u;

/** Step 1: the normalised string (see the header). */
export function normalizeText(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  s = s.replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4\u0060]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"');
  s = s.replace(RE_URL, ' url ').replace(RE_HANDLE, '$1 user ');
  s = s.normalize('NFD').replace(RE_COMBINING, '').normalize('NFC');
  s = s.replace(/#(?=[\p{L}\p{N}_])/gu, ' ');
  s = s.replace(RE_DIGIT, '0').replace(RE_REPEAT, '$1$1').replace(RE_BANG, (m) => m.slice(0, 2));
  return s;
}

/** Step 2: tokens of a normalised string. */
export function tokenize(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(RE_TOKEN)) {
    let t = m[0];
    if (t[0] === '!' || t[0] === '?') t = t.slice(0, 2);
    out.push(t);
  }
  return out;
}

function lengthBucket(n: number): string {
  if (n <= 2) return String(n);
  if (n <= 4) return '3-4';
  if (n <= 8) return '5-8';
  if (n <= 16) return '9-16';
  return '17+';
}

/** Step 3: the feature strings of one utterance (at most cfg.maxFeatures). */
export function featureStrings(text: string, cfg: TextFeatureConfig = TEXT_FEATURE_CONFIG): string[] {
  const toks = tokenize(normalizeText(text));
  const f: string[] = ['len:' + lengthBucket(toks.length)];
  for (const t of toks) f.push('w:' + t);
  for (let i = 0; i + 1 < toks.length; i++) f.push('b:' + toks[i] + ' ' + toks[i + 1]);
  for (const t of toks) {
    if (!RE_ALPHA.test(t)) continue;
    const w = '<' + t + '>';
    const chars = Array.from(w); // code points, so astral letters are not split
    for (let n = cfg.charNgramMin; n <= cfg.charNgramMax; n++) {
      if (n >= chars.length) break; // the whole word is already a "w:" feature
      for (let i = 0; i + n <= chars.length; i++) f.push('c:' + chars.slice(i, i + n).join(''));
    }
  }
  return f.length > cfg.maxFeatures ? f.slice(0, cfg.maxFeatures) : f;
}

/** 32-bit FNV-1a over the UTF-16 code units of s (unsigned). */
export function hashFeature(s: string): number {
  return fnvUpdate(FNV_OFFSET, s) >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvUpdate(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}
const H_LEN = fnvUpdate(FNV_OFFSET, 'len:');
const H_W = fnvUpdate(FNV_OFFSET, 'w:');
const H_B = fnvUpdate(FNV_OFFSET, 'b:');
const H_C = fnvUpdate(FNV_OFFSET, 'c:');

/**
 * Step 4a: the 32-bit hashes of an utterance's features (what the training extraction stores).
 * Exactly featureStrings(text).map(hashFeature) (a test checks it on the corpora), computed without
 * building the feature strings: FNV-1a is sequential, so each prefix's state is reused.
 */
export function featureHashes(text: string, cfg: TextFeatureConfig = TEXT_FEATURE_CONFIG): Uint32Array {
  const toks = tokenize(normalizeText(text));
  const max = cfg.maxFeatures;
  const out = new Uint32Array(max);
  let k = 0;
  out[k++] = fnvUpdate(H_LEN, lengthBucket(toks.length)) >>> 0;
  for (let i = 0; i < toks.length && k < max; i++) out[k++] = fnvUpdate(H_W, toks[i]) >>> 0;
  for (let i = 0; i + 1 < toks.length && k < max; i++) {
    const h = Math.imul(fnvUpdate(H_B, toks[i]) ^ 32, FNV_PRIME); // ' '
    out[k++] = fnvUpdate(h, toks[i + 1]) >>> 0;
  }
  const starts: number[] = [];
  for (let t = 0; t < toks.length && k < max; t++) {
    const tok = toks[t];
    if (!RE_ALPHA.test(tok)) continue;
    const w = '<' + tok + '>';
    starts.length = 0; // code point boundaries (in UTF-16 units), so astral letters are not split
    for (let i = 0; i < w.length; i++) {
      starts.push(i);
      const c = w.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < w.length) {
        const d = w.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
    }
    const nChars = starts.length;
    starts.push(w.length);
    for (let n = cfg.charNgramMin; n <= cfg.charNgramMax && k < max; n++) {
      if (n >= nChars) break;
      for (let i = 0; i + n <= nChars && k < max; i++) out[k++] = fnvUpdate(H_C, w, starts[i], starts[i + n]) >>> 0;
    }
  }
  return out.slice(0, k);
}

/** Step 4b: model ids in [1, buckets] of an utterance's features. */
export function featureIds(text: string, buckets: number, cfg: TextFeatureConfig = TEXT_FEATURE_CONFIG): Int32Array {
  const h = featureHashes(text, cfg);
  const ids = new Int32Array(h.length);
  for (let i = 0; i < h.length; i++) ids[i] = 1 + (h[i] % buckets);
  return ids;
}

/**
 * A batch as the model's two inputs: ids [n, L] (int32, 0-padded) and weights [n, L] (1/count for
 * each real feature, 0 for padding), L = the longest utterance's feature count (at least 1).
 */
export function featurizeBatch(
  texts: readonly string[],
  buckets: number,
  cfg: TextFeatureConfig = TEXT_FEATURE_CONFIG,
): { ids: Int32Array; weights: Float32Array; n: number; L: number } {
  const rows = texts.map((t) => featureIds(t, buckets, cfg));
  const L = Math.max(1, ...rows.map((r) => r.length));
  const ids = new Int32Array(texts.length * L);
  const weights = new Float32Array(texts.length * L);
  rows.forEach((r, i) => {
    ids.set(r, i * L);
    const w = 1 / r.length; // every utterance has at least its length feature
    weights.fill(w, i * L, i * L + r.length);
  });
  return { ids, weights, n: texts.length, L };
}
