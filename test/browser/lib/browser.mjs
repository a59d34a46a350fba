// Launching Debian's Chromium through playwright-core, and the rule for when it is missing:
// under CI=true the tests fail; elsewhere they skip, loudly.

import fs from 'node:fs';
import { chromium } from 'playwright-core';

/** Where Debian puts Chromium; CHROMIUM may point elsewhere. */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The skip option for node:test: false when Chromium is there, a reason when
 * it is missing outside CI. Under CI=true a missing Chromium throws, so the run fails.
 */
export function browserSkip() {
  if (fs.existsSync(CHROMIUM)) return false;
  const msg = `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium"`;
  if (process.env.CI === 'true') {
    throw new Error(`${msg} (CI=true: browser tests must run)`);
  }
  process.stderr.write(
    `\n${'!'.repeat(72)}\n!! SKIPPING REAL-BROWSER TESTS: ${msg}\n${'!'.repeat(72)}\n\n`,
  );
  return `SKIPPED: ${msg}`;
}

/**
 * Starts Chromium headless. Playwright gives every launch a new, empty profile
 * folder of its own (it refuses a --user-data-dir flag) and removes it on close.
 */
export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}
