/** The Chrome host: the offscreen document, with the extension's packaged WASM and model files. */
import { browser } from 'wxt/browser';
import { loadPackagedModels } from '../packaged-models';
import { appendSamples, appendUtterance } from '../../storage/meetings';
import type { Message } from '../../messaging/protocol';
import type { EngineHost, EngineModels } from '../engine-host';

const url = (path: string) => browser.runtime.getURL(path as '/offscreen.html');

export function createOffscreenHost(): EngineHost {
  let models: Promise<EngineModels> | null = null;
  return {
    models() {
      models ??= loadPackagedModels(url, { gallery: true }).then(
        (loaded) => ({ ...loaded, workletUrl: url('/voice-worklet.js') }),
        (error) => {
          models = null;
          throw error;
        },
      );
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
