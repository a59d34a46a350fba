// The finder on a generated national site (internal/synth, through cmd/synthsite and the real
// build): the soonest groups of thousands, at many instants, as a scan of every record orders
// them; a ZIP code no group lists and "near me", within the radius, nearest first; "show more"
// in the URL; and what one search loads.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO, NOW as BUILD_DATE } from './lib/site.mjs';
import { serve } from './lib/server.mjs';
import { browserSkip, launch } from './lib/browser.mjs';
import { watch } from './lib/page.mjs';
import { tokens } from '../../templates/fold.js';
import { Index, tokenFileOf } from '../../templates/search-index.js';
import { NOW, loadIndex, fileIndex, gzipSize, pageWeight, nearestFirst, byFilters, soonestFirst, milesBetween, settle, shown } from './lib-finder.mjs';

const GROUPS = 1500;
const run = promisify(execFile);
const skip = browserSkip();
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'sitegen-scale-'));
await run('go', ['run', './cmd/synthsite', '-groups', String(GROUPS), '-o', path.join(work, 'src')], { cwd: REPO, maxBuffer: 16 << 20 });
const dir = path.join(work, 'public');
await run('go', ['run', './cmd/sitegen', 'build', '-s', path.join(work, 'src'), '--now', BUILD_DATE, '-d', dir], { cwd: REPO, maxBuffer: 16 << 20 });
const index = await loadIndex(dir);
const server = await serve(dir);
const browser = skip ? null : await launch();
const context = skip ? null : await browser.newContext({ timezoneId: 'America/Chicago' });
const page = skip ? null : await context.newPage();
const log = skip ? null : await watch(page);

after(async () => {
  await context?.close();
  await browser?.close();
  await server.close();
  await fs.rm(work, { recursive: true, force: true });
});

const names = (items) => items.map((it) => it.rec.name);
const all = () => index.records.map((rec, ref) => ({ rec, ref }));
const named = (word) => (it) => tokens([it.rec.name, it.rec.city, it.rec.postal_code, it.rec.place, it.rec.affiliate].filter(Boolean).join(' ')).includes(word);

async function engine(opts) {
  const { find } = await import('../../templates/find.js');
  const idx = fileIndex(dir);
  const found = await find(idx, { now: NOW, ...opts });
  return { ...found, names: found.items.map((it) => it.rec.name), read: idx.read };
}

async function finder(url, now = NOW) {
  for (const list of Object.values(log)) list.length = 0;
  await page.clock.setFixedTime(new Date(now));
  await page.goto(server.origin + url);
  await settle(page);
  const got = await shown(page);
  assert.deepEqual(log.csp, [], `CSP violations on ${url}`);
  assert.deepEqual(log.errors, [], `script errors on ${url}`);
  return got;
}

test('the generated site is large enough to need the files of weekday meetings', () => {
  assert.ok(index.records.length > 1300, `${index.records.length} groups`);
  assert.ok(Object.keys(index.manifest.days).length === 7);
});

// Soonest first: the files of weekday meetings and the records fetched for the groups whose
// skipped dates or first meeting may change their place give what a scan of every record
// gives, at instants spread over a year (summer time, its changes, late at night).
const instants = [
  NOW,
  Date.parse('2026-11-28T05:59:00Z'), // Friday night in Chicago
  Date.parse('2026-12-24T17:00:00Z'), // a skipped date of many groups
  Date.parse('2027-01-11T14:00:00Z'), // the day groups start
  Date.parse('2027-03-14T08:30:00Z'), // summer time begins in the US
  Date.parse('2027-07-04T23:00:00Z'),
  Date.parse('2027-10-31T06:00:00Z'),
];
const queries = [
  ['every group ("support groups")', { q: 'support groups' }, () => true],
  ['a state', { filters: { state: 'oh' } }, (it) => it.rec.state === 'oh'],
  ['a day and a time, per meeting', { filters: { day: 'tuesday', time: 'evening' } }, null],
  ['a program as a word', { q: 'conexion' }, (it) => it.rec.program === 'conexion' || named('conexion')(it)],
  ['attendance as a word', { q: 'online' }, (it) => ['online', 'hybrid'].includes(it.rec.attendance) || named('online')(it)],
  ['a language as a word, with a filter', { q: 'spanish', filters: { day: 'monday' } }, (it) => it.rec.lang === 'es' && it.rec.meetings?.some((m) => m.day === 'monday')],
];
for (const [what, opts, keep] of queries) {
  test(`soonest first at ${instants.length} instants: ${what}`, async () => {
    for (const now of instants) {
      const items = keep ? all().filter(keep) : byFilters(index, new URLSearchParams(opts.filters));
      // With a day or a time, the next meeting of those asked for.
      const want = soonestFirst(items, now, new URLSearchParams(opts.filters ?? {}));
      for (const limit of [20, 60]) {
        const got = await engine({ ...opts, now, limit });
        assert.equal(got.count, want.length, `${what} at ${new Date(now).toISOString()}`);
        // Sixty may stop short where their records would pass the search's budget (see "the
        // results shown stop where…": 49 of 60 for "conexion" with the budget at 54.0 KB, 38
        // at 53.0 with the gazetteer's index, which the page always loads, in it); twenty
        // never do here, and those shown are the soonest.
        const shown = limit === 20 ? Math.min(limit, want.length) : got.names.length;
        assert.ok(limit === 20 || shown >= Math.min(35, want.length), `${what}: ${shown} of ${limit} shown`);
        assert.deepEqual(got.names, names(want.slice(0, shown)), `${what} at ${new Date(now).toISOString()}, ${limit}`);
      }
    }
  });
}

