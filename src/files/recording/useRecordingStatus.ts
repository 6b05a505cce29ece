/**
 * The recording state of a call, polled from the worker once a second (as the popup's live reading
 * is): `tabId` names the call's tab from an extension page; the badge leaves it out (its own tab).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Message } from '../../messaging/protocol';
import { recordingStatusSchema, type RecordingStatus } from './recording-status';

const REFRESH_MS = 1000;

export function useRecordingStatus(tabId: number | undefined, enabled = true) {
  const [status, setStatus] = useState<RecordingStatus | null>(null);
  const refresh = useCallback(async () => {
    if (!enabled) return;
    const message: Message = { type: 'ui/record-state', ...(tabId !== undefined ? { tabId } : {}) };
    const parsed = recordingStatusSchema.safeParse(await browser.runtime.sendMessage(message).catch(() => null));
    setStatus(parsed.success ? parsed.data : null);
  }, [tabId, enabled]);
  useEffect(() => {
    if (!enabled) return;
    void refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh, enabled]);
  return { status, refresh, setStatus };
}
