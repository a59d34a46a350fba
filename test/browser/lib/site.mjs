// Finding the built site to test: SITE_DIR when set, otherwise a fresh build
// of the sample site in the repository (go run ./cmd/sitegen build).
// Also walks the output and picks one page of each kind from what was built.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);

/** The repository root (test/browser/lib → ../../..). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The build date every test build uses, so results do not depend on the day. */
export const NOW = '2026-11-23';

/** Builds the site whose sources are in src into a new temporary folder; returns it. */
export async function build(src = REPO) {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'sitegen-browser-'));
  const dest = path.join(out, 'public');
  try {
    await run('go', ['run', './cmd/sitegen', 'build', '-s', src, '--now', NOW, '-d', dest], {
      cwd: REPO,
      maxBuffer: 16 << 20,
    });
  } catch (err) {
    throw new Error(`sitegen build of ${src} failed:\n${err.stdout ?? ''}${err.stderr ?? err.message}`);
  }
  return dest;
}

/**
 * The site to test: { dir, cleanup }. Uses SITE_DIR when set (never removed),
 * otherwise builds the repository's sample site into a temporary folder.
 */
export async function siteUnderTest() {
  if (process.env.SITE_DIR) {
    const dir = path.resolve(process.env.SITE_DIR);
    await fs.access(path.join(dir, 'index.html'));
    return { dir, cleanup: async () => {} };
  }
  const dir = await build();
  return { dir, cleanup: () => fs.rm(path.dirname(dir), { recursive: true, force: true }) };
}

/** Every file under dir, as URL paths ("/groups/nm/index.html"), sorted. */
export async function walk(dir) {
  const out = [];
  async function rec(rel) {
    for (const e of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel + '/' + e.name;
      if (e.isDirectory()) await rec(r);
      else out.push(r);
    }
  }
  await rec('');
  return out.sort();
}

/** Every page's address ("/", "/groups/nm/", "/404.html"), from the HTML files under dir. */
export async function pages(dir) {
  return (await walk(dir))
    .filter((f) => f.endsWith('.html'))
    .map((f) => (f.endsWith('/index.html') ? f.slice(0, -'index.html'.length) : f));
}

async function readJSON(dir, rel) {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, rel), 'utf8'));
  } catch {
    return null;
  }
}

function pathOf(url) {
  return new URL(url, 'http://x').pathname;
}

/**
 * One page of each kind the spec names, found in the built output:
 * [{ kind, path }]. A kind that cannot be found is reported in missing.
 */
export async function pageKinds(dir) {
  const all = await pages(dir);
  const has = (p) => all.includes(p);
  const kinds = [];
  const missing = [];
  const add = (kind, p) => (p && has(p) ? kinds.push({ kind, path: p }) : missing.push(kind));

  add('home', '/');
  add('group finder', '/groups/');
  add('state list', has('/groups/nm/') ? '/groups/nm/' : all.find((p) => /^\/groups\/[a-z]{2}\/$/.test(p)));

  const groups = (await readJSON(dir, 'api/groups.json')) ?? [];
  const paused = groups.find((g) => (g.types ?? []).includes('TC'));
  const privateOnline = groups.find(
    (g) => !g.conference_url && g.conference_url_notes && !g.address && !(g.types ?? []).includes('TC'),
  );
  const inPerson = groups.find(
    (g) => g.address && !g.conference_url_notes && !g.conference_url && !(g.types ?? []).includes('TC'),
  );
  const publicOnline = groups.find((g) => g.conference_url && !g.address);
  add('group, in person', inPerson && pathOf(inPerson.url));
  add('group, online with private link', privateOnline && pathOf(privateOnline.url));
  add('group, online with public link', publicOnline && pathOf(publicOnline.url));
  add('group, paused', paused && pathOf(paused.url));

  add('affiliates', '/affiliates/');
  // The affiliate that runs the in-person group: a local one with groups to list and print.
  const localAffiliate = inPerson && `/affiliates/${pathOf(inPerson.url).split('/')[2]}/`;
  add('affiliate', has(localAffiliate) ? localAffiliate : all.find((p) => /^\/affiliates\/[^/]+\/$/.test(p)));

  add('trainings', '/trainings/');
  const trainings = (await readJSON(dir, 'api/trainings.json')) ?? [];
  const upcoming = trainings.find((t) => t.upcoming && t.setting !== 'correctional');
  const correctional =
    trainings.find((t) => t.setting === 'correctional' && t.upcoming) ??
    trainings.find((t) => t.setting === 'correctional');
  const past = trainings.find((t) => !t.upcoming);
  add('training, upcoming', upcoming && pathOf(upcoming.url));
  add('training, correctional', correctional && pathOf(correctional.url));
  add('training, past', past && pathOf(past.url));

  const guides = all.filter((p) => /^\/guides\/[^/]+\/$/.test(p));
  if (guides.length === 0) missing.push('guide');
  for (const g of guides) kinds.push({ kind: `guide ${g.split('/')[2]}`, path: g });

  add('search', '/search/');
  add('about', '/about/');
  add('privacy', '/privacy/');
  add('404', '/404.html');
  return { kinds, missing, all };
}
