/** The decisions report's figures in words (renderer formatting only, no I/O). */
import { describe, expect, it } from 'vitest';
import { daysText, headlineText, percentText, periodText, sessionsText } from '../../../src-renderer/src/features/authorizations/report-format';

describe('decisions report formatting', () => {
  it('writes a 0..1 share as a whole percent, never hiding a few or a near-total as 0% or 100%', () => {
    expect(percentText(0)).toBe('0%');
    expect(percentText(0.5)).toBe('50%');
    expect(percentText(1 / 3)).toBe('33%');
    expect(percentText(2 / 3)).toBe('67%');
    expect(percentText(1)).toBe('100%');
    expect(percentText(0.004)).toBe('<1%');
    expect(percentText(0.996)).toBe('>99%');
    expect(percentText(Number.NaN)).toBe('–');
  });

  it('writes days whole, and a median between two with one decimal', () => {
    expect(daysText(0)).toBe('0');
    expect(daysText(12)).toBe('12');
    expect(daysText(7.5)).toBe('7.5');
  });

  it('says the period in one line, and the empty period in words', () => {
    expect(headlineText(0, 0)).toBe('No decisions recorded in this period.');
    expect(headlineText(1, 0)).toBe('1 request decided, 0 denied (0%)');
    expect(headlineText(2, 1)).toBe('2 requests decided, 1 denied (50%)');
    expect(headlineText(12, 12)).toBe('12 requests decided, 12 denied (100%)');
  });

  it('writes the period and an approval’s sessions in clinic words', () => {
    expect(periodText('2026-03-01', '2026-05-29')).toBe('03/01/2026 to 05/29/2026');
    expect(periodText('2026-03-01', '2026-03-01')).toBe('03/01/2026');
    expect(sessionsText(2, 3, 6)).toBe('2 used, 3 booked of 6 approved');
    expect(sessionsText(0, 0, null)).toBe('0 used, 0 booked (approved number not recorded)');
  });
});
