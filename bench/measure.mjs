// Measures, in headless Chromium over loopback, what one search loads: for sitegen's finder
// (/groups/ with a query in its URL: the page, CSS, scripts and index files it fetches), for
// a bare page fetching one file (the floor of this machine's browser), and for Pagefind over
// the same built site (a bare test page using /pagefind/pagefind.js,
// searching the same words and loading the first 20 results, as the finder shows 20).
// Each is timed three ways (see opened): opened in a new tab at once, in a new tab given a
// second first, and reached from the site's home page in the same tab, as a visitor who
// searched there; and a fourth when Chromium's headless shell is installed (Debian's
// chromium-headless-shell, or CHROMIUM_SHELL=...): opened in a new tab at once in it, the
// same engine without a browser's own windows (what Playwright's headless mode runs).
// Bytes are counted as a host serving gzip would send them: each response gzipped (level 6),
// or as it is when that is smaller (Pagefind's index files are gzipped already).
//
//	node measure.mjs DIR [--pagefind-seconds N]
//
// Prints a JSON report on standard output.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const dir = path.resolve(process.argv[2]);
const pagefindSeconds = Number(process.argv[process.argv.indexOf('--pagefind-seconds') + 1] || NaN);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHELL = process.env.CHROMIUM_SHELL || '/usr/bin/chromium-headless-shell';

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.wasm': 'application/wasm',
};

// The Pagefind test page: no inline script, so it runs under the same policy.
const pfPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>pagefind</title>
<script type="module" src="/__pf/test.js"></script></head><body><p id="out">…</p></body></html>`;
const pfScript = `
const q = new URLSearchParams(location.search).get('q');
const pagefind = await import('/pagefind/pagefind.js');
await pagefind.init();
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
const t = performance.now();
document.getElementById('out').textContent = data.map((d) => d.meta.title).join('\\n');
window.__done = { count: search.results.length, shown: data.length, ms: t };
performance.mark('bench:done');
`;

// The floor: a bare page whose one script fetches one file (the finder's manifest) and shows
// a number from it. What this machine's Chromium takes for that is the least any finder
// could take here; the report gives it beside the finder's times.
const floorPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>floor</title>
<script type="module" src="/__floor/floor.js"></script></head><body><p id="out">…</p></body></html>`;
const floorScript = `
const m = await (await fetch('/search/manifest.json')).json();
document.getElementById('out').textContent = String(m.groups);
window.__done = { ms: performance.now() };
performance.mark('bench:done');
`;

let log = [];
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  let body;
  let type;
  if (url.pathname === '/__pf/') [body, type] = [Buffer.from(pfPage), types['.html']];
  else if (url.pathname === '/__pf/test.js') [body, type] = [Buffer.from(pfScript), types['.js']];
  else if (url.pathname === '/__floor/') [body, type] = [Buffer.from(floorPage), types['.html']];
  else if (url.pathname === '/__floor/floor.js') [body, type] = [Buffer.from(floorScript), types['.js']];
  else {
    let p = path.join(dir, decodeURIComponent(url.pathname));
    if (url.pathname.endsWith('/')) p = path.join(p, 'index.html');
    try {
      body = await fs.readFile(p);
    } catch {
      res.writeHead(404).end();
      return;
    }
    type = types[path.extname(p)] ?? 'application/octet-stream';
  }
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Security-Policy': "script-src 'self' 'wasm-unsafe-eval'" });
  res.end(body);
  // Counted after answering, so that measuring does not slow the page down.
  const entry = { path: url.pathname, raw: body.length, gzip: body.length };
  log.push(entry);
  zlib.gzip(body, { level: 6 }, (err, gz) => {
    if (!err) entry.gzip = Math.min(gz.length, body.length);
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const shell = await fs.access(SHELL).then(
  () => chromium.launch({ executablePath: SHELL, headless: true, args: ['--no-sandbox', '--disable-gpu'] }),
  () => null,
);

// until waits for the page to make expression true, asking over a raw DevTools session every
// 20 ms. Playwright's waitForFunction would first inject its own large script into the page,
// which on this machine takes the page's main thread for about 60 ms, in the middle of the
// search it measures; one tiny Runtime.evaluate per poll does not. Pages are opened with
// waitUntil "commit" for the same reason: nothing of the harness runs in them until they are
// done. It is used once what is timed has shown (see marked).
async function until(page, expression, timeout) {
  const cdp = await page.context().newCDPSession(page);
  const end = Date.now() + timeout;
  try {
    for (;;) {
      const r = await cdp.send('Runtime.evaluate', { expression: `Boolean(${expression})`, returnByValue: true });
      if (r.result?.value === true) return;
      if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((res) => setTimeout(res, 20));
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// marked arranges, before page navigates, to be told when it marks what is timed
// (performance.mark "finder:results", the finder's first results, or "bench:done", the
// Pagefind and floor pages' answer), and returns {shown}, a promise of that moment. The page
// tells DevTools through a binding: until's polls, each a task on the page's main thread and a
// round trip through the browser, made the finder's first results 7 to 48 ms later in
// alternating loads on this 2-core machine (two runs, medians of 9 and 11, three searches
// each), time a visitor's page does not spend. What is reported is the mark's own time, read
// from the page.
async function marked(page, timeout) {
  const cdp = await page.context().newCDPSession(page);
  // (Without both domains enabled, the script is not run, or its call not told.)
  await cdp.send('Runtime.enable');
  await cdp.send('Page.enable');
  await cdp.send('Runtime.addBinding', { name: '__benchMarked' });
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
    source: `new PerformanceObserver((list) => { if (list.getEntries().some((e) => e.name === 'finder:results' || e.name === 'bench:done')) __benchMarked(''); }).observe({ type: 'mark' });`,
  });
  const shown = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for the page\'s mark')), timeout);
    cdp.on('Runtime.bindingCalled', (e) => {
      if (e.name !== '__benchMarked') return;
      clearTimeout(timer);
      cdp.detach().catch(() => {});
      resolve();
    });
  });
  shown.catch(() => {});
  return { shown };
}

