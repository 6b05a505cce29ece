/**
 * Training-data extraction for the voice model (run with tsx; see models/voice/README.md).
 *
 * Decodes every clip of ../shared/data/speech/{ravdess,nemo,casia,ased} with ffmpeg to 16 kHz mono,
 * makes a fixed number of augmented copies (pitch shift + time stretch via ffmpeg, time shift,
 * microphone response, synthetic-room reverberation, noise / babble / music at 3..30 dB SNR, gain or
 * 10..30 dB overdrive into clipping, low-bitrate Opus round trip), runs the
 * runtime feature code (src/modalities/voice/features.ts) on each copy and writes
 *   <out>/frames.f16   float16 [totalFrames, FRAME_DIM], row-major
 *   <out>/index.json   one record per copy: corpus, speaker, label, copy, offset/nFrames, augmentation
 *
 * Usage: tsx scripts/voice/extract-features.ts [--out DIR] [--copies ravdess=4,nemo=1,casia=2,ased=2]
 *        [--limit N] [--data DIR] [--shard k/N] [--keep corpus=fraction,...]  (shards: train.py --features dir0,dir1,...)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMOTIONS } from '../../src/core/emotions';
import { extractFrames, FrameFeatureExtractor, padToWindow, VOICE_FEATURE_CONFIG } from '../../src/modalities/voice/features';
import { decodeMany, ffmpegMulti, opusRoundTrip } from './audio';
import { csvRecords } from '../lib/csv-records';
import { addNoise, applyGain, makeNoise, makeRng, micResponse, NoiseKind, overdrive, reverberate, timeShift, uniform } from './augment';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

const outDir = path.resolve(ROOT, arg('out', 'models/voice/work/features'));
const dataDir = path.resolve(ROOT, arg('data', '../shared/data/speech'));
const copies: Record<string, number> = Object.fromEntries(
  arg('copies', 'ravdess=4,nemo=1,casia=2,ased=2').split(',').map((kv) => {
    const [k, v] = kv.split('=');
    return [k, Number(v)];
  }),
);
const limit = Number(arg('limit', '0'));
// --keep nemo=0.4: keep only this fraction of a corpus's clips (the first ones in the shuffled order)
const keep: Record<string, number> = Object.fromEntries(
  arg('keep', '').split(',').filter(Boolean).map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])]),
);
// --shard k/N: only every N-th clip (after the shuffle) starting at k, so N processes can share the work
const [shardK, shardN] = arg('shard', '0/1').split('/').map(Number);
const BATCH = 24;

/** float32 -> IEEE half (round to nearest), for compact storage. */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function toHalf(v: number): number {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  let exp = ((x >>> 23) & 0xff) - 127 + 15;
  let mant = x & 0x7fffff;
  if (exp >= 31) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    return sign | ((mant + (1 << (shift - 1))) >> shift);
  }
  const h = sign | (exp << 10) | (mant >> 13);
  return (mant & 0x1000) ? h + 1 : h;
}

interface Clip { corpus: string; file: string; speaker: string; label: number; }

