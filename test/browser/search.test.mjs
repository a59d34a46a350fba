// The site search (/search/) in real Chromium, under the site's CSP: groups, affiliates,
// trainings and guides (guide text included) grouped by kind, the query in the URL, the back
// button, and axe-core with results showing.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { siteUnderTest } from './lib/site.mjs';
import { serve } from './lib/server.mjs';
import { browserSkip, launch } from './lib/browser.mjs';
import { watch } from './lib/page.mjs';
import { loadIndex, expected, expectedDocs, settle } from './lib-finder.mjs';
import { parse } from '../../templates/query.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const skip = browserSkip();
const site = await siteUnderTest();
const server = await serve(site.dir);
const browser = skip ? null : await launch();
const context = skip ? null : await browser.newContext();
const index = await loadIndex(site.dir);

after(async () => {
  await context?.close();
  await browser?.close();
  await server.close();
  await site.cleanup();
});

const kindTitles = { affiliate: 'Affiliates', training: 'Trainings', guide: 'Guides', page: 'Pages' };

/** results returns the sections the search page shows: [{ heading, titles }]. */
function sections(page) {
  return page.$$eval('.search-results section', (secs) =>
    secs.map((s) => ({
      heading: s.querySelector('h2').textContent,
      titles: [...s.querySelectorAll('li > a')].map((a) => a.textContent),
    })),
  );
}

/** want returns the sections expected for q. */
function want(q) {
  const out = [];
  const groups = expected(index, new URLSearchParams({ q }));
  if (groups.length) out.push({ heading: `Groups (${groups.length})`, titles: groups.slice(0, 10).map((r) => r.name) });
  const docs = expectedDocs(index, q);
  // The guides whose topic the query names come first, matched by their words or not.
  const topics = parse(q, index.phrases).topics.flatMap((slug) => index.site.docs.filter((d) => d.kind === 'guide' && d.url.endsWith(`guides/${slug}/`)));
  for (const kind of ['affiliate', 'training', 'guide', 'page']) {
    const these = kind === 'guide' ? [...topics, ...docs.filter((d) => d.kind === kind && !topics.includes(d))] : docs.filter((d) => d.kind === kind);
    if (these.length) out.push({ heading: `${kindTitles[kind]} (${these.length})`, titles: these.map((d) => d.title) });
  }
  return out;
}

async function search(q) {
  const page = await context.newPage();
  try {
    const log = await watch(page);
    await page.goto(`${server.origin}/search/?${new URLSearchParams({ q })}`);
    await settle(page);
    const got = await sections(page);
    assert.deepEqual(log.csp, [], 'CSP violations');
    assert.deepEqual(log.errors, [], 'script errors');
    return got;
  } finally {
    await page.close();
  }
}

for (const q of ['sandia', 'conexion', 'facilitator', 'champion', 'tucson', 'albuquerque 87108', 'qqqzzz', 'first meeting', 'volunteer']) {
  test(`search: ${q}`, { skip }, async () => {
    assert.deepEqual(await search(q), want(q));
  });
}

test('search: anchors in the sample site, guide text included', { skip }, async () => {
  const got = await search('sandia');
  assert.ok(got.some((s) => s.heading.startsWith('Affiliates') && s.titles.includes('NAMI Sandia Foothills')), JSON.stringify(got));
  assert.ok(got.some((s) => s.heading.startsWith('Groups')), JSON.stringify(got));
  // A word found only in a guide's text, not its title or summary.
  const guide = index.site.docs.findIndex((d) => d.kind === 'guide');
  assert.ok(guide >= 0, 'no guide in the index');
  const titleWords = new Set((index.site.docs[guide].title + ' ' + (index.site.docs[guide].summary ?? '')).toLowerCase().split(/\W+/));
  const bodyWord = Object.keys(index.site.tokens).find((t) => t.length > 6 && /^[a-z]+$/.test(t) && !titleWords.has(t) &&
    expectedDocs(index, t).length === 1 && expectedDocs(index, t)[0] === index.site.docs[guide]);
  assert.ok(bodyWord, 'no word only in the guide text');
  const found = await search(bodyWord);
  assert.ok(found.some((s) => s.heading.startsWith('Guides') && s.titles.includes(index.site.docs[guide].title)), `${bodyWord}: ${JSON.stringify(found)}`);
});

test('search: the query in the URL, the back button', { skip }, async () => {
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/search/`);
    await settle(page);
    await page.fill('#q', 'tucson');
    await page.press('#q', 'Enter');
    await page.waitForURL(/q=tucson/);
    await settle(page);
    const first = await sections(page);
    assert.deepEqual(first, want('tucson'));
    await page.fill('#q', 'facilitator');
    await page.press('#q', 'Enter');
    await page.waitForURL(/q=facilitator/);
    await settle(page);
    assert.deepEqual(await sections(page), want('facilitator'));
    await page.goBack();
    await page.waitForURL(/q=tucson/);
    await settle(page);
    assert.equal(await page.inputValue('#q'), 'tucson');
    assert.deepEqual(await sections(page), first);
  } finally {
    await page.close();
  }
});

// Without JavaScript the search page shows no box that cannot search (until 2026-12-06 it
// did, and a search only reloaded the page), in either language; it offers lists instead.
test('search: without JavaScript no search box is shown; the lists are offered', { skip }, async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await ctx.newPage();
    for (const [path, lists] of [['/search/', ['/groups/', '/affiliates/', '/trainings/']], ['/es/search/', ['/es/groups/', '/es/affiliates/', '/es/trainings/']]]) {
      await page.goto(`${server.origin}${path}?q=conexion`);
      assert.equal(await page.locator('input[type="search"]:visible').count(), 0, path);
      assert.equal(await page.isVisible('.search-nojs'), true, path);
      assert.deepEqual(await page.$$eval('.search-nojs a', (as) => as.map((a) => a.getAttribute('href'))), lists, path);
    }
  } finally {
    await ctx.close();
  }
  // With it, the box shows and the words for pages without scripts do not.
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/search/`);
    await page.locator('input#q:visible').waitFor();
    assert.equal(await page.isVisible('.search-nojs'), false);
  } finally {
    await page.close();
  }
});