// Matches held by few files of records are ordered from the records themselves, without the
// weekday files (which weigh about four files of records each), in the same order.
test('soonest first from the records when few files hold the matches', async () => {
  const { recordFileOf } = await import('../../templates/search-index.js');
  const recordFileCount = (m, refs) => new Set(refs.map((r) => recordFileOf(m, r))).size;
  const got = await engine({ q: 'ohio' });
  const items = all().filter((it) => it.rec.state === 'oh');
  assert.ok(got.count > 20 && got.count === items.length, `${got.count} groups of Ohio`);
  const refs = items.map((it) => it.ref);
  assert.ok(recordFileCount(index.manifest, refs) <= 28, `${recordFileCount(index.manifest, refs)} files of records`);
  // The two a search without words fetches ahead (prefetch in find.js), not the seven.
  const weekdays = got.read.filter((f) => f.startsWith('search/w/'));
  assert.ok(weekdays.length <= 2, `weekday files read: ${weekdays.join(', ')}`);
  assert.deepEqual(got.names, names(soonestFirst(items, NOW, new URLSearchParams()).slice(0, 20)));
});

// A search for one weekday reads that weekday's file alone: the files of the next days,
// which a search without words fetches ahead, are of no use to it.
test('a day asked for: only its weekday file is read', async () => {
  for (const opts of [{ filters: { day: 'tuesday' } }, { filters: { day: 'saturday', time: 'morning' } }, { q: 'sunday' }]) {
    const got = await engine(opts);
    const day = opts.filters?.day ?? opts.q;
    assert.deepEqual(got.read.filter((f) => f.startsWith('search/w/')).map((f) => f.split('/')[2].split('.')[0]), [day], JSON.stringify(opts));
  }
});

// A ZIP code that no group lists, among groups: the nearest, within 100 miles.
async function quietZIP() {
  const listed = new Set(index.records.map((r) => r.postal_code));
  const geo = await fileIndex(dir).geo();
  for (const busy of index.records.filter((r) => r.coords && r.postal_code && r.state === 'oh')) {
    const shard = JSON.parse(await fs.readFile(path.join(dir, geo.zips[busy.postal_code.slice(0, 2)].file), 'utf8'));
    const found = Object.entries(shard).find(([c, v]) => !listed.has(c) && milesBetween([v[0], v[1]], busy.coords) < 30);
    if (found) return { code: found[0], at: [found[1][0], found[1][1]] };
  }
  throw new Error('no ZIP code without a group near an Ohio group');
}

function nearest(at) {
  return all()
    .filter((it) => it.rec.coords)
    .map((it) => ({ ...it, miles: milesBetween(at, it.rec.coords) }))
    .filter((it) => it.miles <= 100)
    .sort(nearestFirst);
}

test('a ZIP code no group lists: the nearest groups within 100 miles (node)', async () => {
  const z = await quietZIP();
  const want = nearest(z.at);
  assert.ok(want.length > 5, `${want.length} groups near ${z.code}`);
  const got = await engine({ q: z.code });
  assert.equal(got.mode, 'place');
  assert.equal(got.count, want.length);
  assert.deepEqual(got.names, names(want.slice(0, 20)));
  got.items.forEach((it, i) => assert.ok(Math.abs(it.miles - want[i].miles) < 0.01));
  // Near me, at the same place, with a filter.
  const near = await engine({ position: z.at, filters: { attendance: 'in-person' } });
  const wantNear = want.filter((it) => it.rec.attendance !== 'online');
  assert.equal(near.count, wantNear.length);
  assert.deepEqual(near.names, names(wantNear.slice(0, 20)));
});

// With its ZIP code, a whole address finds the code's groups: its town beside the code says
// where the code is and narrows nothing, as without the street. The town's words were read
// with the street's before them ("high st columbus"), which named no town, and the groups
// near the code were only those whose words say "columbus": none.
test('a street address with its town and ZIP code finds the ZIP code\'s groups (node)', async () => {
  for (const [query, zip] of [['4500 N High St, Columbus, OH 43214', '43214'], ['123 Main St Columbus OH 43215', '43215'], ['100 Court St Columbus OH 43215', '43215']]) {
    const alone = await engine({ q: zip });
    assert.ok(alone.count > 5, `${alone.count} groups near ${zip}`);
    const got = await engine({ q: query });
    assert.equal(got.place?.label, zip, query);
    assert.equal(got.count, alone.count, query);
    assert.deepEqual(got.names, alone.names, query);
  }
});

