import { describe, expect, it } from 'vitest';
import { EU_WORKPLACE_EDUCATION_BLOCK, othersAnalysisBlockedReason } from '../../src/background/others-policy';
import { defaultSettings, migrateSettings, type Settings } from '../../src/settings/schema';

const optedIn = (useContext: Settings['useContext']): Settings => ({
  ...defaultSettings(),
  remoteAnalysis: { enabled: true, disclosureAcceptedAt: 1_700_000_000_000 },
  useContext,
});

describe('who may analyse others', () => {
  it('blocks EU workplaces and education (AI Act art. 5(1)(f)), even with the disclosure accepted', () => {
    expect(othersAnalysisBlockedReason(optedIn({ region: 'eu', setting: 'workplace' }))).toBe(EU_WORKPLACE_EDUCATION_BLOCK);
    expect(othersAnalysisBlockedReason(optedIn({ region: 'eu', setting: 'education' }))).toBe(EU_WORKPLACE_EDUCATION_BLOCK);
  });

  it('allows medical or safety use in the EU, and personal use anywhere, once opted in', () => {
    expect(othersAnalysisBlockedReason(optedIn({ region: 'eu', setting: 'medical-safety' }))).toBeNull();
    expect(othersAnalysisBlockedReason(optedIn({ region: 'eu', setting: 'personal' }))).toBeNull();
    expect(othersAnalysisBlockedReason(optedIn({ region: 'elsewhere', setting: 'education' }))).toBeNull();
  });

  it('needs the region and setting said, and the opt-in with its disclosure', () => {
    expect(othersAnalysisBlockedReason(optedIn({ region: null, setting: 'personal' }))).toMatch(/where/);
    expect(othersAnalysisBlockedReason({ ...defaultSettings(), useContext: { region: 'elsewhere', setting: 'personal' } })).toMatch(/disclosure/);
  });

  it('keeps only known regions and settings', () => {
    expect(migrateSettings({ version: 4, useContext: { region: 'mars', setting: 'workplace' } }).useContext).toEqual({ region: null, setting: 'workplace' });
  });
});
