/** The engine's backends by name (no TF.js import: the settings page reads these too). */
export const ENGINE_BACKENDS = ['wasm', 'wasm-threads', 'webgl', 'webgpu'] as const;
export type EngineBackend = (typeof ENGINE_BACKENDS)[number];
export type GpuBackend = 'webgl' | 'webgpu';

export const BACKEND_LABELS: Record<EngineBackend, string> = {
  wasm: 'WASM (one thread, SIMD)',
  'wasm-threads': 'WASM with threads',
  webgl: 'WebGL (GPU)',
  webgpu: 'WebGPU (GPU)',
};
