/**
 * Browser glue (offscreen document): microphone / remote-call MediaStream -> AudioWorklet
 * (public/voice-worklet.js: mono, 16 kHz, ~100 ms chunks) -> streaming frame features (ring of the
 * last window) -> every hop: VAD + voice model -> onWindow. Pure parts live in features.ts, vad.ts
 * and voice-model.ts (unit-tested in Node); this file only wires them to Web Audio.
 */
import { FRAME_DIM, StreamingFeatures, VOICE_FEATURE_CONFIG } from './features';
import { VoiceActivityDetector } from './vad';
import type { VoiceModel } from './voice-model';
import { RunningNorm } from './running-norm';
import { ClipMeter, DEFAULT_SIGNAL_QUALITY, voiceQuality, windowSnrDb } from './signal-quality';

export interface VoiceWindowResult {
  /** Seconds of 16 kHz audio analysed since the start (end of this window). */
  t: number;
  /** Seven probabilities (EMOTIONS order), or null when the window is not speech. */
  probs: number[] | null;
  /** Speech presence 0..1. */
  speech: number;
  /** RMS of the window's last hop (linear, full scale 1). */
  rms: number;
  /** The window is clipped (input overdriven): show "audio clipping", do not trust the probabilities. */
  clipping: boolean;
  /** Fraction of the window's samples at or above the clip level (0.95 full scale). */
  clipFraction: number;
  /** Speech-to-noise estimate of the window in dB (90th-percentile speech-band level over the VAD noise floor). */
  snrDb: number;
  /** snrDb below 10 dB. */
  lowSnr: boolean;
  /** Fusion weight 0..1 from clipping and SNR (signal-quality.ts voiceQuality): multiply with `speech`. */
  quality: number;
  /** Speech-like frames in the stream's running normalisation statistics (warm once >= the model's priorFrames). */
  normFrames: number;
}

export interface VoiceAnalysisOptions {
  stream: MediaStream;
  workletUrl: string;
  hopSeconds?: number;
  signal: AbortSignal;
  onWindow: (r: VoiceWindowResult) => void;
  /** The engine's loaded model (shared by every stream; not disposed here). */
  model: VoiceModel;
}

/**
 * Pure per-chunk processing, separated from Web Audio so it can be tested in Node: feed 16 kHz
 * chunks, get a result every hop once a full window is buffered.
 */
export class VoiceWindowProcessor {
  /** Forget the stream's statistics (e.g. the user switched microphone). */
  resetNormalisation(): void {
    this.norm?.reset();
  }

  private readonly features: StreamingFeatures;
  private readonly vad = new VoiceActivityDetector();
  private readonly hopFrames: number;
  private readonly T: number;
  private nextFrame: number;
  private hopSq = 0;
  private hopN = 0;
  private readonly norm: RunningNorm | null;
  private readonly clip: ClipMeter;

  constructor(private readonly model: VoiceModel, hopSeconds = 0.5) {
    this.T = model.meta.windowFrames;
    this.features = new StreamingFeatures(this.T);
    this.norm = model.meta.speakerNorm ? new RunningNorm(model.meta.speakerNorm) : null;
    this.clip = new ClipMeter(this.T);
    const fps = VOICE_FEATURE_CONFIG.sampleRate / VOICE_FEATURE_CONFIG.hopSize;
    this.hopFrames = Math.max(1, Math.round(hopSeconds * fps));
    this.nextFrame = this.T;
  }

  push(chunk: Float32Array): VoiceWindowResult[] {
    const out: VoiceWindowResult[] = [];
    // feed in hop-sized pieces so that each due window is computed on time
    const step = VOICE_FEATURE_CONFIG.hopSize;
    for (let i = 0; i < chunk.length; i += step) {
      const piece = chunk.subarray(i, Math.min(chunk.length, i + step));
      for (let k = 0; k < piece.length; k++) this.hopSq += piece[k] * piece[k];
      this.hopN += piece.length;
      this.clip.push(piece);
      const added = this.features.push(piece);
      if (added > 0) {
        // running speaker/channel statistics: every new frame, causally (this window included)
        if (this.norm) {
          const fresh = this.features.lastFrames(Math.min(added, this.T));
          if (fresh) this.norm.push(fresh, Math.min(added, this.T));
        }
        this.clip.nextBlock();
      }
      if (this.features.framesTotal >= this.nextFrame) {
        this.nextFrame = this.features.framesTotal + this.hopFrames;
        const win = this.features.lastFrames(this.T)!;
        const v = this.vad.score(win, this.T, this.features.framesTotal);
        const probs = v.isSpeech ? Array.from(this.model.predict(win, this.norm?.stats())) : null;
        const t = ((this.features.framesTotal - 1) * VOICE_FEATURE_CONFIG.hopSize + VOICE_FEATURE_CONFIG.frameSize) / VOICE_FEATURE_CONFIG.sampleRate;
        const clipFraction = this.clip.fraction();
        const clipping = clipFraction >= DEFAULT_SIGNAL_QUALITY.clipFraction;
        const snrDb = windowSnrDb(win, this.T, v.noiseFloorDb);
        out.push({
          t, probs, speech: v.speech, rms: Math.sqrt(this.hopSq / Math.max(1, this.hopN)),
          clipping, clipFraction, snrDb, lowSnr: snrDb < DEFAULT_SIGNAL_QUALITY.lowSnrDb,
          quality: voiceQuality(clipping, snrDb), normFrames: this.norm ? this.norm.n : 0,
        });
        this.hopSq = 0;
        this.hopN = 0;
      }
    }
    return out;
  }
}

export { FRAME_DIM };

export async function startVoiceAnalysis(opts: VoiceAnalysisOptions): Promise<void> {
  const { stream, signal, onWindow } = opts;
  if (signal.aborted) return;
  const model = opts.model;
  const ctx = new AudioContext({ latencyHint: 'playback' });
  let source: MediaStreamAudioSourceNode | null = null;
  let node: AudioWorkletNode | null = null;
  let sink: GainNode | null = null;
  const teardown = () => {
    try {
      if (node) node.port.onmessage = null;
      source?.disconnect();
      node?.disconnect();
      sink?.disconnect();
    } catch {
      /* already disconnected */
    }
    void ctx.close().catch(() => undefined);
  };
  try {
    await ctx.audioWorklet.addModule(opts.workletUrl);
    if (signal.aborted) {
      teardown();
      return;
    }
    source = ctx.createMediaStreamSource(stream);
    node = new AudioWorkletNode(ctx, 'voice-capture', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      channelCountMode: 'max',
      processorOptions: { targetRate: VOICE_FEATURE_CONFIG.sampleRate, chunkSamples: 1600 },
    });
    // A muted sink keeps the graph pulled without playing the audio back.
    sink = ctx.createGain();
    sink.gain.value = 0;
    source.connect(node);
    node.connect(sink);
    sink.connect(ctx.destination);
    const proc = new VoiceWindowProcessor(model, opts.hopSeconds ?? 0.5);
    node.port.onmessage = (e: MessageEvent<Float32Array>) => {
      if (signal.aborted) return;
      for (const r of proc.push(e.data)) onWindow(r);
    };
    if (ctx.state === 'suspended') await ctx.resume();
  } catch (e) {
    teardown();
    throw e;
  }
  signal.addEventListener('abort', teardown, { once: true });
}
