import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Message } from '../messaging/protocol';
import { parseMessage } from '../messaging/protocol';
import { recordingStatusSchema, type RecordingStatus } from '../files/recording/recording-status';
import { formatClock } from '../ui/format';
import { t } from '../ui/i18n';

const send = (message: Message) => browser.runtime.sendMessage(message).catch(() => null);
const asStatus = (value: unknown) => {
  const parsed = recordingStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** The runtime, in the content script; null where the badge is drawn outside the extension. */
function extensionRuntime() {
  try {
    return browser.runtime?.id ? browser.runtime : null;
  } catch {
    return null;
  }
}

/**
 * The badge's Record button and REC indicator. It records the user's own camera with the reading
 * (recording other people is started from the popup, after its consent step). Only a real click
 * counts: the badge lives in a closed shadow root, and a click the page scripted (untrusted) is
 * ignored, so a web page cannot start a recording. It learns the state from the engine's
 * `engine/recording` messages (forwarded by the worker to this tab) and asks once when it mounts.
 */
export function BadgeRecord() {
  const [status, setStatus] = useState<RecordingStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const runtime = extensionRuntime();

  useEffect(() => {
    if (!runtime) return;
    void send({ type: 'ui/record-state' }).then((s) => setStatus(asStatus(s)));
    const onMessage = (raw: unknown, sender: { id?: string }) => {
      if (sender.id !== runtime.id) return;
      const message = parseMessage(raw);
      if (message?.type === 'engine/recording') setStatus(message.status);
    };
    runtime.onMessage.addListener(onMessage);
    return () => runtime.onMessage.removeListener(onMessage);
  }, [runtime]);

  const recording = status?.state === 'recording' || status?.state === 'finishing';
  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [recording]);
  if (!runtime) return null;

  const onClick = async (e: MouseEvent) => {
    if (!e.isTrusted) return;
    setError(null);
    if (recording) {
      setStatus(asStatus(await send({ type: 'ui/record-stop' })) ?? status);
      return;
    }
    const answer = (await send({ type: 'ui/record-start' })) as { ok?: boolean; error?: string } | null;
    if (!answer?.ok) setError(answer?.error ?? t('record.noAnswer'));
    setStatus(asStatus(await send({ type: 'ui/record-state' })) ?? status);
  };

  const ended = !recording ? (status?.ended ?? null) : null;
  return (
    <div class="eo-record" data-testid="badge-record" data-state={status?.state ?? 'unknown'}>
      {recording && status ? (
        <span class="eo-rec" role="status" data-testid="badge-rec">
          {t('record.rec')} {status.state === 'finishing' ? '…' : formatClock((now - (status.startedAt ?? now)) / 1000)}
        </span>
      ) : (
        <span />
      )}
      <button
        type="button"
        class="eo-record-button"
        onClick={onClick}
        disabled={status?.state === 'finishing'}
        aria-pressed={recording}
        title={recording ? t('record.stopBadge') : t('record.startBadge')}
        data-testid="badge-record-button"
      >
        {recording ? t('record.stop') : t('record.start')}
      </button>
      {(error ?? ended?.message) && (
        <div class="eo-record-message" role="alert" data-testid="badge-record-message">
          {error ?? ended?.message}
        </div>
      )}
    </div>
  );
}
