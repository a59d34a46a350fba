// Opening a page while recording everything it does that a test may object to:
// requests (and to which host), CSP violations, console errors, page errors, dialogs.

/**
 * Routes every request of a page or context through a recorder. Requests to origin go on;
 * any other (another host, another port) is recorded and aborted, so nothing
 * ever leaves the machine. Returns the list it fills: { url, allowed }.
 */
export async function recordRequests(target, origin) {
  const seen = [];
  await target.route('**/*', (route) => {
    const url = route.request().url();
    const allowed = url.startsWith(origin + '/') || url === origin;
    seen.push({ url, allowed });
    return allowed ? route.continue() : route.abort('blockedbyclient');
  });
  return seen;
}

/**
 * Watches a page: returns { csp, errors, dialogs } filled as the page runs.
 * CSP violations are heard twice, as securitypolicyviolation events (through a
 * binding the page's own CSP cannot block) and as console messages.
 */
export async function watch(page) {
  const log = { csp: [], errors: [], dialogs: [] };
  await page.exposeBinding('__sitegenCSP', (_source, v) => log.csp.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__sitegenCSP(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (m) => {
    const text = m.text();
    if (/Content.Security.Policy/i.test(text)) log.csp.push(`console: ${text}`);
    else if (m.type() === 'error' && !/status of 404/.test(text)) log.errors.push(`console: ${text}`);
  });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', async (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  return log;
}

/**
 * Goes to url and waits until the page has settled: the load event (by which module
 * scripts have run), and for pages whose scripts fetch data (the finder's and the search's:
 * they preload it, and carry their words), no network traffic for half a second. The small
 * scripts of other pages (share.js, home.js) fetch nothing.
 */
export async function open(page, url) {
  const res = await page.goto(url, { waitUntil: 'load' });
  const fetches = await page.locator('link[rel="preload"][as="fetch"], script#words').count();
  if (fetches > 0) await page.waitForLoadState('networkidle');
  return res;
}
