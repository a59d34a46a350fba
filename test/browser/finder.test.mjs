// The group finder (/groups/) in real Chromium, under the site's CSP: queries by name, city,
// postal code, prefix and accent-folded words; every filter alone and combined; the URL round
// trip and the back button; "near me" without the position leaving the page; the empty state;
// axe-core with results showing; a private group's marker found nowhere; and the fold vectors
// of internal/search/testdata run through fold.js in node and in the browser.
//
// Expected results come from a plain scan of every record of the index (lib-finder.mjs), so
// the tests hold for any sample data; a few anchors tie them to the sample site as it is.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { siteUnderTest, build, walk, REPO } from './lib/site.mjs';
import { serve } from './lib/server.mjs';
import { browserSkip, launch } from './lib/browser.mjs';
import { recordRequests, watch } from './lib/page.mjs';
import { fold, tokens } from '../../templates/fold.js';
import { loadIndex, expected, settle, shown, filterOptions } from './lib-finder.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const skip = browserSkip();
const site = await siteUnderTest();
const server = await serve(site.dir);
const browser = skip ? null : await launch();
const context = skip ? null : await browser.newContext();
const index = await loadIndex(site.dir);

// A copy of the sample site with one private group carrying a unique marker.
const MARKER = 'Zqxvprivmarker';
const privSrc = await fs.mkdtemp(path.join((await import('node:os')).tmpdir(), 'sitegen-private-'));
for (const dir of ['data', 'content', 'i18n', 'templates']) {
  await fs.cp(path.join(REPO, dir), path.join(privSrc, dir), { recursive: true });
}
await fs.writeFile(
  path.join(privSrc, 'data/groups/nami-sandia-foothills', `${MARKER.toLowerCase()}.yaml`),
  `name: ${MARKER} Hidden Circle
public: false
attendance: in-person
meetings:
  - day: tuesday
    start: "18:30"
location:
  name: ${MARKER} Hall
  street: 1 ${MARKER} Road
  city: Albuquerque
  state: NM
  postal_code: "87108"
  lat: 35.07
  lon: -106.6
verified: 2026-10-14
`,
);
const privOut = await build(privSrc);
const privServer = await serve(privOut);

after(async () => {
  await context?.close();
  await browser?.close();
  await server.close();
  await privServer.close();
  await site.cleanup();
  await fs.rm(privSrc, { recursive: true, force: true });
  await fs.rm(path.dirname(privOut), { recursive: true, force: true });
});

/** Opens the finder at query (a search string), checks CSP and errors, returns its results. */
async function finder(query, fn, origin = server.origin) {
  const page = await context.newPage();
  try {
    const log = await watch(page);
    await page.goto(`${origin}/groups/${query}`);
    await settle(page);
    const out = await (fn ? fn(page) : shown(page));
    assert.deepEqual(log.csp, [], `CSP violations on /groups/${query}`);
    assert.deepEqual(log.errors, [], `script errors on /groups/${query}`);
    return out;
  } finally {
    await page.close();
  }
}

async function check(query) {
  const params = new URLSearchParams(query);
  const want = expected(index, params);
  const got = await finder(`?${params}`);
  assert.equal(got.count, want.length, `count for ?${params}: status says "${got.status}"`);
  assert.deepEqual(got.names, want.slice(0, 20).map((r) => r.name), `names for ?${params}`);
  return got;
}

test('fold.js folds the vectors of testdata/fold.json as Go does (node)', async () => {
  const vectors = JSON.parse(await fs.readFile(path.join(REPO, 'internal/search/testdata/fold.json'), 'utf8'));
  assert.ok(vectors.length >= 10);
  for (const [input, want] of vectors) assert.equal(fold(input), want, `fold(${JSON.stringify(input)})`);
  const tv = JSON.parse(await fs.readFile(path.join(REPO, 'internal/search/testdata/tokens.json'), 'utf8'));
  for (const [input, want] of tv) assert.deepEqual(tokens(input), want, `tokens(${JSON.stringify(input)})`);
});

