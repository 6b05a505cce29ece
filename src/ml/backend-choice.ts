/**
 * The engine backend's stored choice, in `browser.storage.local` under its own key: the last
 * calibration (per browser version: an update re-runs it) and the user's override. Read back through
 * its schema: anything that does not parse counts as no calibration and no override.
 */
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { ENGINE_BACKENDS, type EngineBackend } from './backend-names';

export const ENGINE_BACKEND_KEY = 'engineBackend';

const backendSchema = z.enum(ENGINE_BACKENDS);
const msSchema = z.number().finite().positive();
/** ms per face at one face per call (b1, the user's own camera) and nine (b9, a gallery of participants). */
export const faceTimingSchema = z.object({ b1: msSchema, b9: msSchema });
export type FaceTiming = z.infer<typeof faceTimingSchema>;
export const WORKLOADS = ['b1', 'b9'] as const;
export type Workload = (typeof WORKLOADS)[number];

export const calibrationSchema = z.object({
  /** navigator.userAgent of the calibrated browser: its version is in it. */
  browser: z.string().max(512),
  at: z.number().int().nonnegative(),
  timings: z.record(backendSchema, faceTimingSchema),
  /** Backends that could not run, and why (in words). */
  unavailable: z.record(backendSchema, z.string().max(500)),
  chosen: z.object({ b1: backendSchema, b9: backendSchema }),
  /** The calibration's own cost, ms (its budget is a few hundred). */
  tookMs: z.number().nonnegative(),
  /** What was timed (CALIBRATION_REVISION); absent: revision 1, batch 9 timed on the main face model. */
  revision: z.number().int().positive().optional(),
});
export type Calibration = z.infer<typeof calibrationSchema>;

/** 2: batch 9 is timed on the gallery face model, which runs it. A stored older calibration is re-run. */
export const CALIBRATION_REVISION = 2;

export const backendChoiceSchema = z.object({
  calibration: calibrationSchema.nullable(),
  /** The user's choice in the settings; null: the calibration's. */
  override: backendSchema.nullable(),
});
export type BackendChoice = z.infer<typeof backendChoiceSchema>;

export const NO_CHOICE: BackendChoice = { calibration: null, override: null };

/** Parses a stored value; a bad one is reported and read as no choice. */
export function parseBackendChoice(raw: unknown): BackendChoice {
  if (raw === undefined) return NO_CHOICE;
  const parsed = backendChoiceSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.warn(`emotion-overlay: stored ${ENGINE_BACKEND_KEY} is not valid, calibrating again:`, parsed.error.issues[0]?.message);
  return NO_CHOICE;
}

/**
 * Where the engine reads and writes its choice. Extension pages and the service worker use
 * browser.storage.local; the offscreen document has no chrome.storage (only chrome.runtime), so
 * it goes through the service worker (messageChoiceStore, see BACKEND_CHOICE_MESSAGES).
 */
export interface ChoiceStore {
  read(): Promise<BackendChoice>;
  /** Stores a new calibration, keeping the user's override. */
  writeCalibration(calibration: Calibration): Promise<void>;
}

export const storageChoiceStore: ChoiceStore = {
  read: () => readBackendChoice(),
  writeCalibration: async (calibration) => writeBackendChoice({ ...(await readBackendChoice()), calibration }),
};

/**
 * The two messages the service worker answers for the offscreen engine (to be added to
 * src/messaging/protocol.ts, sender role: the offscreen document): get -> BackendChoice (from
 * readBackendChoice()); set-calibration -> storageChoiceStore.writeCalibration(calibration).
 */
export const BACKEND_CHOICE_MESSAGES = {
  get: z.object({ type: z.literal('engine/backend-choice') }),
  setCalibration: z.object({ type: z.literal('engine/backend-calibrated'), calibration: calibrationSchema }),
};

/** The offscreen document's store: asks the service worker. A worker that does not answer: read throws. */
export function messageChoiceStore(send: (message: unknown) => Promise<unknown>): ChoiceStore {
  return {
    read: async () => {
      const answer = await send({ type: 'engine/backend-choice' });
      // no handler in the worker: say so (the engine then neither calibrates nor stores, see engine-backend.ts)
      if (answer === undefined) throw new Error('the service worker does not answer engine/backend-choice');
      return parseBackendChoice(answer);
    },
    writeCalibration: async (calibration) => {
      await send({ type: 'engine/backend-calibrated', calibration });
    },
  };
}

export async function readBackendChoice(): Promise<BackendChoice> {
  return parseBackendChoice((await browser.storage.local.get(ENGINE_BACKEND_KEY))[ENGINE_BACKEND_KEY]);
}

export async function writeBackendChoice(choice: BackendChoice): Promise<void> {
  await browser.storage.local.set({ [ENGINE_BACKEND_KEY]: backendChoiceSchema.parse(choice) });
}

/** Sets or clears the override, keeping the calibration. */
export async function setBackendOverride(override: EngineBackend | null): Promise<void> {
  const current = await readBackendChoice();
  await writeBackendChoice({ ...current, override });
}

/** The backend the engine runs for a workload: the override, else the calibration's pick, else WASM. */
export function backendFor(choice: BackendChoice, workload: Workload = 'b1'): EngineBackend {
  return choice.override ?? choice.calibration?.chosen[workload] ?? 'wasm';
}

/** Whether the stored calibration is missing, from another browser version, or timed differently. */
export function needsCalibration(choice: BackendChoice, userAgent: string): boolean {
  return !choice.calibration || choice.calibration.browser !== userAgent || (choice.calibration.revision ?? 1) !== CALIBRATION_REVISION;
}

/**
 * How much faster than WASM another backend must time to be chosen. A GPU backend costs a GL context
 * or a device, and timings this short are noisy: 10%. The threaded build also takes cores from the
 * rest of the engine (the face detector, audio, the call page itself), which its timing does not see:
 * 25%.
 */
export const MARGINS: Record<EngineBackend, number> = { wasm: 0, 'wasm-threads': 0.25, webgl: 0.1, webgpu: 0.1 };

/** The fastest backend per workload: WASM keeps it unless another is faster by more than its margin. */
export function pickFastest(timings: Partial<Record<EngineBackend, FaceTiming>>): Record<Workload, EngineBackend> {
  const pick = (w: Workload): EngineBackend => {
    let best: EngineBackend = 'wasm';
    let bestCost = timings.wasm?.[w] ?? Infinity;
    for (const [name, t] of Object.entries(timings) as [EngineBackend, FaceTiming][]) {
      const cost = t[w] / (1 - MARGINS[name]);
      if (name !== 'wasm' && cost < bestCost) {
        best = name;
        bestCost = cost;
      }
    }
    return best;
  };
  return { b1: pick('b1'), b9: pick('b9') };
}
