// Every page under the strict Content-Security-Policy the site promises, in real Chromium:
// zero CSP violations, no script errors, the stylesheet applied, and no request to any
// host but the loopback test server.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { siteUnderTest, pages } from './lib/site.mjs';
import { serve, CSP } from './lib/server.mjs';
import { browserSkip, launch } from './lib/browser.mjs';
import { recordRequests, watch, open } from './lib/page.mjs';

const skip = browserSkip();
const site = await siteUnderTest();
const server = await serve(site.dir);
const browser = skip ? null : await launch();

// All awaits come before the first test: the runner may run after() once a test ends
// while the module is still waiting.
after(async () => {
  await browser?.close();
  await server.close();
  await site.cleanup();
});

// Every page of the build, and the finder and search with a query (their scripts then fetch data).
const targets = [...(await pages(site.dir)), '/groups/?q=a&state=nm', '/search/?q=connection', '/no/such/page/'];

// One context for all pages (no bypassCSP: the policy applies); a new page for each.
const context = skip ? null : await browser.newContext();

test('the server sends the policy under test', async () => {
  const res = await fetch(server.origin + '/');
  assert.equal(res.headers.get('content-security-policy'), CSP);
  const missing = await fetch(server.origin + '/no/such/page/');
  assert.equal(missing.status, 404);
});


for (const p of targets) {
  test(`CSP and requests: ${p}`, { skip }, async () => {
    const page = await context.newPage();
    try {
      const requests = await recordRequests(page, server.origin);
      const log = await watch(page);
      await open(page, server.origin + p);

      assert.deepEqual(log.csp, [], `CSP violations on ${p}`);
      assert.deepEqual(log.errors, [], `script or console errors on ${p}`);
      assert.deepEqual(log.dialogs, [], `dialogs on ${p}`);
      const foreign = requests.filter((r) => !r.allowed).map((r) => r.url);
      assert.deepEqual(foreign, [], `requests to another host from ${p}`);
      assert.ok(requests.length > 0, `no request recorded for ${p}: is the recorder working?`);

      // The stylesheet loaded under the policy: the crisis banner has its background.
      const bg = await page.$eval('.crisis', (el) => getComputedStyle(el).backgroundColor);
      assert.notEqual(bg, 'rgba(0, 0, 0, 0)', `${p}: the crisis banner is unstyled (stylesheet blocked?)`);
    } finally {
      await page.close();
    }
  });
}

test('the recorder catches a request to another host', { skip }, async () => {
  // A check of the check: a request to another origin is caught and never leaves. The
  // other origin is a closed port on loopback, so even a failed check sends nothing out.
  const context = await browser.newContext({ bypassCSP: true });
  try {
    const requests = await recordRequests(context, server.origin);
    const page = await context.newPage();
    await page.goto(server.origin + '/');
    await page.evaluate(() => fetch('http://127.0.0.2:9/track').catch(() => {}));
    assert.ok(
      requests.some((r) => !r.allowed && r.url.startsWith('http://127.0.0.2:9/')),
      JSON.stringify(requests),
    );
  } finally {
    await context.close();
  }
});
