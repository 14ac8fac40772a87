import { describe, expect, it } from '@jest/globals';
import { beyondBookingHorizon, lastBookableDay } from './booking-horizon.js';

// 2026-11-23 09:00 in Seoul.
const NOW = new Date('2026-11-23T00:00:00Z');

describe('the booking horizon', () => {
  it('ends on the Korean date of now + the horizon', () => {
    expect(lastBookableDay(NOW, 'P180D')).toBe('2027-05-22');
    expect(lastBookableDay(NOW, 'P1D')).toBe('2026-11-24');
    // 23:30 UTC is already the next day in Seoul.
    expect(lastBookableDay(new Date('2026-11-23T23:30:00Z'), 'P180D')).toBe('2027-05-23');
    expect(lastBookableDay(NOW, 'PT14H')).toBe('2026-11-23');
    expect(lastBookableDay(NOW, 'PT15H')).toBe('2026-11-24');
  });

  it.each([
    ['ending at the Korean midnight after the last day', '2027-05-22T15:00:00Z', null],
    ['ending earlier on the last day', '2027-05-22T10:00:00Z', null],
    ['ending a minute past that midnight', '2027-05-22T15:01:00Z', { lastBookableDay: '2027-05-22' }],
    ['ending days later', '2027-06-05T03:00:00Z', { lastBookableDay: '2027-05-22' }],
  ])('a window %s: %j', (_what, end, expected) => {
    expect(beyondBookingHorizon(new Date(end), NOW, 'P180D')).toEqual(expected);
  });
});
