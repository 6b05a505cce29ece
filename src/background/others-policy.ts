import type { Settings } from '../settings/schema';

/** Why analysing others is not allowed now, or null. Self-analysis is never affected. */
export function othersAnalysisBlockedReason(settings: Settings): string | null {
  if (!settings.remoteAnalysis.enabled || settings.remoteAnalysis.disclosureAcceptedAt === null)
    return 'Turn on "Analyse other participants" and accept its disclosure on the welcome page first.';
  return null;
}
