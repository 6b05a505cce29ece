import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatPercent } from '../../src/ui/format';

describe('formatting', () => {
  it('percent rounds and clamps', () => {
    expect(formatPercent(0.734)).toBe('73%');
    expect(formatPercent(1.2)).toBe('100%');
    expect(formatPercent(-0.1)).toBe('0%');
    expect(formatPercent(Number.NaN)).toBe('–');
  });

  it('duration picks a readable unit', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45.4)).toBe('45 s');
    expect(formatDuration(12 * 60 + 30)).toBe('12 min');
    expect(formatDuration(3600 + 5 * 60)).toBe('1 h 05 min');
    expect(formatDuration(-1)).toBe('–');
  });

  it('clock pads minutes and seconds', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(270)).toBe('4:30');
    expect(formatClock(3725)).toBe('1:02:05');
  });
});
