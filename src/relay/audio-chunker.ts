/** Audio is relayed in chunks of about this many milliseconds, not one message per 10 ms quantum. */
export const AUDIO_CHUNK_MS = 100;

/**
 * Gathers mono audio blocks as they come (10 ms from a track processor, 1024 samples from a script
 * processor) and hands on one contiguous chunk once at least AUDIO_CHUNK_MS are together.
 */
export function audioChunker(emit: (samples: Float32Array, sampleRate: number) => void): (mono: Float32Array, sampleRate: number) => void {
  let pending: Float32Array[] = [];
  let pendingSamples = 0;
  return (mono, sampleRate) => {
    pending.push(mono);
    pendingSamples += mono.length;
    if (pendingSamples < (sampleRate * AUDIO_CHUNK_MS) / 1000) return;
    const samples = new Float32Array(pendingSamples);
    let offset = 0;
    for (const part of pending) {
      samples.set(part, offset);
      offset += part.length;
    }
    pending = [];
    pendingSamples = 0;
    emit(samples, sampleRate);
  };
}
