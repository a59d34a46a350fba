// Every page served with exactly the headers of the build's _headers file (as Netlify and
// Cloudflare Pages serve it), in real Chromium: zero CSP violations, no script errors, the
// stylesheet applied, and no request to any host but the loopback test server. Also what the
// other headers promise: caching by content hash, nosniff, no referrer, geolocation for the
// site itself only.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { siteUnderTest, pages, walk } from './lib/site.mjs';
import { serve, parseHeaders, headersFor } from './lib/server.mjs';
import { browserSkip, launch } from './lib/browser.mjs';
import { recordRequests, sharedTab, open } from './lib/page.mjs';

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

// One context for all pages (no bypassCSP: the policy applies), and one tab.
const context = skip ? null : await browser.newContext();
const tab = sharedTab(context, server.origin);

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'public, max-age=0, must-revalidate';

test('the _headers file gives a strict policy and the security headers to every path', async () => {
  const res = await fetch(server.origin + '/');
  const csp = res.headers.get('content-security-policy') ?? '';
  const directives = Object.fromEntries(
    csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
  );
  assert.deepEqual(directives['default-src'], ["'self'"], csp);
  assert.deepEqual(directives['script-src'], ["'self'"], csp);
  assert.deepEqual(directives['style-src'], ["'self'"], csp);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:|\*/, csp);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  assert.match(res.headers.get('permissions-policy') ?? '', /(^|, )geolocation=\(self\)(,|$)/);
  const missing = await fetch(server.origin + '/no/such/page/');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('content-security-policy'), csp, 'a 404 carries the policy too');
  assert.equal((await fetch(server.origin + '/_headers')).status, 404, 'hosts never serve _headers');
});

test('every file is served with one Cache-Control: a year for names with a hash, revalidated otherwise', async () => {
  // The host's own files (_headers, _redirects) are never served.
  const files = (await walk(site.dir)).filter((f) => f !== '/_headers' && f !== '/_redirects' && !f.startsWith('/.'));
  let immutable = 0;
  for (const f of files) {
    const addr = f.endsWith('/index.html') ? f.slice(0, -'index.html'.length) : f;
    const res = await fetch(server.origin + addr, { method: 'HEAD' });
    assert.equal(res.status, 200, addr);
    const hashed = /\.[0-9a-f]{8,}\.[a-z]+$/.test(f);
    assert.equal(res.headers.get('cache-control'), hashed ? IMMUTABLE : REVALIDATE, addr);
    assert.ok(res.headers.get('content-security-policy'), `${addr} has no Content-Security-Policy`);
    if (hashed) immutable++;
  }
  assert.ok(files.some((f) => f.startsWith('/assets/')) && immutable >= files.filter((f) => f.startsWith('/assets/')).length);
});

test('the server reads _headers as Cloudflare Pages does', () => {
  // A check of the check: a doubled header would show, joined, in what the tests see.
  const rules = parseHeaders('# c\n/*\n  X-A: 1\n/assets/*\n  X-A: 2\n  X-B: 3\n');
  assert.deepEqual(headersFor(rules, '/assets/x.css'), { 'X-A': '1, 2', 'X-B': '3' });
  assert.deepEqual(headersFor(rules, '/'), { 'X-A': '1' });
  assert.throws(() => parseHeaders('  X-A: 1\n'));
  assert.throws(() => parseHeaders('/a\nnot a header\n'));
});

test('geolocation is allowed to the site itself and nothing else is', { skip }, async () => {
  const page = await context.newPage();
  try {
    await open(page, server.origin + '/groups/');
    const allowed = await page.evaluate(() => {
      const fp = document.featurePolicy;
      return fp ? { geolocation: fp.allowsFeature('geolocation'), camera: fp.allowsFeature('camera'), microphone: fp.allowsFeature('microphone') } : null;
    });
    assert.deepEqual(allowed, { geolocation: true, camera: false, microphone: false });
  } finally {
    await page.close();
  }
});

for (const p of targets) {
  test(`CSP and requests: ${p}`, { skip }, async () => {
    const { page, requests, log } = await tab.next();
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
