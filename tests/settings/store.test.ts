import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../src/settings/schema';
import { loadSettings, saveSettings, SETTINGS_STORAGE_KEY, upgradeStoredSettings, watchSettings } from '../../src/settings/store';

describe('settings store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('loads the defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves a patch, validates it and returns what was stored', async () => {
    const saved = await saveSettings({ analysisFps: 40, badgePosition: 'top-left' });
    expect(saved.analysisFps).toBe(15);
    expect(saved.badgePosition).toBe('top-left');
    expect(await loadSettings()).toEqual(saved);
  });

  it('keeps both of two quick patches', async () => {
    await Promise.all([saveSettings({ face: false }), saveSettings({ voice: false })]);
    const s = await loadSettings();
    expect(s.face).toBe(false);
    expect(s.voice).toBe(false);
  });

  it('reads an old stored object upgraded, and only the worker’s start-up writes the upgrade back', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_STORAGE_KEY]: { version: 1, rate: 8 } });
    expect((await loadSettings()).analysisFps).toBe(8);
    const before = (await fakeBrowser.storage.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY] as Record<string, unknown>;
    expect(before.version).toBe(1);
    expect((await upgradeStoredSettings()).analysisFps).toBe(8);
    const stored = (await fakeBrowser.storage.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY] as Record<string, unknown>;
    expect(stored.version).toBe(SETTINGS_VERSION);
    expect(stored).not.toHaveProperty('rate');
  });

  it('a reader holding an old copy never writes it over a newer save', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_STORAGE_KEY]: { version: 1, rate: 8 } });
    const old = loadSettings();
    await saveSettings({ analysisFps: 3 });
    expect((await old).analysisFps).toBe(8);
    expect((await loadSettings()).analysisFps).toBe(3);
  });

  it('notifies watchers with validated settings until aborted', async () => {
    const seen: Settings[] = [];
    const controller = new AbortController();
    watchSettings((s) => seen.push(s), controller.signal);
    await saveSettings({ analysisFps: 7 });
    await fakeBrowser.storage.local.set({ other: 1 });
    expect(seen.map((s) => s.analysisFps)).toEqual([7]);
    controller.abort();
    await saveSettings({ analysisFps: 9 });
    expect(seen).toHaveLength(1);
  });
});
