// The next-meeting rules of templates/meetings.js, in node (no browser needed), on the cases
// of testdata/shared/next-meeting.json that Go's schedule.Next runs too; and the table of
// time zone offsets the build writes (testdata/shared/zone-offsets.json) against Intl.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { intlMinutes, nextMeeting, useOffsets, wallMinutes, zoneAbbr } from '../../templates/meetings.js';

// The cases Go's schedule.Next runs too (internal/schedule/shared_test.go).
const shared = JSON.parse(readFileSync(new URL('../../testdata/shared/next-meeting.json', import.meta.url), 'utf8'));

const offsets = JSON.parse(readFileSync(new URL('../../testdata/shared/zone-offsets.json', import.meta.url), 'utf8'));

// Each case runs twice: with Intl alone, then with the build's table of offsets (which
// covers the cases' years when they fall in its two).
for (const [how, c] of [...shared.cases.map((c) => ['Intl', c]), ...shared.cases.map((c) => ['table', c])]) {
  test(`nextMeeting (${how}): ${c.name}`, () => {
    if (how === 'table') useOffsets(offsets.names, offsets.table);
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

test('zoneAbbr names a zone from the table, and from Intl past it', () => {
  useOffsets(offsets.names, offsets.table);
  const { until } = offsets.table;
  const winter = Date.parse('2026-12-16T01:30:00Z');
  const summer = Date.parse('2027-07-16T01:30:00Z');
  assert.equal(zoneAbbr(winter, 'America/Denver'), 'MST');
  assert.equal(zoneAbbr(summer, 'America/Denver'), 'MDT');
  assert.equal(zoneAbbr(summer, 'America/Phoenix'), 'MST');
  // Past the table, and for a zone it does not hold, Intl's names in American English.
  assert.equal(zoneAbbr(until + 200 * 86400000, 'America/Denver'), 'MDT');
  assert.equal(zoneAbbr(winter, 'America/Detroit'), 'EST');
  assert.equal(zoneAbbr(winter, 'Asia/Kolkata'), 'UTC+5:30');
});

test('the table of offsets gives the wall clock Intl gives, across every change of offset', () => {
  useOffsets(offsets.names, offsets.table);
  const { until, zones } = offsets.table;
  assert.equal(zones.length, offsets.names.length);
  let checked = 0;
  offsets.names.forEach((tz, i) => {
    const periods = zones[i];
    const instants = [];
    // Every 97 minutes over the two years, and around each change, to the millisecond.
    for (let t = periods[0]; t < until; t += 97 * 60000) instants.push(t);
    for (let k = 2; k < periods.length; k += 2) {
      for (const d of [-3600000, -60000, -1, 0, 1, 59999, 60000, 3600000]) instants.push(periods[k] + d);
    }
    for (const t of instants) {
      assert.equal(wallMinutes(t, tz), intlMinutes(t, tz), `${tz} at ${new Date(t).toISOString()}`);
      checked++;
    }
  });
  assert.ok(checked > 100000, `only ${checked} instants checked`);
  // The table is what answers within its years (a zone Intl does not know shows it), and Intl
  // past its end.
  useOffsets(['Test/Made_Up'], { until: 86400000, zones: [[0, 123]] });
  assert.equal(wallMinutes(600000, 'Test/Made_Up'), 10 + 123);
  assert.ok(zones[offsets.names.indexOf('America/New_York')].length >= 10);
  assert.equal(wallMinutes(until + 86400000, 'America/New_York'), intlMinutes(until + 86400000, 'America/New_York'));
});
