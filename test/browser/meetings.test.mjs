// The next-meeting rules of templates/meetings.js, in node (no browser needed), on the cases
// of testdata/shared/next-meeting.json that Go's schedule.Next runs too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { nextMeeting, meetingWords } from '../../templates/meetings.js';

// The cases Go's schedule.Next runs too (internal/schedule/shared_test.go).
const shared = JSON.parse(readFileSync(new URL('../../testdata/shared/next-meeting.json', import.meta.url), 'utf8'));

for (const c of shared.cases) {
  test(`nextMeeting: ${c.name}`, () => {
    const got = nextMeeting(c.record, Date.parse(c.at));
    if (c.want === null) {
      assert.equal(got, null);
      return;
    }
    assert.ok(got, 'no meeting found');
    assert.equal(new Date(got.start).toISOString(), new Date(c.want).toISOString());
    assert.equal(got.now, c.now);
    assert.ok(got.end > got.start);
  });
}

test('meetingWords writes the time as the group\'s clock shows it', () => {
  const t = Date.parse('2026-12-16T01:30:00Z');
  assert.match(meetingWords(t, 'America/Denver', 'en'), /^Tue, Dec 15, 6:30\s?PM MST$/);
  assert.match(meetingWords(t, 'America/New_York', 'en'), /^Tue, Dec 15, 8:30\s?PM EST$/);
});
