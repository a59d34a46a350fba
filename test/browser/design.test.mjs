// Issue 13 on the sample site, in real Chromium: group pages made for acting on (directions,
// calls, calendars, sharing, what to expect), reporting a wrong listing, maps drawn by the
// build, state lists by town and day, a home page for someone in distress, icons and a
// favicon, every page in Spanish too.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { siteUnderTest, pages, NOW } from './lib/site.mjs';
import { serve } from './lib/server.mjs';
import { browserSkip, launch } from './lib/browser.mjs';
import { recordRequests, watch, open } from './lib/page.mjs';

const skip = browserSkip();
const site = await siteUnderTest();
const server = await serve(site.dir);
const browser = skip ? null : await launch();
const all = await pages(site.dir);
const groups = JSON.parse(await fs.readFile(path.join(site.dir, 'api/groups.json'), 'utf8'));

after(async () => {
  await browser?.close();
  await server.close();
  await site.cleanup();
});

const GROUP = '/groups/nami-sandia-foothills/nob-hill-tuesday/';
const STATE = '/groups/nm/';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LAPTOP = { viewport: { width: 1280, height: 800 } };
// The visitor's clock: the afternoon of the build date.
const AFTERNOON = new Date(`${NOW}T15:00:00-05:00`);

/** A new context with options, its clock at the build date's afternoon. */
async function context(options = {}) {
  const c = await browser.newContext(options);
  if (options.javaScriptEnabled !== false) await c.clock.setFixedTime(AFTERNOON);
  return c;
}

/** The hrefs of the visible links of page matching selector. */
function visibleHrefs(page, selector) {
  return page.$$eval(selector, (els) =>
    els
      .filter((el) => el.getBoundingClientRect().width > 0 && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => el.getAttribute('href')),
  );
}

/** The groups of the Meeting Guide feed, once each, by page address. */
function groupsByURL() {
  const m = new Map();
  for (const g of groups) m.set(new URL(g.url).pathname, g);
  return m;
}

test('every page exists in Spanish too', () => {
  const english = all.filter((p) => !p.startsWith('/es/'));
  assert.ok(english.length > 20);
  const missing = english.filter((p) => !all.includes('/es' + p));
  assert.deepEqual(missing, []);
});

test('group page: directions open the maps app on a phone, the web on a computer', { skip }, async () => {
  for (const [options, want] of [
    [PHONE, /^geo:35\.077200,-106\.606700\?q=35\.077200,-106\.606700/],
    [LAPTOP, /^https:\/\/www\.openstreetmap\.org\/directions\?to=35\.077200%2C-106\.606700$/],
  ]) {
    const c = await context(options);
    try {
      const page = await c.newPage();
      const requests = await recordRequests(page, server.origin);
      await open(page, server.origin + GROUP);
      const buttons = await visibleHrefs(page, '.actions a');
      const directions = buttons.filter((h) => h.startsWith('geo:') || h.includes('/directions'));
      assert.equal(directions.length, 1, `one directions button, got ${JSON.stringify(buttons)}`);
      assert.match(directions[0], want);
      // Calls and e-mails from the same row.
      assert.ok(buttons.some((h) => /^tel:\+1\d{10}$/.test(h)), `no call button: ${buttons}`);
      assert.ok(buttons.some((h) => /^mailto:[^?]+@/.test(h)), `no e-mail button: ${buttons}`);
      // Both kinds of directions are listed with the place, whatever the device.
      const where = await visibleHrefs(page, 'address ~ .link-list a');
      assert.ok(where.some((h) => h.startsWith('geo:')) && where.some((h) => h.includes('openstreetmap.org/directions')), JSON.stringify(where));
      assert.deepEqual(requests.filter((r) => !r.allowed).map((r) => r.url), [], 'the page requested another host');
    } finally {
      await c.close();
    }
  }
});

