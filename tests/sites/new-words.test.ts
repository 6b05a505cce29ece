import { describe, expect, it } from 'vitest';
import { newWords } from '../../src/sites/captions/watch-captions';

describe('newWords: the part of a caption line not read yet', () => {
  it.each([
    [undefined, 'hello there', 'hello there'],
    ['hello there', 'hello there', ''],
    // a line that grew after it was read
    ['we should', 'we should ship on Friday', 'ship on Friday'],
    // re-cased and re-punctuated by the recogniser as it goes: not new words
    ['I think so', 'I think so.', ''],
    ['i think so', 'I think so, yes', 'yes'],
    // the last word was still being written
    ['we are think', 'we are thinking about it', 'thinking about it'],
    // a window over the last words (Zoom's overlay)
    ['good morning everyone thanks for joining', 'for joining today we have news', 'today we have news'],
    // one shared word is chance, not overlap: a rewritten line is read whole
    ['see you then', 'then again maybe not', 'then again maybe not'],
    ['completely different', 'another sentence entirely', 'another sentence entirely'],
  ])('%s → %s gives %s', (previous, current, expected) => {
    expect(newWords(previous, current)).toBe(expected);
  });
});
