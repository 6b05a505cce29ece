/** The Chrome host: the offscreen document, with the extension's packaged WASM and model files. */
import { browser } from 'wxt/browser';
import { loadExpressionModel } from '../../modalities/face/expression-model';
import { loadFaceDetector } from '../../modalities/face/face-detector';
import { loadVoiceModel } from '../../modalities/voice/voice-model';
import { loadTextModel } from '../../modalities/text/text-model';
import { initTfWasm } from '../../ml/tf-backend';
import { appendSamples, appendUtterance } from '../../storage/meetings';
import type { Message } from '../../messaging/protocol';
import type { EngineHost, EngineModels } from '../engine-host';

const url = (path: string) => browser.runtime.getURL(path as '/offscreen.html');

export function createOffscreenHost(): EngineHost {
  let models: Promise<EngineModels> | null = null;
  return {
    models() {
      models ??= (async () => {
        await initTfWasm(url('/wasm/tfjs/'));
        const [detector, expression, voice, text] = await Promise.all([
          loadFaceDetector({
            wasmLoaderUrl: url('/wasm/mediapipe/vision_wasm_internal.js'),
            wasmBinaryUrl: url('/wasm/mediapipe/vision_wasm_internal.wasm'),
            modelUrl: url('/models/face-detector/blaze_face_short_range.tflite'),
          }),
          loadExpressionModel(url('/models/face/model.json')),
          loadVoiceModel(url('/models/voice/')),
          loadTextModel(url('/models/text/model.json')).catch((error) => {
            console.warn('emotion-overlay: no text model, the text modality is off:', error);
            return null;
          }),
        ]);
        return { detector, expression, voice, text, workletUrl: url('/voice-worklet.js') };
      })().catch((error) => {
        models = null;
        throw error;
      });
      return models;
    },
    send(message: Message) {
      browser.runtime.sendMessage(message).catch(() => {
        // the service worker is restarting; the next reading goes through
      });
    },
    storeSamples: (samples, subjects) => appendSamples(samples, subjects),
    storeUtterance: (u) => appendUtterance(u),
  };
}
