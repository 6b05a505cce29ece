/**
 * The user's settings: one versioned object in `browser.storage.local`.
 *
 * Stored settings may come from any earlier version of the extension, from a hand-edited
 * profile or from a bug, so nothing read back is trusted: `migrateSettings` upgrades old
 * shapes step by step through `migrations`, then `sanitizeSettings` keeps only known keys
 * with valid values (clamping numbers into range) and falls back to defaults for the rest.
 */

import { TEST_BUILD } from '../build-flags';

export const SETTINGS_VERSION = 6;

/** The UI language: the browser's ('auto') or one the user chose. */
export type UiLanguage = 'auto' | 'en' | 'es';
export const UI_LANGUAGES: readonly UiLanguage[] = ['auto', 'en', 'es'];

/** The meeting sites the extension runs on out of the box; each can be turned off from the popup. */
export const BUILT_IN_SITES = ['meet', 'zoom', 'teams', 'jitsi', 'whereby'] as const;
export type BuiltInSite = (typeof BUILT_IN_SITES)[number];
/** Test builds can also turn off the bundled demo call (localhost), so the switch is tested end to end. */
const SWITCHABLE_SITES: readonly BuiltInSite[] = TEST_BUILD ? [...BUILT_IN_SITES, 'demo' as BuiltInSite] : BUILT_IN_SITES;

/** Whether the popup offers the on/off switch for this site adapter. */
export function isSwitchableSite(siteId: string): siteId is BuiltInSite {
  return (SWITCHABLE_SITES as readonly string[]).includes(siteId);
}

export type BadgePosition = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
export const BADGE_POSITIONS: readonly BadgePosition[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];

export interface Settings {
  version: number;
  /** Analyse the camera. */
  face: boolean;
  /** Analyse the microphone. */
  voice: boolean;
  /** Read the call's own live captions (the text modality), where the site shows them. */
  text: boolean;
  /** Keep the captions' words with the meeting; off by default: only probabilities are stored. */
  storeTranscripts: boolean;
  /** Face frames analysed per second, 1..15. */
  analysisFps: number;
  badgePosition: BadgePosition;
  /** Where the user dragged the badge, in px from its corner. */
  badgeOffset: { x: number; y: number };
  badgeVisible: boolean;
  /** The badge shows only the headline and the state line, without the per-stream bars. */
  badgeCompact: boolean;
  /** Meetings older than this are deleted; 0 keeps them forever. */
  historyRetentionDays: number;
  /** Half-life of the fused reading's exponential smoothing; 0 = no smoothing. */
  smoothingHalfLifeSeconds: number;
  /** Analysing other participants: opt-in, and only after the disclosure was accepted. */
  remoteAnalysis: { enabled: boolean; disclosureAcceptedAt: number | null };
  /** Where and in what setting the user analyses others: the law depends on it (others-policy.ts). */
  useContext: { region: UseRegion | null; setting: UseSetting | null };
  /** Extra pages the user enabled from the popup, as origins (`https://host[:port]`). */
  enabledOrigins: string[];
  /** Which streams an export contains, and whether it has the user's markers and notes. */
  exportInclude: { face: boolean; voice: boolean; text: boolean; fused: boolean; markers: boolean };
  /** Exports name the other people "Participant N" instead of their names. */
  exportPseudonyms: boolean;
  /** The UI language: 'auto' follows the browser. */
  uiLanguage: UiLanguage;
  /** Built-in meeting sites (adapter ids) the user turned the extension off on. */
  disabledSites: BuiltInSite[];
}

/** What the engine uses, and all it is sent: the rest of the settings never leave the extension's UI. */
export type EngineSettings = Pick<Settings, 'face' | 'voice' | 'text' | 'storeTranscripts' | 'analysisFps' | 'smoothingHalfLifeSeconds'>;

export function engineSettings(s: Settings): EngineSettings {
  return {
    face: s.face,
    voice: s.voice,
    text: s.text,
    storeTranscripts: s.storeTranscripts,
    analysisFps: s.analysisFps,
    smoothingHalfLifeSeconds: s.smoothingHalfLifeSeconds,
  };
}

export type UseRegion = 'eu' | 'elsewhere';
export type UseSetting = 'personal' | 'workplace' | 'education' | 'medical-safety' | 'research';
export const USE_REGIONS: readonly UseRegion[] = ['eu', 'elsewhere'];
export const USE_SETTINGS: readonly UseSetting[] = ['personal', 'workplace', 'education', 'medical-safety', 'research'];