test('fold.js folds the vectors of testdata/fold.json as Go does (Chromium)', { skip }, async () => {
  const vectors = JSON.parse(await fs.readFile(path.join(REPO, 'internal/search/testdata/fold.json'), 'utf8'));
  const asset = (await walk(site.dir)).find((f) => /^\/assets\/fold\.[0-9a-f]+\.js$/.test(f));
  assert.ok(asset, 'no assets/fold.HASH.js in the build');
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/groups/`);
    const got = await page.evaluate(
      async ({ asset, inputs }) => {
        const { fold } = await import(asset);
        return inputs.map((s) => fold(s));
      },
      { asset, inputs: vectors.map((v) => v[0]) },
    );
    assert.deepEqual(got, vectors.map((v) => v[1]));
  } finally {
    await page.close();
  }
});

test('the index holds every published group of the Meeting Guide feed', async () => {
  const feed = JSON.parse(await fs.readFile(path.join(site.dir, 'api/groups.json'), 'utf8'));
  const ids = new Set(index.records.map((r) => `/groups/${r.id}/`));
  const feedIds = new Set(feed.map((g) => new URL(g.url).pathname));
  assert.deepEqual([...ids].sort(), [...feedIds].sort());
});

const queries = [
  ['name', 'nob hill'],
  ['city', 'albuquerque'],
  ['city, two words', 'las cruces'],
  ['postal code', '87108'],
  ['postal code prefix', '871'],
  ['word prefix', 'tucs'],
  ['place name', 'grange'],
  ['affiliate name', 'olentangy'],
  ['accent-folded', 'conexion'],
  ['accents and capitals', 'CONEXIÓN'],
  ['accent-folded ñ and ú', 'ultimo sabado'],
  ['every word must match', 'albuquerque veterans'],
  ['no match', 'qqqzzz'],
];

for (const [what, q] of queries) {
  test(`finder query by ${what}: ${q}`, { skip }, () => check(`q=${encodeURIComponent(q)}`));
}

test('finder anchors in the sample site', { skip }, async () => {
  const conexion = await check('q=conexion');
  assert.ok(conexion.count >= 3, `conexion found ${conexion.count} groups`);
  assert.ok(conexion.names.every((n) => fold(n).includes('conexion')), conexion.names.join(', '));
  const nob = await check('q=87108');
  assert.deepEqual(nob.names, ['Nob Hill Tuesday Evening']);
  const abq = await check('q=albuq');
  assert.ok(abq.names.includes('Nob Hill Tuesday Evening'));
});

test('finder: every filter value alone', { skip }, async () => {
  const opts = await filterOptions(context, `${server.origin}/groups/`);
  assert.deepEqual(Object.keys(opts), ['state', 'day', 'time', 'attendance', 'language', 'program', 'audience']);
  for (const [name, values] of Object.entries(opts)) {
    assert.ok(values.length > 0, `no options for ${name}`);
    for (const v of values) await check(`${name}=${encodeURIComponent(v)}`);
  }
});

const combos = [
  'state=nm&day=tuesday',
  'state=az&program=conexion',
  'attendance=online&time=evening',
  'language=es&day=saturday',
  'q=connection&state=oh&attendance=in-person',
  'q=albuquerque&time=morning&audience=veterans',
  'q=conexion&state=oh',
  'state=nm&day=sunday&time=morning',
];
for (const c of combos) test(`finder filters combined: ${c}`, { skip }, () => check(c));

test('finder: unknown filter values are ignored, the page still works', { skip }, async () => {
  const got = await finder('?state=zz&day=someday&q=albuquerque');
  assert.equal(got.count, expected(index, new URLSearchParams('q=albuquerque')).length);
});

test('finder: results link to group pages, show the next meeting in the group\'s zone, mark paused groups', { skip }, async () => {
  const info = await finder('?state=az', (page) =>
    page.$$eval('.finder-results li.group', (lis) =>
      lis.map((li) => ({
        href: li.querySelector('a.group-name').getAttribute('href'),
        when: li.querySelector('.group-when').textContent,
        tags: [...li.querySelectorAll('.tag')].map((t) => t.textContent),
        datetime: li.querySelector('time')?.getAttribute('datetime') ?? null,
      })),
    ),
  );
  const recs = expected(index, new URLSearchParams('state=az'));
  assert.equal(info.length, recs.length);
  for (const [i, rec] of recs.entries()) {
    const it = info[i];
    assert.equal(it.href, `/groups/${rec.id}/`);
    if (rec.paused) {
      assert.deepEqual(it.tags, ['Paused'], `${rec.name} is paused`);
      assert.match(it.when, /Paused/);
      assert.equal(it.datetime, null, `${rec.name} is paused but shows a meeting`);
    } else {
      assert.match(it.when, /(Next meeting:|Meeting since|First meeting:) .*\b(MST|GMT-7)\b/, `${rec.name}: ${it.when}`);
      if (it.when.startsWith('First meeting:')) {
        assert.ok(rec.starts, `${rec.name} says "First meeting" but has no start date`);
        const day = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(`${rec.starts}T12:00:00Z`));
        assert.deepEqual(it.tags, [`Starting ${day}`], `${rec.name} starts ${rec.starts}`);
      }
      assert.ok(it.datetime && Date.parse(it.datetime) > Date.now() - 86400000, `${rec.name}: ${it.datetime}`);
    }
  }
  for (const it of info) {
    const res = await fetch(server.origin + it.href);
    assert.equal(res.status, 200, it.href);
  }
  assert.ok(recs.some((r) => r.paused), 'the sample has no paused group in AZ to check');
});

test('finder: "Meeting now" during a meeting, in the group\'s time zone', { skip }, async () => {
  // Nob Hill meets on Tuesdays 18:30-20:00 in Albuquerque: 2026-11-24 19:00 MST is 02:00 UTC.
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.clock.setFixedTime(new Date('2026-11-25T02:00:00Z'));
    await page.goto(`${server.origin}/groups/?q=87108`);
    await settle(page);
    const tags = await page.$$eval('.finder-results li .tag', (ts) => ts.map((t) => t.textContent));
    assert.deepEqual(tags, ['Meeting now']);
    const when = await page.textContent('.finder-results .group-when');
    assert.match(when, /Meeting since Tue, Nov 24, 6:30\s?PM MST/);
  } finally {
    await ctx.close();
  }
});

test('finder: the URL round trip, typing, the back and forward buttons', { skip }, async () => {
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/groups/`);
    await settle(page);
    await page.fill('#q', 'albuquerque');
    await page.selectOption('#f-day', 'saturday');
    await page.waitForURL(/day=saturday/);
    await page.press('#q', 'Enter');
    await settle(page);
    assert.equal(new URL(page.url()).search, '?q=albuquerque&day=saturday');
    const first = await shown(page);
    assert.deepEqual(first.names, expected(index, new URLSearchParams('q=albuquerque&day=saturday')).map((r) => r.name));

    await page.selectOption('#f-time', 'evening');
    await page.waitForURL(/time=evening/);
    await settle(page);
    const second = await shown(page);
    assert.equal(second.count, expected(index, new URLSearchParams('q=albuquerque&day=saturday&time=evening')).length);

    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('time='));
    await settle(page);
    assert.equal(await page.inputValue('#f-time'), '');
    assert.equal(await page.inputValue('#q'), 'albuquerque');
    assert.deepEqual((await shown(page)).names, first.names);

    await page.goForward();
    await page.waitForURL(/time=evening/);
    await settle(page);
    assert.equal(await page.inputValue('#f-time'), 'evening');
    assert.equal((await shown(page)).count, second.count);

    // Typing searches as one goes; one history entry for the typing.
    await page.fill('#q', 'tucson');
    await page.waitForURL(/q=tucson/);
    await settle(page);
    assert.equal((await shown(page)).count, expected(index, new URLSearchParams('q=tucson&day=saturday&time=evening')).length);

    // The shared URL opens on the same results in a fresh page.
    const again = await finder(new URL(page.url()).search);
    assert.deepEqual(again.names, (await shown(page)).names);
  } finally {
    await page.close();
  }
});

