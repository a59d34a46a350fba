// Script injection, in a real browser. A copy of the sample site gets script and
// event-handler payloads in a group's name, place and notes, an affiliate's about, a
// guide's body and a training's title and notes; it is built with sitegen and every page
// is opened with the CSP switched off (so that anything injected would really run).
// No dialog may open and no injected element may exist.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO, build, pages } from './lib/site.mjs';
import { serve } from './lib/server.mjs';
import { browserSkip, launch } from './lib/browser.mjs';
import { watch, sharedTab, open } from './lib/page.mjs';

// One-line payloads: single-quoted in YAML, where only ' would need doubling.
const INLINE = `<script>alert(1)</script> <img src=x onerror=alert(1)> "><svg onload=alert(1)>`;
// Markdown payloads, written as block scalars (no quoting at all), after a marker that
// shows the field reached the page.
const MARKDOWN = (marker) => [
  `Planted ${marker}.`,
  '',
  '<script>alert(1)</script>',
  '',
  '<img src=x onerror=alert(1)>',
  '',
  '"><svg onload=alert(1)>',
  '',
  '[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) <javascript:alert(1)>',
  '',
  '<a href="javascript:alert(1)">z</a> ![i](x" onerror="alert(1))',
];

const GROUP = 'data/groups/nami-sandia-foothills/nob-hill-tuesday.yaml';
const AFFILIATE = 'data/affiliates/nami-sandia-foothills.yaml';
const TRAINING = 'data/trainings/nm-facilitator-2027-02.yaml';
const GUIDE = 'content/guides/before-you-train.md';

function quoted(s) {
  return `'${s.replaceAll("'", "''")}'`;
}

function block(key, lines, indent = '') {
  return `${indent}${key}: |\n${lines.map((l) => (l ? `${indent}  ${l}` : '')).join('\n')}\n`;
}

// Removes a top-level key and its indented continuation lines.
function dropKey(text, key) {
  const lines = text.split('\n');
  const out = [];
  let skipping = false;
  for (const line of lines) {
    if (line.startsWith(`${key}:`)) {
      skipping = true;
      continue;
    }
    if (skipping && (line.startsWith(' ') || line === '')) continue;
    skipping = false;
    out.push(line);
  }
  return out.join('\n').replace(/\n*$/, '\n');
}

function setTop(text, key, value) {
  assert.match(text, new RegExp(`^${key}:`, 'm'), `no ${key} to replace`);
  return text.replace(new RegExp(`^${key}:.*$`, 'm'), `${key}: ${quoted(value)}`);
}

// Sets location.name: the first "  name:" line after "location:".
function setLocationName(text, value) {
  const re = /^(location:\n(?:[ \t]+.*\n)*?)  name:.*$/m;
  assert.match(text, re, 'no location.name to replace');
  return text.replace(re, `$1  name: ${quoted(value)}`);
}

async function edit(root, rel, fn) {
  const file = path.join(root, rel);
  await fs.writeFile(file, fn(await fs.readFile(file, 'utf8')));
}

/** Copies the sample site's sources into a temporary folder and plants the payloads. */
async function poisonedSource() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sitegen-xss-'));
  for (const d of ['data', 'content', 'i18n', 'templates', 'schema']) {
    await fs.cp(path.join(REPO, d), path.join(root, d), { recursive: true }).catch((err) => {
      if (d !== 'schema') throw err;
    });
  }
  await edit(root, GROUP, (t) => {
    t = setTop(t, 'name', `Nob Hill ${INLINE}`);
    t = setLocationName(t, `St. Brigid ${INLINE}`);
    return dropKey(t, 'notes') + block('notes', MARKDOWN('group-notes'));
  });
  await edit(root, AFFILIATE, (t) => dropKey(t, 'about') + block('about', MARKDOWN('affiliate-about')));
  await edit(root, TRAINING, (t) => {
    t = setTop(t, 'title', `NAMI Connection Facilitator Training ${INLINE}`);
    return dropKey(t, 'notes') + block('notes', MARKDOWN('training-notes'));
  });
  await edit(root, GUIDE, (t) => `${t.trimEnd()}\n\n## Safety ${INLINE.replaceAll('"', '')}\n\n${MARKDOWN('guide-body').join('\n')}\n`);
  return root;
}