function loadClips(): Clip[] {
  const clips: Clip[] = [];
  for (const corpus of Object.keys(copies)) {
    const dir = path.join(dataDir, corpus);
    const rows = csvRecords(fs.readFileSync(path.join(dir, 'metadata.csv'), 'utf8'));
    for (const r of rows) {
      const label = (EMOTIONS as readonly string[]).indexOf(r.label);
      if (label < 0) throw new Error(`unknown label ${r.label} in ${corpus}`);
      clips.push({ corpus, file: path.join(dir, r.file), speaker: `${corpus}:${r.speaker}`, label });
    }
  }
  return clips;
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  let clips = loadClips();
  const order = makeRng(12345);
  for (let i = clips.length - 1; i > 0; i--) {
    const j = Math.floor(order() * (i + 1));
    [clips[i], clips[j]] = [clips[j], clips[i]];
  }
  const seen: Record<string, number> = {};
  const total: Record<string, number> = {};
  for (const c of clips) total[c.corpus] = (total[c.corpus] ?? 0) + 1;
  clips = clips.filter((c) => (seen[c.corpus] = (seen[c.corpus] ?? 0) + 1) <= Math.ceil((keep[c.corpus] ?? 1) * total[c.corpus]));
  if (shardN > 1) clips = clips.filter((_, i) => i % shardN === shardK);
  if (limit > 0) clips = clips.slice(0, limit);
  // Resumable: frames.f16 and index.jsonl grow batch by batch; a rerun skips the clips already done
  // (train.py reads index.jsonl, so a partial extraction is usable: the clip order is shuffled).
  const framesPath = path.join(outDir, 'frames.f16');
  const jsonlPath = path.join(outDir, 'index.jsonl');
  const index: Record<string, unknown>[] = [];
  let offset = 0;
  if (fs.existsSync(jsonlPath) && fs.existsSync(framesPath)) {
    for (const line of fs.readFileSync(jsonlPath, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line);
      index.push(rec);
      offset = Math.max(offset, rec.offset + rec.nFrames);
    }
    fs.truncateSync(framesPath, offset * VOICE_FEATURE_CONFIG.frameDim * 2);
    const done = new Set(index.map((r) => path.join(dataDir, r.file as string)));
    const before = clips.length;
    clips = clips.filter((c) => !done.has(c.file));
    console.log(`resuming: ${index.length} copies, ${offset} frames done; ${clips.length} of ${before} clips left`);
  } else {
    fs.writeFileSync(framesPath, '');
    fs.writeFileSync(jsonlPath, '');
  }
  fs.writeFileSync(path.join(outDir, 'config.json'), JSON.stringify({ config: VOICE_FEATURE_CONFIG, emotions: EMOTIONS, copies }));
  const out = fs.openSync(framesPath, 'a');
  const extractor = new FrameFeatureExtractor();
  const pool: Float32Array[] = [];
  const noiseKinds: NoiseKind[] = ['white', 'pink', 'brown', 'babble', 'babble', 'hum', 'music', 'music'];
  const t0 = Date.now();
  let audioSec = 0;
  let featMs = 0;
  for (let b = 0; b < clips.length; b += BATCH) {
    const batch = clips.slice(b, b + BATCH);
    const items: { clip: Clip; copy: number; x: Float32Array; aug: Record<string, unknown>; opus: boolean }[] = [];
    // clips without augmented copies: decoded together by one ffmpeg process (process start-up dominates)
    const plain = batch.filter((c) => !copies[c.corpus]);
    const plainAudio = new Map<Clip, Float32Array>();
    (await decodeMany(plain.map((c) => c.file))).forEach((x, i) => plainAudio.set(plain[i], x));
    for (let ci = 0; ci < batch.length; ci++) {
      const clip = batch[ci];
      const K = copies[clip.corpus];
      if (!K) {
        items.push({ clip, copy: 0, x: plainAudio.get(clip)!, aug: {}, opus: false });
        pool.push(plainAudio.get(clip)!);
        if (pool.length > 64) pool.shift();
        continue;
      }
      const rng = makeRng(1000003 * (b + ci + 1) + 7);
      const params = Array.from({ length: K }, () => ({
        semitones: uniform(rng, -3, 3),
        tempo: uniform(rng, 0.85, 1.15),
      }));
      let graph = `[0:a]aresample=16000,aformat=sample_fmts=flt:channel_layouts=mono,asplit=${K + 1}[o0]`;
      for (let k = 1; k <= K; k++) graph += `[t${k}]`;
      for (let k = 1; k <= K; k++) {
        const p = Math.pow(2, params[k - 1].semitones / 12);
        graph += `;[t${k}]asetrate=${Math.round(16000 * p)},aresample=16000,atempo=${(params[k - 1].tempo / p).toFixed(4)}[o${k}]`;
      }
      const outs = K > 0
        ? await ffmpegMulti(clip.file, graph, Array.from({ length: K + 1 }, (_, k) => `[o${k}]`))
        : await ffmpegMulti(clip.file, null, ['']);
      items.push({ clip, copy: 0, x: outs[0], aug: {}, opus: false });
      for (let k = 1; k <= K; k++) {
        let x = padToWindow(outs[k]);
        const aug: Record<string, unknown> = { ...params[k - 1] };
        const shift = Math.round(uniform(rng, -0.25, 0.4) * 16000);
        x = timeShift(x, shift);
        aug.shift = shift / 16000;
        if (rng() < 0.5) {
          const m = micResponse(x, rng);
          x = m.y;
          aug.mic = m.desc;
        }
        if (rng() < 0.35) {
          const rt60 = uniform(rng, 0.15, 0.7);
          x = reverberate(x, rt60, rng);
          aug.rt60 = rt60;
        }
        if (rng() < 0.8) {
          const kind = noiseKinds[Math.floor(rng() * noiseKinds.length)];
          const snr = uniform(rng, 3, 30);
          x = addNoise(x, makeNoise(kind, x.length, rng, pool), snr);
          aug.noise = kind;
          aug.snr = snr;
        }
        if (rng() < 0.2) {
          // a too-hot input: 10..30 dB of drive into hard (or analogue-like soft) clipping
          const drive = uniform(rng, 10, 30);
          const soft = rng() < 0.3;
          x = overdrive(x, drive, soft);
          aug.drive = drive;
          if (soft) aug.soft = true;
        } else {
          const gain = uniform(rng, -15, 6);
          x = applyGain(x, gain);
          aug.gain = gain;
        }
        const opus = rng() < 0.5;
        items.push({ clip, copy: k, x, aug, opus });
      }
      pool.push(outs[0]);
      if (pool.length > 64) pool.shift();
    }
    // Opus round trip for the flagged copies of this batch, in one encode/decode.
    const flagged = items.filter((it) => it.opus);
    if (flagged.length) {
      const rng = makeRng(99991 * (b + 1));
      const bitrate = [8000, 10000, 12000, 16000, 24000][Math.floor(rng() * 5)];
      const GAP = 8000;
      const total = flagged.reduce((s, it) => s + it.x.length + GAP, 0);
      const cat = new Float32Array(total);
      let o = 0;
      for (const it of flagged) {
        cat.set(it.x, o);
        o += it.x.length + GAP;
      }
      const y = await opusRoundTrip(cat, bitrate);
      o = 0;
      for (const it of flagged) {
        const seg = new Float32Array(it.x.length);
        seg.set(y.subarray(o, Math.min(y.length, o + it.x.length)));
        it.x = seg;
        it.aug.opus = bitrate;
        o += it.x.length + GAP;
      }
    }
    const lines: string[] = [];
    for (const it of items) {
      const x = padToWindow(it.x);
      audioSec += x.length / 16000;
      const tf = performance.now();
      const { data, nFrames } = extractFrames(x, extractor);
      featMs += performance.now() - tf;
      const h = new Uint16Array(data.length);
      for (let i = 0; i < data.length; i++) h[i] = toHalf(data[i]);
      fs.writeSync(out, new Uint8Array(h.buffer));
      const rec = {
        corpus: it.clip.corpus,
        file: path.relative(dataDir, it.clip.file),
        speaker: it.clip.speaker,
        label: it.clip.label,
        copy: it.copy,
        offset,
        nFrames,
        aug: it.aug,
      };
      index.push(rec);
      lines.push(JSON.stringify(rec));
      offset += nFrames;
    }
    fs.appendFileSync(jsonlPath, lines.join('\n') + '\n');
    const done = Math.min(b + BATCH, clips.length);
    if ((b / BATCH) % 10 === 0 || done === clips.length) {
      const el = (Date.now() - t0) / 1000;
      console.log(`${done}/${clips.length} clips, ${index.length} copies, ${offset} frames, ${el.toFixed(0)} s elapsed, ` +
        `eta ${((el / done) * (clips.length - done)).toFixed(0)} s, features ${(featMs / audioSec).toFixed(2)} ms/audio s`);
    }
  }
  fs.closeSync(out);
  fs.writeFileSync(
    path.join(outDir, 'index.json'),
    JSON.stringify({ config: VOICE_FEATURE_CONFIG, emotions: EMOTIONS, copies, totalFrames: offset, items: index }),
  );
  console.log(`wrote ${index.length} copies, ${offset} frames to ${outDir}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
