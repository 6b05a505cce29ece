/**
 * Settings persistence in `browser.storage.local`, readable from every extension context.
 * Every read goes through `migrateSettings`, so callers always get valid, current settings.
 */
import { browser } from 'wxt/browser';
import { migrateSettings, SETTINGS_VERSION, type Settings } from './schema';

export const SETTINGS_STORAGE_KEY = 'settings';

/** Saves in this context run one after another, so two quick patches cannot overwrite each other. */
let saveQueue: Promise<unknown> = Promise.resolve();

/**
 * The settings, upgraded and repaired in memory. Only the service worker writes an upgrade back
 * (`upgradeStoredSettings`, at its start-up): a page or the engine holding an old copy must never
 * write it over a newer save from another context.
 */
export async function loadSettings(): Promise<Settings> {
  return migrateSettings((await browser.storage.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY]);
}

/**
 * The service worker's start-up: writes an upgraded or repaired copy once, so every reader sees
 * the same thing; only if nobody wrote in between (a stale upgrade must not undo a save).
 */
export async function upgradeStoredSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY];
  const settings = migrateSettings(stored);
  if (stored !== undefined && JSON.stringify(stored) !== JSON.stringify(settings)) {
    const now = (await browser.storage.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY];
    if (JSON.stringify(now) === JSON.stringify(stored)) await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: settings });
    else return migrateSettings(now);
  }
  return settings;
}

/**
 * Merges `patch` (top-level keys; nested objects are replaced whole) into the stored settings,
 * validates the result and stores it. Returns what was stored, which may differ from the patch
 * where values were clamped or rejected.
 */
export function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const run = async () => {
    const current = await loadSettings();
    const next = migrateSettings({ ...current, ...patch, version: SETTINGS_VERSION });
    await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: next });
    return next;
  };
  const result = saveQueue.then(run, run);
  saveQueue = result.catch(() => undefined);
  return result;
}

/** Calls `cb` with the new settings whenever they change in any context, until `signal` aborts. */
export function watchSettings(cb: (s: Settings) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const listener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName !== 'local' || !(SETTINGS_STORAGE_KEY in changes)) return;
    cb(migrateSettings(changes[SETTINGS_STORAGE_KEY].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