test('group page: add to calendar with the .ics, Google and Outlook', { skip }, async () => {
  const c = await context(LAPTOP);
  try {
    const page = await c.newPage();
    await open(page, server.origin + GROUP);
    await page.getByRole('link', { name: 'Add to calendar' }).click();
    assert.match(page.url(), /#calendar$/);
    const calendar = page.locator('#calendar');
    assert.ok(await calendar.isVisible());
    const ics = await calendar.getByRole('link', { name: /Calendar file \(\.ics\)/ }).getAttribute('href');
    const res = await fetch(server.origin + ics);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /^BEGIN:VCALENDAR\r\n[\s\S]*RRULE:FREQ=WEEKLY;BYDAY=TU/);
    const google = new URL(await calendar.getByRole('link', { name: 'Google Calendar' }).getAttribute('href'));
    assert.equal(google.host, 'calendar.google.com');
    assert.equal(google.searchParams.get('text'), 'Nob Hill Tuesday Evening');
    assert.equal(google.searchParams.get('dates'), '20261124T183000/20261124T200000');
    assert.equal(google.searchParams.get('ctz'), 'America/Denver');
    assert.equal(google.searchParams.get('recur'), 'RRULE:FREQ=WEEKLY;BYDAY=TU');
    const outlook = new URL(await calendar.getByRole('link', { name: 'Outlook.com' }).getAttribute('href'));
    assert.equal(outlook.host, 'outlook.live.com');
    assert.equal(outlook.searchParams.get('startdt'), '2026-11-24T18:30:00-07:00');
    assert.match(await calendar.textContent(), /next meeting only/);
    // A group meeting twice a week: each link names its meeting to a screen reader (until
    // 2026-12-06, two links named "Google Calendar" went to different places).
    await open(page, `${server.origin}/groups/nami-saguaro-valley/midtown-tuesday-saturday/`);
    const names = await page.locator('#calendar a').evaluateAll((as) => as.map((a) => a.textContent.trim()));
    assert.equal(names.filter((n) => n.startsWith('Google Calendar')).length, 2, names.join(' | '));
    assert.equal(new Set(names).size, names.length, `links of the same name: ${names.join(' | ')}`);
    // A group that skips dates: Google's link cannot leave them out, so the page and the
    // event's details say them (until 2026-12-06 Google added meetings on the holidays).
    await open(page, `${server.origin}/groups/nami-cuyahoga-lakeshore/fairfax-thursday/`);
    const item = page.locator('#calendar li', { has: page.getByRole('link', { name: 'Google Calendar' }) });
    assert.match(await item.innerText(), /also list the dates the group does not meet \(December 24, 2026 and December 31, 2026\)/);
    const details = new URL(await item.getByRole('link', { name: 'Google Calendar' }).getAttribute('href')).searchParams.get('details');
    assert.match(details, /No meeting on December 24, 2026 and December 31, 2026\.$/);
  } finally {
    await c.close();
  }
});

test('group page: share with the Web Share API where the browser has it', { skip }, async () => {
  const c = await context(PHONE);
  try {
    await c.addInitScript(() => {
      window.__shared = [];
      navigator.share = async (data) => {
        window.__shared.push(data);
      };
    });
    const page = await c.newPage();
    const log = await watch(page);
    await open(page, server.origin + GROUP);
    const button = page.locator('.actions .share button');
    assert.equal((await button.textContent()).trim(), 'Share');
    await button.click();
    const shared = await page.evaluate(() => window.__shared);
    assert.equal(shared.length, 1);
    assert.equal(shared[0].url, `https://connection.example.org${GROUP}`);
    assert.match(shared[0].title, /^Nob Hill Tuesday Evening/);
    assert.deepEqual(log.errors, []);
  } finally {
    await c.close();
  }
});

test('group page: a copyable link otherwise, and a field to copy without script', { skip }, async () => {
  const c = await context(LAPTOP);
  try {
    await c.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const page = await c.newPage();
    await open(page, server.origin + GROUP);
    assert.equal(await page.evaluate(() => typeof navigator.share), 'undefined', 'headless Chromium has a share sheet now: stub it out');
    const button = page.locator('.actions .share button');
    assert.equal((await button.textContent()).trim(), 'Copy link');
    await button.click();
    await page.waitForFunction(() => document.querySelector('.share-status').textContent !== '');
    assert.equal(await page.textContent('.share-status'), 'Link copied.');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `https://connection.example.org${GROUP}`);
  } finally {
    await c.close();
  }
  const noJS = await context({ ...PHONE, javaScriptEnabled: false });
  try {
    const page = await noJS.newPage();
    await page.goto(server.origin + GROUP);
    assert.equal(await page.locator('.actions .share').isVisible(), false, 'a share button that cannot work');
    const field = page.getByLabel('Link to this group');
    assert.ok(await field.isVisible());
    assert.equal(await field.inputValue(), `https://connection.example.org${GROUP}`);
  } finally {
    await noJS.close();
  }
});

