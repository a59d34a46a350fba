// Helpers of the finder and search tests: the index read straight from the built files, the
// results a plain scan of every record expects, copies of the sample site with groups added,
// and what a page shows.

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { queryWords, tokens } from '../../templates/fold.js';
import { nextMeeting } from '../../templates/meetings.js';
import { Index, phrasesOf, recordFiles } from '../../templates/search-index.js';
import { REPO, build } from './lib/site.mjs';

/** The instant the finder's tests set the page's clock to: Tuesday, November 24, 2026, 8:00 MST. */
export const NOW = Date.parse('2026-11-24T15:00:00Z');

/** loadIndex reads the manifest and every group record of the build in dir. */
export async function loadIndex(dir) {
  const read = async (rel) => JSON.parse(await fs.readFile(path.join(dir, rel), 'utf8'));
  const manifest = await read('search/manifest.json');
  const records = [];
  for (const st of manifest.states) for (const f of recordFiles(manifest, st)) records.push(...(await read(f)));
  const site = await read(manifest.sites.en);
  const phrases = phrasesOf(await read(manifest.words));
  return { manifest, records, site, phrases };
}

/**
 * nearestFirst orders items ({rec, ref, miles}) as the finder orders groups by distance: the
 * groups that meet first, nearest first, then the paused ones.
 */
export function nearestFirst(a, b) {
  return Number(Boolean(a.rec.paused)) - Number(Boolean(b.rec.paused)) || a.miles - b.miles || a.ref - b.ref;
}

/** fileIndex returns an Index (templates/search-index.js) reading the build in dir from disk. */
export function fileIndex(dir, lang = 'en') {
  return new Index('/', lang, async (rel) => JSON.parse(await fs.readFile(path.join(dir, rel), 'utf8')));
}

/** gzipSize returns the size of the file rel of the site in dir gzipped at level 6, as a web server sends it. */
export async function gzipSize(dir, rel) {
  return zlib.gzipSync(await fs.readFile(path.join(dir, rel)), { level: 6 }).length;
}

/**
 * pageWeight returns what the page rel of the site in dir loads before any file of the index,
 * gzipped (see gzipSize): the page and the stylesheet, icon and module scripts it links.
 */
export async function pageWeight(dir, rel) {
  const html = await fs.readFile(path.join(dir, rel), 'utf8');
  let total = await gzipSize(dir, rel);
  for (const m of html.matchAll(/<(?:link rel="(?:stylesheet|icon)"|script type="module") (?:href|src)="\/([^"]+)"/g)) total += await gzipSize(dir, m[1]);
  return total;
}

// partOfDay is the part of the day of a meeting starting at start ("18:30"), as site.md
// says: morning before 12:00, afternoon to 17:00, evening after.
function partOfDay(start) {
  const h = Number(start.slice(0, 2));
  const min = h * 60 + Number(start.slice(3));
  return h < 12 ? 'morning' : min <= 17 * 60 ? 'afternoon' : 'evening';
}

// asked returns the meetings of r that the day and time of params hold for.
function asked(r, params) {
  const f = (n) => params?.get(n) ?? '';
  return (r.meetings ?? []).filter((m) => (!f('day') || m.day === f('day')) && (!f('time') || partOfDay(m.start) === f('time')));
}

/**
 * byFilters returns the records (with their refs) that every filter of params holds, a day and
 * a time holding for the same meeting.
 */
export function byFilters(index, params) {
  const f = (n) => params.get(n) ?? '';
  return index.records
    .map((rec, ref) => ({ rec, ref }))
    .filter(({ rec: r }) => (
      (!f('state') || r.state === f('state')) &&
      (!f('day') && !f('time') || asked(r, params).length > 0) &&
      (!f('attendance') || r.attendance === f('attendance') || (r.attendance === 'hybrid' && f('attendance') !== 'hybrid')) &&
      (!f('language') || r.lang === f('language')) &&
      (!f('program') || r.program === f('program')) &&
      (!f('audience') || (r.audience ?? []).includes(f('audience')))
    ));
}

/**
 * soonestFirst orders records ({rec, ref}) as the finder does without a place: by next
 * meeting as of now (those without one last), then by ref. With params that ask for a day or
 * a time, only the meetings they hold for count.
 */
export function soonestFirst(items, now = NOW, params = null) {
  const meetings = (rec) => (params && (params.get('day') || params.get('time')) ? { ...rec, meetings: asked(rec, params) } : rec);
  return items
    .map((it) => ({ ...it, start: nextMeeting(meetings(it.rec), now)?.start ?? Infinity }))
    .sort((a, b) => a.start - b.start || a.ref - b.ref);
}

