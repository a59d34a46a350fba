// The next-meeting rules of templates/meetings.js, in node (no browser needed): weeks of the
// month, skipped dates, a first meeting date, overnight meetings, paused groups, "meeting now",
// and the group's own time zone, as Go's schedule.Next has them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextMeeting, meetingWords } from '../../templates/meetings.js';

const abq = {
  tz: 'America/Denver',
  meetings: [{ day: 'tuesday', start: '18:30', end: '20:00', weeks: [1, 3] }],
  skip: ['2026-12-01'],
};

const tests = [
  // name, record, now (UTC), want start (UTC) or null, want now
  ['first and third Tuesday, skipping the first of December', abq, '2026-11-23T12:00:00Z', '2026-12-16T01:30:00.000Z', false],
  ['during the meeting: meeting now', abq, '2026-11-18T02:00:00Z', '2026-11-18T01:30:00.000Z', true],
  ['just after it ended', abq, '2026-11-18T03:00:00Z', '2026-12-16T01:30:00.000Z', false],
  ['starts later', { ...abq, skip: [], starts: '2027-03-01' }, '2026-11-23T12:00:00Z', '2027-03-03T01:30:00.000Z', false],
  ['paused', { ...abq, paused: true }, '2026-11-23T12:00:00Z', null, false],
  ['no meetings', { tz: 'UTC', meetings: [] }, '2026-11-23T12:00:00Z', null, false],
  [
    'overnight, still on after midnight',
    { tz: 'America/New_York', meetings: [{ day: 'friday', start: '23:00', end: '00:30', overnight: true }] },
    '2026-11-21T05:10:00Z',
    '2026-11-21T04:00:00.000Z',
    true,
  ],
  [
    'last Sunday of the month, across the change to standard time',
    { tz: 'America/New_York', meetings: [{ day: 'sunday', start: '10:00', end: '11:30', weeks: [-1] }] },
    '2026-10-20T12:00:00Z',
    '2026-10-25T14:00:00.000Z',
    false,
  ],
  [
    'Phoenix keeps no daylight time',
    { tz: 'America/Phoenix', meetings: [{ day: 'monday', start: '19:00', end: '20:30' }] },
    '2026-07-01T00:00:00Z',
    '2026-07-07T02:00:00.000Z',
    false,
  ],
];

for (const [name, rec, now, want, wantNow] of tests) {
  test(`nextMeeting: ${name}`, () => {
    const got = nextMeeting(rec, Date.parse(now));
    if (want === null) {
      assert.equal(got, null);
      return;
    }
    assert.ok(got, 'no meeting found');
    assert.equal(new Date(got.start).toISOString(), want);
    assert.equal(got.now, wantNow);
    assert.ok(got.end > got.start);
  });
}

test('meetingWords writes the time as the group\'s clock shows it', () => {
  const t = Date.parse('2026-12-16T01:30:00Z');
  assert.match(meetingWords(t, 'America/Denver', 'en'), /^Tue, Dec 15, 6:30\s?PM MST$/);
  assert.match(meetingWords(t, 'America/New_York', 'en'), /^Tue, Dec 15, 8:30\s?PM EST$/);
});