// A word alone misspelt, whose files of places around it do not all fit in what the search has
// left: those that do are read, its own first, so that it is corrected to the town of the
// state named. Reading all or none, these read none and listed the state's groups.
test('a misspelt town with its state reads what of the files around it the budget pays for (node)', async () => {
  for (const [query, label] of [['support group Placervilel CA', 'Placerville, CA'], ['support group Wodstock MN', 'Woodstock, MN'], ['support group Carilsle IN', 'Carlisle, IN']]) {
    const got = await engine({ q: query });
    assert.equal(got.place?.label, label, query);
    assert.ok(got.count > 0, query);
    assert.match(got.corrected, new RegExp(label.split(',')[0].toLowerCase()), query);
  }
  // A town of 10,000 people or more one edit away among the files read first is the place
  // meant: the files after it are not read, and its search has the room to find its groups
  // within 100 miles ("altham" found Waltham's within 24, "vondale az" the state's groups).
  const waltham = await engine({ q: 'waltham' });
  const altham = await engine({ q: 'altham' });
  assert.equal(altham.place?.label, 'Waltham, MA');
  assert.equal(altham.count, waltham.count);
  // ("support group vondale AZ" read its last file of places with 0.1 KB to spare until
  // 2026-12-06, when the page grew by 0.3 KB: it now lists Arizona's groups.)
  assert.equal((await engine({ q: 'vondale AZ' })).place?.label, 'Avondale, AZ');
});

// The sentence of a place's farther matches quotes what they match, the place's words, not
// the words beside them that say nothing (until 2026-12-06: "1241 more groups farther away
// match “mi hijo springfield”").
test('finder on a generated site: the farther matches are said to match the place\'s words', { skip }, async () => {
  assert.equal((await engine({ q: 'my son springfield' })).farWords, 'springfield');
  for (const url of ['/groups/?q=my%20son%20springfield', '/es/groups/?q=mi%20hijo%20springfield']) {
    const got = await finder(url);
    assert.equal(got.mode, 'place', url);
    assert.match(got.status, /(farther away match|más lejanos coinciden con) “Springfield”/, `${url}: ${got.status}`);
  }
});

// A town's farther matches (groups named for it, beyond the radius) are the nearest of them,
// found without reading the positions of every state that has one.
test('the farther matches of a place are the nearest, from the states nearest it', async () => {
  const got = await engine({ q: 'springfield', filters: { language: 'es' } });
  assert.equal(got.mode, 'place');
  const at = got.place.at;
  // Every Spanish group's distance, from every state's positions (a group without
  // coordinates stands at its ZIP code's centre there).
  const { distances, nearestFirst: byDistance } = await import('../../templates/rank.js');
  const es = index.records.map((rec, ref) => ({ rec, ref })).filter((it) => it.rec.lang === 'es');
  const d = await distances(fileIndex(dir), at, es.map((it) => it.ref));
  const all = es.map((it) => ({ ...it, miles: d.get(it.ref)?.miles ?? null, paused: d.get(it.ref)?.paused ?? false }));
  const named = (it) => tokens([it.rec.name, it.rec.city, it.rec.postal_code, it.rec.place, it.rec.affiliate].filter(Boolean).join(' ')).some((w) => w.startsWith('springfield'));
  const within = (it) => it.miles !== null && it.miles <= 100;
  const near = all.filter(within).sort(byDistance);
  const far = all.filter((it) => named(it) && !within(it)).sort(byDistance);
  assert.ok(near.length < 20 && far.length > 20, `${near.length} groups near, ${far.length} farther: the case needs fewer than 20 near`);
  assert.equal(got.count, near.length + far.length);
  assert.deepEqual(got.names, [...near, ...far].slice(0, 20).map((it) => it.rec.name));
  const states = new Set(far.map((it) => it.rec.state));
  const read = got.read.filter((f) => f.startsWith('search/n/')).length;
  assert.ok(read < states.size, `positions of ${read} states read, for matches in ${states.size}`);
});

test('what one search reads stays small (gzip)', async () => {
  const z = await quietZIP();
  // Sentences too, as someone asking for help writes them: the words around the place are
  // not each read.
  const sentences = [
    "Good morning, I'm a nurse in Portland Maine and I'd like to refer a patient to a peer support group for people living with psychosis",
    'Buenas tardes, necesito un grupo de apoyo para la depresión en San Antonio, de preferencia en español y en persona',
    'We just moved to Denver Colorado and my daughter who is 17 has an eating disorder, are there groups for parents',
    // Corrections and their searches share one budget of files of places (correctionBudget in find.js).
    "I'm so tired of feeling this way I just want to talk to someone who understands please is there a group tonight",
    'is ther a grop for vetrans in san antono texas thank you so much for your help',
  ];
  for (const opts of [{ q: z.code }, { q: 'springfield' }, { filters: { day: 'tuesday', time: 'evening' } }, { q: 'albuqerque' }, { position: z.at }, { q: 'spanish online' }, ...sentences.map((q) => ({ q }))]) {
    const got = await engine(opts);
    let bytes = 0;
    for (const f of got.read) bytes += zlib.gzipSync(await fs.readFile(path.join(dir, f))).length;
    assert.ok(bytes < 60 << 10, `${JSON.stringify(opts)} reads ${bytes} bytes gzip of index files: ${got.read.join(' ')}`);
  }
});

