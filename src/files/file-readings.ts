/**
 * A file's readings on its own clock: face frames and voice windows arrive in media time, are
 * gathered into one-second bins, fused per subject (the same FusionEngine the live badge uses,
 * fed media time), and come out as stored samples, one per subject per second of media. Pure: the
 * decoding and the models live in analyse-file.ts.
 *
 * Who speaks: a file carries no speaker, so the voice (and the subtitles' words) go to the largest
 * face of the moment, as the live path gives the user's largest face the microphone; with no face
 * ever seen, to a subject of their own, "Speaker".
 */
import { EMOTIONS, type Probabilities } from '../core/emotions';
import { clamp01 } from '../core/numbers';
import type { Box } from '../modalities/face/crop-policy';
import { FusionEngine } from '../fusion';
import type { ModalityReading, ModalityReadings, Sample, SubjectRef } from '../core/types';

export const VOICE_SUBJECT: SubjectRef = Object.freeze({ id: 'speaker', kind: 'file', label: 'Speaker' });

export function faceSubject(trackId: number): SubjectRef {
  return { id: `person-${trackId}`, kind: 'file', label: `Person ${trackId}` };
}

export interface FaceObservation {
  subject: SubjectRef;
  probs: ArrayLike<number>;
  quality: number;
  box: Box;
}

export interface VoiceObservation {
  /** Media seconds: the middle of the window the reading stands for. */
  tMedia: number;
  /** Null for a window that is not speech. */
  probs: ArrayLike<number> | null;
  quality: number;
  clipping: boolean;
}

export interface TextObservation {
  start: number;
  end: number;
  probs: ArrayLike<number> | null;
  quality: number;
}

interface Bin {
  faceFrames: number;
  faces: Map<string, FaceObservation[]>;
  voice: VoiceObservation[];
}

export interface FileReadingsOptions {
  meetingId: string;
  /** Epoch ms the meeting starts at; sample k (media second k..k+1) is stored at startedAt + (k+1) s. */
  startedAt: number;
  halfLifeSeconds: number;
  text?: readonly TextObservation[];
  /** The file's duration: the last (partial) second's sample is stamped at the end, not past it. */
  endSeconds?: number;
}

const mean = (rows: ArrayLike<number>[]): Probabilities => EMOTIONS.map((_, i) => rows.reduce((a, r) => a + r[i], 0) / rows.length);
const area = (b: Box) => b.width * b.height;

export class FileReadings {
  private readonly bins = new Map<number, Bin>();
  private readonly fusion = new Map<string, FusionEngine>();
  private readonly subjects = new Map<string, SubjectRef>();
  /** The first bin not yet turned into samples. */
  private nextBin = 0;
  private speaker: SubjectRef | null = null;

  constructor(private readonly opts: FileReadingsOptions) {}

  /** Every subject that has a stored sample so far. */
  get knownSubjects(): SubjectRef[] {
    return [...this.subjects.values()];
  }

  /** Media seconds already turned into samples. */
  get flushedSeconds(): number {
    return this.nextBin;
  }

  private bin(tMedia: number): Bin | null {
    const k = Math.floor(tMedia);
    if (!(k >= this.nextBin)) return null; // already flushed, or not a number: late input is dropped
    let b = this.bins.get(k);
    if (!b) this.bins.set(k, (b = { faceFrames: 0, faces: new Map(), voice: [] }));
    return b;
  }

  /** One analysed frame at `tMedia` with the faces found in it (none is a reading too: "no face"). */
  addFrame(tMedia: number, faces: readonly FaceObservation[]): void {
    const b = this.bin(tMedia);
    if (!b) return;
    b.faceFrames++;
    for (const f of faces) {
      const list = b.faces.get(f.subject.id) ?? [];
      list.push(f);
      b.faces.set(f.subject.id, list);
    }
  }

  addVoice(v: VoiceObservation): void {
    this.bin(v.tMedia)?.voice.push(v);
  }

  /** Turns every bin that ends at or before `tMedia` into samples (call once all input before it is in). */
  flushUntil(tMedia: number): { samples: Sample[]; subjects: SubjectRef[] } {
    const samples: Sample[] = [];
    const last = Math.floor(tMedia + 1e-9);
    for (let k = this.nextBin; k < last; k++) samples.push(...this.binSamples(k));
    this.nextBin = Math.max(this.nextBin, last);
    return { samples, subjects: this.knownSubjects };
  }

