// Helpers of the finder and search tests: the index read straight from the built files, the
// results a plain scan of every record expects, and what a page shows.

import fs from 'node:fs/promises';
import path from 'node:path';
import { queryWords, tokens } from '../../templates/fold.js';

/** loadIndex reads the manifest and every group record of the build in dir. */
export async function loadIndex(dir) {
  const read = async (rel) => JSON.parse(await fs.readFile(path.join(dir, rel), 'utf8'));
  const manifest = await read('search/manifest.json');
  const records = [];
  for (const st of manifest.states) for (const f of st.files) records.push(...(await read(f)));
  const site = await read(manifest.sites.en);
  return { manifest, records, site };
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
      (!f('attendance') || r.attendance === f('attendance')) &&
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

/** shown returns the finder's results: { count, names, status }. */
export async function shown(page) {
  return page.evaluate(() => {
    const r = document.getElementById('results');
    return {
      count: Number(r.dataset.count ?? 'NaN'),
      status: r.textContent,
      names: [...document.querySelectorAll('.finder-results a.group-name')].map((a) => a.textContent),
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