export const SETTINGS_LIMITS = {
  analysisFps: { min: 1, max: 15 },
  historyRetentionDays: { min: 0, max: 3650 },
  smoothingHalfLifeSeconds: { min: 0, max: 30 },
  /** Larger than any screen; keeps a corrupted offset from pushing the badge out of reach forever. */
  badgeOffset: { min: -10_000, max: 10_000 },
  enabledOrigins: { maxCount: 200, maxLength: 2048 },
} as const;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  face: true,
  voice: true,
  text: true,
  storeTranscripts: false,
  analysisFps: 5,
  badgePosition: 'bottom-right',
  badgeOffset: Object.freeze({ x: 0, y: 0 }),
  badgeVisible: true,
  badgeCompact: false,
  historyRetentionDays: 30,
  smoothingHalfLifeSeconds: 2,
  remoteAnalysis: Object.freeze({ enabled: false, disclosureAcceptedAt: null }),
  useContext: Object.freeze({ region: null, setting: null }),
  enabledOrigins: Object.freeze([]) as unknown as string[],
  exportInclude: Object.freeze({ face: true, voice: true, text: true, fused: true, markers: true }),
  exportPseudonyms: false,
  uiLanguage: 'auto',
  disabledSites: Object.freeze([]) as unknown as BuiltInSite[],
}) as Readonly<Settings>;

/** A fresh, mutable copy of the defaults (DEFAULT_SETTINGS' nested objects must never be shared). */
export function defaultSettings(): Settings {
  return structuredCloneSettings(DEFAULT_SETTINGS);
}

type RawSettings = Record<string, unknown>;

/**
 * `migrations[n]` turns a version-n object into a version-(n+1) object. Each step only
 * renames or reshapes; validation happens once, after the last step.
 */
export const migrations: Record<number, (old: RawSettings) => RawSettings> = {
  // v1 -> v2: `rate` (frames per second) was renamed `analysisFps`; `badgeCorner` became `badgePosition`.
  1: ({ rate, badgeCorner, ...rest }) => ({
    ...rest,
    analysisFps: rest.analysisFps ?? rate,
    badgePosition: rest.badgePosition ?? badgeCorner,
    version: 2,
  }),
  // v2 -> v3: `remoteAnalysis` was a bare boolean with no record of the disclosure. An old
  // `true` cannot prove the user saw the current disclosure, so it is turned off and must be
  // re-accepted. Exports gained per-stream choices (defaults).
  2: ({ remoteAnalysis, ...rest }) => ({
    ...rest,
    remoteAnalysis:
      typeof remoteAnalysis === 'object' && remoteAnalysis !== null
        ? remoteAnalysis
        : { enabled: false, disclosureAcceptedAt: null },
    version: 3,
  }),
  // v3 -> v4: a third modality (text, from the call's captions: on; its words are not stored unless
  // the user asks); exports include it unless the user leaves it out. New keys take their defaults.
  3: (old) => ({ ...old, version: 4 }),
  // v4 -> v5: a compact badge (headline and state only); off, so the badge looks as it did.
  4: (old) => ({ ...old, version: 5 }),
  // v5 -> v6: a UI language override ('auto': the browser's, as before), per-site off switches for
  // the built-in meeting sites (none off), and markers in exports (in, like every stream by default).
  5: (old) => ({ ...old, version: 6 }),
};

