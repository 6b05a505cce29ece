/**
 * The offscreen document: the only place the models run. It receives engine/* messages from the
 * background, opens the call's devices itself, and reports readings back.
 */
import * as tf from '@tensorflow/tfjs';
import { browser } from 'wxt/browser';
import { loadExpressionModel } from '@/src/modalities/face/expression-model';
import { loadFaceDetector } from '@/src/modalities/face/face-detector';
import { loadVoiceModel } from '@/src/modalities/voice/voice-model';
import { parseMessage, type Message } from '@/src/messaging/protocol';
import { initTfWasm } from '@/src/ml/tf-backend';
import { CallEngine, sendToExtension, type EngineModels } from '@/src/engine/engine';
import { openTabCapture } from '@/src/engine/open-device';
import { relayTransitMs } from '@/src/engine/relay-stream';
import { migrateSettings } from '@/src/settings/schema';

const url = (path: string) => browser.runtime.getURL(path as '/offscreen.html');

let models: Promise<EngineModels> | null = null;
let engine: CallEngine | null = null;

/** Loads the models once per document; a failure is reported and retried on the next start. */
function loadModels(): Promise<EngineModels> {
  models ??= (async () => {
    await initTfWasm(url('/wasm/tfjs/'));
    const [detector, expression, voice] = await Promise.all([
      loadFaceDetector({
        wasmLoaderUrl: url('/wasm/mediapipe/vision_wasm_internal.js'),
        wasmBinaryUrl: url('/wasm/mediapipe/vision_wasm_internal.wasm'),
        modelUrl: url('/models/face-detector/blaze_face_short_range.tflite'),
      }),
      loadExpressionModel(url('/models/face/model.json')),
      loadVoiceModel(url('/models/voice/')),
    ]);
    return { detector, expression, voice, workletUrl: url('/voice-worklet.js') };
  })().catch((error) => {
    models = null;
    throw error;
  });
  return models;
}

async function handle(message: Message): Promise<unknown> {
  switch (message.type) {
    case 'ping':
      return 'pong';
    case 'engine/start': {
      engine?.stop();
      // A tab-capture id expires within seconds: open it before anything slow (model loading).
      const tabCapture = message.tabStreamId ? await openTabCapture(message.tabStreamId) : undefined;
      const spec = {
        tabId: message.tabId,
        meetingId: message.meetingId,
        tracks: message.tracks,
        tabCapture,
        subject: message.subject,
        settings: migrateSettings(message.settings),
      };
      try {
        const loaded = await loadModels();
        if (engine) engine.stop();
        engine = new CallEngine(spec, loaded, sendToExtension);
        await engine.start();
      } catch (error) {
        sendToExtension({ type: 'engine/error', tabId: message.tabId, stream: 'engine', message: `The models could not start: ${String(error)}` });
      }
      return true;
    }
    case 'engine/stop':
      engine?.stop();
      engine = null;
      return true;
    case 'engine/set-paused':
      engine?.setPaused(message.paused);
      return true;
    case 'engine/settings':
      engine?.updateSettings(migrateSettings(message.settings));
      return true;
    default:
      return undefined;
  }
}

browser.runtime.onMessage.addListener((raw: unknown) => {
  const message = parseMessage(raw);
  if (!message || !['ping', 'engine/start', 'engine/stop', 'engine/set-paused', 'engine/settings'].includes(message.type)) return undefined;
  return handle(message);
});

/** The runtime's face detector on one image (for `eval:face --detect`, which opens this page in a tab). */
async function detectFaces(imageUrl: string) {
  const { detector } = await loadModels();
  const bitmap = await createImageBitmap(await (await fetch(imageUrl)).blob());
  try {
    return { width: bitmap.width, height: bitmap.height, faces: detector.detect(bitmap, performance.now()) };
  } finally {
    bitmap.close();
  }
}

// For benchmarks, evaluations and tests that use this document through the debugger.
Object.assign(globalThis, {
  __emotionOverlay: { loadModels, detectFaces, engine: () => engine, tensors: () => tf.memory().numTensors, relayTransitMs: () => [...relayTransitMs] },
});
