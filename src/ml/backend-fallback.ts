/**
 * A GPU backend that fails mid-call falls back to WASM without losing the call. Every model call
 * of the engine goes through BackendFallback.run: on WASM it is the plain call; on WebGL or WebGPU a
 * thrown error, or a context or device found lost, switches tf to WASM (already started: the switch
 * is synchronous) and the call is made again there (tf copies the tensors it reads to WASM). A lost
 * context cannot be read back, so then the frame fails (the pipelines report one 'error' reading
 * and go on) and the models are reloaded on WASM; until they are, calls fail the same way.
 */
import * as tf from '@tensorflow/tfjs';

export interface FallbackRecord {
  from: string;
  error: string;
  at: number;
  /** The models were reloaded on WASM (a lost context) rather than copied. */
  reloaded: boolean;
}

export class BackendFallback {
  /** The fallbacks so far (for the settings page, the tests). */
  readonly history: FallbackRecord[] = [];
  private failNext = false;
  private reloading: Promise<void> | null = null;

  /** `reload` loads every wrapped model again on the current backend (WASM) and swaps it in. */
  constructor(private readonly reload: () => Promise<void>) {}

  /** Test hook: the next model call on a GPU backend fails as a failing kernel would. */
  failNextCall(): void {
    this.failNext = true;
  }

  run<T>(call: () => T): T {
    if (this.reloading) throw new Error('the models are being reloaded on WASM after a backend failure');
    const backend = tf.getBackend();
    if (backend === 'wasm') return call();
    let lost = false;
    try {
      lost = backendLost(backend);
      if (lost) throw new Error(`the ${backend} context was lost`);
      if (this.failNext) {
        this.failNext = false;
        throw new Error(`forced ${backend} failure (test hook)`);
      }
      return call();
    } catch (error) {
      lost ||= backendLost(backend);
      this.toWasm(backend, error, lost);
      if (lost) throw error;
      return call();
    }
  }

  private toWasm(from: string, error: unknown, lost: boolean): void {
    console.warn(`emotion-overlay: ${from} failed, falling back to WASM:`, error);
    if (!tf.findBackend('wasm')) throw new Error('WASM is not started: no backend to fall back to');
    void tf.setBackend('wasm');
    if (tf.getBackend() !== 'wasm') throw new Error('could not switch to WASM');
    this.history.push({ from, error: String(error instanceof Error ? error.message : error), at: Date.now(), reloaded: lost });
    if (lost) {
      this.reloading = this.reload()
        .catch((e) => console.error('emotion-overlay: reloading the models on WASM failed', e))
        .finally(() => {
          this.reloading = null;
        });
    }
  }

  /** Resolves when no reload is in progress. */
  async settled(): Promise<void> {
    await this.reloading;
  }
}

/** Whether a GPU backend's context or device is gone (its tensors then read as garbage or throw). */
export function backendLost(name: string): boolean {
  const backend = tf.findBackend(name) as unknown as { gpgpu?: { gl?: WebGLRenderingContext }; lost?: boolean } | undefined;
  if (!backend) return false;
  if (name === 'webgl') return backend.gpgpu?.gl?.isContextLost() ?? false;
  if (name === 'webgpu') return watchDevice(backend as { device?: { lost?: Promise<unknown> } });
  return false;
}

const lostDevices = new WeakSet<object>();
const watched = new WeakSet<object>();
function watchDevice(backend: { device?: { lost?: Promise<unknown> } }): boolean {
  const device = backend.device;
  if (!device) return false;
  if (!watched.has(device)) {
    watched.add(device);
    void device.lost?.then(() => lostDevices.add(device));
  }
  return lostDevices.has(device);
}

/**
 * A model whose calls go through `fallback`: `methods` are wrapped, every other property (settings
 * such as cropPolicy) reads and writes through to the current model; after a reload, `current()`
 * returns the new one.
 */
export function guardModel<T extends object>(current: () => T, methods: readonly (keyof T)[], fallback: BackendFallback): T {
  return new Proxy({} as T, {
    get(_, prop) {
      const model = current();
      const value = Reflect.get(model, prop);
      if (typeof value === 'function' && methods.includes(prop as keyof T)) {
        return (...args: unknown[]) => fallback.run(() => (Reflect.get(current(), prop) as (...a: unknown[]) => unknown).apply(current(), args));
      }
      return typeof value === 'function' ? value.bind(model) : value;
    },
    set(_, prop, value) {
      return Reflect.set(current(), prop, value);
    },
    has(_, prop) {
      return Reflect.has(current(), prop);
    },
  });
}