// weighted returns an Index of the site whose manifest weighs each file as weights says (by
// path or folder, see weightOf in search-index.js) and the others as the build did, its
// states' files of positions (which carry their own weights) pointsWeight each when given: a
// site whose files are heavier than this one's.
function weighted(weights, pointsWeight = 0) {
  const read = async (rel) => JSON.parse(await fs.readFile(path.join(dir, rel), 'utf8'));
  return new Index('/', 'en', async (rel) => {
    const got = await read(rel);
    if (rel !== 'search/manifest.json') return got;
    const states = pointsWeight ? got.states.map((st) => ({ ...st, pw: pointsWeight })) : got.states;
    return { ...got, states, weights: { ...got.weights, ...weights } };
  });
}

// A search stays within its budget of bytes (searchBudget in find.js, of index files
// as the manifest weighs them): where the records of the results would pass it, the results
// stop, never before the first five, and "show more" reads the others. Here, files of records
// ten times as heavy as this site's stand for a national directory's spread over 50 states.
test('the results shown stop where their records would pass the search budget', async () => {
  const { find, searchBudget } = await import('../../templates/find.js');
  const m = index.manifest;
  assert.ok(m.weights['search/g/'] > 0 && m.weights['search/manifest.json'] > 0, 'the manifest weighs its files');
  const plain = await engine({ q: 'support groups' });
  assert.equal(plain.items.length, 20, 'at this site\'s weights, a page of results');
  const heavy = weighted({ 'search/g/': 10 * m.weights['search/g/'] });
  const got = await find(heavy, { q: 'support groups', now: NOW });
  assert.equal(got.count, plain.count);
  assert.ok(got.items.length >= 5 && got.items.length < 20, `${got.items.length} results shown`);
  assert.deepEqual(got.items.map((it) => it.rec.name), plain.names.slice(0, got.items.length), 'the first ones, in order');
  assert.ok(heavy.bytesSince(0) <= searchBudget, `${heavy.bytesSince(0)} bytes read, as weighed`);
  // Show more: the records read already cost nothing, and the search reads further.
  const from = heavy.read.length;
  const more = await find(heavy, { q: 'support groups', now: NOW, limit: 40 });
  assert.ok(more.items.length > got.items.length, `${more.items.length} after show more`);
  assert.deepEqual(more.items.slice(0, got.items.length).map((it) => it.rec.id), got.items.map((it) => it.rec.id));
  assert.ok(heavy.bytesSince(from) <= searchBudget);
});

// The budget of a search's index files leaves room for its page: the finder's page in either
// language, with the stylesheet, script and icon it links, gzipped as a web server sends them,
// plus the budget and its 0.7 KB for weights that are means, within the finder's 100 KB. The
// page at 10,000 groups weighs 0.1 KB more than at this site's 1,500 (its states' counts have
// more digits); 0.25 KB is allowed for that. When the page grew by 0.6 KB, searches passed
// the 100 KB by as much, with no test failing.
test('the search budget leaves room for the page it runs on', async () => {
  const { searchBudget } = await import('../../templates/find.js');
  for (const rel of ['groups/index.html', 'es/groups/index.html']) {
    const page = await pageWeight(dir, rel);
    assert.ok(page > (await gzipSize(dir, rel)) + 10 * 1024, `${rel}: ${page} bytes with its style and script`);
    const total = page + 0.25 * 1024 + searchBudget + 0.7 * 1024;
    assert.ok(total <= 100 * 1024, `${rel}: page ${(page / 1024).toFixed(2)} KB + budget ${(searchBudget / 1024).toFixed(1)} KB + margins = ${(total / 1024).toFixed(2)} KB, over 100`);
  }
});

// Every read counts against the search's budget, as the manifest weighs it (searchBudget in
// find.js): the records of up to a page of results ordered soonest first, the positions of
// the states around a town found, a stop word's file of places, a correction's terms' words.
// Strings of words people use and made-up ones passed it before (up to 60 KB at this site, and
// at 10,000 groups up to 69 KB: 108 KB with the page).
test('no search reads past its budget of bytes, as weighed', async () => {
  const { find, searchBudget } = await import('../../templates/find.js');
  for (const q of ['hogam young', 'help alabama tulsa', 'free bipikozah in-person', 'please jono women bipelojeg atlanta', 'spanish help kufenot nunal find',
    'idaho florida grupo toledo peer utah', 'lgbtq cogumeme', 'to nevada ca gurijesi troy phoenix lozeha', 'bazu oregon lgbtq', 'york library español madison monday online tucson saturday',
    // A state's name typed as one word: its search read the weekdays' files, then its words'.
    'northdakota', 'northcarolina', 'southdakota', 'westvirginia']) {
    for (const typing of [false, true]) {
      const idx = fileIndex(dir);
      await find(idx, { q, typing, now: NOW });
      assert.ok(idx.bytesSince(0) <= searchBudget, `${q}${typing ? ' (typed)' : ''}: ${idx.bytesSince(0)} bytes as weighed: ${idx.read.join(' ')}`);
    }
  }
});

