/** Audio decoding for the Node scripts: Debian's ffmpeg, 16 kHz mono float32. */
import { spawn } from 'node:child_process';

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream.on('data', (b: Buffer) => parts.push(b));
    stream.on('end', () => resolve(Buffer.concat(parts)));
    stream.on('error', reject);
  });
}

export function bufferToFloat32(buf: Buffer): Float32Array {
  const n = Math.floor(buf.byteLength / 4);
  const out = new Float32Array(n);
  // copy (the Buffer's offset may not be 4-aligned)
  new Uint8Array(out.buffer).set(buf.subarray(0, n * 4));
  return out;
}

/**
 * Runs ffmpeg on `input` with a filter graph whose labelled outputs are written as raw f32le
 * 16 kHz mono to pipes; returns one Float32Array per output label.
 */
export async function ffmpegMulti(input: string, filterComplex: string | null, outputs: string[], stdinData?: Buffer, inputArgs: string[] = []): Promise<Float32Array[]> {
  const args = ['-nostdin', '-v', 'error', ...inputArgs, '-i', input];
  if (stdinData) args.splice(0, 1);
  if (filterComplex) args.push('-filter_complex', filterComplex);
  outputs.forEach((label, i) => {
    if (label) args.push('-map', label);
    args.push('-ac', '1', '-ar', '16000', '-f', 'f32le', `pipe:${i === 0 ? 1 : i + 2}`);
  });
  const stdio: ('pipe' | 'ignore')[] = [stdinData ? 'pipe' : 'ignore', 'pipe', 'pipe'];
  for (let i = 1; i < outputs.length; i++) stdio.push('pipe');
  const child = spawn('ffmpeg', args, { stdio });
  const fds = outputs.map((_, i) => (i === 0 ? 1 : i + 2));
  const bufs = Promise.all(fds.map((fd) => collect(child.stdio[fd] as NodeJS.ReadableStream)));
  const err = collect(child.stderr!);
  if (stdinData) {
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(stdinData);
  }
  const code: number = await new Promise((res) => child.on('close', (c) => res(c ?? -1)));
  const [outs, e] = await Promise.all([bufs, err]);
  if (code !== 0) throw new Error(`ffmpeg failed (${code}) on ${input}: ${e.toString().slice(0, 500)}`);
  return outs.map(bufferToFloat32);
}

/** Decodes any file ffmpeg reads to 16 kHz mono float32. */
export async function decodeAudio(file: string): Promise<Float32Array> {
  const [x] = await ffmpegMulti(file, null, ['']);
  return x;
}

/** Pipes raw 16 kHz float32 through ffmpeg, e.g. an encode to Ogg Opus, and returns the bytes. */
export async function ffmpegPipe(args: string[], input: Buffer): Promise<Buffer> {
  const child = spawn('ffmpeg', ['-v', 'error', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const out = collect(child.stdout!);
  const err = collect(child.stderr!);
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(input);
  const code: number = await new Promise((res) => child.on('close', (c) => res(c ?? -1)));
  if (code !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${(await err).toString().slice(0, 500)}`);
  return out;
}

/** Opus round trip (the codec of a WebRTC call) at `bitrate` bit/s: f32 16 kHz in, f32 16 kHz out. */
export async function opusRoundTrip(x: Float32Array, bitrate: number): Promise<Float32Array> {
  const raw = Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  const ogg = await ffmpegPipe(
    ['-f', 'f32le', '-ar', '16000', '-ac', '1', '-i', 'pipe:0', '-c:a', 'libopus', '-b:a', String(bitrate), '-application', 'voip', '-f', 'ogg', 'pipe:1'],
    raw,
  );
  const dec = await ffmpegPipe(['-i', 'pipe:0', '-ac', '1', '-ar', '16000', '-f', 'f32le', 'pipe:1'], ogg);
  return bufferToFloat32(dec);
}

/** Decodes several files in one ffmpeg process (one output pipe each): 16 kHz mono float32. */
export async function decodeMany(files: string[]): Promise<Float32Array[]> {
  if (!files.length) return [];
  const args = ['-nostdin', '-v', 'error'];
  for (const f of files) args.push('-i', f);
  files.forEach((_, i) => args.push('-map', `${i}:a`, '-ac', '1', '-ar', '16000', '-f', 'f32le', `pipe:${i === 0 ? 1 : i + 2}`));
  const stdio: ('pipe' | 'ignore')[] = ['ignore', 'pipe', 'pipe'];
  for (let i = 1; i < files.length; i++) stdio.push('pipe');
  const child = spawn('ffmpeg', args, { stdio });
  const fds = files.map((_, i) => (i === 0 ? 1 : i + 2));
  const bufs = Promise.all(fds.map((fd) => collect(child.stdio[fd] as NodeJS.ReadableStream)));
  const err = collect(child.stderr!);
  const code: number = await new Promise((res) => child.on('close', (c) => res(c ?? -1)));
  const [outs, e] = await Promise.all([bufs, err]);
  if (code !== 0) throw new Error(`ffmpeg failed (${code}) on ${files[0]}...: ${e.toString().slice(0, 500)}`);
  return outs.map(bufferToFloat32);
}