// The ways a page is opened (see opened), each timed in turn, nothing cached either way.
const ways = shell ? ['new', 'ready', 'home', 'shell'] : ['new', 'ready', 'home'];
// contextOf returns a new browser context for way: the headless shell's for "shell".
const contextOf = (way, opts) => (way === 'shell' ? shell : browser).newContext(opts);

// opened returns a new page of ctx at url, which it navigates to in one of three ways (way).
// "new": in a new tab, navigated at once, as a link opened in one. Headless Chromium opens each
// new page in a window of its own, and as it opens it loads that window's own interface (its
// omnibox's popup, chrome://omnibox-popup.top-chrome, in a process of its own, the "WebUI Top
// Renderer") while it starts the page's renderer: on this 2-core machine that takes about a
// processor for the page's first half second. "ready": in a new tab given one second idle
// first, as a visitor who opens a tab and then types or pastes the address (Chromium has
// loaded its window and started a renderer by then). "home": from the site's home page, as a
// visitor who searched there: the tab shows the home page first (loaded, and one second
// idle), and then goes to url in the same renderer process. "shell": as "new", in Chromium's
// headless shell, which opens a page with no window of its own to load. Only what url loads
// is counted.
// It returns the page and the promise of its mark (see marked).
async function opened(ctx, url, way, timeout) {
  const page = await ctx.newPage();
  if (way === 'home') await page.goto(`${origin}/`, { waitUntil: 'load' });
  if (way === 'ready' || way === 'home') await new Promise((r) => setTimeout(r, 1000));
  const { shown } = await marked(page, timeout);
  log = [];
  await page.goto(url, { waitUntil: 'commit' });
  return { page, shown };
}

function sum(entries) {
  return {
    requests: entries.length,
    gzip_bytes: entries.reduce((a, e) => a + e.gzip, 0),
    raw_bytes: entries.reduce((a, e) => a + e.raw, 0),
  };
}

async function finder(query, way = 'new') {
  const ctx = await contextOf(way);
  try {
    const { page, shown } = await opened(ctx, `${origin}/groups/?${query}`, way, 30000);
    await shown;
    await until(page, "document.getElementById('results')?.dataset.state === 'done'", 30000);
    await page.waitForLoadState('networkidle');
    const info = await page.evaluate(() => ({
      count: Number(document.getElementById('results').dataset.count ?? 0),
      shown: document.querySelectorAll('.finder-results a.group-name').length,
      first_results_ms: Math.round(performance.getEntriesByName('finder:results')[0]?.startTime ?? NaN),
      all_results_ms: Math.round(performance.getEntriesByName('finder:all')[0]?.startTime ?? NaN),
      dom_content_loaded_ms: Math.round(performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN),
    }));
    await new Promise((r) => setTimeout(r, 100)); // the last sizes being counted
    const entries = log.slice();
    const index = entries.filter((e) => e.path.startsWith('/search/'));
    return { query, ...info, total: sum(entries), index_only: sum(index), files: entries.map((e) => `${e.path} ${e.gzip}`) };
  } finally {
    await ctx.close();
  }
}

