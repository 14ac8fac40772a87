import { describe, expect, it } from '@jest/globals';
import { MESSAGE_LOCALES } from '@medjourney/platform';
import { changeLetter, reminderLetter, timeIn, type LetterRecipient } from './appointment-letters.js';

const facts = { start: new Date('2026-03-09T00:00:00Z'), clinicianName: 'Dr. Kim Min-jun', hospitalName: 'Seoul Hospital', patientName: 'Aliya Nurlanovna', room: 'https://video.example/r/abc' };
const to = (role: LetterRecipient['role'], timezone: string): LetterRecipient => ({ role, name: 'Someone', email: 'someone@example.org', timezone });

describe('appointment letters', () => {
  it("name the time in the recipient's own zone, across New York's change to summer time", () => {
    expect(timeIn(new Date('2026-03-08T06:59:00Z'), 'America/New_York')).toBe('8 March 2026 at 01:59 (America/New_York)');
    expect(timeIn(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toBe('8 March 2026 at 03:00 (America/New_York)');
    expect(timeIn(facts.start, 'Asia/Seoul')).toBe('9 March 2026 at 09:00 (Asia/Seoul)');
  });

  it('say to each participant what the appointment is to them, with the room; a reschedule names both times', () => {
    expect(changeLetter('booked', to('patient', 'America/New_York'), facts)).toEqual({
      subject: 'Follow-up video appointment on 8 March 2026 at 20:00 (America/New_York)',
      text: 'Hello Someone,\n\nYour follow-up video appointment with Dr. Kim Min-jun of Seoul Hospital is booked for 8 March 2026 at 20:00 (America/New_York).\n\nJoin the video room a few minutes early: https://video.example/r/abc\n\nThe attached invitation adds it to your calendar.\n',
    });
    expect(changeLetter('rescheduled', to('clinician', 'Asia/Seoul'), { ...facts, previousStart: new Date('2026-03-06T00:00:00Z') }).text).toContain(
      'Your follow-up video consultation with Aliya Nurlanovna has moved from 6 March 2026 at 09:00 (Asia/Seoul) to 9 March 2026 at 09:00 (Asia/Seoul).',
    );
    const cancelled = changeLetter('cancelled', to('local_clinician', 'Europe/Berlin'), facts);
    expect(cancelled.subject).toBe('Cancelled: follow-up video appointment on 9 March 2026 at 01:00 (Europe/Berlin)');
    expect(cancelled.text).toContain('The video consultation with Dr. Kim Min-jun of Seoul Hospital about your patient Aliya Nurlanovna on 9 March 2026 at 01:00 (Europe/Berlin) is cancelled.');
    expect(cancelled.text).not.toContain(facts.room);
  });

  it("remind the local clinician 24 hours and 1 hour before, in their zone", () => {
    expect(reminderLetter('24h', to('local_clinician', 'Asia/Almaty'), facts).subject).toMatch(/^Follow-up video consultation in 24 hours: 9 March 2026 at \d\d:00 \(Asia\/Almaty\)$/);
    expect(reminderLetter('1h', to('local_clinician', 'Europe/London'), facts)).toEqual({
      subject: 'Follow-up video consultation in 1 hour: 9 March 2026 at 00:00 (Europe/London)',
      text: 'Hello Someone,\n\nThe video consultation with Dr. Kim Min-jun of Seoul Hospital about your patient Aliya Nurlanovna starts in 1 hour, on 9 March 2026 at 00:00 (Europe/London).\n\nJoin the video room a few minutes early: https://video.example/r/abc\n',
    });
  });
});

describe("appointment letters in the recipient's language", () => {
  it("write to a patient who reads Japanese in Japanese, with the time in their zone and Japan's date order", () => {
    expect(changeLetter('booked', { ...to('patient', 'Asia/Tokyo'), locale: 'ja' }, facts)).toEqual({
      subject: 'フォローアップのビデオ診療：2026年3月9日 09:00 (Asia/Tokyo)',
      text: 'Someone 様\n\nSeoul Hospital の Dr. Kim Min-jun 先生とのフォローアップのビデオ診療は 2026年3月9日 09:00 (Asia/Tokyo) に予約されました。\n\n数分前にビデオルームに入室してください：https://video.example/r/abc\n\n添付の招待状でカレンダーに追加できます。\n',
    });
  });

  it('name both times of a reschedule in the reader\'s language, and the room in every language', () => {
    const moved = changeLetter('rescheduled', { ...to('interpreter', 'Asia/Almaty'), locale: 'kk' }, { ...facts, previousStart: new Date('2026-03-06T00:00:00Z') });
    expect(moved.text).toContain('2026 ж. 6 наурыз, 05:00 (Asia/Almaty) уақытынан 2026 ж. 9 наурыз, 05:00 (Asia/Almaty) уақытына ауыстырылды');
    for (const locale of MESSAGE_LOCALES) expect(changeLetter('booked', { ...to('patient', 'Asia/Seoul'), locale }, facts).text).toContain(facts.room);
  });
});