/** milesBetween is the great-circle distance of two [lat, lon] points, as geo.Distance. */
export function milesBetween(a, b) {
  const rad = Math.PI / 180;
  const h = Math.sin(((b[0] - a[0]) * rad) / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(((b[1] - a[1]) * rad) / 2) ** 2;
  return (2 * 6378.137 * Math.asin(Math.min(1, Math.sqrt(h)))) / 1.609344;
}

/**
 * sampleCopy builds a copy of the sample site with files added (path under the site → text),
 * and returns { src, out, cleanup }.
 */
export async function sampleCopy(files) {
  const src = await fs.mkdtemp(path.join(os.tmpdir(), 'sitegen-finder-'));
  for (const dir of ['data', 'content', 'i18n', 'templates']) {
    await fs.cp(path.join(REPO, dir), path.join(src, dir), { recursive: true });
  }
  for (const [rel, text] of Object.entries(files)) await fs.writeFile(path.join(src, rel), text);
  const out = await build(src);
  return {
    src,
    out,
    cleanup: async () => {
      await fs.rm(src, { recursive: true, force: true });
      await fs.rm(path.dirname(out), { recursive: true, force: true });
    },
  };
}

/**
 * expected returns the records matching params (URLSearchParams of the finder), in index
 * order, found by scanning every record: each query word must start a word of the name, city,
 * postal code, place name or affiliate name; each filter must hold.
 */
export function expected(index, params) {
  const words = queryWords(params.get('q') ?? '');
  const f = (n) => params.get(n) ?? '';
  return index.records.filter((r) => {
    const toks = tokens([r.name, r.city, r.postal_code, r.place, r.affiliate].filter(Boolean).join(' '));
    if (!words.every((w) => toks.some((t) => t.startsWith(w)))) return false;
    const meetings = r.meetings ?? [];
    return (
      (!f('state') || r.state === f('state')) &&
      (!f('day') || meetings.some((m) => m.day === f('day'))) &&
      (!f('time') || (r.times ?? []).includes(f('time'))) &&
      (!f('attendance') || r.attendance === f('attendance') || (r.attendance === 'hybrid' && f('attendance') !== 'hybrid')) &&
      (!f('language') || r.lang === f('language')) &&
      (!f('program') || r.program === f('program')) &&
      (!f('audience') || (r.audience ?? []).includes(f('audience')))
    );
  });
}

/** expectedDocs returns the affiliates, trainings and guides /search/ should find for q. */
export function expectedDocs(index, q) {
  const words = queryWords(q);
  if (!words.length) return [];
  const hits = words.map((w) => {
    const set = new Set();
    for (const [tok, d] of Object.entries(index.site.tokens)) {
      if (!tok.startsWith(w)) continue;
      let prev = 0;
      for (const x of d) set.add((prev += x));
    }
    return set;
  });
  return index.site.docs.filter((_, i) => hits.every((s) => s.has(i)));
}

/** settle waits until the page's search has finished (the live region is not busy). */
export async function settle(page) {
  await page.waitForFunction(() => {
    const r = document.getElementById('results');
    return r && r.dataset.state === 'done' && r.getAttribute('aria-busy') === 'false';
  });
}

/**
 * shown returns the finder's results: { count, mode, names, status, offers, miles }, miles
 * being the distance each result shows (NaN where none).
 */
export async function shown(page) {
  return page.evaluate(() => {
    const r = document.getElementById('results');
    return {
      count: Number(r.dataset.count ?? 'NaN'),
      mode: r.dataset.mode ?? '',
      status: r.textContent,
      names: [...document.querySelectorAll('.finder-results a.group-name')].map((a) => a.textContent),
      miles: [...document.querySelectorAll('.finder-results .group-where')].map((w) => Number((/([\d.]+) mi(?:les)? /.exec(`${w.textContent} `) ?? [])[1])),
      offers: document.querySelector('.finder-offers')?.textContent ?? '',
    };
  });
}

/** filterOptions returns the values each filter of the finder's form offers. */
export async function filterOptions(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    return await page.$$eval('form.finder select', (sels) =>
      Object.fromEntries(sels.map((s) => [s.name, [...s.options].map((o) => o.value).filter(Boolean)])),
    );
  } finally {
    await page.close();
  }
}
