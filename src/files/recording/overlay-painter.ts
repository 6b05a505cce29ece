/**
 * What a recording shows on top of the picture: the badge's reading (expression, confidence) and a
 * red REC mark, drawn into each frame, so the file played anywhere shows what the user saw.
 */
import type { FusedReading } from '../../core/types';
import { EMOTIONS } from '../../core/emotions';
import { emotionLabel } from '../../ui/wording';
import { t } from '../../ui/i18n';
import { EMOTION_STYLE } from '../../ui/emotion-style';

/** The words drawn, in the user's language. The engine's offscreen document has no i18n API: its labels come from the worker. */
export interface OverlayLabels {
  /** One per class, in EMOTIONS order. */
  emotions: string[];
  noReading: string;
}

/** The labels where the i18n API is available (the worker, extension pages). */
export function overlayLabels(): OverlayLabels {
  return { emotions: EMOTIONS.map(emotionLabel), noReading: t('common.noReading') };
}

/** The badge's box in a frame of width w: top left, scaled with the frame. */
export function badgeBox(w: number, h: number) {
  const scale = Math.max(0.5, Math.min(2, w / 640));
  return { x: Math.round(12 * scale), y: Math.round(12 * scale), width: Math.round(220 * scale), height: Math.round(40 * scale), scale };
}

export function paintOverlay(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, w: number, h: number, reading: FusedReading | null, recording: boolean, labels: OverlayLabels = overlayLabels()): void {
  const b = badgeBox(w, h);
  const color = reading ? EMOTION_STYLE[reading.dominant].color : '#8b8d98';
  ctx.save();
  ctx.fillStyle = 'rgba(15, 17, 23, 0.85)';
  ctx.fillRect(b.x, b.y, b.width, b.height);
  // the expression's colour as a solid bar: what the test finds in the recorded pixels
  ctx.fillStyle = color;
  ctx.fillRect(b.x, b.y, Math.round(8 * b.scale), b.height);
  ctx.fillStyle = '#fff';
  ctx.font = `${Math.round(16 * b.scale)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  const text = reading ? `${labels.emotions[EMOTIONS.indexOf(reading.dominant)]} ${Math.round(reading.confidence * 100)}%` : labels.noReading;
  ctx.fillText(text, b.x + 16 * b.scale, b.y + b.height / 2);
  if (recording) {
    ctx.fillStyle = '#e5484d';
    ctx.beginPath();
    ctx.arc(w - 28 * b.scale, 24 * b.scale, 7 * b.scale, 0, 2 * Math.PI);
    ctx.fill();
    ctx.font = `bold ${Math.round(13 * b.scale)}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.fillText('REC', w - 40 * b.scale, 24 * b.scale);
  }
  ctx.restore();
}
