// Rules the browser's scripts and Go both apply, on the same cases (testdata/shared): where a
// group meets, and the finder's filters. (Next meetings: meetings.test.mjs; folding:
// fold.test in the finder's tests.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const shared = (name) => JSON.parse(readFileSync(new URL(`../../testdata/shared/${name}`, import.meta.url), 'utf8'));

// results.js and search-index.js run in a page; give them the little of one they touch.
globalThis.document = { getElementById: () => null, documentElement: { lang: 'en' }, body: null };
const { where } = await import('../../templates/results.js');
const { filterNames } = await import('../../templates/search-index.js');

test('where: the cases Go runs too', () => {
  const { messages, cases } = shared('where.json');
  const say = (key, args = {}) => messages[key].replace(/\{([a-z_]+)\}/g, (_, n) => args[n]);
  for (const c of cases) assert.equal(where(c.record, say), c.want, JSON.stringify(c.record));
});

test('filters: the names Go uses', () => {
  assert.deepEqual(filterNames, shared('filters.json').filters);
});
