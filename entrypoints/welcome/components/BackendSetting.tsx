import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ENGINE_BACKEND_KEY, NO_CHOICE, backendFor, parseBackendChoice, setBackendOverride, type BackendChoice } from '../../../src/ml/backend-choice';
import { BACKEND_LABELS, ENGINE_BACKENDS, type EngineBackend } from '../../../src/ml/backend-names';

const ms = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;

/**
 * The engine's backend: what the calibration measured on this machine (ms per face at 1 and 9 faces
 * per frame), what it chose, and an override. The engine reads the choice when it starts: a change
 * applies from the next call.
 */
export function BackendSetting() {
  const [choice, setChoice] = useState<BackendChoice>(NO_CHOICE);
  const [error, setError] = useState('');
  useEffect(() => {
    const read = () =>
      browser.storage.local
        .get(ENGINE_BACKEND_KEY)
        .then((r) => setChoice(parseBackendChoice(r[ENGINE_BACKEND_KEY])))
        .catch((e) => setError(String(e)));
    void read();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && ENGINE_BACKEND_KEY in changes) void read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  const cal = choice.calibration;
  const onOverride = (value: string) => {
    setError('');
    setBackendOverride(value ? (value as EngineBackend) : null).catch((e) => setError(`Could not save: ${String(e)}`));
  };
  return (
    <fieldset class="stack small" data-testid="backend-setting">
      <legend>Analysis engine</legend>
      <p data-testid="backend-chosen">
        {cal
          ? `Measured on this browser: ${BACKEND_LABELS[cal.chosen.b1]} for your own camera, ${BACKEND_LABELS[cal.chosen.b9]} for a gallery of participants.`
          : 'Not measured yet: it is measured during your first call.'}
        {choice.override ? ` You chose ${BACKEND_LABELS[choice.override]}.` : ''}
      </p>
      {cal && (
        <table data-testid="backend-timings">
          <thead>
            <tr>
              <th scope="col">Backend</th>
              <th scope="col">1 face</th>
              <th scope="col">9 faces (per face)</th>
            </tr>
          </thead>
          <tbody>
            {ENGINE_BACKENDS.map((b) => {
              const t = cal.timings[b];
              return (
                <tr key={b} data-backend={b}>
                  <th scope="row">{BACKEND_LABELS[b]}</th>
                  {t ? (
                    <>
                      <td>{ms(t.b1)}</td>
                      <td>{ms(t.b9)}</td>
                    </>
                  ) : (
                    <td colSpan={2}>{cal.unavailable[b] ?? 'not measured'}</td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <label class="stack small">
        Engine to use
        <select value={choice.override ?? ''} data-testid="backend-override" onChange={(e) => onOverride((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">Automatic (fastest measured: {BACKEND_LABELS[backendFor({ ...choice, override: null })]})</option>
          {ENGINE_BACKENDS.map((b) => (
            <option key={b} value={b} disabled={!!cal && !cal.timings[b] && b !== 'wasm'}>
              {BACKEND_LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      <p class="hint">Applies from the next call. If the chosen engine fails during a call, analysis goes on with WASM.</p>
      {error && <p role="alert">{error}</p>}
    </fieldset>
  );
}