test('finder: keyboard only, results announced in the live region', { skip }, async () => {
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/groups/`);
    await settle(page);
    await page.focus('#q');
    await page.keyboard.type('lakewood');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=lakewood/);
    await settle(page);
    const live = await page.$eval('#results', (r) => ({ live: r.getAttribute('aria-live'), text: r.textContent }));
    assert.equal(live.live, 'polite');
    const n = expected(index, new URLSearchParams('q=lakewood')).length;
    assert.match(live.text, new RegExp(`^${n} groups? for “lakewood”`));
    // Tab reaches the first result link.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.matches('.finder-results a.group-name') ?? false);
    }
    assert.ok(reached, 'Tab never reached a result');
  } finally {
    await page.close();
  }
});

test('finder: a helpful empty state, crisis line still there', { skip }, async () => {
  const got = await finder('?q=qqqzzz&state=nm&day=tuesday', async (page) => {
    const notice = await page.textContent('.finder-results .notice');
    const buttons = await page.$$eval('.finder-results .notice button', (bs) => bs.map((b) => b.textContent));
    const links = await page.$$eval('.finder-results .notice a', (as) => as.map((a) => a.getAttribute('href')));
    const crisis = await page.isVisible('.crisis');
    await page.click('text=Search without “qqqzzz”');
    await page.waitForURL((u) => !u.search.includes('q='));
    await settle(page);
    return { notice, buttons, links, crisis, after: await shown(page) };
  });
  assert.match(got.notice, /No group matches/);
  assert.deepEqual(got.buttons, ['Remove “New Mexico”', 'Remove “Tuesday”', 'Search without “qqqzzz”']);
  assert.ok(got.links.includes('/groups/nm/') && got.links.includes('#states'), got.links.join(' '));
  assert.ok(got.crisis, 'the crisis line is not visible');
  assert.equal(got.after.count, expected(index, new URLSearchParams('state=nm&day=tuesday')).length);
});

test('finder: near me sorts by distance and never sends the position', { skip }, async () => {
  const ctx = await browser.newContext({
    geolocation: { latitude: 32.3199, longitude: -106.7637 }, // Las Cruces
    permissions: ['geolocation'],
  });
  try {
    const page = await ctx.newPage();
    const requests = await recordRequests(page, server.origin);
    await page.goto(`${server.origin}/groups/`);
    await settle(page);
    const before = requests.length;
    await page.click('button.near');
    await page.waitForFunction(() => document.querySelector('button.near').getAttribute('aria-pressed') === 'true');
    await settle(page);
    const got = await shown(page);
    assert.equal(got.count, index.records.length);
    assert.match(got.status, /nearest first/);
    const first = index.records.find((r) => r.name === got.names[0]);
    assert.ok(['Mesilla', 'Las Cruces'].includes(first.city), `nearest is ${got.names[0]} in ${first.city}`);
    const dist = await page.$$eval('.finder-results .group-where', (ws) => ws.map((w) => w.textContent));
    const miles = dist.map((d) => Number((/([\d.]+) mi away/.exec(d) ?? [])[1])).filter((x) => !Number.isNaN(x));
    assert.deepEqual(miles, [...miles].sort((a, b) => a - b), 'not sorted by distance');
    for (const r of requests) {
      assert.ok(r.allowed, `request to another host: ${r.url}`);
      assert.doesNotMatch(r.url, /32\.3|106\.7|lat|lon/i, `the position left the page: ${r.url}`);
    }
    assert.ok(requests.length >= before);
  } finally {
    await ctx.close();
  }
});

test('finder: a private group\'s marker is in no file and never found', { skip }, async () => {
  for (const f of await walk(privOut)) {
    const b = await fs.readFile(path.join(privOut, f));
    assert.ok(!b.includes(MARKER) && !b.includes(fold(MARKER)), `${f} holds the private marker`);
  }
  const privIndex = await loadIndex(privOut);
  assert.equal(privIndex.records.length, index.records.length, 'the private group was counted');
  const got = await finder(`?q=${fold(MARKER)}`, undefined, privServer.origin);
  assert.equal(got.count, 0);
  const hidden = await finder('?q=hidden%20circle', undefined, privServer.origin);
  assert.equal(hidden.count, 0);
});

test('finder: axe-core finds no violation with results showing', { skip }, async () => {
  for (const q of ['?q=conexion', '?state=az&day=tuesday', '?q=qqqzzz']) {
    const ctx = await browser.newContext({ bypassCSP: true });
    try {
      const page = await ctx.newPage();
      await page.goto(`${server.origin}/groups/${q}`);
      await settle(page);
      await page.addScriptTag({ path: AXE });
      const res = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
      );
      const v = res.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(v, [], `axe on /groups/${q}`);
      assert.ok((await page.$$('.finder-results li, .finder-results .notice')).length > 0, 'no results showing');
    } finally {
      await ctx.close();
    }
  }
});
