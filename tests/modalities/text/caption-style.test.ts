import { describe, expect, it } from 'vitest';
import { captionStyle } from '../../../scripts/text/caption-style';

describe('captionStyle (text as live captions write it)', () => {
  it('keeps words, full stops, commas and question marks; "!" becomes a full stop', () => {
    expect(captionStyle('Oh my God!!! Really?! No way, he did it.')).toBe('Oh my God. Really? No way, he did it.');
  });
  it('drops emoji, emoticons, quotes and symbols, and a hashtag\'s or handle\'s mark but not its word', () => {
    expect(captionStyle('"Great" day 😍😍 :) #blessed @ana ❤️ & more')).toBe('Great day blessed ana more');
  });
  it('drops URLs and typographic apostrophes become plain ones', () => {
    expect(captionStyle('He’s here https://t.co/abc look')).toBe("He's here look");
  });
  it('keeps accented and non-Latin letters (Spanish, and any script)', () => {
    expect(captionStyle('¡Qué día tan bonito! ¿Vienes?')).toBe('Qué día tan bonito. Vienes?');
    expect(captionStyle('Привет, мир!')).toBe('Привет, мир.');
  });
  it('leaves text that is already caption-like unchanged', () => {
    const t = "So let's talk a little bit about your duties.";
    expect(captionStyle(t)).toBe(t);
    expect(captionStyle(captionStyle('Wow!! #amazing 🎉'))).toBe(captionStyle('Wow!! #amazing 🎉'));
  });
});
