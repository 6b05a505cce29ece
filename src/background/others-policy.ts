/**
 * May the user analyse other people now? Self-analysis is never affected. In the EU, emotion
 * recognition in the workplace and in education is prohibited except for medical or safety reasons
 * (AI Act art. 5(1)(f), applicable since 2 February 2025); everywhere, the people analysed must be
 * told (art. 50(3)): the disclosure and the badge's indicator.
 */
import type { Settings } from '../settings/schema';

export const EU_WORKPLACE_EDUCATION_BLOCK =
  'Analysing other people is not allowed in workplaces and in education in the EU (AI Act art. 5(1)(f), in force since 2 February 2025), except for medical or safety reasons. Analysing yourself stays available.';

/** Why analysing others is not allowed now, or null. */
export function othersAnalysisBlockedReason(settings: Settings): string | null {
  const { region, setting } = settings.useContext;
  if (region === null || setting === null) return 'Say on the welcome page where, and in what setting, you would analyse others.';
  if (region === 'eu' && (setting === 'workplace' || setting === 'education')) return EU_WORKPLACE_EDUCATION_BLOCK;
  if (!settings.remoteAnalysis.enabled || settings.remoteAnalysis.disclosureAcceptedAt === null)
    return 'Turn on "Analyse other participants" and accept its disclosure on the welcome page first.';
  return null;
}