// The name a query's last words may start, completed (see completion and typedTail), is
// looked up only while the budget pays for the files of places around it: at 10,000 groups,
// "florida hybrid algo West Jefferson" read four such files past the budget, 64 KB of index
// files in all. Here files of places three times as heavy as this site's stand for a
// national directory's.
test('a name completed reads files of places only within the budget', async () => {
  const { find, searchBudget } = await import('../../templates/find.js');
  const geo = index.manifest.geo;
  const heavy = () => new Index('/', 'en', async (rel) => {
    const got = JSON.parse(await fs.readFile(path.join(dir, rel), 'utf8'));
    return rel === geo ? { ...got, places: got.places.map((f) => ({ ...f, w: 3 * f.w })) } : got;
  });
  for (const q of ['florida hybrid algo West Jefferson', 'texas online kowil the grupo', 'ohio women ba lo san mel']) {
    for (const typing of [false, true]) {
      const idx = heavy();
      await find(idx, { q, typing, now: NOW });
      assert.ok(idx.bytesSince(0) <= searchBudget, `${q}${typing ? ' (typed)' : ''}: ${idx.bytesSince(0)} bytes as weighed: ${idx.read.join(' ')}`);
    }
  }
});

// A ZIP code among many words: the groups listing the code and the places of its town are
// read only while the budget pays, since the words' own files may have spent it. Files of
// words four times as heavy as this site's stand for a national directory's, where "az
// indigenas weekend weekend 63851 Fruitport La Paz Valley" read 60.8 KB as weighed.
test('a ZIP code after many words reads what else it would only within the budget', async () => {
  const { find, searchBudget } = await import('../../templates/find.js');
  const q = 'az indigenas weekend weekend 63851 Fruitport La Paz Valley';
  const heavy = new Index('/', 'en', async (rel) => {
    const got = JSON.parse(await fs.readFile(path.join(dir, rel), 'utf8'));
    return rel === 'search/manifest.json' ? { ...got, tokens: got.tokens.map((t) => ({ ...t, w: 4 * t.w })) } : got;
  });
  const found = await find(heavy, { q, now: NOW });
  assert.equal(found.mode, 'place', 'the ZIP code is still where the search looks');
  assert.ok(heavy.read.some((f) => f.startsWith('search/z/')));
  assert.ok(heavy.bytesSince(0) <= searchBudget, `${heavy.bytesSince(0)} bytes as weighed: ${heavy.read.join(' ')}`);
});

// A ZIP code's town beside it narrows nothing, so the files of its words are not read: they
// cost the budget the files of places that find the town ("Urb. Villa Carolina, Guayama PR
// 00784" found no group, its budget spent on "villa", "carolina" and "guayama"), and "Columbus,
// OH 43215" read "columbus"' file for nothing. Until the town is found they are owed: the
// code's own file is read only if they fit after it. (The words before the town are read, to
// narrow the code's groups if some near have them.)
test('a ZIP code\'s town is found before the files of its words are read', async () => {
  const m = JSON.parse(await fs.readFile(path.join(dir, 'search/manifest.json'), 'utf8'));
  for (const [q, town, others] of [['Columbus, OH 43215', ['columbus'], ['oh']], ['100 Elm St, Salt Lake City, UT 84111', ['salt', 'lake', 'city'], ['ut']], ['Urb. Villa Carolina, Arecibo PR 00612', ['arecibo'], ['pr', 'villa', 'carolina']]]) {
    const got = await engine({ q });
    const zip = q.slice(-5);
    assert.deepEqual([got.narrowed, got.names], [false, (await engine({ q: zip })).names], q);
    // (The state's code, the ZIP code and the words before the town are read for themselves.)
    const own = [zip, ...others].map((w) => tokenFileOf(m, w));
    const files = town.map((w) => tokenFileOf(m, w)).filter((f) => !own.includes(f));
    assert.ok(files.length > 0, q);
    assert.deepEqual(got.read.filter((f) => files.includes(f)), [], `${q}: ${got.read.join(' ')}`);
  }
});

// The positions of the states of a place's farther matches (groups named for it, beyond the
// radius) are read while the budget pays for them: then the farther matches shown are those
// nearer than any state not read, which none of the others can come before.
test('the farther matches of a place stop at the search budget, nearest first', async () => {
  const { find, searchBudget } = await import('../../templates/find.js');
  const opts = { q: 'springfield', filters: { language: 'es' }, now: NOW };
  const plain = await engine(opts);
  // Files of 3.5 KB: the budget pays for some states' positions beyond the radius, not all
  // (from 2.5 to 4 KB at a budget of 54.2 KB).
  const heavy = weighted({}, 3.5 * 1024);
  const got = await find(heavy, opts);
  const states = (read) => read.filter((f) => f.startsWith('search/n/')).length;
  assert.ok(states(heavy.read) < states(plain.read), `positions of ${states(heavy.read)} states read, ${states(plain.read)} at this site's weights`);
  assert.ok(heavy.bytesSince(0) <= searchBudget, `${heavy.bytesSince(0)} bytes read, as weighed`);
  assert.equal(got.count, plain.count);
  assert.ok(got.items.length > got.within && got.items.length < 20, `${got.items.length} shown, ${got.within} within the radius`);
  assert.deepEqual(got.items.map((it) => it.rec.name), plain.names.slice(0, got.items.length));
});

