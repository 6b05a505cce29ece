import type { Browser, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { CLASSROOM_PEOPLE } from '../../scripts/demo/classroom/run-classroom';

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

/** Waits until the user's classroom page plays all `tiles` (their own and each other person's); on a timeout, says which connection did not come up. */
export async function waitForClassroomTiles(call: Page, tiles: number, timeoutMs = 60_000): Promise<void> {
  await call
    .waitForFunction(`[...document.querySelectorAll('.tile video')].filter((v) => v.readyState >= 2).length === ${tiles}`, { timeout: timeoutMs })
    .catch(async (err) => {
      throw new Error(`the call did not connect: ${JSON.stringify(await call.evaluate('window.classroomPeers?.()'))} (${err})`);
    });
}

/** What a classroom test tallied per person: face readings judged against the script, voice readings by turn, text readings. */
export interface ClassroomTally {
  face: Map<string, { hit: number; judged: number; classes: Record<string, number> }>;
  voice: Map<string, { speaking: number; silent: number }>;
  text: Map<string, number>;
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
