/**
 * Start-up chores of the service worker: upgrade stored settings, close meetings a crash or a
 * killed browser left open, apply retention, register the call scripts on the pages the user enabled.
 */
import { upgradeStoredSettings } from '../settings/store';
import { applyRetention, closeDanglingMeetings } from '../storage/meetings';
import { getActiveCall } from './call-registry';
import { syncEnabledOrigins } from './enabled-origins';

/** With a live engine, its meeting is dangling only after this long without a sample. */
export const DANGLING_AFTER_MS = 2 * 60_000;

export async function housekeeping(now = Date.now()): Promise<void> {
  // the one place that writes an upgraded copy of old settings back (store.ts)
  const settings = await upgradeStoredSettings();
  // storage.session is empty after a browser start: then no engine runs and every open meeting
  // ended with its last sample. With an active call, only its meeting may still be written.
  const active = await getActiveCall();
  await closeDanglingMeetings(now, active ? DANGLING_AFTER_MS : 0, active?.meetingId ?? null).catch(() => undefined);
  if (settings.historyRetentionDays > 0) await applyRetention(settings.historyRetentionDays, now).catch(() => undefined);
  await syncEnabledOrigins(settings.enabledOrigins).catch((e) => console.warn('content scripts', e));
}
