import { SITE_ADAPTERS } from '../../src/sites';

/** Ids stored with meetings that no site adapter has. */
const OTHER_LABELS: Record<string, string> = { demo: 'Demo call', file: 'File' };

/** Display name for the site adapter id stored with each meeting: the adapter's own name. */
export function siteLabel(site: string): string {
  return SITE_ADAPTERS.find((a) => a.id === site)?.name ?? OTHER_LABELS[site] ?? site;
}