// What the DOM must not contain: any element that a payload made live. The site's own SVG
// (the icon sprite and icons of templates/icons.html, the maps of templates/maps.html) is
// told apart by its class and its content: only drawing elements, no script, no foreign
// object, no event or style attribute, icons used from the page itself, and never inside
// Markdown text. Any other <svg> is an injection.
function injected(page) {
  return page.evaluate(() => {
    const found = [];
    const drawing = new Set(['svg', 'symbol', 'use', 'g', 'path', 'circle', 'rect', 'text', 'a', 'title']);
    const ownSVG = (svg) => {
      if (!['icons', 'icon', 'map'].some((c) => svg.classList.contains(c))) return 'not of the site (class icons, icon or map)';
      if (svg.closest('.prose')) return 'inside Markdown text';
      for (const el of [svg, ...svg.querySelectorAll('*')]) {
        if (!drawing.has(el.localName)) return `holds <${el.localName}>`;
        if (el.hasAttribute('style')) return `<${el.localName} style>`;
        const href = el.getAttribute('href') ?? el.getAttribute('xlink:href');
        if (el.localName === 'use' && !(href ?? '').startsWith('#')) return `<use href=${href}>`;
      }
      return '';
    };
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) found.push(`${el.tagName.toLowerCase()}[${a.name}]`);
      }
    }
    for (const img of document.querySelectorAll('img')) {
      if (img.getAttribute('src') === 'x' || img.src.endsWith('/x')) found.push('img[src=x]');
    }
    for (const svg of document.querySelectorAll('svg')) {
      const why = ownSVG(svg);
      if (why) found.push(`svg ${why}: ${svg.outerHTML.slice(0, 60)}`);
    }
    for (const a of document.querySelectorAll('a[href], area[href]')) {
      const href = a.getAttribute('href').replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (href.startsWith('javascript:') || a.protocol === 'javascript:') found.push(`a[href=${a.getAttribute('href')}]`);
    }
    for (const s of document.querySelectorAll('script')) {
      const type = (s.getAttribute('type') || '').toLowerCase();
      if (type === 'application/ld+json' || (type === 'application/json' && s.id === 'words')) {
        try {
          JSON.parse(s.textContent);
        } catch {
          found.push(`ld+json that is not JSON: ${s.textContent.slice(0, 60)}`);
        }
        continue;
      }
      if (s.type === 'application/json' && s.id === 'words') {
        // The scripts' words: data the browser never runs, which must stay JSON.
        try {
          JSON.parse(s.textContent);
        } catch {
          found.push(`the words are not JSON: ${s.textContent.slice(0, 60)}`);
        }
      } else if (!s.hasAttribute('src')) {
        found.push(`inline script: ${s.textContent.slice(0, 60)}`);
      } else if (new URL(s.src).origin !== location.origin || s.textContent.trim() !== '') {
        found.push(`script from elsewhere or with a body: ${s.outerHTML.slice(0, 80)}`);
      }
    }
    for (const f of document.querySelectorAll('iframe, object, embed, frame')) found.push(f.tagName.toLowerCase());
    return found;
  });
}

const skip = browserSkip();
const source = await poisonedSource();
const dir = await build(source);
const server = await serve(dir);
const browser = skip ? null : await launch();
// bypassCSP: the policy would block an injected inline handler; the escaping alone must hold.
const context = skip ? null : await browser.newContext({ bypassCSP: true });
const tab = sharedTab(context);
const targets = [
  ...(await pages(dir)),
  '/groups/?q=nob',
  '/groups/?q=script',
  '/groups/?state=nm',
  '/search/?q=nob',
  '/search/?q=alert',
  '/search/?q=safety',
];

after(async () => {
  await browser?.close();
  await server.close();
  await fs.rm(source, { recursive: true, force: true });
  await fs.rm(path.dirname(dir), { recursive: true, force: true });
});

