// Layout in real Chromium: on a phone the crisis line and the HelpLine are on screen
// before any scrolling, and nothing is wider than the screen; printed, a list loses its
// navigation, forms and footer.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { siteUnderTest, pageKinds } from './lib/site.mjs';
import { serve } from './lib/server.mjs';
import { browserSkip, launch } from './lib/browser.mjs';
import { open, sharedTab } from './lib/page.mjs';

const PHONES = [
  { name: 'small phone 320x568', width: 320, height: 568 },
  { name: 'phone 390x844', width: 390, height: 844 },
];

const skip = browserSkip();
const site = await siteUnderTest();
const { kinds, missing } = await pageKinds(site.dir);
const server = await serve(site.dir);
const browser = skip ? null : await launch();
const contexts = skip
  ? []
  : await Promise.all(
      PHONES.map((v) =>
        browser.newContext({ viewport: { width: v.width, height: v.height }, isMobile: true, hasTouch: true }),
      ),
    );

after(async () => {
  await browser?.close();
  await server.close();
  await site.cleanup();
});

test('the build has a page of every kind', () => {
  assert.deepEqual(missing, []);
});

// What must be on screen: the crisis banner's call links (crisis line first, HelpLine second).
function aboveTheFold(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    const banner = document.querySelector('.crisis');
    if (!banner) return { problems: ['no .crisis banner'] };
    const problems = [];
    const tels = [...banner.querySelectorAll('a[href^="tel:"]')];
    if (tels.length < 2) problems.push(`${tels.length} tel: links in the banner, want the crisis line and the HelpLine`);
    const lines = [...banner.querySelectorAll('.line')];
    if (lines.length < 2) problems.push(`${lines.length} .line entries in the banner, want 2`);
    for (const el of [...lines, ...tels]) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const what = `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}"`;
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.display === 'none') {
        problems.push(`${what} is not visible`);
      } else if (r.top < 0 || r.bottom > vh || r.left < 0 || r.right > vw + 0.5) {
        problems.push(`${what} is outside the ${vw}x${vh} screen: ${JSON.stringify([r.left, r.top, r.right, r.bottom])}`);
      }
    }
    const fontPx = parseFloat(getComputedStyle(banner).fontSize);
    if (fontPx < 12) problems.push(`banner text is ${fontPx}px, too small to read`);
    const wide = document.documentElement.scrollWidth;
    if (wide > vw) problems.push(`page is ${wide}px wide on a ${vw}px screen (sideways scrolling)`);
    return { problems, scrollY: window.scrollY };
  });
}

for (const [i, phone] of PHONES.entries()) {
  const tab = skip ? null : sharedTab(contexts[i]);
  for (const { kind, path: p } of kinds) {
    test(`${phone.name}: crisis line and HelpLine on screen, no sideways scroll: ${kind} (${p})`, { skip }, async () => {
      const { page } = await tab.next();
      await open(page, server.origin + p);
      const { problems, scrollY } = await aboveTheFold(page);
      assert.equal(scrollY, 0, 'page opened scrolled');
      assert.deepEqual(problems, [], `${p} at ${phone.name}`);
    });
  }
}

// On a phone, the breadcrumb's links are targets a thumb can take: at least 24 pixels high,
// the least WCAG 2.2 (2.5.8) allows (until 2026-12-06, "Ohio" was 16 pixels high).
test('phone 390x844: breadcrumb links at least 24 pixels high', { skip }, async () => {
  const tab = sharedTab(contexts[1]);
  let seen = 0;
  for (const { path: p } of kinds) {
    const { page } = await tab.next();
    await open(page, server.origin + p);
    const small = await page.$$eval('.crumbs a', (as) => as.map((a) => [a.textContent, a.getBoundingClientRect().height]).filter(([, h]) => h < 24));
    seen += await page.locator('.crumbs a').count();
    assert.deepEqual(small, [], p);
  }
  assert.ok(seen > 2, `only ${seen} breadcrumb links on the pages`);
});

// Printed: content only. Navigation, forms, the footer and "noprint" parts are hidden; the list stays.
const printPages = kinds.filter((k) => ['state list', 'affiliate', 'group finder'].includes(k.kind));

for (const { kind, path: p } of printPages) {
  test(`print stylesheet: ${kind} (${p}) prints as a plain list`, { skip }, async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await open(page, server.origin + p);
      const visible = (sel) =>
        page.$$eval(sel, (els) =>
          els
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return getComputedStyle(el).visibility !== 'hidden' && r.width > 0 && r.height > 0;
            })
            .map((el) => el.outerHTML.slice(0, 80)),
        );
      const onScreen = await visible('header nav, footer');
      assert.ok(onScreen.length > 0, 'on screen the page has its navigation and footer');
      assert.deepEqual(await visible('.print-only'), [], 'on screen, what only paper shows');

      await page.emulateMedia({ media: 'print' });
      assert.deepEqual(await visible('nav, form, input, select, button, footer, .noprint, .skip'), [], `${p} printed`);
      if (kind !== 'group finder') {
        const items = await visible('ul.groups > li');
        assert.ok(items.length > 0, `${p} printed shows no list of groups`);
        // Each group in person with its address, each with whom to ask (until 2026-12-05 a
        // printed list had neither: it could not be used away from the site).
        const paper = await page.$$eval('ul.groups > li', (lis) => lis.map((li) => li.innerText));
        assert.ok(paper.some((t) => /, [A-Z]{2} \d{5}/.test(t)), `${p} printed shows no address: ${paper.join(' | ')}`);
        assert.ok(paper.every((t) => /@|\d{3}-\d{3}-\d{4}/.test(t)), `${p} printed shows a group without whom to ask: ${paper.join(' | ')}`);
      }
      assert.ok((await visible('h1')).length === 1, `${p} printed has no visible h1`);
    } finally {
      await context.close();
    }
  });
}
