import type { Settings } from '../../../src/settings/schema';
import { t } from '../../../src/ui/i18n';

interface Props {
  settings: Settings;
  save: (patch: Partial<Settings>) => Promise<Settings>;
}

/** Show or hide the badge on the call, and its compact form; a hidden badge says analysis goes on. */
export function BadgeControls({ settings, save }: Props) {
  return (
    <div class="stack small" data-testid="badge-controls">
      <div class="row wrap">
        <label class="row">
          <input
            type="checkbox"
            role="switch"
            checked={settings.badgeVisible}
            onChange={(e) => void save({ badgeVisible: (e.currentTarget as HTMLInputElement).checked })}
            data-testid="popup-badge-visible"
          />
          {t('popup.badgeVisible')}
        </label>
        <label class="row">
          <input
            type="checkbox"
            role="switch"
            checked={settings.badgeCompact}
            disabled={!settings.badgeVisible}
            onChange={(e) => void save({ badgeCompact: (e.currentTarget as HTMLInputElement).checked })}
            data-testid="popup-badge-compact"
          />
          {t('popup.badgeCompact')}
        </label>
      </div>
      {!settings.badgeVisible && <p class="muted" data-testid="badge-hidden-note">{t('popup.badgeHiddenNote')}</p>}
    </div>
  );
}
