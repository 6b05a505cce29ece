/** The Chrome build's pages are cross-origin isolated (SharedArrayBuffer for the threaded WASM build); Firefox's MV2 has no such keys. */
import { describe, expect, it } from 'vitest';
import { buildManifest } from '../../wxt.config';

describe('cross-origin isolation in the manifest', () => {
  it('Chrome: COEP require-corp and COOP same-origin, the CSP unchanged (no blob: workers)', () => {
    for (const testBuild of [false, true]) {
      const m = buildManifest('chrome', testBuild) as Record<string, unknown>;
      expect(m.cross_origin_embedder_policy).toEqual({ value: 'require-corp' });
      expect(m.cross_origin_opener_policy).toEqual({ value: 'same-origin' });
      expect((m.content_security_policy as { extension_pages: string }).extension_pages).toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self';");
    }
  });
  it('Firefox: none', () => {
    const m = buildManifest('firefox', false) as Record<string, unknown>;
    expect(m.cross_origin_embedder_policy).toBeUndefined();
    expect(m.cross_origin_opener_policy).toBeUndefined();
  });
});
