/**
 * The media pump where MediaStreamTrackProcessor is missing (Firefox, measured in ESR 153): it reads
 * a track through the media elements every browser has. Video: a detached, muted <video> plays the
 * track (a sink beside the page's own: the call is not disturbed) and a frame is taken from it with
 * createImageBitmap at most `fps` times a second. Audio: a MediaStreamAudioSourceNode feeds a
 * ScriptProcessorNode (an AudioWorklet would need a module URL the page's CSP may refuse), whose
 * blocks are downmixed to mono and sent in ~100 ms chunks. The chunks are the ones the
 * MediaStreamTrackProcessor pump sends (relay-protocol.ts), so nothing downstream knows the difference.
 */
import type { PumpChunk } from './relay-protocol';
import { audioChunker } from './audio-chunker';

type Post = (chunk: PumpChunk, transfer: Transferable[]) => void;

/** ScriptProcessorNode block size (samples): ~85 ms at 48 kHz. */
const AUDIO_BLOCK = 4096;

export function canPumpWithElements(): boolean {
  return typeof document !== 'undefined' && typeof createImageBitmap === 'function';
}

/** Reads `track` until the signal aborts or the track ends; posts 'ended' when the track ends by itself. */
export function startElementPump(track: MediaStreamTrack, fps: number, post: Post, signal: AbortSignal): void {
  const stopped = () => signal.aborted || track.readyState === 'ended';
  let over = false;
  const ended = () => {
    if (over) return;
    over = true;
    if (!signal.aborted) post({ kind: 'ended', of: track.kind as 'audio' | 'video' }, []);
  };
  if (track.kind === 'video') pumpVideo(track, fps, post, signal, stopped, ended);
  else if (track.kind === 'audio') pumpAudio(track, post, signal, ended);
}

function pumpVideo(track: MediaStreamTrack, fps: number, post: Post, signal: AbortSignal, stopped: () => boolean, ended: () => void) {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  void video.play().catch(() => undefined);
  let busy = false;
  const timer = setInterval(() => {
    if (stopped()) return finish();
    // a frame is there once the element has one to show (a fresh track takes a moment)
    if (busy || video.readyState < 2 || video.videoWidth === 0) return;
    busy = true;
    createImageBitmap(video)
      .then((bitmap) => {
        if (stopped()) return bitmap.close();
        post({ kind: 'video', bitmap, t: Date.now() }, [bitmap]);
      })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, 1000 / fps);
  const finish = () => {
    clearInterval(timer);
    video.pause();
    video.srcObject = null;
    ended();
  };
  signal.addEventListener('abort', finish, { once: true });
  track.addEventListener('ended', finish, { once: true });
}

function pumpAudio(track: MediaStreamTrack, post: Post, signal: AbortSignal, ended: () => void) {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const processor = context.createScriptProcessor(AUDIO_BLOCK, 1, 1);
  // the processor runs only when connected to the output: through a silent gain, so nothing is heard twice
  const silent = context.createGain();
  silent.gain.value = 0;
  source.connect(processor);
  processor.connect(silent);
  silent.connect(context.destination);
  const chunk = audioChunker((samples, sampleRate) => post({ kind: 'audio', samples, sampleRate, t: Date.now() }, [samples.buffer]));
  processor.onaudioprocess = (event) => {
    const input = event.inputBuffer;
    const mono = new Float32Array(input.length);
    for (let c = 0; c < input.numberOfChannels; c++) {
      const data = input.getChannelData(c);
      for (let i = 0; i < data.length; i++) mono[i] += data[i] / input.numberOfChannels;
    }
    chunk(mono, context.sampleRate);
  };
  // a context made without a user gesture may start suspended; the call's own click lets it run
  void context.resume().catch(() => undefined);
  const finish = () => {
    processor.onaudioprocess = null;
    source.disconnect();
    processor.disconnect();
    if (context.state !== 'closed') void context.close().catch(() => undefined);
    ended();
  };
  signal.addEventListener('abort', finish, { once: true });
  track.addEventListener('ended', finish, { once: true });
}
