import { BUILT_IN_SITES, type Settings } from '../../../src/settings/schema';
import { t } from '../../../src/ui/i18n';
import { siteLabel } from '../../popup/site-label';

interface Props {
  settings: Settings;
  save: (patch: Partial<Settings>) => Promise<Settings>;
}

/** The built-in meeting sites, each with its on/off switch (the popup has the same switch on the site itself). */
export function SiteSettings({ settings, save }: Props) {
  return (
    <fieldset class="stack" data-testid="site-settings">
      <legend>{t('siteSwitch.legend')}</legend>
      <p class="small muted">{t('siteSwitch.hint')}</p>
      <div class="row wrap">
        {BUILT_IN_SITES.map((site) => (
          <label key={site} class="row">
            <input
              type="checkbox"
              role="switch"
              checked={!settings.disabledSites.includes(site)}
              onChange={(e) => {
                const others = settings.disabledSites.filter((s) => s !== site);
                void save({ disabledSites: (e.currentTarget as HTMLInputElement).checked ? others : [...others, site] });
              }}
              data-testid={`setting-site-${site}`}
            />
            {siteLabel(site)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
