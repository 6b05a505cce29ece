import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  migrateSettings,
  migrations,
  SETTINGS_VERSION,
  siteEnabled,
  type Settings,
} from '../../src/settings/schema';

describe('migrateSettings', () => {
  it.each([undefined, null, 42, 'settings', [], [1, 2], true])('turns garbage %j into the defaults', (raw) => {
    expect(migrateSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('v3 -> v4: the text modality on, its words not stored, exports include it', () => {
    const v3 = { version: 3, face: true, voice: false, exportInclude: { face: true, voice: false, fused: true } };
    const m = migrateSettings(v3);
    expect(m.version).toBe(SETTINGS_VERSION);
    expect(m.text).toBe(true);
    expect(m.storeTranscripts).toBe(false);
    expect(m.exportInclude).toEqual({ face: true, voice: false, text: true, fused: true, markers: true });
    expect(m.voice).toBe(false);
  });

  it('v4 -> v5: the badge stays full-size (compact off), nothing else changes', () => {
    const v4 = { version: 4, badgeVisible: false, analysisFps: 9 };
    const m = migrateSettings(v4);
    expect(m.version).toBe(SETTINGS_VERSION);
    expect(m.badgeCompact).toBe(false);
    expect(m.badgeVisible).toBe(false);
    expect(m.analysisFps).toBe(9);
    expect(migrateSettings({ ...v4, version: 5, badgeCompact: 'yes' }).badgeCompact).toBe(false);
  });

  it('v5 -> v6: the language follows the browser, every built-in site stays on, exports keep markers; the rest is kept', () => {
    const v5 = { version: 5, badgeCompact: true, analysisFps: 7, exportInclude: { face: true, voice: false, text: true, fused: false }, enabledOrigins: ['https://jitsi.example.org'] };
    const m = migrateSettings(v5);
    expect(m.version).toBe(6);
    expect(m.uiLanguage).toBe('auto');
    expect(m.disabledSites).toEqual([]);
    expect(m.exportInclude).toEqual({ face: true, voice: false, text: true, fused: false, markers: true });
    expect(m).toMatchObject({ badgeCompact: true, analysisFps: 7, enabledOrigins: ['https://jitsi.example.org'] });
  });

  it('v6 keeps a chosen language and off sites, and drops values it does not know', () => {
    const m = migrateSettings({ version: 6, uiLanguage: 'es', disabledSites: ['zoom', 'meet', 'evil.example', 'zoom', 3] });
    expect(m.uiLanguage).toBe('es');
    expect(m.disabledSites).toEqual(['meet', 'zoom']);
    expect(siteEnabled(m, 'zoom')).toBe(false);
    expect(siteEnabled(m, 'teams')).toBe(true);
    expect(siteEnabled(m, 'generic')).toBe(true);
    expect(migrateSettings({ version: 6, uiLanguage: 'fr', disabledSites: 'zoom' })).toMatchObject({ uiLanguage: 'auto', disabledSites: [] });
  });

  it('keeps valid current settings unchanged', () => {
    const valid: Settings = {
      version: SETTINGS_VERSION,
      face: false,
      voice: true,
      text: false,
      storeTranscripts: true,
      analysisFps: 12,
      badgePosition: 'top-left',
      badgeOffset: { x: -40, y: 25 },
      badgeVisible: false,
      badgeCompact: true,
      historyRetentionDays: 0,
      smoothingHalfLifeSeconds: 0.5,
      remoteAnalysis: { enabled: true, disclosureAcceptedAt: 1_700_000_000_000 },
      useContext: { region: 'eu', setting: 'medical-safety' },
      enabledOrigins: ['https://meet.example.org'],
      exportInclude: { face: false, voice: true, text: false, fused: true, markers: false },
      exportPseudonyms: true,
      uiLanguage: 'es',
      disabledSites: ['teams', 'whereby'],
    };
    expect(migrateSettings(structuredClone(valid))).toEqual(valid);
  });

  it('upgrades a v1 object step by step: rate -> analysisFps, badgeCorner -> badgePosition, remote off', () => {
    const v1 = { version: 1, face: false, voice: true, rate: 10, badgeCorner: 'top-right', remoteAnalysis: true };
    const migrated = migrateSettings(v1);
    expect(migrated).toMatchObject({
      version: SETTINGS_VERSION,
      face: false,
      analysisFps: 10,
      badgePosition: 'top-right',
      // An old bare `true` carries no disclosure acceptance, so it must not survive.
      remoteAnalysis: { enabled: false, disclosureAcceptedAt: null },
    });
    expect(migrated).not.toHaveProperty('rate');
    expect(migrated).not.toHaveProperty('badgeCorner');
  });

  it('has a migration for every version below the current one', () => {
    for (let v = 1; v < SETTINGS_VERSION; v++) expect(typeof migrations[v]).toBe('function');
  });

  it('clamps out-of-range numbers and rejects non-finite ones', () => {
    const s = migrateSettings({
      version: SETTINGS_VERSION,
      analysisFps: 99,
      historyRetentionDays: -5,
      smoothingHalfLifeSeconds: Number.NaN,
      badgeOffset: { x: 1e9, y: 'left' },
    });
    expect(s.analysisFps).toBe(15);
    expect(s.historyRetentionDays).toBe(0);
    expect(s.smoothingHalfLifeSeconds).toBe(DEFAULT_SETTINGS.smoothingHalfLifeSeconds);
    expect(s.badgeOffset).toEqual({ x: 10_000, y: 0 });
    expect(migrateSettings({ version: 1, rate: 0 }).analysisFps).toBe(1);
  });

  it('drops unknown keys and invalid enum values', () => {
    const s = migrateSettings({ version: SETTINGS_VERSION, secret: 'x', badgePosition: 'middle', face: 'yes' });
    expect(s).not.toHaveProperty('secret');
    expect(s.badgePosition).toBe(DEFAULT_SETTINGS.badgePosition);
    expect(s.face).toBe(DEFAULT_SETTINGS.face);
    expect(Object.keys(s).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it('does not let remote analysis be enabled without an accepted disclosure', () => {
    expect(migrateSettings({ remoteAnalysis: { enabled: true, disclosureAcceptedAt: null } }).remoteAnalysis).toEqual({
      enabled: false,
      disclosureAcceptedAt: null,
    });
  });

  it('normalises enabled origins to http(s) origins without duplicates', () => {
    const s = migrateSettings({
      enabledOrigins: ['https://a.example/path?q=1', 'https://a.example', 'javascript:alert(1)', 'not a url', 7, 'http://b.example:8080/'],
    });
    expect(s.enabledOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
  });

  it('reads an object from a newer version as the current shape', () => {
    const s = migrateSettings({ version: SETTINGS_VERSION + 5, analysisFps: 3, futureKey: 1 });
    expect(s.version).toBe(SETTINGS_VERSION);
    expect(s.analysisFps).toBe(3);
    expect(s).not.toHaveProperty('futureKey');
  });

  it('never shares nested objects with the defaults', () => {
    const s = migrateSettings(undefined);
    s.badgeOffset.x = 5;
    s.enabledOrigins.push('https://x.example');
    expect(DEFAULT_SETTINGS.badgeOffset.x).toBe(0);
    expect(DEFAULT_SETTINGS.enabledOrigins).toEqual([]);
  });
});
