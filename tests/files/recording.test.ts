import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/core/types';
import { sampleAt } from '../../src/files/playback';
import { fallbackDuration, samplesOnRecording } from '../../src/files/recording/recording-timeline';
import { formatSize } from '../../src/files/recording/format-size';
import { endMessage } from '../../src/files/recording/live-recorder';
import { QuotaError, recordingName } from '../../src/files/recording/recording-store';
import { IDLE_RECORDING, recordingStatusSchema } from '../../src/files/recording/recording-status';
import { parseMessage } from '../../src/messaging/protocol';
import { mayReceive } from '../../src/messaging/senders';

const START = 1_700_000_000_000;
const live = (secondsAfterStart: number, dominant: 'happy' | 'sad' = 'happy'): Sample => ({
  meetingId: 'm',
  subjectId: 'self',
  t: START + secondsAfterStart * 1000,
  tMedia: 999, // a live sample's own media time is the device's, not the recording's
  readings: {},
  fused: { probs: [0, 0, 0, 1, 0, 0, 0], dominant, confidence: 0.8, valence: 0, arousal: 0 },
});

describe('a live meeting on a recording clock', () => {
  it('puts each sample at the recording second it stands for, and drops those outside', () => {
    const recordingStart = START + 10_000;
    const on = samplesOnRecording([live(13.3, 'sad'), live(9), live(11.3), live(12.6), live(40)], recordingStart, 5);
    // written 1.3 s, 2.6 s and 3.3 s in: the readings of the recording's seconds ending at 1, 3 and 3
    expect(on.map((s) => s.tMedia)).toEqual([1, 3, 3]);
    expect(on.map((s) => s.t - recordingStart)).toEqual([1300, 2600, 3300]);
    // the file playback's lookup finds the reading of each second of the recording
    expect(sampleAt(on, 0.5)?.t).toBe(START + 11_300);
    expect(sampleAt(on, 1.5)).toBeNull();
    expect(sampleAt(on, 2.9)?.fused?.dominant).toBe('happy');
    expect(sampleAt(on, 4.5)).toBeNull();
  });

  it('takes the length from the last sample when the file does not say', () => {
    expect(fallbackDuration([samplesOnRecording([live(1), live(7.4)], START, Infinity), []])).toBe(7);
    expect(fallbackDuration([])).toBe(1);
  });
});

describe('recording words and names', () => {
  it('says why a recording stopped by itself, and that the part is kept', () => {
    expect(endMessage({ why: 'stopped' })).toBeNull();
    const full = endMessage({ why: 'quota', error: new QuotaError(10e6) });
    expect(full).toMatch(/^Recording stopped: the disk is full\. Not enough storage left for the recording: 10 MB free, at least 67 MB needed\. What was recorded until then is kept\.$/);
    expect(endMessage({ why: 'ended' })).toMatch(/kept/);
    expect(endMessage({ why: 'error', error: new Error('boom') })).toMatch(/boom.*kept/);
  });

  it('names a file by its meeting and start, file-safe', () => {
    expect(recordingName('a/b:c', START + 0.4)).toBe(`a_b_c@${START}.webm`);
    expect(formatSize(820_000)).toBe('820 KB');
    expect(formatSize(12_400_000)).toBe('12.4 MB');
  });
});

describe('recording messages', () => {
  it('let the popup and the badge ask, never the page or another extension; only the worker commands the engine', () => {
    for (const type of ['ui/record-start', 'ui/record-stop', 'ui/record-state'] as const) {
      expect(mayReceive(type, 'extension-page')).toBe(true);
      expect(mayReceive(type, 'content')).toBe(true);
      expect(mayReceive(type, 'foreign')).toBe(false);
    }
    for (const type of ['engine/record-start', 'engine/record-stop', 'engine/record-state'] as const) {
      expect(mayReceive(type, 'worker')).toBe(true);
      for (const role of ['content', 'extension-page', 'offscreen', 'foreign'] as const) expect(mayReceive(type, role)).toBe(false);
    }
    expect(mayReceive('engine/recording', 'offscreen')).toBe(true);
    expect(mayReceive('engine/recording', 'content')).toBe(false);
  });

  it('validate their fields', () => {
    expect(parseMessage({ type: 'ui/record-start' })).toEqual({ type: 'ui/record-start' });
    expect(parseMessage({ type: 'ui/record-start', tabId: -1 })).toBeNull();
    expect(parseMessage({ type: 'ui/record-start', subjectId: '' })).toBeNull();
    const labels = { emotions: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], noReading: '–' };
    expect(parseMessage({ type: 'engine/record-start', sessionId: 's', subjectId: 'self', labels })).not.toBeNull();
    expect(parseMessage({ type: 'engine/record-start', sessionId: 's', subjectId: 'self' })).toBeNull();
    expect(parseMessage({ type: 'engine/record-start', sessionId: 's', subjectId: 'self', labels, testFreeBytesToUse: -5 })).toBeNull();
    expect(parseMessage({ type: 'engine/recording', tabId: 1, status: IDLE_RECORDING })).not.toBeNull();
    expect(parseMessage({ type: 'engine/recording', tabId: 1, status: { ...IDLE_RECORDING, state: 'paused' } })).toBeNull();
    expect(recordingStatusSchema.safeParse({ ...IDLE_RECORDING, ended: { why: 'quota', message: 'x', bytes: 1, seconds: 1, meetingId: 'm' } }).success).toBe(true);
  });
});
