import { describe, expect, it, vi } from 'vitest';
import { backendFor, CALIBRATION_REVISION, needsCalibration, parseBackendChoice, pickFastest, type Calibration } from '../../src/ml/backend-choice';
import { calibrationFrom } from '../../src/ml/calibration';

const UA = 'Mozilla/5.0 HeadlessChrome/156.0.0.0';
const calibration = (chosen: Calibration['chosen']): Calibration => ({
  browser: UA,
  at: 1,
  timings: { wasm: { b1: 3, b9: 2 }, webgl: { b1: 1, b9: 0.5 } },
  unavailable: { webgpu: 'no adapter' },
  chosen,
  tookMs: 300,
  revision: CALIBRATION_REVISION,
});

describe('engine backend choice', () => {
  it('picks the fastest per workload: WASM unless a GPU is >10% faster, threads >25%', () => {
    expect(pickFastest({ wasm: { b1: 3, b9: 2 }, webgl: { b1: 2.8, b9: 1 } })).toEqual({ b1: 'wasm', b9: 'webgl' });
    expect(pickFastest({ wasm: { b1: 3, b9: 2 }, 'wasm-threads': { b1: 2.5, b9: 1.4 } })).toEqual({ b1: 'wasm', b9: 'wasm-threads' });
    expect(pickFastest({ wasm: { b1: 3, b9: 2 }, 'wasm-threads': { b1: 2, b9: 1.2 }, webgl: { b1: 1, b9: 1.6 } })).toEqual({ b1: 'webgl', b9: 'wasm-threads' });
    expect(pickFastest({ webgl: { b1: 1, b9: 1 } })).toEqual({ b1: 'webgl', b9: 'webgl' });
    expect(pickFastest({})).toEqual({ b1: 'wasm', b9: 'wasm' });
  });

  it('runs the override, else the calibration, else WASM', () => {
    expect(backendFor({ calibration: null, override: null })).toBe('wasm');
    expect(backendFor({ calibration: calibration({ b1: 'webgl', b9: 'wasm' }), override: null }, 'b1')).toBe('webgl');
    expect(backendFor({ calibration: calibration({ b1: 'webgl', b9: 'wasm' }), override: null }, 'b9')).toBe('wasm');
    expect(backendFor({ calibration: calibration({ b1: 'webgl', b9: 'webgl' }), override: 'wasm-threads' })).toBe('wasm-threads');
  });

  it('calibrates again when there is none or the browser changed', () => {
    const c = { calibration: calibration({ b1: 'wasm', b9: 'wasm' }), override: null };
    expect(needsCalibration(c, UA)).toBe(false);
    expect(needsCalibration(c, UA.replace('156', '157'))).toBe(true);
    expect(needsCalibration({ calibration: null, override: 'webgl' }, UA)).toBe(true);
    // a calibration from before batch 9 was timed on the gallery model is run again
    const { revision: _, ...older } = c.calibration;
    expect(needsCalibration({ calibration: older, override: null }, UA)).toBe(true);
  });

  it('reads a bad stored value as no choice, and says so', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(parseBackendChoice({ calibration: null, override: 'cuda' })).toEqual({ calibration: null, override: null });
    expect(parseBackendChoice({ calibration: { ...calibration({ b1: 'wasm', b9: 'wasm' }), timings: { wasm: { b1: -1, b9: 2 } } }, override: null }).calibration).toBeNull();
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
    expect(parseBackendChoice(undefined)).toEqual({ calibration: null, override: null });
    const good = { calibration: calibration({ b1: 'webgl', b9: 'wasm' }), override: null };
    expect(parseBackendChoice(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });

  it('merges the documents\' measurements: a timing beats an older "unavailable"', () => {
    const c = calibrationFrom(
      [
        { timings: { wasm: { b1: 3, b9: 2 } }, unavailable: { webgl: 'software rendering', webgpu: 'no adapter' } },
        { timings: { 'wasm-threads': { b1: 2, b9: 1 } }, unavailable: {} },
      ],
      123.4,
      UA,
    );
    expect(c.chosen).toEqual({ b1: 'wasm-threads', b9: 'wasm-threads' });
    expect(Object.keys(c.unavailable).sort()).toEqual(['webgl', 'webgpu']);
    expect(c.tookMs).toBe(123);
  });
});
