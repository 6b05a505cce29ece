import type { Page } from 'puppeteer-core';

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
