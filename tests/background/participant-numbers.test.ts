/**
 * "Participant N" holds for the whole call (src/background/call-registry.ts): numbered in order of
 * first arrival, kept when someone leaves and comes back and across engine sessions, forgotten
 * when the call ends. WXT's fake browser stands in for storage.session (its semantics are simple).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { getParticipants, setParticipants } from '../../src/background/call-registry';
import type { Participant } from '../../src/core/schemas';

const p = (key: string): Participant => ({ key, name: null, video: `v-${key}`, audio: null });

beforeEach(() => fakeBrowser.reset());

describe('participant numbers', () => {
  it('numbers people in order of arrival, for the whole call', async () => {
    expect((await setParticipants(1, [p('a'), p('b')])).map((x) => x.number)).toEqual([1, 2]);
    // b leaves, c arrives, a stays
    expect((await setParticipants(1, [p('a'), p('c')])).map((x) => x.number)).toEqual([1, 3]);
    // nobody for a moment, then b is back with their number
    await setParticipants(1, []);
    expect(await getParticipants(1)).toEqual([]);
    expect((await setParticipants(1, [p('b')])).map((x) => x.number)).toEqual([2]);
    expect((await getParticipants(1)).map((x) => x.number)).toEqual([2]);
    // another tab's call numbers its own people
    expect((await setParticipants(2, [p('b')])).map((x) => x.number)).toEqual([1]);
  });

  it('gives no number to a site’s mixed audio stream (it is nobody)', async () => {
    const mix: Participant = { key: 'mixed:m0', name: null, video: null, audio: 'a-m0', mixed: true };
    const numbered = await setParticipants(1, [mix, p('a')]);
    expect(numbered.map((x) => x.number)).toEqual([undefined, 1]);
  });

  it('forgets the numbers when the call ends', async () => {
    await setParticipants(1, [p('a'), p('b')]);
    await setParticipants(1, null);
    expect((await setParticipants(1, [p('b')])).map((x) => x.number)).toEqual([1]);
  });
});
