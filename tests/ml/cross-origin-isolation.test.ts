/**
 * Cross-origin isolation: not in the shipped manifest, because an isolated offscreen document
 * cannot open a tab capture (the participants' fallback); the benchmark's copy of the build adds it
 * to measure the threaded WASM build. The CSP is the same either way (no blob: workers).
 */
import { describe, expect, it } from 'vitest';
import { buildManifest, CROSS_ORIGIN_ISOLATION } from '../../wxt.config';

describe('cross-origin isolation in the manifest', () => {
  it('Chrome: not isolated, the CSP strict', () => {
    for (const testBuild of [false, true]) {
      const m = buildManifest('chrome', testBuild) as Record<string, unknown>;
      expect(m.cross_origin_embedder_policy).toBeUndefined();
      expect(m.cross_origin_opener_policy).toBeUndefined();
      expect((m.content_security_policy as { extension_pages: string }).extension_pages).toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self';");
    }
  });
  it('the isolation the benchmark adds: COEP require-corp and COOP same-origin', () => {
    expect(CROSS_ORIGIN_ISOLATION).toEqual({ cross_origin_embedder_policy: { value: 'require-corp' }, cross_origin_opener_policy: { value: 'same-origin' } });
  });
  it('Firefox: none', () => {
    const m = buildManifest('firefox', false) as Record<string, unknown>;
    expect(m.cross_origin_embedder_policy).toBeUndefined();
    expect(m.cross_origin_opener_policy).toBeUndefined();
  });
});
