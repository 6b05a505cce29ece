/** Display names for the site adapter ids stored with each meeting. */
const SITE_LABELS: Record<string, string> = {
  meet: 'Google Meet',
  zoom: 'Zoom',
  teams: 'Microsoft Teams',
  jitsi: 'Jitsi Meet',
  whereby: 'Whereby',
  generic: 'Web call',
  demo: 'Demo call',
};

export function siteLabel(site: string): string {
  return SITE_LABELS[site] ?? site;
}
