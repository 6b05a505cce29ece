/**
 * Crop policy: turns a face-detector box into the square crop the expression model expects.
 *
 * The model was trained on FER2013 faces: 48x48, roughly whole-face crops (forehead to chin,
 * little background). A MediaPipe BlazeFace short-range box is tighter (brows to mouth, roughly),
 * so the crop is a square around the box centre, `scale` times the box's larger side, moved down or
 * up by `shiftY` box heights. The defaults were measured, see models/face/README.md
 * ("Crop policy") and scripts/face/crop-margin.ts.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CropPolicy {
  /** Side of the square crop over the detector box's larger side. */
  scale: number;
  /** Vertical shift of the crop centre, in box heights (positive = down). */
  shiftY: number;
}

/** Measured default for MediaPipe FaceDetector (blaze_face short range) boxes. */
export const DEFAULT_CROP_POLICY: CropPolicy = { scale: 1.1, shiftY: -0.1 };

/**
 * Square crop (pixels, may extend past the image) for a detector box. The caller samples it with
 * tf.image.cropAndResize, which fills the outside with a constant.
 */
export function cropForBox(box: Box, policy: CropPolicy = DEFAULT_CROP_POLICY): Box {
  const side = Math.max(box.width, box.height) * policy.scale;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2 + policy.shiftY * box.height;
  return { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
}

/**
 * Normalised [y1, x1, y2, x2] for tf.image.cropAndResize (which samples corner-aligned:
 * the box [0, 0, 1, 1] resized to the image's own size is the identity).
 */
export function toCropAndResizeBox(crop: Box, imageWidth: number, imageHeight: number): [number, number, number, number] {
  return [crop.y / imageHeight, crop.x / imageWidth, (crop.y + crop.height) / imageHeight, (crop.x + crop.width) / imageWidth];
}