// nearMe opens the finder with no query, asks for "near me" (a position in Ohio) and counts
// everything loaded until the sorted results show.
// nearMe opens the finder with near=me (a position in Ohio, the permission granted) and
// counts everything loaded until the sorted results show.
async function nearMe() {
  const ctx = await browser.newContext({ geolocation: { latitude: 39.96, longitude: -83.0 }, permissions: ['geolocation'] });
  try {
    const page = await ctx.newPage();
    const { shown } = await marked(page, 30000);
    log = [];
    await page.goto(`${origin}/groups/?near=me`, { waitUntil: 'commit' });
    await shown;
    await until(page, "document.getElementById('results')?.dataset.mode === 'near'", 30000);
    await page.waitForLoadState('networkidle');
    await new Promise((r) => setTimeout(r, 100));
    const entries = log.slice();
    const info = await page.evaluate(() => ({
      count: Number(document.getElementById('results').dataset.count),
      first_results_ms: Math.round(performance.getEntriesByName('finder:results')[0]?.startTime ?? NaN),
    }));
    return { query: 'near=me (Ohio)', ...info, total: sum(entries), index_only: sum(entries.filter((e) => e.path.startsWith('/search/'))), files: entries.map((e) => `${e.path} ${e.gzip}`) };
  } finally {
    await ctx.close();
  }
}

async function pagefind(q, way = 'new') {
  const ctx = await contextOf(way);
  try {
    const { page, shown } = await opened(ctx, `${origin}/__pf/?q=${encodeURIComponent(q)}`, way, 60000);
    await shown;
    await until(page, 'window.__done', 60000);
    await page.waitForLoadState('networkidle');
    const done = await page.evaluate(() => window.__done);
    await new Promise((r) => setTimeout(r, 100));
    const entries = log.filter((e) => !e.path.startsWith('/__pf/'));
    return { query: `q=${q}`, count: done.count, shown: done.shown, first_results_ms: Math.round(done.ms), total: sum(entries), files: entries.map((e) => `${e.path} ${e.gzip}`) };
  } finally {
    await ctx.close();
  }
}

// floor opens the bare page (see floorPage) and returns when its number showed.
async function floor(way = 'new') {
  const ctx = await contextOf(way);
  try {
    const { page, shown } = await opened(ctx, `${origin}/__floor/`, way, 30000);
    await shown;
    await until(page, 'window.__done', 30000);
    return Math.round((await page.evaluate(() => window.__done)).ms);
  } finally {
    await ctx.close();
  }
}

// Names, towns with and without groups, a ZIP code no group lists (87110), a misspelt town,
// filter words in two languages, filters, and a two-digit ZIP prefix (the largest token file).
const queries = ['q=columbus', 'q=springfield', 'q=conexion', 'state=oh', 'q=springfield&state=oh', 'day=tuesday&time=evening', 'q=43',
  'q=87110', 'q=Phoenix%2C+AZ', 'q=albuqerque', 'q=spanish+online', 'q=martes+por+la+noche', 'q=Columbus%2C+OH'];