test('the payloads reached the pages, as text', { skip }, async () => {
  const page = await context.newPage();
  try {
    await open(page, `${server.origin}/groups/nami-sandia-foothills/nob-hill-tuesday/`);
    const h1 = await page.textContent('h1');
    assert.ok(h1.includes('<script>alert(1)</script>'), `h1 = ${JSON.stringify(h1)}, want the payload shown as text`);
    const body = await page.textContent('main');
    assert.ok(body.includes(`St. Brigid ${INLINE}`), 'location name not shown as text');
    assert.ok(body.includes('Planted group-notes.'), 'group notes not shown');
    await open(page, `${server.origin}/trainings/nm-facilitator-2027-02/`);
    assert.ok((await page.textContent('h1')).includes('<svg onload=alert(1)>'), 'training title not shown as text');
    assert.ok((await page.textContent('main')).includes('Planted training-notes.'), 'training notes not shown');
    await open(page, `${server.origin}/affiliates/nami-sandia-foothills/`);
    assert.ok((await page.textContent('main')).includes('Planted affiliate-about.'), 'affiliate about not shown');
    await open(page, `${server.origin}/guides/before-you-train/`);
    assert.ok((await page.textContent('main')).includes('Planted guide-body.'), 'guide body not shown');
    // The finder's script puts the poisoned name into its results, as text.
    await open(page, `${server.origin}/groups/?q=nob`);
    await page.waitForFunction(() => document.querySelector('main').textContent.includes('Nob Hill <script>'), null, {
      timeout: 10000,
    });
  } finally {
    await page.close();
  }
});

test('the detector sees a live payload', { skip }, async () => {
  // A check of the check: the same probes on a page that really is injected.
  const page = await context.newPage();
  try {
    const log = await watch(page);
    await page.goto(server.origin + '/404.html');
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>');
    });
    await page.waitForEvent('dialog', { timeout: 5000 }).catch(() => {});
    await page.waitForTimeout(100);
    assert.ok(log.dialogs.length > 0, 'no dialog seen from a live onerror');
    const found = await injected(page);
    assert.ok(found.includes('img[onerror]') && found.includes('img[src=x]'), JSON.stringify(found));
    assert.ok(found.some((f) => f.startsWith('a[href=javascript')), JSON.stringify(found));
  } finally {
    await page.close();
  }
});

test('the detector tells the site\'s own SVG from injected SVG', { skip }, async () => {
  // A check of the check: the state list's map and icons pass; SVG like a payload's does not,
  // even dressed in the site's classes.
  const page = await context.newPage();
  try {
    await open(page, server.origin + '/groups/nm/');
    assert.ok((await page.locator('svg.map').count()) === 1, 'the state list has no map');
    assert.ok((await page.locator('svg.icon').count()) > 0, 'the state list has no icons');
    assert.deepEqual(await injected(page), [], 'the site\'s own SVG is flagged');
    const planted = [
      '<svg><circle r="1"></circle></svg>',
      '<svg class="map"><foreignObject><p>x</p></foreignObject></svg>',
      '<svg class="icon"><script>1</script></svg>',
      '<svg class="map"><rect style="fill:red"></rect></svg>',
      '<svg class="icon"><use href="https://example.com/x.svg#a"></use></svg>',
      '<div class="prose"><svg class="icon"><use href="#i-pin"></use></svg></div>',
    ];
    for (const html of planted) {
      await page.evaluate((h) => {
        document.querySelectorAll('.planted').forEach((el) => el.remove());
        const div = document.createElement('div');
        div.className = 'planted';
        div.innerHTML = h;
        document.querySelector('main').append(div);
      }, html);
      const found = await injected(page);
      assert.ok(found.some((f) => f.startsWith('svg ')), `${html} not flagged: ${JSON.stringify(found)}`);
    }
  } finally {
    await page.close();
  }
});

for (const p of targets) {
  test(`no live payload: ${p}`, { skip }, async () => {
    const { page, log } = await tab.next();
    await open(page, server.origin + p);
    // Give a broken image's onerror or a late script the chance to fire.
    await page.waitForTimeout(50);
    assert.deepEqual(log.dialogs, [], `dialogs on ${p}`);
    assert.deepEqual(await injected(page), [], `injected elements on ${p}`);
    assert.deepEqual(log.errors, [], `script errors on ${p}`);
  });
}
