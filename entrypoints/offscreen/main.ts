/**
 * The offscreen document: the Chrome host of the engine, the only place the models run. It obeys
 * engine messages from the service worker alone, opens the call's devices itself, and reports
 * readings back.
 */
import * as tf from '@tensorflow/tfjs';
import { browser } from 'wxt/browser';
import { parseMessage } from '@/src/messaging/protocol';
import { mayReceive, senderRole } from '@/src/messaging/senders';
import { EngineController, type EngineMessage } from '@/src/engine/engine-controller';
import { createOffscreenHost } from '@/src/engine/hosts/offscreen-host';
import { openTabCapture } from '@/src/engine/sources/open-device';
import { relayTransitMs } from '@/src/engine/sources/relay-stream';

const host = createOffscreenHost();
const controller = new EngineController(host, openTabCapture);
const ENGINE_TYPES = new Set(['ping', 'engine/start', 'engine/stop', 'engine/set-paused', 'engine/settings', 'engine/caption', 'engine/participants']);
const extensionOrigin = new URL(browser.runtime.getURL('/offscreen.html')).origin;

browser.runtime.onMessage.addListener((raw: unknown, sender) => {
  const message = parseMessage(raw);
  if (!message || !ENGINE_TYPES.has(message.type)) return undefined;
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
    tensors: () => tf.memory().numTensors,
    relayTransitMs: () => [...relayTransitMs],
    participantRounds: () => [...(controller.current?.participantRounds ?? [])],
  },
});