  private engine(id: string): FusionEngine {
    let e = this.fusion.get(id);
    if (!e) this.fusion.set(id, (e = new FusionEngine({ halfLifeSeconds: this.opts.halfLifeSeconds })));
    return e;
  }

  private binSamples(k: number): Sample[] {
    const b = this.bins.get(k) ?? { faceFrames: 0, faces: new Map<string, FaceObservation[]>(), voice: [] };
    this.bins.delete(k);
    const tMedia = Math.max(k + 1e-3, Math.min(k + 1, this.opts.endSeconds ?? Infinity));
    const readings = new Map<string, ModalityReadings>();
    const refs = new Map<string, SubjectRef>();
    let largest: FaceObservation | null = null;
    for (const [id, list] of b.faces) {
      const face: ModalityReading = {
        modality: 'face',
        state: 'ok',
        probs: mean(list.map((f) => f.probs)),
        quality: clamp01(list.reduce((a, f) => a + f.quality, 0) / list.length),
        tMedia,
        faces: b.faces.size,
      };
      readings.set(id, { face });
      refs.set(id, list[0].subject);
      for (const f of list) if (!largest || area(f.box) > area(largest.box)) largest = f;
    }
    if (largest) this.speaker = largest.subject;
    const voice = this.voiceReading(b.voice, tMedia);
    const text = this.textReading(k, tMedia);
    if (voice || text) {
      const speaker = this.speaker ?? VOICE_SUBJECT;
      const own = readings.get(speaker.id) ?? (b.faceFrames > 0 ? { face: { modality: 'face', state: 'no-face', probs: null, quality: 0, tMedia, faces: 0 } } : {});
      if (voice) own.voice = voice;
      if (text) own.text = text;
      readings.set(speaker.id, own);
      refs.set(speaker.id, speaker);
    }
    const samples: Sample[] = [];
    for (const [id, r] of readings) {
      const fused = this.engine(id).update(r, tMedia * 1000);
      this.subjects.set(id, refs.get(id)!);
      const stored: Sample['readings'] = {};
      for (const m of ['face', 'voice', 'text'] as const) {
        const x = r[m];
        if (x) stored[m] = { state: x.state, probs: x.probs, quality: x.quality };
      }
      samples.push({
        meetingId: this.opts.meetingId,
        subjectId: id,
        t: this.opts.startedAt + tMedia * 1000,
        tMedia,
        readings: stored,
        fused: fused ? { probs: fused.probs, dominant: fused.dominant, confidence: fused.confidence, valence: fused.valence, arousal: fused.arousal } : null,
      });
    }
    return samples;
  }

  private voiceReading(windows: VoiceObservation[], tMedia: number): ModalityReading | null {
    if (windows.length === 0) return null;
    // clipped input reads as confidently wrong: say so (as the live path does) rather than trust it
    if (windows.filter((w) => w.clipping).length * 2 >= windows.length) return { modality: 'voice', state: 'clipping', probs: null, quality: 0, tMedia };
    const speech = windows.filter((w) => w.probs && !w.clipping);
    if (speech.length === 0) return { modality: 'voice', state: 'silence', probs: null, quality: 0, tMedia };
    return {
      modality: 'voice',
      state: 'ok',
      probs: mean(speech.map((w) => w.probs!)),
      quality: clamp01(speech.reduce((a, w) => a + w.quality, 0) / windows.length),
      tMedia,
    };
  }

  private textReading(k: number, tMedia: number): ModalityReading | null {
    const cues = (this.opts.text ?? []).filter((c) => c.start < k + 1 && c.end >= k);
    if (cues.length === 0) return null;
    const read = cues.filter((c) => c.probs);
    if (read.length === 0) return { modality: 'text', state: 'silence', probs: null, quality: 0, tMedia };
    return { modality: 'text', state: 'ok', probs: mean(read.map((c) => c.probs!)), quality: clamp01(Math.max(...read.map((c) => c.quality))), tMedia };
  }
}
