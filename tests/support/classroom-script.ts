import type { Browser, Frame, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { CLASSROOM_PEOPLE } from '../../scripts/demo/classroom/run-classroom';
import { EMOTIONS } from '../../src/core/emotions';
import type { SessionReading } from '../../src/core/types';

/** What each demo photo shows (the sad one is the neutral face retouched: scripts/demo/make-demo-media.sh). */
export const EXPECTED: Record<string, string> = { happy: 'happy', happy2: 'happy', neutral: 'neutral', sad: 'sad' };
/** Face readings this close to a change of photo are not judged (the round and smoothing lag)... */
export const FACE_MARGIN_S = 2;
/** ...nor voice readings this close to a change of speaker (a voice window spans 2 s, then the relay, the network and, on a loaded machine, seconds of queueing). */
export const VOICE_MARGIN_S = 6;

/** The classroom demo's scripts (scripts/demo/classroom): what each person shows and says when, for the tests' judging. */
export interface Script {
  name: string;
  startedAt: number;
  cycle: number;
  segments: { photo: string; seconds: number }[];
  speak: boolean[];
}

/** The scripted photo and speaking flag of a person at epoch ms `t`, or null near a change. */
export function scriptAt(s: Script, t: number, margin: number): { photo: string; speaking: boolean } | null {
  let into = ((((t - s.startedAt) / 1000) % s.cycle) + s.cycle) % s.cycle;
  for (let i = 0; i < s.segments.length; i++) {
    const seg = s.segments[i];
    if (into < seg.seconds) return into < margin || seg.seconds - into < 0.5 ? null : { photo: seg.photo, speaking: s.speak[i] };
    into -= seg.seconds;
  }
  return null;
}

/**
 * Waits until the user's classroom page plays all `tiles` (their own and each other person's); on a timeout, says which connection did not come up.
 * Polls on a timer, not on animation frames: CI once timed out with all three tiles playing (readyState 4), the frames' callbacks starved.
 */
export async function waitForClassroomTiles(call: Page | Frame, tiles: number, timeoutMs = 60_000): Promise<void> {
  await call
    .waitForFunction(`[...document.querySelectorAll('.tile video')].filter((v) => v.readyState >= 2).length === ${tiles}`, { timeout: timeoutMs, polling: 500 })
    .catch(async (err) => {
      const playing = await call.evaluate(`[...document.querySelectorAll('.tile')].map((t) => ({ name: t.dataset.participant ?? null, ready: t.querySelector('video')?.readyState ?? null }))`);
      throw new Error(`the call did not connect: ${JSON.stringify(await call.evaluate('window.classroomPeers?.()'))}; tiles ${JSON.stringify(playing)} (${err})`);
    });
}

/** What a classroom test tallied per person: face readings judged against the script, voice readings by turn, text readings. */
export interface ClassroomTally {
  face: Map<string, { hit: number; judged: number; classes: Record<string, number> }>;
  voice: Map<string, { speaking: number; silent: number }>;
  text: Map<string, number>;
}

/** How far from a change a reading is judged (s): of photo for faces, of speaker for voices. */
export interface TallyMargins {
  faceS: number;
  voiceS: number;
}

export function emptyTally(): ClassroomTally & { labels: Set<string> } {
  return { face: new Map(), voice: new Map(), text: new Map(), labels: new Set() };
}

/**
 * Adds one live reading to the tally, per other person (by label): their face reading against
 * their script, their voice reading by their speaking turns, their text reading; and every label.
 */
export function tallyReading(tally: ClassroomTally & { labels: Set<string> }, reading: SessionReading, scripts: Script[], margins: TallyMargins = { faceS: FACE_MARGIN_S, voiceS: VOICE_MARGIN_S }): void {
  for (const s of reading.subjects) {
    if (s.subject.kind === 'self') continue;
    tally.labels.add(s.subject.label ?? s.subject.id);
    const script = scripts.find((x) => x.name === s.subject.label);
    if (!script) continue;
    const f = s.readings.face;
    const at = scriptAt(script, reading.t, margins.faceS);
    if (f?.state === 'ok' && f.probs && at) {
      const got = EMOTIONS[f.probs.indexOf(Math.max(...f.probs))];
      const person = tally.face.get(script.name) ?? { hit: 0, judged: 0, classes: {} };
      person.judged++;
      if (got === EXPECTED[at.photo]) person.hit++;
      person.classes[`${at.photo}->${got}`] = (person.classes[`${at.photo}->${got}`] ?? 0) + 1;
      tally.face.set(script.name, person);
    }
    if (s.readings.text?.state === 'ok') tally.text.set(script.name, (tally.text.get(script.name) ?? 0) + 1);
    const v = s.readings.voice;
    const heard = scriptAt(script, reading.t, margins.voiceS);
    if (v?.state === 'ok' && heard) {
      const person = tally.voice.get(script.name) ?? { speaking: 0, silent: 0 };
      if (heard.speaking) person.speaking++;
      else person.silent++;
      tally.voice.set(script.name, person);
    }
  }
}

/** Polls the live reading for `ms` and tallies each new one (`tallyReading`). */
export async function tallyClassroom(live: () => Promise<SessionReading | null>, scripts: Script[], ms: number, margins?: TallyMargins): Promise<ClassroomTally & { labels: Set<string> }> {
  const tally = emptyTally();
  let lastT = 0;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 400));
    const reading = await live();
    if (!reading || reading.t === lastT) continue;
    lastT = reading.t;
    tallyReading(tally, reading, scripts, margins);
  }
  return tally;
}

/**
 * Each person read as their script shows: at least `minJudged` judged face readings, ≥ 70% of them
 * the scripted expression; their speech readings in their own speaking turns (≥ 3, ≤ 25% outside);
 * their captioned words read as theirs.
 */
export function expectEachPersonRead(names: string[], { face, voice, text }: ClassroomTally, minJudged: number): void {
  for (const name of names) {
    const f = face.get(name);
    expect(f && f.judged, `${name}: judged face readings`).toBeGreaterThanOrEqual(minJudged);
    expect(f!.hit / f!.judged, `${name}: ${JSON.stringify(f)}`).toBeGreaterThanOrEqual(0.7);
    // voice on the person who speaks: their speech readings fall in their speaking turns
    const v = voice.get(name);
    expect(v && v.speaking, `${name}: voice readings while speaking`).toBeGreaterThanOrEqual(3);
    expect(v!.silent / (v!.speaking + v!.silent), `${name}: ${JSON.stringify(v)}`).toBeLessThanOrEqual(0.25);
    // what they said, from the call's captions, is a modality of theirs (by the caption's speaker name)
    expect(text.get(name) ?? 0, `${name}: text readings`).toBeGreaterThan(0);
  }
}

/**
 * Opens each classroom person's room page in `others` (one at a time: a page still starting its
 * scripted camera in a background tab stalls) and returns their scripts, as the pages report them.
 */
export async function joinClassroomPeople(others: Browser, serverUrl: string): Promise<Script[]> {
  const scripts: Script[] = [];
  for (const p of CLASSROOM_PEOPLE) {
    const page = await others.newPage();
    await page.goto(`${serverUrl}room?room=class&name=${p.name}&camera=script&script=${p.script}&speak=${p.speak}`);
    await page.waitForFunction('window.classroom', { timeout: 15_000 });
    const s = (await page.evaluate('({ name: classroom.name, startedAt: classroom.startedAt, cycle: classroom.cycle, segments: classroom.segments })')) as Omit<Script, 'speak'>;
    scripts.push({ ...s, speak: p.speak.split(':').map((f) => f === '1') });
  }
  return scripts;
}