const report = { site: dir, finder: [], pagefind: [] };
// A first load to warm Chromium and the disk cache, not counted.
await finder('q=warm');
// Times vary with the machine's load: each query runs five times, the median reported.
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
// eachWay runs measure five times each way (see ways), in turn: {runs} in a new tab at once,
// {ready} in a new tab given a second first, {home} from the home page, {shell} in a new tab
// of the headless shell (empty without it).
async function eachWay(measure) {
  const got = { new: [], ready: [], home: [], shell: [] };
  for (let i = 0; i < 5; i++) for (const way of ways) got[way].push(await measure(way));
  return { runs: got.new, ready: got.ready, home: got.home, shell: got.shell };
}
// inShell sets r's times in the headless shell (see eachWay), when it ran.
function inShell(r, runs) {
  if (!runs.length) return;
  r.shell_ms = median(runs.map((x) => (typeof x === 'number' ? x : x.first_results_ms)));
  r.shell_ms_runs = runs.map((x) => (typeof x === 'number' ? x : x.first_results_ms));
}
{
  await floor();
  if (shell) await floor('shell');
  const { runs, ready, home, shell: inTheShell } = await eachWay(floor);
  report.floor = { first_results_ms: median(runs.slice()), first_results_ms_runs: runs, ready_ms: median(ready.slice()), ready_ms_runs: ready, from_home_ms: median(home.slice()), from_home_ms_runs: home };
  inShell(report.floor, inTheShell);
}
for (const q of queries) {
  const { runs, ready, home, shell: inTheShell } = await eachWay((way) => finder(q, way));
  const r = runs[0];
  r.first_results_ms = median(runs.map((x) => x.first_results_ms));
  r.all_results_ms = median(runs.map((x) => x.all_results_ms));
  r.dom_content_loaded_ms = median(runs.map((x) => x.dom_content_loaded_ms));
  r.first_results_ms_runs = runs.map((x) => x.first_results_ms);
  r.ready_ms = median(ready.map((x) => x.first_results_ms));
  r.ready_all_ms = median(ready.map((x) => x.all_results_ms));
  r.ready_ms_runs = ready.map((x) => x.first_results_ms);
  r.from_home_ms = median(home.map((x) => x.first_results_ms));
  r.from_home_all_ms = median(home.map((x) => x.all_results_ms));
  r.from_home_ms_runs = home.map((x) => x.first_results_ms);
  if (home[0].total.gzip_bytes !== r.total.gzip_bytes) r.from_home_gzip_bytes = home[0].total.gzip_bytes;
  inShell(r, inTheShell);
  report.finder.push(r);
}
{
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await nearMe());
  const r = runs[0];
  r.first_results_ms = median(runs.map((x) => x.first_results_ms));
  r.first_results_ms_runs = runs.map((x) => x.first_results_ms);
  report.finder.push(r);
}
try {
  await fs.access(path.join(dir, 'pagefind', 'pagefind.js'));
  report.pagefind_index_seconds = pagefindSeconds;
  await pagefind('warm');
  if (shell) await pagefind('warm', 'shell');
  for (const q of ['columbus', 'springfield', 'conexion']) {
    const { runs, ready, home, shell: inTheShell } = await eachWay((way) => pagefind(q, way));
    const r = runs[0];
    r.first_results_ms = median(runs.map((x) => x.first_results_ms));
    r.first_results_ms_runs = runs.map((x) => x.first_results_ms);
    r.ready_ms = median(ready.map((x) => x.first_results_ms));
    r.ready_ms_runs = ready.map((x) => x.first_results_ms);
    r.from_home_ms = median(home.map((x) => x.first_results_ms));
    r.from_home_ms_runs = home.map((x) => x.first_results_ms);
    inShell(r, inTheShell);
    report.pagefind.push(r);
  }
} catch (err) {
  report.pagefind_error = String(err);
}
await browser.close();
await shell?.close();
server.close();
console.log(JSON.stringify(report, null, 2));
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const homeTime = (ms) => (ms === undefined ? '' : `; from the home page ${ms} ms`);
const readyTime = (ms) => (ms === undefined ? '' : `; tab ready ${ms} ms`);
const shellTime = (ms) => (ms === undefined ? '' : `; headless shell ${ms} ms`);
const lines = ['', 'query                          results  loads (gzip)  index files  first results in a new tab (all shown); in a tab opened a second before; from the home page; in a new tab of the headless shell'];
for (const r of report.finder) {
  lines.push(`finder   ${r.query.padEnd(24)} ${String(r.count).padStart(6)}  ${kb(r.total.gzip_bytes).padStart(10)}  ${kb(r.index_only.gzip_bytes).padStart(10)}  ${String(r.first_results_ms).padStart(6)} ms${r.all_results_ms ? ` (${r.all_results_ms} ms)` : ''}${r.dom_content_loaded_ms ? `, DOMContentLoaded ${r.dom_content_loaded_ms} ms` : ''}${readyTime(r.ready_ms)}${homeTime(r.from_home_ms)}${shellTime(r.shell_ms)}`);
}
lines.push(`floor    a bare page fetching one file                                     ${String(report.floor.first_results_ms).padStart(6)} ms${readyTime(report.floor.ready_ms)}${homeTime(report.floor.from_home_ms)}${shellTime(report.floor.shell_ms)}`);
for (const r of report.pagefind) {
  lines.push(`pagefind ${r.query.padEnd(24)} ${String(r.count).padStart(6)}  ${kb(r.total.gzip_bytes).padStart(10)}  ${kb(r.total.gzip_bytes).padStart(10)}  ${String(r.first_results_ms).padStart(6)} ms${readyTime(r.ready_ms)}${homeTime(r.from_home_ms)}${shellTime(r.shell_ms)}`);
}
process.stderr.write(lines.join('\n') + '\n');
