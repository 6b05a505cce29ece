/**
 * The offscreen document: the Chrome host of the engine, the only place the models run. It obeys
 * engine messages from the service worker alone, opens the call's devices itself, and reports
 * readings back.
 */
import * as tf from '@tensorflow/tfjs';
import { browser } from 'wxt/browser';
import { parseMessage } from '@/src/messaging/protocol';
import { mayReceive, senderRole } from '@/src/messaging/senders';
import { ENGINE_MESSAGE_TYPES, EngineController, type EngineMessage } from '@/src/engine/engine-controller';
import { createOffscreenHost } from '@/src/engine/hosts/offscreen-host';
import { GALLERY_MODEL_PATH, loadGalleryModel } from '@/src/engine/packaged-models';
import { withReadingTap } from '@/src/engine/hosts/reading-tap';
import { LiveRecorder } from '@/src/files/recording/live-recorder';
import { relayTransitMs } from '@/src/engine/sources/relay-stream';
import { isCalibrationChild, runCalibrationChild, startEngineBackend, switchEngineBackend, withBackendFallback, workloadSwitcher } from '@/src/ml/engine-backend';
import { messageChoiceStore, storageChoiceStore } from '@/src/ml/backend-choice';
import { loadExpressionModel } from '@/src/modalities/face/expression-model';
import { loadVoiceModel } from '@/src/modalities/voice/voice-model';
import { loadTextModel } from '@/src/modalities/text/text-model';
import { TEST_BUILD } from '@/src/build-flags';

const url = (path: string) => browser.runtime.getURL(path as '/offscreen.html');
const backendUrls = { wasmBase: url('/wasm/tfjs/'), faceModel: url('/models/face/model.json'), galleryModel: url(GALLERY_MODEL_PATH), page: url('/offscreen.html') };

if (isCalibrationChild()) {
  // a hidden child of the engine document, timing the other WASM build (src/ml/engine-backend.ts)
  void runCalibrationChild(backendUrls);
} else startEngine();

function startEngine() {
  // the chosen backend starts before the models load (initTfWasm waits for it)
  // the offscreen document has no chrome.storage: its choice comes through the service worker
  const store = browser.storage?.local ? storageChoiceStore : messageChoiceStore((m) => browser.runtime.sendMessage(m));
  const backend = startEngineBackend(backendUrls, store);
  const { host: engineHost, fallback } = withBackendFallback({ ...createOffscreenHost(), useWorkload: workloadSwitcher(backend) }, {
    expression: () => loadExpressionModel(backendUrls.faceModel),
    galleryExpression: () => loadGalleryModel(url).catch(() => null),
    voice: () => loadVoiceModel(url('/models/voice/')),
    text: () => loadTextModel(url('/models/text/model.json')).catch(() => null),
  });
  // the recorder composites the reading the engine last sent to the badge
  const recorder = new LiveRecorder((m) => engineHost.send(m), (session, subjectId) => session.pictureOf(subjectId));
  const host = withReadingTap(engineHost, (reading) => recorder.noteReading(reading));
  const controller = new EngineController(host, recorder);
  const extensionOrigin = new URL(browser.runtime.getURL('/offscreen.html')).origin;

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const message = parseMessage(raw);
    if (!message || !ENGINE_MESSAGE_TYPES.has(message.type)) return undefined;
    if (!mayReceive(message.type, senderRole(sender, browser.runtime.id, extensionOrigin))) return undefined;
    return controller.handle(message as EngineMessage);
  });

  /** The runtime's face detector on one image (for `eval:face --detect`, which opens this page in a tab). */
  async function detectFaces(imageUrl: string) {
    const { detector } = await host.models();
    const bitmap = await createImageBitmap(await (await fetch(imageUrl)).blob());
    try {
      return { width: bitmap.width, height: bitmap.height, faces: detector.detect(bitmap, performance.now()) };
    } finally {
      bitmap.close();
    }
  }

  // For benchmarks, evaluations and tests that use this document through the debugger.
  Object.assign(globalThis, {
    __emotionOverlay: {
      loadModels: () => host.models(),
      detectFaces,
      session: () => controller.current,
      recording: () => recorder.status(),
      tensors: () => tf.memory().numTensors,
      relayTransitMs: () => [...relayTransitMs],
      participantRounds: () => [...(controller.current?.participantRounds ?? [])],
      backend: async () => {
        const { calibration, ...state } = await backend;
        return { ...state, tf: tf.getBackend(), calibration: await calibration, fallbacks: fallback.history };
      },
      // test builds only: make the GPU backend fail mid-call, as a failing kernel or a lost context would
      ...(TEST_BUILD
        ? {
            failNextModelCall: () => fallback.failNextCall(),
            useBackend: (name: 'wasm' | 'webgl' | 'webgpu') => switchEngineBackend(name),
            /** The engine's (guarded) face model on 48x48 gray crops, each a frame of its own. */
            predictFaces: async (crops: number[][]) => {
              const { expression } = await host.models();
              return crops.map((pixels) => {
                const image = tf.tensor3d(Float32Array.from(pixels), [48, 48, 1]);
                try {
                  return Array.from(expression.predictBatch(image, [{ box: { x: 0, y: 0, width: 48, height: 48 } }])[0]);
                } finally {
                  image.dispose();
                }
              });
            },
            loseWebglContext: () => (tf.findBackend('webgl') as unknown as { gpgpu: { gl: WebGLRenderingContext } } | undefined)?.gpgpu.gl.getExtension('WEBGL_lose_context')?.loseContext(),
          }
        : {}),
    },
  });
}
