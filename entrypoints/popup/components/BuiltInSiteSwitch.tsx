import type { BuiltInSite, Settings } from '../../../src/settings/schema';
import { t } from '../../../src/ui/i18n';
import { siteLabel } from '../site-label';

interface Props {
  site: BuiltInSite;
  settings: Settings;
  save: (patch: Partial<Settings>) => Promise<Settings>;
}

/**
 * The per-site switch for the meeting sites the extension runs on by default: off, its content
 * script does nothing there (no badge, no analysis; a running analysis stops) until the user turns
 * it back on, which takes effect at once too.
 */
export function BuiltInSiteSwitch({ site, settings, save }: Props) {
  const on = !settings.disabledSites.includes(site);
  const name = siteLabel(site);
  return (
    <section class="stack small" data-testid="site-switch" data-site={site} data-enabled={String(on)}>
      <label class="row">
        <input
          type="checkbox"
          role="switch"
          checked={on}
          onChange={(e) => {
            const enable = (e.currentTarget as HTMLInputElement).checked;
            const others = settings.disabledSites.filter((s) => s !== site);
            void save({ disabledSites: enable ? others : [...others, site] });
          }}
          data-testid="site-switch-input"
        />
        {t('siteSwitch.label', { site: name })}
      </label>
      {!on && <p class="muted">{t('siteSwitch.offNote', { site: name })}</p>}
    </section>
  );
}
