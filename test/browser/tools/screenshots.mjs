// Screenshots of the sample site for the README, taken with Chromium: the home page, a group
// page and a state list, each at 390 pixels (a phone) and 1280 (a laptop), the first screen
// of each. Run from the repository's root:
//
//   node test/browser/tools/screenshots.mjs [OUT_DIR] [--full]
//
// OUT_DIR defaults to docs/screenshots; --full takes whole pages instead (to review them).

import fs from 'node:fs/promises';
import path from 'node:path';
import { REPO, NOW, siteUnderTest } from '../lib/site.mjs';
import { serve } from '../lib/server.mjs';
import { launch } from '../lib/browser.mjs';
import { open } from '../lib/page.mjs';

const args = process.argv.slice(2);
const full = args.includes('--full');
const out = path.resolve(REPO, args.find((a) => !a.startsWith('--')) ?? 'docs/screenshots');
const scheme = process.env.SCHEME === 'dark' ? 'dark' : 'light';

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'group', path: '/groups/nami-sandia-foothills/nob-hill-tuesday/' },
  { name: 'state', path: '/groups/nm/' },
];
const SIZES = [
  { width: 390, height: 844, mobile: true },
  { width: 1280, height: 800, mobile: false },
];

const site = await siteUnderTest();
const server = await serve(site.dir);
const browser = await launch();
try {
  await fs.mkdir(out, { recursive: true });
  for (const size of SIZES) {
    const context = await browser.newContext({
      viewport: { width: size.width, height: size.height },
      isMobile: size.mobile,
      hasTouch: size.mobile,
      colorScheme: scheme,
    });
    // The visitor's clock: the afternoon of the build date, as the sample site is built.
    await context.clock.setFixedTime(new Date(`${NOW}T15:00:00-05:00`));
    for (const p of PAGES) {
      const page = await context.newPage();
      await open(page, server.origin + p.path);
      const file = path.join(out, `${p.name}-${size.width}${scheme === 'dark' ? '-dark' : ''}.png`);
      await page.screenshot({ path: file, fullPage: full });
      console.log(file);
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  await site.cleanup();
}
