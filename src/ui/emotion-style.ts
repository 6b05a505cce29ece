import type { Emotion } from '../core/emotions';

/** How each class is shown everywhere in the UI: one colour, one emoji, one label. */
export interface EmotionStyle {
  label: string;
  emoji: string;
  /** Solid colour, readable as a bar or area fill on white and on the dark badge. */
  color: string;
}

export const EMOTION_STYLE: Record<Emotion, EmotionStyle> = {
  angry: { label: 'Angry', emoji: '😠', color: '#e5484d' },
  disgust: { label: 'Disgust', emoji: '🤢', color: '#5f9f37' },
  fear: { label: 'Fear', emoji: '😨', color: '#8e4ec6' },
  happy: { label: 'Happy', emoji: '😄', color: '#f2b705' },
  sad: { label: 'Sad', emoji: '😢', color: '#3e63dd' },
  surprise: { label: 'Surprise', emoji: '😲', color: '#f76b15' },
  neutral: { label: 'Neutral', emoji: '😐', color: '#8b8d98' },
};


export function emotionStyle(emotion: Emotion): EmotionStyle {
  return EMOTION_STYLE[emotion];
}