// A town whose states' positions the budget cannot all pay for, the query's other words
// having spent it ("women friendly group atlanta" read three files of places for "friendly"),
// is still found: every group within fewer miles, which the page says, rather than the town
// left out for every group of the country. Here each state's positions weighing 10 KB stand
// for the spent budget.
test('a town the budget cannot search within 100 miles is searched within fewer', async () => {
  const { find, searchBudget } = await import('../../templates/find.js');
  const plain = await engine({ q: 'columbus' });
  assert.equal(plain.mode, 'place');
  assert.equal(plain.radius, 100);
  const heavy = weighted({}, 10 << 10);
  const got = await find(heavy, { q: 'columbus', now: NOW });
  assert.equal(got.mode, 'place');
  assert.equal(got.place.label, plain.place.label);
  assert.ok(got.radius >= 25 && got.radius < 100, `${got.radius} miles`);
  assert.ok(heavy.bytesSince(0) <= searchBudget, `${heavy.bytesSince(0)} bytes read, as weighed`);
  const want = all()
    .filter((it) => it.rec.coords)
    .map((it) => ({ ...it, miles: milesBetween(got.place.at, it.rec.coords) }))
    .filter((it) => it.miles <= got.radius)
    .sort(nearestFirst);
  assert.ok(want.length > 0, `no group within ${got.radius} miles`);
  assert.equal(got.within, want.length);
  assert.deepEqual(got.items.slice(0, Math.min(got.within, 20)).map((it) => it.rec.name), names(want.slice(0, 20)));
});

// "only" says nothing ("women only", "solo en español"): it is neither corrected to a hamlet's
// name ("only": Onley, Virginia) nor read as part of the town's.
test('"women only group columbus" is the women\'s groups near Columbus, with nothing corrected', async () => {
  const plain = await engine({ q: 'women group columbus' });
  for (const q of ['women only group columbus', 'only women columbus', 'women exclusively columbus']) {
    const got = await engine({ q });
    assert.equal(got.corrected, '', q);
    assert.equal(got.mode, 'place', q);
    assert.deepEqual(got.names, plain.names, q);
  }
});

// finelySharded returns an Index of the site whose token index is split into one file per
// two-letter start of its words and of extra, as a national directory's is split into dozens
// of files (this site's few thousand words fill five).
async function finelySharded(extra) {
  const read = async (rel) => JSON.parse(await fs.readFile(path.join(dir, rel), 'utf8'));
  const m = await read('search/manifest.json');
  const words = {};
  const places = new Set();
  for (const t of m.tokens) {
    const shard = await read(t.file);
    Object.assign(words, shard.words);
    for (const p of shard.places ?? []) places.add(p);
  }
  const starts = [...new Set([...Object.keys(words), ...extra].map((w) => [...w].slice(0, 2).join('')))].sort();
  const fine = { ...m, tokens: starts.map((from, i) => ({ from, file: `search/t/fine-${i}.json` })) };
  return new Index('/', 'en', async (rel) => {
    if (rel === 'search/manifest.json') return fine;
    if (!rel.startsWith('search/t/')) return read(rel);
    const shard = { words: {}, places: [] };
    for (const [w, refs] of Object.entries(words)) if (tokenFileOf(fine, w) === rel) shard.words[w] = refs;
    shard.places = [...places].filter((w) => tokenFileOf(fine, w) === rel).sort();
    return shard;
  });
}

// A long string of unknown words: the search reads the files of its last four words (the
// others set aside: see placeFirst in find.js), its corrections drop these, and what is left
// is words set aside, whose own files a correction's search must not read (see
// maxRetryTextFiles): they read 13 KB more at 10,000 groups, past the finder's 100 KB.
// Being typed, a town's name is read in the last words as typed, whatever each means alone: a
// stop word ("san an", "los an"), the start of a filter's or a state's word ("port" is not
// Portuguese, "st lou" not Louisiana). A state's name comes before a small town's ("new hamp"
// is not New Hampton, Iowa), not before a city's ("new ha" is New Haven), and so is the rest
// of a filter's words after a stop word or a word of two letters ("por la ma": the morning,
// not Massachusetts; "en la no": the evening, not every group), typed or submitted. And of
// two towns with as many digits to their population, the one with the larger first digit:
// "columb" is Columbus, not Columbia, South Carolina. Before, "san an" and "new yo" listed
// every group, "port" none, "st lou" Louisiana's. Submitted, a city's name is completed so too.
test('find (node): a name being typed read in its words as typed; the larger of two towns', async () => {
  for (const [query, label] of [
    ['san an', 'San Antonio, TX'],
    ['san di', 'San Diego, CA'],
    ['in little ro', 'Little Rock, AR'],
    ['en los an', 'Los Angeles, CA'],
    ['st lou', 'St. Louis, MO'],
    ['near port', 'Portland, OR'],
    ['new ha', 'New Haven, CT'],
    ['columb', 'Columbus, OH'],
    ['jack', 'Jacksonville, FL'],
  ]) {
    const got = await engine({ q: query, typing: true });
    assert.equal(got.place?.label, label, `${query}: ${got.mode} ${got.corrected}`);
  }
  for (const [query, state, corrected] of [
    ['new hamp', 'nh', 'new hampshire'],
    ['new yo', 'ny', 'new york'],
    // After a place's name (Carolina, Puerto Rico), the rest of a state's.
    ['carolina del no', 'nc', 'carolina del norte'],
    // Not Nuevo in Maine (then Nuevo, California), nor the Virgin Islands' West …
    ['nuevo me', 'nm', 'nuevo mexico'],
    ['west vi', 'wv', 'west virginia'],
    // The rest of a filter's words: not Massachusetts, nor every group.
    ['por la ma', '', 'por la manana'],
    ['en la no', '', 'en la noche'],
    ['fin de se', '', 'fin de semana'],
    ['adultos jo', '', 'adultos jovenes'],
    ['en pe', '', 'en persona'],
  ]) {
    const got = await engine({ q: query, typing: true });
    assert.equal(got.state, state, `${query}: ${got.mode} ${got.corrected}`);
    assert.equal(got.corrected, corrected, query);
    // Submitted, as the page showed it typed.
    const sent = await engine({ q: query });
    assert.deepEqual([sent.state, sent.corrected], [state, corrected], `${query} submitted`);
  }
  // Not in a sentence, where the words before a stop word are no town's ("… but travel to").
  const travel = await engine({ q: 'i live in florida but travel to', typing: true });
  assert.equal(travel.place, null);
  // Submitted, as the page showed it typed, when the town is a city of 100,000 people or more.
  for (const [query, label] of [['san an', 'San Antonio, TX'], ['los an', 'Los Angeles, CA'], ['salt la', 'Salt Lake City, UT'], ['camp hi', undefined]]) {
    const got = await engine({ q: query });
    assert.equal(got.place?.label, label, `${query} submitted: ${got.mode} ${got.corrected}`);
  }
});

