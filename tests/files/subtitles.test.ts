import { describe, expect, it } from 'vitest';
import { cuesIn, parseSubtitles, parseTimestamp, SubtitleError } from '../../src/files/subtitles';

describe('subtitle parsing', () => {
  it('reads WebVTT cues with hours, without hours, settings, tags and NOTE blocks', () => {
    const vtt = `WEBVTT - a talk

NOTE this is a comment
with two lines

intro
00:00:01.000 --> 00:00:03.500 align:start position:10%
<v Ann>Hello <i>everyone</i>,</v>
I am happy!

04:05.250 --> 04:07.000
&lt;sad&gt; &amp; tired
`;
    expect(parseSubtitles(vtt)).toEqual([
      { start: 1, end: 3.5, text: 'Hello everyone, I am happy!' },
      { start: 245.25, end: 247, text: '<sad> & tired' },
    ]);
  });

  it('reads SubRip with commas, CRLF, a BOM and counters, in time order', () => {
    const srt = '\uFEFF2\r\n00:00:05,000 --> 00:00:06,000\r\nsecond\r\n\r\n1\r\n00:00:01,000 --> 00:00:02,000\r\n{\\an8}first line\r\nmore\r\n';
    expect(parseSubtitles(srt)).toEqual([
      { start: 1, end: 2, text: 'first line more' },
      { start: 5, end: 6, text: 'second' },
    ]);
  });

  it('names the broken line, and refuses a file with no cue', () => {
    expect(() => parseSubtitles('WEBVTT\n\n00:00:09.000 --> 00:00:02.000\nbackwards\n', '"talk.vtt"')).toThrow(/"talk.vtt", line 3: .* not a valid cue timing/);
    expect(() => parseSubtitles('just some text\nno timings', '"x.srt"')).toThrow(SubtitleError);
    expect(() => parseSubtitles('', '"x.srt"')).toThrow(/holds no subtitle cues/);
  });

  it('parses timestamps strictly', () => {
    expect(parseTimestamp('01:02:03.4')).toBeCloseTo(3723.4);
    expect(parseTimestamp('00:61.000')).toBeNull();
    expect(parseTimestamp('abc')).toBeNull();
  });

  it('finds the cues overlapping a second', () => {
    const cues = [{ start: 1, end: 2.5, text: 'a' }, { start: 4, end: 5, text: 'b' }];
    expect(cuesIn(cues, 2, 3).map((c) => c.text)).toEqual(['a']);
    expect(cuesIn(cues, 3, 4)).toEqual([]);
  });
});
