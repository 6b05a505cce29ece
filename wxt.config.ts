import { defineConfig } from 'wxt';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { meetingSiteMatches } from './src/sites/matches';
import { threadedWasmAssets } from './src/ml/wasm-threads-assets';

/** `EO_TEST_BUILD=1`: a test build (localhost pages, test hooks); see src/build-flags.ts. */
const TEST_BUILD = process.env.EO_TEST_BUILD === '1';

/** A package's folder under node_modules (some packages do not export their package.json). */
const packageDir = (name: string) => resolve(import.meta.dirname, 'node_modules', name);

/** Files the offscreen engine loads at run time: everything ships inside the extension. */
function runtimeAssets(): ({ absoluteSrc: string; relativeDest: string } | { contents: string; relativeDest: string })[] {
  const tfjsWasm = join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist');
  const mediapipeWasm = join(packageDir('@mediapipe/tasks-vision'), 'wasm');
  const assets = [
    // tfjs picks the SIMD build in every browser we support; the plain one is the fallback.
    ...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'].map((f) => ({
      absoluteSrc: join(tfjsWasm, f),
      relativeDest: `wasm/tfjs/${f}`,
    })),
    // the threaded build (src/ml/tf-backend.ts), its pthread worker and glue as extension files
    ...threadedWasmAssets(packageDir('@tensorflow/tfjs-backend-wasm')),
    // Only the SIMD MediaPipe build: every MV3 browser has WASM SIMD, and each build is 11 MB.
    ...['vision_wasm_internal.js', 'vision_wasm_internal.wasm'].map((f) => ({
      absoluteSrc: join(mediapipeWasm, f),
      relativeDest: `wasm/mediapipe/${f}`,
    })),
  ];
  // [model folder, its export, where the extension serves it]; face-gallery: the cheaper face model
  // (v2) that participants' rounds of more than GALLERY_MIN_TILES people use (models/face/README.md)
  const models = [['face', 'tfjs', 'face'], ['face', 'tfjs-v2', 'face-gallery'], ['voice', 'tfjs', 'voice'], ['text', 'tfjs', 'text']];
  for (const [model, exported, served] of models) {
    const dir = resolve(import.meta.dirname, 'models', model, exported);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (f === 'parity.json') continue; // test fixture, not a runtime file
      assets.push({ absoluteSrc: join(dir, f), relativeDest: `models/${served}/${f}` });
    }
  }
  return assets;
}

/** The toolbar and store icons, drawn by scripts/assets/make-icons.ts. */
const ICONS = { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' };

/**
 * The manifest keys that make every extension page cross-origin isolated (SharedArrayBuffer, so the
 * threaded WASM build can start in the engine's document). Chrome only: Firefox's MV2 background
 * page takes no such keys.
 */
export const CROSS_ORIGIN_ISOLATION = {
  cross_origin_embedder_policy: { value: 'require-corp' },
  cross_origin_opener_policy: { value: 'same-origin' },
} as const;

/** The manifest, exported for its test (tests/extension/manifest.test.ts). */
export function buildManifest(browser: string, testBuild: boolean) {
  const matches = meetingSiteMatches(testBuild);
  return {
    // texts from locales/*.yml (@wxt-dev/i18n writes them to _locales/)
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    icons: ICONS,
    action: { default_icon: ICONS },
    // tabCapture is asked when the user first opts in to analysing the other participants, never up
    // front; test builds hold it from the start, since no test can answer a permission prompt
    permissions: ['storage', 'scripting', 'activeTab', ...(browser === 'firefox' ? [] : ['offscreen', ...(testBuild ? ['tabCapture'] : [])])],
    // Firefox (MV2) takes optional host permissions among the optional permissions
    optional_permissions: browser === 'firefox' ? ['https://*/*', 'http://*/*'] : testBuild ? [] : ['tabCapture'],
    ...(browser === 'firefox' ? {} : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    host_permissions: matches,
    content_security_policy: {
      // WASM needs 'wasm-unsafe-eval'; nothing else is relaxed and nothing remote may load.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    // Cross-origin isolated, for the threaded WASM build. An isolated document cannot open a tab
    // capture (AbortError "Error starting tab capture", measured in Chromium), so the participants'
    // tab-capture fallback is opened by the relay frame in the call's tab, which is not isolated.
    ...(browser === 'firefox' ? {} : CROSS_ORIGIN_ISOLATION),
    // the fallback media relay's iframe, on the meeting sites only (any listed site can detect the extension)
    // Firefox (MV2) takes a plain list; its per-install random moz-extension:// id keeps pages from probing for it
    web_accessible_resources: browser === 'firefox' ? ['relay.html'] : [{ resources: ['relay.html'], matches: matches }],
    commands: {
      'toggle-badge': {
        suggested_key: { default: 'Alt+Shift+E' },
        description: '__MSG_commandToggleBadge__',
      },
      'toggle-pause': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: '__MSG_commandTogglePause__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // nothing is collected: every model runs in the browser and nothing leaves the device
            // 140: the first ESR with data_collection_permissions (Firefox for Android has it from 142)
            gecko: { id: 'emotion-overlay@example.org', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  };
}

export default defineConfig({
  srcDir: '.',
  // A separate output folder lets a benchmark and the tests build side by side.
  outDir: process.env.EO_OUT_DIR ?? '.output',
  entrypointsDir: 'entrypoints',
  modules: ['@wxt-dev/i18n/module'],
  manifest: ({ browser }) => buildManifest(browser, TEST_BUILD),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
    build: { chunkSizeWarningLimit: 4096 },
    define: { __EO_TEST_BUILD__: JSON.stringify(TEST_BUILD) },
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push(...runtimeAssets());
    },
  },
});