test('a correction does not search the words the search as typed set aside', async () => {
  const { find } = await import('../../templates/find.js');
  const words = ['asdf', 'qwer', 'zxcv', 'uiop', 'hjkl', 'bnm', 'tyu', 'ghj'];
  const idx = await finelySharded(words);
  const m = await idx.manifest();
  assert.equal(new Set(words.map((w) => tokenFileOf(m, w))).size, words.length, 'the case needs a file per word');
  const got = await find(idx, { q: words.join(' '), now: NOW });
  assert.equal(got.count, 0);
  const read = idx.read.filter((f) => f.startsWith('search/t/'));
  assert.ok(read.length <= 4 + 2, `${read.length} files of the token index read: ${read.join(' ')}`);
  // A correction of one word still searches it, in its own file.
  const typo = await find(await finelySharded([]), { q: 'springfeild', now: NOW });
  assert.equal(typo.corrected, 'springfield');
});

test('finder on a generated site: a ZIP code, near me, soonest first, show more', { skip }, async () => {
  const z = await quietZIP();
  const want = nearest(z.at);
  const got = await finder(`/groups/?q=${z.code}`);
  assert.match(got.status, new RegExp(`^${want.length} groups within 100 miles of ${z.code}, nearest first`));
  assert.deepEqual(got.names, names(want.slice(0, 20)));
  // Nearest first, the groups that meet before the paused ones (each nearest first).
  const paused = want.slice(0, 20).map((it) => Boolean(it.rec.paused));
  for (const p of [false, true]) {
    const miles = got.miles.filter((_, i) => paused[i] === p);
    assert.deepEqual(miles, [...miles].sort((a, b) => a - b), `distances of the ${p ? 'paused' : 'meeting'} groups`);
  }
  assert.deepEqual(paused, [...paused].sort((a, b) => a - b), 'paused groups after the others');

  const oh = soonestFirst(byFilters(index, new URLSearchParams('state=oh')));
  const first = await finder('/groups/?state=oh');
  assert.deepEqual(first.names, names(oh.slice(0, 20)));
  await page.click('button.more');
  await page.waitForURL(/n=40/);
  await settle(page);
  assert.deepEqual((await shown(page)).names, names(oh.slice(0, 40)));
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), oh[20].rec.name, 'focus on the first new result');
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('n='));
  await settle(page);
  assert.equal((await shown(page)).names.length, 20);
  const shared = await finder('/groups/?state=oh&n=40');
  assert.deepEqual(shared.names, names(oh.slice(0, 40)));
});

