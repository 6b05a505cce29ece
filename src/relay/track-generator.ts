/**
 * MediaStreamTrackGenerator: a track written frame by frame (Chromium; Firefox has none, and the DOM
 * typings do not know it). Used by the relayed streams, the recording compositor and a
 * participant's recorded picture.
 */
export interface TrackGenerator extends MediaStreamTrack {
  writable: WritableStream<VideoFrame | AudioData>;
}
type GeneratorCtor = new (init: { kind: 'audio' | 'video' }) => TrackGenerator;

const generatorClass = () => (globalThis as unknown as { MediaStreamTrackGenerator?: GeneratorCtor }).MediaStreamTrackGenerator;

export function hasTrackGenerator(): boolean {
  return !!generatorClass();
}

/** A new generator track of `kind`, or null where the browser has none. */
export function createTrackGenerator(kind: 'audio' | 'video'): TrackGenerator | null {
  const Generator = generatorClass();
  return Generator ? new Generator({ kind }) : null;
}
