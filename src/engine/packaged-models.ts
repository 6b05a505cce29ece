/**
 * The models, loaded from the extension's own packaged WASM and model files: by the engine's
 * host (the offscreen document) and by the analyse page, an extension page that runs them itself
 * so that nothing about the file leaves it.
 */
import { loadExpressionModel, type ExpressionModel, type ExpressionModelOptions } from '../modalities/face/expression-model';

/**
 * How galleries run the v2 model: on upright crops (its "crops as stored" validation, 59.8 vs 61.6
 * aligned): an aligned crop needs a 1.4 times wider cell in the round's atlas and a rotation per
 * face, which a nine-face round cannot afford (models/face/README.md, "Galleries").
 */
const GALLERY_MODEL_OPTIONS: ExpressionModelOptions = { align: false };
export const GALLERY_MODEL_PATH = '/models/face-gallery/model.json';

/** The gallery face model as galleries run it. */
export const loadGalleryModel = (url: (path: string) => string): Promise<ExpressionModel> => loadExpressionModel(url(GALLERY_MODEL_PATH), GALLERY_MODEL_OPTIONS);
import { loadFaceDetector, type FaceDetectorModel } from '../modalities/face/face-detector';
import { loadVoiceModel, type VoiceModel } from '../modalities/voice/voice-model';
import { loadTextModel, type TextModel } from '../modalities/text/text-model';
import { initTfWasm } from '../ml/tf-backend';

export interface PackagedModels {
  detector: FaceDetectorModel;
  expression: ExpressionModel;
  /**
   * The cheaper face model for galleries (v2: participants' rounds of more than GALLERY_MIN_TILES
   * people, where nine faces must fit a round's budget); null when not packaged or not loaded:
   * galleries then use `expression`.
   */
  galleryExpression: ExpressionModel | null;
  voice: VoiceModel;
  /** Null when it could not load: the text modality is then absent, face and voice go on. */
  text: TextModel | null;
}

/**
 * `url(path)`: the extension URL of a packaged file (browser.runtime.getURL). `gallery`: also the
 * gallery face model (the engine's participants' rounds); a file or a bench page needs none.
 */
export async function loadPackagedModels(url: (path: string) => string, opts: { gallery?: boolean } = {}): Promise<PackagedModels> {
  await initTfWasm(url('/wasm/tfjs/'));
  const [detector, expression, galleryExpression, voice, text] = await Promise.all([
    loadFaceDetector({
      wasmLoaderUrl: url('/wasm/mediapipe/vision_wasm_internal.js'),
      wasmBinaryUrl: url('/wasm/mediapipe/vision_wasm_internal.wasm'),
      modelUrl: url('/models/face-detector/blaze_face_short_range.tflite'),
    }),
    loadExpressionModel(url('/models/face/model.json')),
    opts.gallery
      ? loadGalleryModel(url).catch((error) => {
          console.warn('emotion-overlay: no gallery face model, galleries use the main one:', error);
          return null;
        })
      : null,
    loadVoiceModel(url('/models/voice/')),
    loadTextModel(url('/models/text/model.json')).catch((error) => {
      console.warn('emotion-overlay: no text model, the text modality is off:', error);
      return null;
    }),
  ]);
  return { detector, expression, galleryExpression, voice, text };
}
