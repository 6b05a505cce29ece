/**
 * The user's own camera and microphone: the devices the call page opened, opened again by the
 * engine (matched by label). A lost or stalled device is reopened every REOPEN_INTERVAL_MS. When
 * the device is busy (held by another user) the page relays its own track instead; when the user
 * refused the extension the device, that answer stands: no relay, the badge says blocked.
 */
import type { TrackInfo } from '../../core/schemas';
import { SELF } from '../../core/types';
import type { EngineSettings } from '../../settings/schema';
import { idleReading } from '../idle-reading';
import { openMatchingDevice } from './open-device';
import { openRelayStream } from './relay-stream';
import { runModality, type StreamModality } from './run-modality';
import type { Source, SourceContext } from './source';
import { ModalityLoops } from './modality-loops';

/** A lost device is retried this often (unplugged and plugged back in mid-call). */
export const REOPEN_INTERVAL_MS = 2000;
/** The relay must deliver its first chunk this soon, or the device counts as unavailable. */
export const RELAY_FIRST_CHUNK_MS = 4000;

const modalityOf = (t: TrackInfo): StreamModality => (t.kind === 'video' ? 'face' : 'voice');
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export class DeviceSource implements Source {
  private readonly loops: ModalityLoops;
  private readonly tracks: Map<StreamModality, TrackInfo>;
  /** The streams open now, per modality (tests stop one to check the stall recovery). */
  readonly live = new Map<StreamModality, MediaStream>();

  constructor(
    tracks: TrackInfo[],
    private readonly ctx: SourceContext,
  ) {
    this.loops = new ModalityLoops(ctx.signal);
    this.tracks = new Map();
    for (const t of tracks) if (!this.tracks.has(modalityOf(t))) this.tracks.set(modalityOf(t), t);
  }

  async start(settings: EngineSettings): Promise<void> {
    this.applySettings(settings);
  }

  applySettings(settings: EngineSettings): void {
    this.loops.apply(
      settings,
      this.tracks.keys(),
      (modality, signal) => {
        this.ctx.report(SELF, idleReading(modality, 'starting'));
        void this.loop(modality, this.tracks.get(modality)!, signal);
      },
      (modality) => this.ctx.report(SELF, idleReading(modality, 'off')),
    );
  }

  stop(): void {
    this.loops.stopAll();
  }

  private async loop(modality: StreamModality, track: TrackInfo, signal: AbortSignal) {
    const what = track.kind === 'video' ? 'camera' : 'microphone';
    while (!signal.aborted) {
      const opened = await openMatchingDevice(track, signal);
      if (signal.aborted) {
        opened.stream?.getTracks().forEach((t) => t.stop());
        return;
      }
      if (opened.stream) {
        this.live.set(modality, opened.stream);
        const why = await runModality(modality, opened.stream, this.ctx, signal);
        this.live.delete(modality);
        opened.stream.getTracks().forEach((t) => t.stop());
        if (signal.aborted || why === 'aborted') return;
        this.ctx.report(SELF, idleReading(modality, 'device-lost'));
        this.ctx.sendError(modality, `The ${what} ${why === 'stalled' ? 'stopped sending frames' : 'stopped'}: reconnecting…`);
      } else if (opened.busy) {
        const relayed = await this.runRelay(modality, track, signal);
        if (signal.aborted) return;
        if (!relayed) {
          this.ctx.report(SELF, idleReading(modality, opened.state));
          this.ctx.sendError(modality, opened.message);
        }
      } else if (opened.state === 'off') return;
      else {
        this.ctx.report(SELF, idleReading(modality, opened.state));
        this.ctx.sendError(modality, opened.message);
      }
      await sleep(REOPEN_INTERVAL_MS, signal);
    }
  }

  /**
   * The fallback: asks the call page to relay its own track of this kind, and analyses the
   * rebuilt stream until it ends. False when nothing arrived (no relay on this page, or the track is gone).
   */
  private async runRelay(modality: StreamModality, track: TrackInfo, signal: AbortSignal): Promise<boolean> {
    const token = crypto.randomUUID();
    const relayAbort = new AbortController();
    const onStop = () => relayAbort.abort();
    signal.addEventListener('abort', onStop, { once: true });
    const kinds = [track.kind];
    const fps = Math.max(1, this.ctx.settings().analysisFps);
    try {
      const relay = openRelayStream(kinds, token, fps, relayAbort.signal);
      this.ctx.send({ type: 'relay/start', sessionId: this.ctx.sessionId, tabId: this.ctx.tabId, kinds, token, fps });
      const timeout = sleep(RELAY_FIRST_CHUNK_MS, relayAbort.signal).then(() => 'timeout' as const);
      if ((await Promise.race([relay.firstChunk, timeout])) === 'timeout') return false;
      await runModality(modality, relay.stream, this.ctx, relayAbort.signal);
      return true;
    } catch {
      return false;
    } finally {
      relayAbort.abort();
      signal.removeEventListener('abort', onStop);
      this.ctx.send({ type: 'relay/stop', sessionId: this.ctx.sessionId, tabId: this.ctx.tabId, kinds, token });
    }
  }
}
