// The weight benchmark (not a test): what searches load, over thousands of generated queries
// rather than the few of measure.mjs. Each query is searched by the finder's own engine
// (templates/find.js) in Node over a built site's index, in English and Spanish, submitted and
// as typed; the files it reads are gzipped (level 6, as a web server would send them) and added
// to what its page loads (the page, its stylesheet, script and icon, gzipped the same way).
// It prints the searches that pass the finder's 100 KB, and the spread of all.
//
// Queries mix what people type with what they do not: phrases of the site's dictionary, names
// of places, state names and codes, ZIP codes, common words, and made-up words, one to seven
// of them, from a fixed seed so that runs compare.
//
//   go run ./bench/searchsite -groups 10000 -out /tmp/site
//   node bench/weights.mjs /tmp/site [QUERIES] [SEED]
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileIndex, gzipSize, NOW, pageWeight } from '../test/browser/lib-finder.mjs';
import { find } from '../templates/find.js';
import { phrasesOf } from '../templates/search-index.js';

const dir = path.resolve(process.argv[2] || '');
const count = Number(process.argv[3] || 1000);
let seed = Number(process.argv[4] || 1);
const limit = 100 * 1024;

// random returns the next number of a linear congruential generator, in [0, 1).
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (list) => list[Math.floor(random() * list.length)];

const gzipped = new Map();
// weight returns the gzip size of the site's file rel (or its own size, when smaller), once.
async function weight(rel) {
  if (!gzipped.has(rel)) gzipped.set(rel, Math.min((await fs.stat(path.join(dir, rel))).size, await gzipSize(dir, rel)));
  return gzipped.get(rel);
}

const search = path.join(dir, 'search');
const words = JSON.parse(await fs.readFile(path.join(search, (await fs.readdir(search)).find((f) => f.startsWith('words.'))), 'utf8'));
const phrases = Object.keys(phrasesOf(words));
const places = [];
for (const f of (await fs.readdir(path.join(search, 'p'))).sort()) {
  for (const row of JSON.parse(await fs.readFile(path.join(search, 'p', f), 'utf8'))) if (row[4] >= 3) places.push(row[0]);
}
const syllables = ['ba', 'ko', 'ri', 'mel', 'tu', 'san', 've', 'lo', 'qua', 'zen', 'pi', 'dor', 'ha', 'nu', 'gre', 'wil'];
const states = ['ohio', 'texas', 'new mexico', 'arizona', 'california', 'florida', 'kansas', 'new york', 'oh', 'tx', 'nm', 'az'];
const common = ['support', 'group', 'groups', 'help', 'near', 'in', 'for', 'the', 'my', 'son', 'meeting', 'tonight', 'weekend', 'free', 'i', 'need', 'a', 'en', 'de', 'grupo', 'ayuda'];

// query returns a generated query (see the top of the file).
function query() {
  const out = [];
  for (let n = 1 + Math.floor(random() * 7); n > 0; n--) {
    const r = random();
    if (r < 0.25) out.push(pick(phrases));
    else if (r < 0.5) out.push(pick(places));
    else if (r < 0.65) out.push(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(syllables)).join(''));
    else if (r < 0.75) out.push(pick(states));
    else if (r < 0.78) out.push(String(10000 + Math.floor(random() * 89999)));
    else out.push(pick(common));
  }
  return out.join(' ');
}

const page = { en: await pageWeight(dir, 'groups/index.html'), es: await pageWeight(dir, 'es/groups/index.html') };
const totals = [];
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
for (let i = 0; i < count; i++) {
  const q = query();
  for (const lang of ['en', 'es']) {
    for (const typing of [false, true]) {
      const idx = fileIndex(dir, lang);
      const found = await find(idx, { q, typing, now: NOW });
      // What the page's offers read besides (finder.js, nextSteps): where online groups are
      // offered with filters the words named, the online groups' files and the filters'.
      const empty = found.count === 0;
      const placeEmpty = (found.mode === 'place' || found.mode === 'near') && found.within === 0;
      const named = Object.entries(found.named || {});
      if (named.length && (empty || placeEmpty || (found.state && (found.mode === 'place' || found.mode === 'near')))) {
        await idx.filterRefs('attendance', 'online');
        for (const [n, v] of named) await idx.filterRefs(n, v);
      }
      let total = page[lang];
      for (const f of new Set(idx.read)) total += await weight(f);
      totals.push(total);
      if (total > limit) console.log(`over: ${kb(total)} (index ${kb(total - page[lang])}) ${lang}${typing ? ', typed' : ''}: ${q}`);
    }
  }
}
totals.sort((a, b) => a - b);
const at = (p) => kb(totals[Math.min(totals.length - 1, Math.floor(p * totals.length))]);
console.log(`${totals.length} searches of ${count} queries (seed ${process.argv[4] || 1}); page ${kb(page.en)} (Spanish ${kb(page.es)})`);
console.log(`with the page: median ${at(0.5)}, 90% ${at(0.9)}, 99% ${at(0.99)}, most ${kb(totals.at(-1))}; over 100 KB: ${totals.filter((t) => t > limit).length}`);
