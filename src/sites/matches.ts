/**
 * Pages where the call content scripts run by default. Anything else is enabled per origin from the
 * popup (optional host permission + dynamic registration). Localhost is included so self-hosted
 * Jitsi and the bundled demo call work without extra steps.
 */
export const MEETING_SITE_MATCHES = [
  'https://meet.google.com/*',
  'https://*.zoom.us/*',
  'https://app.zoom.us/*',
  'https://teams.microsoft.com/*',
  'https://teams.live.com/*',
  'https://meet.jit.si/*',
  'https://*.whereby.com/*',
  'http://localhost/*',
  'http://127.0.0.1/*',
];
