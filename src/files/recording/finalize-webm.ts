/**
 * MediaRecorder's WebM has no duration and no cues (it is written as a live stream), so a player
 * cannot seek it and ffprobe reports no length. Once a recording stops, its packets are copied
 * (not re-encoded) into a new WebM by mediabunny, which writes both; the copy replaces the file.
 * Without room for the copy (or when it fails) the file stays as recorded: playable, not seekable.
 */
import { ALL_FORMATS, BlobSource, Conversion, Input, Output, StreamTarget, WebMOutputFormat } from 'mediabunny';
import { freeBytes, MIN_FREE_BYTES, replaceRecording } from './recording-store';

export type FinalizeResult = { finalized: true; seconds: number } | { finalized: false; why: string };

export async function finalizeRecording(name: string, file: File): Promise<FinalizeResult> {
  if (file.size === 0) return { finalized: false, why: 'empty' };
  const free = await freeBytes();
  if (free - file.size < MIN_FREE_BYTES / 4) return { finalized: false, why: 'no room for the copy' };
  const input = new Input({ formats: ALL_FORMATS, source: new BlobSource(file) });
  try {
    let seconds = 0;
    await replaceRecording(name, async (stream) => {
      const output = new Output({ format: new WebMOutputFormat(), target: new StreamTarget(stream as unknown as WritableStream) });
      const conversion = await Conversion.init({ input, output });
      if (!conversion.isValid) throw new Error(`cannot copy: ${conversion.discardedTracks.map((d) => d.reason).join(', ')}`);
      await conversion.execute();
      seconds = await input.computeDuration();
    });
    return { finalized: true, seconds };
  } catch (error) {
    return { finalized: false, why: String((error as Error)?.message ?? error) };
  } finally {
    input.dispose?.();
  }
}