// A national map with too many groups to mark each (more than 400 in person) marks the
// results itself, where the build would have put their markers: in the right state.
test('finder on a generated site: the national map marks the results', { skip }, async () => {
  const markers = () => page.$$eval('svg.map-national g.results a.marker', (as) => as.map((a) => {
    const c = a.querySelector('circle');
    return { id: a.getAttribute('data-id'), href: a.getAttribute('href'), label: a.getAttribute('aria-label'), x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) };
  }));
  const box = (code) => page.$eval(`svg.map-national a.area[href$="/groups/${code}/"] path`, (p) => { const b = p.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; });
  for (const code of ['oh', 'ak', 'nm']) {
    const got = await finder(`/groups/?state=${code}&attendance=in-person`);
    // The build's own markers would stand directly in the map; the script's are in g.results.
    assert.equal(await page.$$eval('svg.map-national > a.marker', (as) => as.length), 0, 'the build marks no group at this size');
    const marks = await markers();
    const ids = (await page.$$eval('.finder-results li.group', (lis) => lis.map((li) => li.dataset.id)));
    assert.ok(got.names.length >= 5, got.status);
    assert.deepEqual(marks.map((m) => m.id).sort(), [...ids].sort(), `${code}: a marker for each result`);
    const [x0, y0, x1, y1] = await box(code);
    for (const m of marks) {
      assert.ok(m.x >= x0 - 2 && m.x <= x1 + 2 && m.y >= y0 - 2 && m.y <= y1 + 2, `${m.label} at (${m.x}, ${m.y}), outside ${code} [${x0}, ${y0}, ${x1}, ${y1}]`);
      assert.match(m.href, /^\/groups\/[a-z0-9-]+\/[a-z0-9-]+\/$/);
      assert.ok(m.label.length > 0);
    }
  }
  // Online groups have no place: no marker, but for the hybrid ones among them, which meet
  // in a place too; and a new search takes the old markers away.
  await finder('/groups/?attendance=online');
  const hybrid = new Set(index.records.filter((r) => r.attendance === 'hybrid').map((r) => r.id));
  const online = await markers();
  assert.ok(online.length > 0, 'no marker of the hybrid groups');
  assert.ok(online.every((m) => hybrid.has(m.id)), 'a marker of a group met only online');
  await finder('/groups/?q=zzzqqq');
  assert.deepEqual(await markers(), []);
});

// The first results show as soon as their records come, and the files of the others are asked
// for only then, so that asking for them does not hold the first back; the others then come
// below them, and what shows already is neither made again nor said again.
test('finder on a generated site: the first results show before the others come, and stay', { skip }, async () => {
  const url = '/groups/?day=tuesday&time=evening';
  const params = new URLSearchParams(url.split('?')[1]);
  const want = soonestFirst(byFilters(index, params), NOW, params);
  const held = [];
  await page.route('**/search/g/**', (route) => held.push(route));
  try {
    for (const list of Object.values(log)) list.length = 0;
    await page.clock.setFixedTime(new Date(NOW));
    await page.goto(server.origin + url);
    const items = () => page.locator('.finder-results li.group').count();
    await page.waitForFunction(() => document.getElementById('results')?.getAttribute('aria-busy') === 'true');
    for (let quiet = 0; quiet < 5; quiet = held.length ? quiet + 1 : 0) await page.waitForTimeout(50);
    // Files are asked for in the order of the results: let them through one at a time.
    const asked = held.length;
    let released = 0;
    while ((await items()) === 0 && released < held.length) {
      await held[released++].continue();
      await page.waitForTimeout(150);
    }
    const early = await shown(page);
    assert.equal(early.names.length, 5, `results shown with ${released} of ${held.length} files of records`);
    assert.equal(released, asked, 'the files asked for first are those of the first five, every one');
    for (let quiet = 0; quiet < 5; quiet = held.length > asked ? quiet + 1 : 0) await page.waitForTimeout(50);
    assert.ok(held.length > asked, 'the files of the others are asked for once the first five have come');
    assert.deepEqual(early.names, names(want.slice(0, 5)));
    assert.equal(early.status, `${want.length} groups for Tuesday, evening (after 5 pm), soonest meeting first (showing 20).`);
    assert.equal(await page.locator('#results').getAttribute('aria-busy'), 'true', 'the live region is busy until every result shows');
    await page.evaluate(() => {
      for (const n of document.querySelectorAll('.finder-results li.group, #results > *')) n.dataset.early = '1';
    });
    for (const r of held.slice(released)) await r.continue();
    await settle(page);
    const got = await shown(page);
    assert.deepEqual(got.names, names(want.slice(0, 20)));
    assert.equal(got.status, early.status);
    const kept = await page.evaluate(() => ({
      items: [...document.querySelectorAll('.finder-results li.group')].map((li) => li.dataset.early === '1'),
      status: [...document.querySelectorAll('#results > *')].every((n) => n.dataset.early === '1'),
    }));
    assert.deepEqual(kept.items, [...Array(5).fill(true), ...Array(15).fill(false)], 'the first five stay as they were');
    assert.ok(kept.status, 'the live region says the same sentences once');
    assert.deepEqual(log.errors, [], 'script errors');
  } finally {
    await page.unroute('**/search/g/**');
  }
});

// A word that says nothing being typed ("group"), which as a word of groups' names finds none,
// says nothing: the results stay those of the words before it. (Here, where most groups' names
// end in "Group", "gro" alone finds groups; with "online spanish", none.)
test('find (node): a word that says nothing, being typed, keeps the results of the words before it', async () => {
  const before = await engine({ q: 'online spanish' });
  assert.ok(before.count > 0);
  for (const q of ['online spanish gro', 'online spanish grou']) {
    for (const typing of [true, false]) {
      const got = await engine({ q, typing });
      assert.equal(got.count, before.count, `${q} (typing: ${typing})`);
      assert.deepEqual(got.names, before.names, q);
    }
  }
  // Asked for exact, it is a word of groups' names, which finds none.
  assert.equal((await engine({ q: 'online spanish gro', exact: true })).count, 0);
});
