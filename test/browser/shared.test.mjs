// Rules the browser's scripts and Go both apply, on the same cases (testdata/shared): where a
// group meets, how a time and a date are written, and the finder's filters. (Next meetings: meetings.test.mjs; folding:
// fold.test in the finder's tests.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const shared = (name) => JSON.parse(readFileSync(new URL(`../../testdata/shared/${name}`, import.meta.url), 'utf8'));

// results.js and search-index.js run in a page; give them the little of one they touch.
globalThis.document = { getElementById: () => null, documentElement: { lang: 'en' }, body: null };
const { dayWords, meetingWords, where, yourTime } = await import('../../templates/results.js');
const { useOffsets } = await import('../../templates/meetings.js');
const { parseProjection, project } = await import('../../templates/projection.js');
const { filterNames } = await import('../../templates/search-index.js');

test('where: the cases Go runs too', () => {
  const { messages, cases } = shared('where.json');
  const say = (key, args = {}) => messages[key].replace(/\{([a-z_]+)\}/g, (_, n) => args[n]);
  for (const c of cases) assert.equal(where(c.record, say), c.want, JSON.stringify(c.record));
});

test('times and dates: as the pages write them, in English and Spanish', () => {
  const { messages, times, dates } = shared('meeting-words.json');
  const offsets = shared('zone-offsets.json');
  useOffsets(offsets.names, offsets.table);
  let checked = 0;
  for (const lang of ['en', 'es']) {
    const say = (key, args = {}) => messages[lang][key].replace(/\{([a-z_]+)\}/g, (_, n) => args[n]);
    for (const c of times) {
      assert.equal(meetingWords(Date.parse(c.at), c.zone, say), c.want[lang], `${c.at} in ${c.zone}, ${lang}`);
      checked++;
    }
    for (const c of dates) assert.equal(dayWords(c.date, say), c.want[lang], `${c.date}, ${lang}`);
  }
  assert.ok(checked >= 20);
});

test('yourTime: the visitor\'s clock, when it differs from the group\'s', () => {
  const { messages } = shared('meeting-words.json');
  const say = (key, args = {}) => messages.en[key].replace(/\{([a-z_]+)\}/g, (_, n) => args[n]);
  useOffsets(shared('zone-offsets.json').names, shared('zone-offsets.json').table);
  const before = process.env.TZ;
  try {
    const t = Date.parse('2026-12-16T01:30:00Z'); // 6:30 pm in Denver
    process.env.TZ = 'America/Denver';
    assert.equal(yourTime(t, 'America/Denver', say), '');
    assert.equal(yourTime(t, 'America/Boise', say), '', 'another zone on the same clock');
    process.env.TZ = 'America/New_York';
    assert.equal(yourTime(t, 'America/Denver', say), '8:30 pm');
    process.env.TZ = 'Asia/Tokyo';
    assert.equal(yourTime(t, 'America/Denver', say), 'Wednesday, 10:30 am');
    process.env.TZ = 'Pacific/Honolulu';
    assert.equal(yourTime(t, 'America/Denver', say), '3:30 pm');
    assert.equal(yourTime(Date.parse('2026-12-15T09:30:00Z'), 'America/New_York', say), 'Monday, 11:30 pm');
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
});

test('the national map: points placed where Go places them', () => {
  const { params, points } = shared('national-projection.json');
  // As internal/render's projectionAttr writes them into the map.
  const attr = params.map((p) => [p.n, p.c, p.rho0, p.lon0, p.scale, p.dx, p.dy, ...(p.region ?? [])].join(' ')).join(';');
  const parsed = parseProjection(attr);
  assert.deepEqual(parsed, params);
  for (const p of points) {
    const [x, y] = project(parsed, p.at);
    assert.ok(Math.abs(x - p.x) < 0.01 && Math.abs(y - p.y) < 0.01, `${p.name}: (${x}, ${y}), want (${p.x}, ${p.y})`);
  }
  assert.deepEqual(parseProjection(''), []);
  assert.deepEqual(parseProjection('1 2 3'), [], 'too few numbers');
  assert.deepEqual(parseProjection(attr.split(';').slice(0, 1).join(';')), [], 'an inset without the lower 48');
});

test('filters: the names Go uses', () => {
  assert.deepEqual(filterNames, shared('filters.json').filters);
});
