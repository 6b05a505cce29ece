import { SITE_ADAPTERS } from '../../src/sites';
import { t } from '../../src/ui/i18n';

/** Ids stored with meetings that no site adapter has. */
const OTHER_LABELS: Record<string, () => string> = { demo: () => t('common.siteDemo'), file: () => t('common.siteFile') };

/** Display name for the site adapter id stored with each meeting: the adapter's own name. */
export function siteLabel(site: string): string {
  return SITE_ADAPTERS.find((a) => a.id === site)?.name ?? OTHER_LABELS[site]?.() ?? site;
}
