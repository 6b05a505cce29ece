import type { Emotion } from '../core/emotions';

/**
 * How each class is shown everywhere in the UI: one colour, one emoji, one initial. Names and
 * phrases are in the locales (src/ui/wording.ts). The colours are mid-tones chosen so each keeps at
 * least 3:1 contrast (WCAG AA for graphics) on the light pages and on the dark badge alike; the
 * contrast test (tests/ui/palette.test.ts) computes it from SURFACES below.
 */
export interface EmotionStyle {
  emoji: string;
  /** Solid colour for bars, areas and chips. Never the only cue: a label or initial goes with it. */
  color: string;
}

export const EMOTION_STYLE: Record<Emotion, EmotionStyle> = {
  angry: { emoji: '😠', color: '#d9363e' },
  disgust: { emoji: '🤢', color: '#3f8a2a' },
  fear: { emoji: '😨', color: '#9a5bd6' },
  happy: { emoji: '😄', color: '#a87b00' },
  sad: { emoji: '😢', color: '#4a6ee0' },
  surprise: { emoji: '😲', color: '#d45a0a' },
  neutral: { emoji: '😐', color: '#7c7f8a' },
};

/**
 * The surfaces and text colours the palette is drawn on and with: page.css and badge-css.ts use
 * these values, and the contrast test checks every pair that is shown together.
 */
export const SURFACES = {
  light: { page: '#f6f6f7', card: '#ffffff', fg: '#18181b', muted: '#60646c', accent: '#2563eb', accentFg: '#ffffff', danger: '#c81e1e', warn: '#b45309', ok: '#15803d' },
  dark: { page: '#111113', card: '#1c1c1f', fg: '#ededef', muted: '#a1a1aa', accent: '#60a5fa', accentFg: '#111113', danger: '#f87171', warn: '#fbbf24', ok: '#4ade80' },
  /** The badge: 96 % opaque over the call page, so over a white page it reads as `bgOverWhite`. */
  badge: { bg: 'rgba(24, 24, 27, 0.96)', bgOverWhite: '#212124', bgOverBlack: '#17171a', fg: '#f4f4f5', muted: '#b4b4bd', warn: '#fbbf24', danger: '#f87171' },
} as const;

export function emotionStyle(emotion: Emotion): EmotionStyle {
  return EMOTION_STYLE[emotion];
}
