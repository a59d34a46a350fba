// Accessibility and validity: axe-core (WCAG 2.0/2.1 A and AA rules, and its best practices:
// every part of a page in a landmark, among others) on one page of every kind, in the light
// colour scheme on a phone's screen and the dark one on a wide screen, in real Chromium; and
// html-validate's recommended rules on every HTML file of the build.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { HtmlValidate } from 'html-validate';
import { siteUnderTest, pageKinds } from './lib/site.mjs';
import { serve } from './lib/server.mjs';
import { browserSkip, launch } from './lib/browser.mjs';
import { open, sharedTab } from './lib/page.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

const skip = browserSkip();
const site = await siteUnderTest();
const { kinds, missing, all } = await pageKinds(site.dir);
const server = await serve(site.dir);
const browser = skip ? null : await launch();
// bypassCSP only here, so that axe can be injected; csp.test.mjs checks the policy.
const contexts = {};
// The light scheme on a phone, where a table or a map may scroll sideways (a region a
// keyboard must be able to reach: until 2026-12-05 a guide's table could not be), the dark
// one on a wide screen.
const viewports = { light: { width: 390, height: 844 }, dark: { width: 1280, height: 800 } };
const tabs = {};
for (const scheme of ['light', 'dark']) {
  contexts[scheme] = skip ? null : await browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport: viewports[scheme] });
  tabs[scheme] = skip ? null : sharedTab(contexts[scheme]);
}

after(async () => {
  await browser?.close();
  await server.close();
  await site.cleanup();
});

test('the build has a page of every kind', () => {
  assert.deepEqual(missing, [], `kinds not found in ${site.dir}`);
});

function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} nodes)\n${nodes}`;
    })
    .join('\n');
}

// The finder with a query in its URL, so axe also sees results once the script shows them.
// And the pages issue 13 redrew, in Spanish too.
const spanish = kinds
  .filter((k) => ['home', 'state list', 'group, in person', 'group, paused'].includes(k.kind))
  .map((k) => ({ kind: `${k.kind}, in Spanish`, path: '/es' + k.path }));
const axePages = [...kinds, ...spanish, { kind: 'group finder with a query', path: '/groups/?state=nm' }];

for (const scheme of ['light', 'dark']) {
  for (const { kind, path: p } of axePages) {
    test(`axe, ${scheme} scheme: ${kind} (${p})`, { skip }, async () => {
      const { page } = await tabs[scheme].next();
      await open(page, server.origin + p);
      // The scheme really applies: a dark page background in dark mode, a light one otherwise.
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g).map(Number);
      const light = (r + g + b) / 3 > 128;
      assert.equal(light, scheme === 'light', `${scheme} scheme, body background ${bg}`);
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
        AXE_TAGS,
      );
      assert.ok(result.passes.length > 0, 'axe ran no passing rule: did it run at all?');
      assert.equal(
        result.violations.length,
        0,
        `axe violations on ${p} (${scheme}):\n${describeViolations(result.violations)}`,
      );
    });
  }
}

test('axe finds a planted violation', { skip }, async () => {
  // A check of the check: an unlabelled field and grey-on-grey text must be reported.
  const page = await contexts.light.newPage();
  try {
    await open(page, server.origin + '/about/');
    await page.evaluate(() => {
      const main = document.querySelector('main');
      main.insertAdjacentHTML('beforeend', '<input type="text"><p class="planted">faint</p>');
      main.querySelector('.planted').style.cssText = 'color:#999;background:#aaa';
    });
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      AXE_TAGS,
    );
    const ids = result.violations.map((v) => v.id);
    assert.ok(ids.includes('label') && ids.includes('color-contrast'), `violations found: ${ids}`);
  } finally {
    await page.close();
  }
});

test('html-validate (recommended rules): every HTML file of the build', async () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
  const files = all.map((p) => (p.endsWith('/') ? p + 'index.html' : p));
  assert.ok(files.length > 10, `only ${files.length} HTML files found`);
  const problems = [];
  for (const f of files) {
    const text = await fs.readFile(path.join(site.dir, f), 'utf8');
    const report = await validator.validateString(text, f);
    for (const r of report.results) {
      for (const m of r.messages) {
        if (m.severity >= 2) problems.push(`${f}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
    }
  }
  assert.deepEqual(problems, [], `html-validate errors:\n${problems.join('\n')}`);
});
