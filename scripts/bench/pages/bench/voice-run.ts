/**
 * The voice path's cost on one decoded clip, as the live pipeline feeds it (fresh 0.1 s chunks, as
 * each worklet message is): ms of processing per second of audio, per pass. Shared by the Chromium
 * bench page and the Firefox one (scripts/bench-firefox/page), so both time the same loop.
 */
import { VoiceWindowProcessor } from '../../../../src/modalities/voice/voice-pipeline';
import type { VoiceModel } from '../../../../src/modalities/voice/voice-model';

export interface VoiceRun {
  audioSeconds: number;
  msPerAudioSecond: number[];
  windows: number;
  voicedWindows: number;
}

/** 16 kHz mono samples of a clip (the demo WAV). */
export async function decodeClip(wavUrl: string): Promise<Float32Array> {
  const bytes = await (await fetch(wavUrl)).arrayBuffer();
  const decoded = await new OfflineAudioContext(1, 1, 16000).decodeAudioData(bytes);
  return decoded.getChannelData(0).slice();
}

/** `onProbs`: every voiced window's probabilities of the measured passes (for the bench's agreement checks). */
export async function timeVoice(model: VoiceModel, samples: Float32Array, warmup: number, passes: number, chunk = 1600, onProbs?: (p: Float32Array | number[]) => void): Promise<VoiceRun> {
  const audioSeconds = samples.length / 16000;
  const run: VoiceRun = { audioSeconds, msPerAudioSecond: [], windows: 0, voicedWindows: 0 };
  for (let p = 0; p < warmup + passes; p++) {
    const proc = new VoiceWindowProcessor(model, 0.5);
    let windows = 0;
    let voiced = 0;
    let busy = 0;
    for (let i = 0; i < samples.length; i += chunk) {
      const piece = samples.slice(i, Math.min(samples.length, i + chunk));
      const t0 = performance.now();
      const results = proc.push(piece);
      busy += performance.now() - t0;
      windows += results.length;
      for (const r of results) {
        if (!r.probs) continue;
        voiced++;
        if (p >= warmup) onProbs?.(r.probs);
      }
    }
    if (p >= warmup) {
      run.msPerAudioSecond.push(busy / audioSeconds);
      run.windows = windows;
      run.voicedWindows = voiced;
    }
    await new Promise((r) => setTimeout(r, 0));
  }
  return run;
}