test('group page: what to expect at a first meeting, in English and Spanish', { skip }, async () => {
  const c = await context(PHONE);
  try {
    const page = await c.newPage();
    for (const [p, title, text] of [
      [GROUP, 'What to expect at your first meeting', 'You do not have to talk.'],
      ['/es' + GROUP, 'Qué esperar en su primera reunión', 'No tiene que hablar.'],
    ]) {
      await open(page, server.origin + p);
      const section = page.locator('section.expect');
      assert.equal(await section.locator('h2').textContent(), title);
      assert.ok((await section.textContent()).includes(text), `${p}: the text of content/first-meeting.md`);
      assert.ok(await section.isVisible());
    }
  } finally {
    await c.close();
  }
});

test('group page: report a wrong listing by e-mail; the edit link is for editors', { skip }, async () => {
  const c = await context(LAPTOP);
  try {
    const page = await c.newPage();
    await open(page, server.origin + GROUP);
    const href = await page.getByRole('link', { name: 'Report a wrong listing' }).getAttribute('href');
    const url = new URL(href);
    assert.equal(url.protocol, 'mailto:');
    assert.equal(url.pathname, 'groups@sandia.example.org');
    const q = new URLSearchParams(url.search.replaceAll('+', '%2B'));
    assert.equal(q.get('subject'), 'Wrong listing: Nob Hill Tuesday Evening');
    assert.match(q.get('body'), /“Nob Hill Tuesday Evening” \(St\. Brigid Community Church, Fellowship Hall, 3800 Silver Ave SE, Albuquerque, NM 87108\)/);
    assert.match(q.get('body'), /\r\n/);
    const editors = page.locator('.report .editors');
    assert.match(await editors.textContent(), /^For editors:/);
    assert.match(await editors.locator('a').getAttribute('href'), /^https:\/\/git\.example\.org\/.*\/data\/groups\/nami-sandia-foothills\/nob-hill-tuesday\.yaml$/);
  } finally {
    await c.close();
  }
});

test('state list: a map with one linked marker per group that meets in person', { skip }, async () => {
  const inState = [...groupsByURL().entries()].filter(([, g]) => g.state === 'NM' && g.latitude !== undefined);
  assert.ok(inState.length >= 3, 'the sample has groups with coordinates in New Mexico');
  const c = await context({ viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true });
  try {
    const page = await c.newPage();
    const requests = await recordRequests(page, server.origin);
    await open(page, server.origin + STATE);
    const map = page.locator('svg.map');
    assert.equal(await map.count(), 1);
    const markers = await page.$$eval('svg.map a.marker', (els) =>
      els.map((a) => {
        const r = a.getBoundingClientRect();
        return { href: a.getAttribute('href'), label: a.getAttribute('aria-label'), id: a.dataset.id, r: [r.left, r.top, r.right, r.bottom] };
      }),
    );
    assert.deepEqual(markers.map((m) => m.href).sort(), inState.map(([p]) => p).sort());
    const box = await map.boundingBox();
    assert.ok(box.width <= 320 && box.width > 250, `map is ${box.width}px wide on a 320px phone`);
    for (const m of markers) {
      assert.ok(m.label && m.label.length > 5, `marker ${m.href} has no accessible name`);
      assert.equal(await page.getByRole('link', { name: m.label, exact: true }).count(), 1, `marker ${m.label} is not a link to assistive technology`);
      const [l, t, r, b] = m.r;
      assert.ok(r - l >= 8 && l >= box.x - 1 && r <= box.x + box.width + 1 && t >= box.y - 1 && b <= box.y + box.height + 1, `marker ${m.label} at ${m.r}`);
      assert.equal((await fetch(server.origin + m.href)).status, 200, m.href);
    }
    assert.deepEqual(requests.filter((r) => !r.allowed).map((r) => r.url), []);
    // Printed, the map stays, markers included.
    await page.emulateMedia({ media: 'print' });
    assert.ok(await map.isVisible());
    assert.ok(await page.locator('svg.map a.marker circle').first().isVisible());
  } finally {
    await c.close();
  }
  // Without script the map is the same.
  const noJS = await context({ ...LAPTOP, javaScriptEnabled: false });
  try {
    const page = await noJS.newPage();
    await page.goto(server.origin + STATE);
    assert.equal(await page.locator('svg.map a.marker').count(), inState.length);
  } finally {
    await noJS.close();
  }
});

