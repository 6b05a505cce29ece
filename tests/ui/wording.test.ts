import { beforeAll, describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../src/core/emotions';
import { CONFIDENCE_THRESHOLDS, confidenceExplanation, confidenceLevel, confidenceWords, emotionInitial, looksPhrase } from '../../src/ui/wording';
import { useLocale } from './locale-messages';

describe('confidence in words', () => {
  beforeAll(() => useLocale('en'));

  it('one set of thresholds: low, moderate, clear', () => {
    expect(confidenceLevel(0)).toBe('low');
    expect(confidenceLevel(CONFIDENCE_THRESHOLDS.moderate - 0.001)).toBe('low');
    expect(confidenceLevel(CONFIDENCE_THRESHOLDS.moderate)).toBe('moderate');
    expect(confidenceLevel(CONFIDENCE_THRESHOLDS.clear - 0.001)).toBe('moderate');
    expect(confidenceLevel(CONFIDENCE_THRESHOLDS.clear)).toBe('clear');
    expect(confidenceLevel(1)).toBe('clear');
    expect(confidenceLevel(Number.NaN)).toBe('low');
  });

  it('says the level and the number, and explains both with the thresholds', () => {
    expect(confidenceWords(0.52)).toBe('moderate confidence (52%)');
    expect(confidenceWords(0.2)).toBe('low confidence (20%)');
    expect(confidenceExplanation()).toMatch(/40%.*65%/);
  });

  it('headlines say what is seen, not what is felt', () => {
    expect(looksPhrase('happy')).toBe('looks happy');
    for (const e of EMOTIONS) expect(looksPhrase(e)).toMatch(/^looks /);
  });

  it('the badge initials tell the seven classes apart', () => {
    expect(new Set(EMOTIONS.map(emotionInitial)).size).toBe(7);
  });

  it('in Spanish too', async () => {
    await useLocale('es');
    expect(confidenceWords(0.7)).toBe('confianza clara (70%)');
    expect(new Set(EMOTIONS.map(emotionInitial)).size).toBe(7);
    expect(looksPhrase('sad')).toBe('parece tristeza');
    await useLocale('en');
  });
});