const isRecord = (v: unknown): v is RawSettings => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
  if (!isFiniteNumber(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

function booleanOr(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** `https://host[:port]` for an http(s) URL or origin, else null. */
export function normalizeOrigin(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > SETTINGS_LIMITS.enabledOrigins.maxLength) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

function sanitizeOrigins(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const origins = new Set<string>();
  for (const item of value) {
    const origin = normalizeOrigin(item);
    if (origin) origins.add(origin);
    if (origins.size >= SETTINGS_LIMITS.enabledOrigins.maxCount) break;
  }
  return [...origins];
}

function sanitizeRemoteAnalysis(value: unknown): Settings['remoteAnalysis'] {
  if (!isRecord(value)) return { ...DEFAULT_SETTINGS.remoteAnalysis };
  const acceptedAt =
    isFiniteNumber(value.disclosureAcceptedAt) && value.disclosureAcceptedAt > 0 ? value.disclosureAcceptedAt : null;
  // Enabled without an accepted disclosure is not a state the user can have chosen.
  return { enabled: value.enabled === true && acceptedAt !== null, disclosureAcceptedAt: acceptedAt };
}

function sanitizeUseContext(value: unknown): Settings['useContext'] {
  const v = isRecord(value) ? value : {};
  return {
    region: USE_REGIONS.includes(v.region as UseRegion) ? (v.region as UseRegion) : null,
    setting: USE_SETTINGS.includes(v.setting as UseSetting) ? (v.setting as UseSetting) : null,
  };
}

/** Keeps known keys with valid values; everything else falls back to its default. */
export function sanitizeSettings(raw: RawSettings): Settings {
  const d = DEFAULT_SETTINGS;
  const L = SETTINGS_LIMITS;
  const offset = isRecord(raw.badgeOffset) ? raw.badgeOffset : {};
  const include = isRecord(raw.exportInclude) ? raw.exportInclude : {};
  return {
    version: SETTINGS_VERSION,
    face: booleanOr(raw.face, d.face),
    voice: booleanOr(raw.voice, d.voice),
    text: booleanOr(raw.text, d.text),
    storeTranscripts: booleanOr(raw.storeTranscripts, d.storeTranscripts),
    analysisFps: clampNumber(raw.analysisFps, L.analysisFps.min, L.analysisFps.max, d.analysisFps),
    badgePosition: BADGE_POSITIONS.includes(raw.badgePosition as BadgePosition)
      ? (raw.badgePosition as BadgePosition)
      : d.badgePosition,
    badgeOffset: {
      x: Math.round(clampNumber(offset.x, L.badgeOffset.min, L.badgeOffset.max, d.badgeOffset.x)),
      y: Math.round(clampNumber(offset.y, L.badgeOffset.min, L.badgeOffset.max, d.badgeOffset.y)),
    },
    badgeVisible: booleanOr(raw.badgeVisible, d.badgeVisible),
    badgeCompact: booleanOr(raw.badgeCompact, d.badgeCompact),
    historyRetentionDays: Math.round(
      clampNumber(raw.historyRetentionDays, L.historyRetentionDays.min, L.historyRetentionDays.max, d.historyRetentionDays),
    ),
    smoothingHalfLifeSeconds: clampNumber(
      raw.smoothingHalfLifeSeconds,
      L.smoothingHalfLifeSeconds.min,
      L.smoothingHalfLifeSeconds.max,
      d.smoothingHalfLifeSeconds,
    ),
    remoteAnalysis: sanitizeRemoteAnalysis(raw.remoteAnalysis),
    useContext: sanitizeUseContext(raw.useContext),
    enabledOrigins: sanitizeOrigins(raw.enabledOrigins),
    exportInclude: {
      face: booleanOr(include.face, d.exportInclude.face),
      voice: booleanOr(include.voice, d.exportInclude.voice),
      text: booleanOr(include.text, d.exportInclude.text),
      fused: booleanOr(include.fused, d.exportInclude.fused),
      markers: booleanOr(include.markers, d.exportInclude.markers),
    },
    exportPseudonyms: booleanOr(raw.exportPseudonyms, d.exportPseudonyms),
    uiLanguage: UI_LANGUAGES.includes(raw.uiLanguage as UiLanguage) ? (raw.uiLanguage as UiLanguage) : d.uiLanguage,
    disabledSites: Array.isArray(raw.disabledSites)
      ? SWITCHABLE_SITES.filter((site) => (raw.disabledSites as unknown[]).includes(site))
      : [],
  };
}

/**
 * Any stored value -> valid current settings. Garbage gives the defaults; an old version is
 * upgraded one step at a time; a missing or newer version is read as the current shape
 * (keeping what still validates), since there is no way to downgrade.
 */
export function migrateSettings(raw: unknown): Settings {
  if (!isRecord(raw)) return defaultSettings();
  let current: RawSettings = { ...raw };
  let version = isFiniteNumber(current.version) && Number.isInteger(current.version) ? current.version : SETTINGS_VERSION;
  if (version < 1) version = 1;
  while (version < SETTINGS_VERSION) {
    const step = migrations[version];
    if (!step) return defaultSettings();
    try {
      current = step(current);
    } catch {
      return defaultSettings();
    }
    version += 1;
  }
  return sanitizeSettings(current);
}

function structuredCloneSettings(s: Readonly<Settings>): Settings {
  return {
    ...s,
    badgeOffset: { ...s.badgeOffset },
    remoteAnalysis: { ...s.remoteAnalysis },
    useContext: { ...s.useContext },
    enabledOrigins: [...s.enabledOrigins],
    exportInclude: { ...s.exportInclude },
    disabledSites: [...s.disabledSites],
  };
}

/** Whether the extension runs on a site: built-in sites can be turned off; every other adapter follows its page's enabling. */
export function siteEnabled(settings: Pick<Settings, 'disabledSites'>, siteId: string): boolean {
  return !(settings.disabledSites as readonly string[]).includes(siteId);
}