test('finder: a national map linking each state, its results highlighted', { skip }, async () => {
  const c = await context(LAPTOP);
  try {
    const page = await c.newPage();
    await open(page, server.origin + '/groups/');
    const states = all.filter((p) => /^\/groups\/[a-z]{2}\/$/.test(p)).sort();
    const linked = (await page.$$eval('svg.map a.area', (els) => els.map((a) => a.getAttribute('href')))).sort();
    assert.deepEqual(linked, states);
    for (const p of states) {
      const label = await page.locator(`svg.map a.area[href="${p}"]`).getAttribute('aria-label');
      assert.match(label, /^[A-Z][A-Za-z ]+: \d+ groups?$/);
    }
    // What the finder's script does with its results (the class is-result): those markers
    // stand out, the others fade.
    const before = await page.$eval('svg.map a.marker circle', (c) => getComputedStyle(c).fill);
    const after = await page.evaluate(() => {
      const [a, b] = document.querySelectorAll('svg.map a.marker');
      a.classList.add('is-result');
      return {
        result: getComputedStyle(a.querySelector('circle')).fill,
        other: getComputedStyle(b).opacity,
      };
    });
    assert.notEqual(after.result, before, 'a result marker looks like the others');
    assert.ok(Number(after.other) < 0.5, `other markers have opacity ${after.other}`);
  } finally {
    await c.close();
  }
});