// A guide's topic named in the dictionary's words finds the guide, though its text has not
// the word (until 2026-12-06, "campeón" found nothing on the Spanish search page), and the
// other pages are found by their words ("primera reunión").
test('search: a guide by its topic, and the other pages, in Spanish', { skip }, async () => {
  const page = await context.newPage();
  try {
    for (const [q, heading, title] of [['campeón', /^Guías \(\d+\)$/, 'Cómo ser Connection Champion'], ['campeon', /^Guías/, 'Cómo ser Connection Champion'], ['primera reunión', /^Páginas \(\d+\)$/, 'Qué esperar en su primera reunión']]) {
      await page.goto(`${server.origin}/es/search/?${new URLSearchParams({ q })}`);
      await settle(page);
      const got = await sections(page);
      const sec = got.find((x) => heading.test(x.heading));
      assert.ok(sec && sec.titles[0] === title, `${q}: ${JSON.stringify(got)}`);
    }
  } finally {
    await page.close();
  }
});

// The language switch keeps the search: until 2026-12-06 it led to an empty finder.
test('search: the language switch carries the query of the finder and of the search', { skip }, async () => {
  const page = await context.newPage();
  const switchHref = () => page.getAttribute('.lang-switch a[hreflang]', 'href');
  try {
    await page.goto(`${server.origin}/es/groups/?q=tucson&day=tuesday`);
    await page.waitForSelector('#results[data-state="done"]');
    assert.equal(await switchHref(), '/groups/?q=tucson&day=tuesday');
    // A search typed on the page, then the back button.
    await page.fill('form.finder input[name="q"]', 'columbus');
    await page.press('form.finder input[name="q"]', 'Enter');
    await page.waitForFunction(() => document.querySelector('.lang-switch a[hreflang]').getAttribute('href').includes('columbus'));
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('.lang-switch a[hreflang]').getAttribute('href').includes('tucson'));
    await page.goto(`${server.origin}/search/?q=conexion`);
    await page.waitForSelector('#results[data-state="done"]');
    assert.equal(await switchHref(), '/es/search/?q=conexion');
    await page.click('.lang-switch a[hreflang]');
    await page.waitForSelector('#results[data-state="done"]');
    assert.equal(await page.inputValue('#q'), 'conexion');
  } finally {
    await page.close();
  }
});

test('search: axe-core finds no violation with results showing', { skip }, async () => {
  for (const q of ['connection', 'qqqzzz']) {
    const ctx = await browser.newContext({ bypassCSP: true });
    try {
      const page = await ctx.newPage();
      await page.goto(`${server.origin}/search/?q=${q}`);
      await settle(page);
      await page.addScriptTag({ path: AXE });
      const res = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
      );
      const v = res.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(v, [], `axe on /search/?q=${q}`);
    } finally {
      await ctx.close();
    }
  }
});

// Someone in crisis who types it into the site search gets the crisis line first, in the live
// region, as in the finder; and the search page with it passes axe too.
test('search: words of someone in crisis are answered with the crisis line first', { skip }, async () => {
  for (const [path, q, words] of [['/search/', 'I want to kill myself', /If you are thinking about suicide/], ['/es/search/', 'quiero morir', /no tiene que esperar a un grupo/]]) {
    const ctx = await browser.newContext({ bypassCSP: path === '/search/' });
    try {
      const page = await ctx.newPage();
      const log = await watch(page);
      await page.goto(`${server.origin}${path}?${new URLSearchParams({ q })}`);
      await settle(page);
      const box = await page.evaluate(() => {
        const first = document.querySelector('#results > :first-child');
        return { cls: first?.className, text: first?.textContent ?? '', tel: [...(first?.querySelectorAll('a[href^="tel:"]') ?? [])].map((a) => a.getAttribute('href')) };
      });
      assert.equal(box.cls, 'finder-crisis', q);
      assert.match(box.text, words);
      assert.ok(box.tel.includes('tel:988'), box.tel.join(' '));
      if (path === '/search/') {
        await page.addScriptTag({ path: AXE });
        const res = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
        assert.deepEqual(res.violations.map((x) => x.id), [], 'axe with the crisis line showing');
      } else {
        assert.deepEqual(log.errors, []);
        assert.deepEqual(log.csp, []);
      }
      await page.goto(`${server.origin}${path}?q=connection`);
      await settle(page);
      assert.notEqual(await page.evaluate(() => document.querySelector('#results > :first-child')?.className), 'finder-crisis');
    } finally {
      await ctx.close();
    }
  }
});
