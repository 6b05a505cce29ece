import type { JSX } from 'preact';
import { BADGE_POSITIONS, SETTINGS_LIMITS, type BadgePosition, type Settings } from '../../../src/settings/schema';
import { RangeSetting } from './RangeSetting';
import { RemoteAnalysisOptIn } from './RemoteAnalysisOptIn';
import { UseContextSetting } from './UseContextSetting';
import { othersAnalysisBlockedReason } from '../../../src/background/others-policy';

interface SettingsFormProps {
  settings: Settings;
  save: (patch: Partial<Settings>) => Promise<Settings>;
}

const POSITION_LABELS: Record<BadgePosition, string> = {
  'top-left': 'Top left',
  'top-right': 'Top right',
  'bottom-left': 'Bottom left',
  'bottom-right': 'Bottom right',
};

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
      <fieldset class="stack">
        <legend>What is analysed</legend>
        <label class="setting-toggle">
          <input
            type="checkbox"
            checked={settings.face}
            disabled={onlyFace}
            onChange={(e) => void save({ face: checkedOf(e) })}
            data-testid="setting-face"
          />
          <span>
            <strong>Face</strong> <span class="muted small">— expression from the camera</span>
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
            <strong>Voice</strong> <span class="muted small">— tone of voice from the microphone</span>
          </span>
        </label>
        {(onlyFace || onlyVoice) && <p class="small muted">At least one of face and voice stays on.</p>}
        <label class="setting-toggle">
          <input type="checkbox" checked={settings.text} onChange={(e) => void save({ text: checkedOf(e) })} data-testid="setting-text" />
          <span>
            <strong>Words</strong> <span class="muted small">— the apparent expression in your words, from the call’s own live captions where the site shows them</span>
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
            <strong>Keep the words</strong> <span class="muted small">— store the caption lines with the meeting. Off: only the probabilities are kept, never the words.</span>
          </span>
        </label>
      </fieldset>

      <fieldset class="stack">
        <legend>Analysis</legend>
        <RangeSetting
          label="Face frames per second"
          value={settings.analysisFps}
          min={L.analysisFps.min}
          max={L.analysisFps.max}
          step={1}
          format={(v) => `${v} fps`}
          onCommit={(analysisFps) => void save({ analysisFps })}
          testId="setting-fps"
        />
        <p class="small muted">Fewer frames use less battery; more react faster.</p>
        <RangeSetting
          label="Smoothing half-life"
          value={settings.smoothingHalfLifeSeconds}
          min={L.smoothingHalfLifeSeconds.min}
          max={L.smoothingHalfLifeSeconds.max}
          step={0.5}
          format={(v) => (v === 0 ? 'off' : `${v} s`)}
          onCommit={(smoothingHalfLifeSeconds) => void save({ smoothingHalfLifeSeconds })}
          testId="setting-smoothing"
        />
        <p class="small muted">How long a reading takes to fade: higher is steadier, lower follows quick changes.</p>
      </fieldset>

      <fieldset class="stack">
        <legend>Badge and history</legend>
        <label class="setting-toggle">
          <input
            type="checkbox"
            checked={settings.badgeVisible}
            onChange={(e) => void save({ badgeVisible: checkedOf(e) })}
            data-testid="setting-badge-visible"
          />
          <span>Show the badge on call pages</span>
        </label>
        <label class="setting-line">
          <span>Badge position</span>
          <select
            value={settings.badgePosition}
            // A new corner starts without the old drag offset, which was measured from the old one.
            onChange={(e) => void save({ badgePosition: inputValue(e) as BadgePosition, badgeOffset: { x: 0, y: 0 } })}
            data-testid="setting-badge-position"
          >
            {BADGE_POSITIONS.map((p) => (
              <option key={p} value={p}>
                {POSITION_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <label class="setting-line">
          <span>Keep history for</span>
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
            days
          </span>
        </label>
        <p class="small muted">0 keeps meetings until you delete them. Older meetings are deleted automatically.</p>
      </fieldset>

      <fieldset class="stack">
        <legend>Other participants</legend>
        <UseContextSetting value={settings.useContext} onChange={(useContext) => void save({ useContext })} />
        <RemoteAnalysisOptIn
          value={settings.remoteAnalysis}
          blockedReason={othersAnalysisBlockedReason({ ...settings, remoteAnalysis: { enabled: true, disclosureAcceptedAt: 1 } })}
          onChange={(remoteAnalysis) => void save({ remoteAnalysis })}
        />
      </fieldset>
    </form>
  );
}
