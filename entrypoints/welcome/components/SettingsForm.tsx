import type { JSX } from 'preact';
import { BADGE_POSITIONS, SETTINGS_LIMITS, type BadgePosition, type Settings } from '../../../src/settings/schema';
import { RangeSetting } from './RangeSetting';
import { RemoteAnalysisOptIn } from './RemoteAnalysisOptIn';
import { UseContextSetting } from './UseContextSetting';
import { BackendSetting } from './BackendSetting';
import { LanguageSetting } from './LanguageSetting';
import { SiteSettings } from './SiteSettings';
import { othersAnalysisBlockedReason } from '../../../src/background/others-policy';
import { t } from '../../../src/ui/i18n';

interface SettingsFormProps {
  settings: Settings;
  save: (patch: Partial<Settings>) => Promise<Settings>;
}

const POSITION_LABEL_KEYS = {
  'top-left': 'welcome.set.topLeft',
  'top-right': 'welcome.set.topRight',
  'bottom-left': 'welcome.set.bottomLeft',
  'bottom-right': 'welcome.set.bottomRight',
} as const satisfies Record<BadgePosition, string>;

const inputValue = (e: JSX.TargetedEvent<HTMLInputElement | HTMLSelectElement>) => e.currentTarget.value;
const checkedOf = (e: JSX.TargetedEvent<HTMLInputElement>) => e.currentTarget.checked;

/** Every user setting, saved as soon as it changes (the store validates and clamps). */
export function SettingsForm({ settings, save }: SettingsFormProps) {
  const L = SETTINGS_LIMITS;
  // At least one stream must stay on: either works alone, or both together.
  const onlyFace = settings.face && !settings.voice;
  const onlyVoice = settings.voice && !settings.face;

  return (
    <form class="stack settings" onSubmit={(e) => e.preventDefault()}>
      <LanguageSetting settings={settings} save={save} />
      <SiteSettings settings={settings} save={save} />
      <fieldset class="stack">
        <legend>{t('welcome.set.whatLegend')}</legend>
        <label class="setting-toggle">
          <input
            type="checkbox"
            checked={settings.face}
            disabled={onlyFace}
            onChange={(e) => void save({ face: checkedOf(e) })}
            data-testid="setting-face"
          />
          <span>
            <strong>{t('welcome.set.face')}</strong> <span class="muted small">{t('welcome.set.faceHint')}</span>
          </span>
        </label>
        <label class="setting-toggle">
          <input
            type="checkbox"
            checked={settings.voice}
            disabled={onlyVoice}
            onChange={(e) => void save({ voice: checkedOf(e) })}
            data-testid="setting-voice"
          />
          <span>
            <strong>{t('welcome.set.voice')}</strong> <span class="muted small">{t('welcome.set.voiceHint')}</span>
          </span>
        </label>
        {(onlyFace || onlyVoice) && <p class="small muted">{t('welcome.set.oneStaysOn')}</p>}
        <label class="setting-toggle">
          <input type="checkbox" checked={settings.text} onChange={(e) => void save({ text: checkedOf(e) })} data-testid="setting-text" />
          <span>
            <strong>{t('welcome.set.words')}</strong> <span class="muted small">{t('welcome.set.wordsHint')}</span>
          </span>
        </label>
        <label class="setting-toggle">
          <input
            type="checkbox"
            checked={settings.storeTranscripts}
            disabled={!settings.text}
            onChange={(e) => void save({ storeTranscripts: checkedOf(e) })}
            data-testid="setting-store-transcripts"
          />
          <span>
            <strong>{t('welcome.set.keepWords')}</strong> <span class="muted small">{t('welcome.set.keepWordsHint')}</span>
          </span>
        </label>
      </fieldset>

      <fieldset class="stack">
        <legend>{t('welcome.set.analysisLegend')}</legend>
        <RangeSetting
          label={t('welcome.set.fps')}
          value={settings.analysisFps}
          min={L.analysisFps.min}
          max={L.analysisFps.max}
          step={1}
          format={(v) => t('welcome.set.fpsValue', { value: String(v) })}
          onCommit={(analysisFps) => void save({ analysisFps })}
          testId="setting-fps"
        />
        <p class="small muted">{t('welcome.set.fpsHint')}</p>
        <RangeSetting
          label={t('welcome.set.smoothing')}
          value={settings.smoothingHalfLifeSeconds}
          min={L.smoothingHalfLifeSeconds.min}
          max={L.smoothingHalfLifeSeconds.max}
          step={0.5}
          format={(v) => (v === 0 ? t('welcome.set.smoothingOff') : t('welcome.set.smoothingValue', { value: String(v) }))}
          onCommit={(smoothingHalfLifeSeconds) => void save({ smoothingHalfLifeSeconds })}
          testId="setting-smoothing"
        />
        <p class="small muted">{t('welcome.set.smoothingHint')}</p>
      </fieldset>

      <fieldset class="stack">
        <legend>{t('welcome.set.badgeLegend')}</legend>
        <label class="setting-toggle">
          <input
            type="checkbox"
            checked={settings.badgeVisible}
            onChange={(e) => void save({ badgeVisible: checkedOf(e) })}
            data-testid="setting-badge-visible"
          />
          <span>{t('welcome.set.badgeVisible')}</span>
        </label>
        <label class="setting-toggle">
          <input
            type="checkbox"
            checked={settings.badgeCompact}
            onChange={(e) => void save({ badgeCompact: checkedOf(e) })}
            data-testid="setting-badge-compact"
          />
          <span>{t('welcome.set.badgeCompact')}</span>
        </label>
        <label class="setting-line">
          <span>{t('welcome.set.position')}</span>
          <select
            value={settings.badgePosition}
            // A new corner starts without the old drag offset, which was measured from the old one.
            onChange={(e) => void save({ badgePosition: inputValue(e) as BadgePosition, badgeOffset: { x: 0, y: 0 } })}
            data-testid="setting-badge-position"
          >
            {BADGE_POSITIONS.map((p) => (
              <option key={p} value={p}>
                {t(POSITION_LABEL_KEYS[p])}
              </option>
            ))}
          </select>
        </label>
        <label class="setting-line">
          <span>{t('welcome.set.keepFor')}</span>
          <span class="row">
            <input
              type="number"
              min={L.historyRetentionDays.min}
              max={L.historyRetentionDays.max}
              step={1}
              value={settings.historyRetentionDays}
              onChange={(e) => void save({ historyRetentionDays: Number(inputValue(e)) })}
              data-testid="setting-retention"
              class="narrow"
            />
            {t('welcome.set.days')}
          </span>
        </label>
        <p class="small muted">{t('welcome.set.keepHint')}</p>
      </fieldset>

      <fieldset class="stack">
        <legend>{t('welcome.set.othersLegend')}</legend>
        <UseContextSetting value={settings.useContext} onChange={(useContext) => void save({ useContext })} />
        <RemoteAnalysisOptIn
          value={settings.remoteAnalysis}
          blockedReason={othersAnalysisBlockedReason({ ...settings, remoteAnalysis: { enabled: true, disclosureAcceptedAt: 1 } })}
          onChange={(remoteAnalysis) => void save({ remoteAnalysis })}
        />
      </fieldset>

      <BackendSetting />
    </form>
  );
}
