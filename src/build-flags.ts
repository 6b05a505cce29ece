/**
 * Build-time flags. `EO_TEST_BUILD=1` makes a test build (npm test, the demo, the benchmark): it
 * also runs on localhost pages, and exposes test hooks. A release build (`npm run build`) never does.
 * The bundler replaces __EO_TEST_BUILD__; where it did not run (WXT reading entrypoint options, or
 * the config in Node) the environment decides.
 */
declare const __EO_TEST_BUILD__: boolean | undefined;

export const TEST_BUILD: boolean =
  typeof __EO_TEST_BUILD__ !== 'undefined'
    ? __EO_TEST_BUILD__
    : (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.EO_TEST_BUILD === '1';