test('state list: by town, then day and time; online apart; paused last and marked', { skip }, async () => {
  const c = await context(LAPTOP);
  try {
    const page = await c.newPage();
    await open(page, server.origin + '/groups/az/');
    const sections = await page.$$eval('.state-lists section', (secs) =>
      secs.map((s) => ({
        id: s.querySelector('h2').id,
        name: s.querySelector('h2').textContent.trim(),
        groups: [...s.querySelectorAll('li.group')].map((li) => ({
          when: li.querySelector('.group-when').textContent,
          paused: li.classList.contains('is-paused') && li.querySelector('.tag')?.textContent === 'Paused',
        })),
      })),
    );
    const towns = sections.filter((s) => s.id.startsWith('town-'));
    assert.ok(towns.length >= 3, JSON.stringify(sections.map((s) => s.name)));
    const names = towns.map((t) => t.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en')));
    const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    const firstDay = (when) => Math.min(...days.map((d, i) => (when.includes(d) ? i : 9)));
    for (const t of towns) {
      const order = t.groups.map((g) => firstDay(g.when));
      assert.deepEqual(order, [...order].sort((a, b) => a - b), `${t.name}: groups not by day`);
      assert.ok(t.groups.every((g) => !g.paused), `${t.name} lists a paused group among meeting ones`);
    }
    const ids = sections.map((s) => s.id);
    assert.ok(ids.indexOf('online') > ids.indexOf(towns.at(-1).id), 'online groups come after the towns');
    assert.equal(ids.at(-1), 'paused', 'paused groups come last');
    assert.ok(sections.at(-1).groups.length > 0 && sections.at(-1).groups.every((g) => g.paused), 'paused groups marked');
  } finally {
    await c.close();
  }
});

test('home on a phone: search and "Near me" first, then meetings today and soon', { skip }, async () => {
  const c = await context(PHONE);
  try {
    const page = await c.newPage();
    await open(page, server.origin + '/');
    const box = async (sel) => page.locator(sel).first().boundingBox();
    const search = await box('.home-search input[type="search"]');
    const near = await box('a[href="/groups/?near=me"]');
    assert.ok(search && search.y + search.height <= 844, `search box at ${JSON.stringify(search)}`);
    assert.ok(near && near.y + near.height <= 844, `"Near me" at ${JSON.stringify(near)}`);
    const soon = await box('.soon-section h2');
    const volunteers = await box('.volunteers');
    assert.ok(soon.y > near.y && volunteers.y > soon.y, 'meetings after the search, trainings and guides after the meetings');
    // The meetings listed have not ended, the next first.
    const times = await page.$$eval('ul.soon > li:not([hidden]) time', (els) => els.map((t) => t.getAttribute('datetime')));
    assert.ok(times.length >= 3 && times.length <= 5, `${times.length} meetings shown`);
    assert.ok(times.every((t, i) => i === 0 || Date.parse(times[i - 1]) <= Date.parse(t)));
    const ends = await page.$$eval('ul.soon > li', (els) => els.map((li) => Date.parse(li.dataset.end)));
    assert.ok(ends.every((e) => e > AFTERNOON.getTime()), 'a meeting that has ended is listed');
    // A search from the home page reaches the finder with the query.
    await page.fill('.home-search input', 'albuquerque');
    await Promise.all([page.waitForURL(/\/groups\/\?q=albuquerque$/), page.press('.home-search input', 'Enter')]);
  } finally {
    await c.close();
  }
  const noJS = await context({ ...PHONE, javaScriptEnabled: false });
  try {
    const page = await noJS.newPage();
    await page.goto(server.origin + '/');
    assert.equal(await page.locator('.home-search').isVisible(), false, 'a search box that cannot search');
    assert.equal(await page.locator('.hero .near').isVisible(), false);
    const states = await visibleHrefs(page, '.home-states a');
    assert.deepEqual(states.sort(), all.filter((p) => /^\/groups\/[a-z]{2}\/$/.test(p)).sort());
  } finally {
    await noJS.close();
  }
});

test('favicon, touch icon and SVG icon, served from the site', { skip }, async () => {
  const ico = await fetch(server.origin + '/favicon.ico');
  assert.equal(ico.status, 200);
  assert.equal(ico.headers.get('content-type'), 'image/x-icon');
  assert.equal(ico.headers.get('cache-control'), 'public, max-age=0, must-revalidate');
  const png = await fetch(server.origin + '/apple-touch-icon.png');
  assert.equal(png.status, 200);
  const c = await context(LAPTOP);
  try {
    const page = await c.newPage();
    const requests = await recordRequests(page, server.origin);
    const before = server.requests.length;
    await open(page, server.origin + '/');
    const icons = await page.$$eval('link[rel~="icon"], link[rel="apple-touch-icon"]', (ls) => ls.map((l) => l.getAttribute('href')));
    assert.deepEqual(icons.map((h) => h.replace(/\.[0-9a-f]{10}\./, '.HASH.')), ['/assets/icon.HASH.svg', '/apple-touch-icon.png']);
    for (const href of icons) assert.equal((await fetch(server.origin + href)).status, 200, href);
    // Chromium asks for the icon the page names, never a 404, and not favicon.ico beside it.
    await page.waitForTimeout(300);
    assert.deepEqual(server.requests.slice(before).filter((r) => r.endsWith('.ico')), []);
    assert.deepEqual(requests.filter((r) => !r.allowed).map((r) => r.url), []);
  } finally {
    await c.close();
  }
});

test('focus is visible on links and buttons, in both schemes', { skip }, async () => {
  for (const colorScheme of ['light', 'dark']) {
    const c = await context({ ...LAPTOP, colorScheme });
    try {
      const page = await c.newPage();
      await open(page, server.origin + GROUP);
      for (const sel of ['.actions a.button-primary:visible', '.actions .share button', 'main a[href^="/groups/nm/"]']) {
        await page.locator(sel).first().focus();
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Tab');
        const outline = await page.evaluate(() => {
          const s = getComputedStyle(document.activeElement);
          return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
        });
        assert.equal(outline.style, 'solid', `${colorScheme}: ${sel} has no focus outline`);
        assert.ok(outline.width >= 2, `${colorScheme}: ${sel} outline ${outline.width}px`);
      }
    } finally {
      await c.close();
    }
  }
});
