/**
 * Pages where the call content scripts run by default: the meeting sites' own patterns, from their
 * adapters. Anything else is enabled per origin from the popup (optional host permission + dynamic
 * registration). Test builds also run on localhost, for the demo call and the end-to-end tests;
 * release builds never do (a self-hosted server is enabled from the popup like any other page).
 */
import { TEST_BUILD } from '../build-flags';
import { SITE_ADAPTERS } from './index';

export const LOCAL_TEST_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'] as const;

export function meetingSiteMatches(testBuild: boolean): string[] {
  return [...SITE_ADAPTERS.flatMap((a) => a.matchPatterns), ...(testBuild ? LOCAL_TEST_MATCHES : [])];
}

export const MEETING_SITE_MATCHES: string[] = meetingSiteMatches(TEST_BUILD);
