/**
 * Cross-origin isolation in the shipped Chrome manifest, for the threaded WASM build (the tab
 * capture of the participants' fallback opens in the relay frame, which is not isolated: see
 * tests/e2e/participants-tab.test.ts). The CSP stays strict (no blob: workers).
 */
import { describe, expect, it } from 'vitest';
import { buildManifest, CROSS_ORIGIN_ISOLATION } from '../../wxt.config';

describe('cross-origin isolation in the manifest', () => {
  it('Chrome: isolated, the CSP strict', () => {
    for (const testBuild of [false, true]) {
      const m = buildManifest('chrome', testBuild) as Record<string, unknown>;
      expect(m.cross_origin_embedder_policy).toEqual({ value: 'require-corp' });
      expect(m.cross_origin_opener_policy).toEqual({ value: 'same-origin' });
      expect((m.content_security_policy as { extension_pages: string }).extension_pages).toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self';");
    }
  });
  it('the isolation: COEP require-corp and COOP same-origin', () => {
    expect(CROSS_ORIGIN_ISOLATION).toEqual({ cross_origin_embedder_policy: { value: 'require-corp' }, cross_origin_opener_policy: { value: 'same-origin' } });
  });
  it('Firefox: none', () => {
    const m = buildManifest('firefox', false) as Record<string, unknown>;
    expect(m.cross_origin_embedder_policy).toBeUndefined();
    expect(m.cross_origin_opener_policy).toBeUndefined();
  });
});
