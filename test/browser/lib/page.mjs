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

/**
 * One tab that a file's tests open their pages in, one after another. On two cores Chromium
 * takes longer to open a tab than to load one of the site's pages in it (0.3 to 0.4 s
 * against 0.25), and a navigation starts each page afresh; storage belongs to the context
 * either way. The tab is watched (watch), and with origin its requests are recorded
 * (recordRequests). next() returns { page, log, requests }, emptied of what the last page
 * did; it opens a new tab when the last one closed or crashed, so that one failure does
 * not fail the tests after it.
 */
export function sharedTab(context, origin) {
  let tab = null;
  return {
    async next() {
      if (!tab || tab.page.isClosed() || tab.crashed) {
        if (tab && !tab.page.isClosed()) await tab.page.close().catch(() => {});
        const page = await context.newPage();
        const opened = { page, crashed: false, requests: origin ? await recordRequests(page, origin) : [], log: await watch(page) };
        page.on('crash', () => (opened.crashed = true));
        tab = opened;
      }
      tab.requests.length = 0;
      for (const list of Object.values(tab.log)) list.length = 0;
      return tab;
    },
  };
}
