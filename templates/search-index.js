// Reading the search index the Go build writes under search/ (see internal/search): the
// manifest, then only the files one search needs, each at most once. Lists of groups are
// sorted arrays of refs (positions in the order of the records).

import { placeKey, queryWords } from "./fold.js";
import { useOffsets } from "./meetings.js";

/** The filters of the finder, in the order of its form and its URL. */
export const filterNames = ["state", "day", "time", "attendance", "language", "program", "audience"];

/**
 * siteHome returns the home of the page's language ("/connection/" or "/connection/es/"):
 * links to pages go under it, files every language shares under siteBase.
 */
export function siteHome() {
  const h = typeof document !== "undefined" && document.body && document.body.dataset.home;
  return h || siteBase();
}

/**
 * siteBase returns the site's base path ("/" or "/connection/"): the page's data-base
 * attribute, else the folder above the script's.
 */
export function siteBase() {
  const b = typeof document !== "undefined" && document.body && document.body.dataset.base;
  return b || new URL("../", import.meta.url).pathname;
}

/**
 * onPage starts a search page: when the page has the form selector names and its live region
 * (#results), it calls start with both, the site's base and home (see siteBase, siteHome) and
 * the index of the page's language lang.
 * @param {string} selector
 * @param {string} lang
 * @param {(form: HTMLFormElement, status: HTMLElement, site: {base: string, home: string, index: Index}) => void} start
 */
export function onPage(selector, lang, start) {
  const form = document.querySelector(selector);
  const status = document.getElementById("results");
  if (!(form instanceof HTMLFormElement) || !status) return;
  const base = siteBase();
  start(form, status, { base, home: siteHome(), index: new Index(base, lang) });
}

/**
 * keepInSwitch makes the language switch's links carry the page's search, as its address
 * holds it now: a visitor who changes language keeps what they asked for.
 */
export function keepInSwitch() {
  for (const a of document.querySelectorAll(".lang-switch a[hreflang]")) {
    a.setAttribute("href", new URL(a.href).pathname + location.search);
  }
}

/** undelta turns a list of differences back into the sorted refs they encode. */
export function undelta(d) {
  const out = new Array(d.length);
  let prev = 0;
  for (let i = 0; i < d.length; i++) {
    prev += d[i];
    out[i] = prev;
  }
  return out;
}

/** intersect returns the refs in both sorted lists a and b. */
export function intersect(a, b) {
  const out = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      out.push(a[i]);
      i++;
      j++;
    }
  }
  return out;
}

/**
 * union returns the sorted refs of any of the sorted lists, merged two by two: no list is
 * copied whole and sorted again (which, for "spanish online" at 10,000 groups, took about
 * 17 ms in node and 2 in the page, and left garbage).
 */
export function union(lists) {
  let some = lists.filter((l) => l.length);
  if (some.length === 0) return [];
  while (some.length > 1) {
    const next = [];
    for (let i = 0; i < some.length; i += 2) next.push(i + 1 < some.length ? merge(some[i], some[i + 1]) : some[i]);
    some = next;
  }
  return some[0];
}

// merge returns the refs of the sorted lists a and b, sorted, each once.
function merge(a, b) {
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x <= y) i++;
    if (y <= x) j++;
    out.push(x < y ? x : y);
  }
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** range returns the refs first to first+count-1. */
export function range(first, count) {
  const out = new Array(count);
  for (let i = 0; i < count; i++) out[i] = first + i;
  return out;
}

/**
 * compareCodePoints orders strings as Go does (by code point, which is UTF-8 byte order),
 * not by UTF-16 unit as < does.
 */
export function compareCodePoints(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

// The scripts read in the oldest browsers the build targets (see minify in internal/render):
// Safari 14.1 has neither Object.hasOwn nor Array's findLastIndex, which came in 15.4.

/** hasOwn reports whether object o has key k of its own, not of its prototype ("constructor"). */
export function hasOwn(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** lastIndex returns the position of the last item of list for which ok holds, or -1. */
export function lastIndex(list, ok) {
  for (let i = list.length - 1; i >= 0; i--) if (ok(list[i])) return i;
  return -1;
}

// indexFor returns the position in a list of {from, file} (sorted by from) of the file that
// holds key: the last whose from is not after key's; -1 for none.
function indexFor(list, key) {
  return lastIndex(list, (t) => compareCodePoints(t.from, key) <= 0);
}

// fileFor returns the file of a list of {from, file} that holds key, or null (see indexFor).
function fileFor(list, key) {
  return list[indexFor(list, key)]?.file ?? null;
}

// stateOf returns the position in manifest m's states of the state holding ref.
export function stateOf(m, ref) {
  let lo = 0;
  let hi = m.states.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (m.states[mid].first <= ref) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// nearBoundary is how many first letters a place key shares with the first key of a file of
// places for the file to be read too (see placeShardsNear).
const nearBoundary = 4;

// sharedStart returns how many first characters a and b share.
function sharedStart(a, b) {
  const x = [...a];
  const y = [...b];
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

// hashLen is the length of each hash in a state's list of them (its "hashes").
const hashLen = 8;

/** tokenFileOf returns the path of the file of the token index of manifest m holding word. */
export function tokenFileOf(m, word) {
  return fileFor(m.tokens, [...word].slice(0, 2).join("")) || "";
}

/** recordFiles returns the paths of the files of records of state st of manifest m. */
export function recordFiles(m, st) {
  const out = [];
  for (let i = 0; i * m.per_file < st.count; i++) out.push(recordFile(m, st, i));
  return out;
}

// recordFile returns the path of file i of the records of state st: files 0 to per_hash-1
// share the first hash of the state's list, and so on.
function recordFile(m, st, i) {
  const h = Math.floor(i / m.per_hash) * hashLen;
  return m.records.replace("{state}", st.code).replace("{n}", String(i)).replace("{hash}", st.hashes.slice(h, h + hashLen));
}

/** recordFileOf returns the path of the file of records of manifest m holding ref. */
export function recordFileOf(m, ref) {
  return fileOf(m, ref).file;
}

// fileOf returns the file of records holding ref, and the ref of its first record.
function fileOf(m, ref) {
  const st = m.states[stateOf(m, ref)];
  const i = Math.floor((ref - st.first) / m.per_file);
  return { file: recordFile(m, st, i), first: st.first + i * m.per_file };
}

/** milesPerKm converts kilometres to miles. */
export const milesPerKm = 1 / 1.609344;

/** distanceMiles returns the great-circle distance between two [lat, lon] points. */
export function distanceMiles(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  // The Earth's equatorial radius, as Go's geo.Distance (orb) uses: 6378137 m.
  return 2 * 6378.137 * milesPerKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * boxDistanceMiles returns a lower bound of the distance from p to any point of box
 * [south, west, north, east].
 */
export function boxDistanceMiles(p, box) {
  const lat = Math.min(Math.max(p[0], box[0]), box[2]);
  const lon = Math.min(Math.max(p[1], box[1]), box[3]);
  return distanceMiles(p, [lat, lon]);
}

// unweighed is what a file weighs that the manifest does not weigh (a manifest of an older
// build): about as much as a file of places.
const unweighed = 4608;

/**
 * weightOf returns what reading the file at path costs a search, in bytes gzip, as manifest m
 * weighs it: its own weight, or its folder's (see internal/search.Manifest.Weights).
 * @param {{weights?: Record<string, number>}} m
 * @param {string} path
 */
export function weightOf(m, path) {
  const w = m.weights || {};
  return w[path] ?? w[path.slice(0, path.lastIndexOf("/") + 1)] ?? unweighed;
}

// fileWeight returns 1 for a file of the gazetteer's places (about 4.5 KB gzip), which
// corrections read for each word they correct, and 0 for any other index file.
export function fileWeight(path) {
  return path.split("/")[1] === "p" ? 1 : 0;
}

/**
 * phrasesOf returns the phrases of the file search/words (internal/search.Dictionary), each
 * mapped to its meanings, [kind, value] or [kind]: the file lists them under their meanings,
 * "time afternoon|time evening": ["por la tarde", …].
 * @param {{meanings: Record<string, string[]>}} file
 * @returns {Record<string, string[][]>}
 */
export function phrasesOf(file) {
  const meaningsOf = new Map();
  for (const [key, list] of Object.entries(file.meanings || {})) {
    const meanings = key.split("|").map((m) => m.split(" "));
    for (const p of list) meaningsOf.set(p, meanings);
  }
  // In the order of the phrases (of their UTF-16 code units), as the file listed them before:
  // the finder's choices between equals (corrections, completions) follow it. sort() with no
  // function of ours compares inside the engine: given one, each of the ~16,000 comparisons
  // calls a function the page has not compiled yet: 15 to 25 ms for the 10,000-group site's
  // file in a fresh tab of Chromium's headless shell, against 2.5 ms this way.
  const phrases = {};
  for (const p of [...meaningsOf.keys()].sort()) phrases[p] = meaningsOf.get(p);
  return phrases;
}

/** Index reads the index files of one site, each at most once. */
export class Index {
  /**
   * @param {string} base the site's base path
   * @param {string} [lang] the page's language, whose index of other pages /search/ reads
   * @param {(path: string) => Promise<any>} [load] reads a file of the site (a path relative
   *   to base) as JSON; by default, fetches it
   */
  constructor(base, lang = "en", load = null) {
    this.base = base;
    this.lang = lang;
    this.load = load;
    this.files = new Map();
    this.manifestLoad = null;
    /** Paths of the files read, in order: what one search cost. */
    this.read = [];
    /** @type {Map<string, number>} the weights of files that carry their own (see weight) */
    this.ownWeights = new Map();
    /** The manifest once read, which weighs the other files (see weight). */
    this.weighed = null;
    /** The dictionary's words at the edges of places' names, once read (see nameEdges). */
    this.edges = null;
  }

  /**
   * spent returns how many files of places were read since the first from of read (see
   * fileWeight).
   * @param {number} from
   */
  spent(from) {
    let n = 0;
    for (const p of this.read.slice(from)) n += fileWeight(p);
    return n;
  }

  /**
   * bytesSince returns what the files read since the first from of read weigh, in bytes gzip
   * (see weightOf): what a search that began there has cost so far. Before the manifest has
   * come, every file weighs as much as a file of places.
   * @param {number} from
   */
  bytesSince(from) {
    let n = 0;
    for (const p of this.read.slice(from)) n += this.weight(p);
    return n;
  }

  /**
   * unreadBytes returns what the files of paths not read yet weigh together (see weightOf).
   * @param {string[]} paths
   */
  unreadBytes(paths) {
    let n = 0;
    for (const p of new Set(paths)) if (p && !this.has(p)) n += this.weight(p);
    return n;
  }

  /**
   * weight returns what reading the index file at path costs, in bytes gzip: its own weight
   * when the manifest or the gazetteer's index lists it with one (files of words and of
   * places), else as weightOf gives it.
   */
  weight(path) {
    return this.ownWeights.get(path) ?? weightOf(this.weighed || {}, path);
  }

  // weighEach keeps the weights of files, a list of {file, w}, for weight.
  weighEach(files) {
    for (const f of files || []) if (f.w) this.ownWeights.set(f.file, f.w);
  }

  /** has reports whether the index file at path was read, or is being read. */
  has(path) {
    return this.files.has(path);
  }

  /** json returns the parsed content of the index file at path (relative to the base). */
  json(path) {
    let p = this.files.get(path);
    if (!p) {
      this.read.push(path);
      p = this.load
        ? this.load(path)
        : fetch(this.base + path).then((r) => {
            if (!r.ok) throw new Error(`${path}: ${r.status}`);
            return r.json();
          });
      p.catch(() => this.files.delete(path));
      this.files.set(path, p);
    }
    return p;
  }

  /**
   * manifest returns search/manifest.json, whose table of time zone offsets it hands to
   * meetings.js (see useOffsets) as it comes.
   */
  manifest() {
    if (!this.manifestLoad) {
      this.manifestLoad = this.json("search/manifest.json").then((m) => {
        useOffsets(m.zones || [], m.offsets);
        this.weighed = m;
        this.weighEach(m.tokens);
        for (const values of Object.values(m.filters || {})) this.weighEach(Object.values(values));
        this.weighEach(Object.values(m.days || {}));
        this.weighEach((m.states || []).map((st) => ({ file: st.points, w: st.pw })));
        return m;
      });
      this.manifestLoad.catch(() => {
        this.manifestLoad = null;
      });
    }
    return this.manifestLoad;
  }

  /** dictionary returns the phrases of search/words (see internal/search.Dictionary). */
  async dictionary() {
    const m = await this.manifest();
    if (!m.words) return {};
    const file = await this.json(m.words);
    file.phrases ??= phrasesOf(file);
    return file.phrases;
  }

  /**
   * nameEdges returns the words that say nothing about which group and that start or end a
   * place's name of two words or more (see internal/search.Dictionary.Starts), or are a
   * place's whole name (names), as sets; null for a dictionary without them.
   * @returns {Promise<{starts: Set<string>, ends: Set<string>, names: Set<string>} | null>}
   */
  async nameEdges() {
    const m = await this.manifest();
    const d = m.words ? await this.json(m.words) : null;
    if (!d || !d.starts) return null;
    this.edges ??= { starts: new Set(d.starts), ends: new Set(d.ends || []), names: new Set(d.names || []) };
    return this.edges;
  }

  /**
   * completions returns the words of the dictionary, in the page's language, that a word
   * being typed or cut short may be read as (conditions, crisis, topics): see saidWord.
   * @returns {Promise<string[]>}
   */
  async completions() {
    const m = await this.manifest();
    return (m.words && (await this.json(m.words)).completes?.[this.lang]) || [];
  }

  /** tokenShard returns the file of the token index holding the words that start as word. */
  async tokenShard(word) {
    const m = await this.manifest();
    const file = tokenFileOf(m, word);
    return file ? this.json(file) : { words: {}, places: [] };
  }

  /** wordRefs returns the groups having a word that starts with word. */
  async wordRefs(word) {
    const shard = await this.tokenShard(word);
    const lists = [];
    for (const [tok, d] of Object.entries(shard.words)) if (tok.startsWith(word)) lists.push(undelta(d));
    return union(lists);
  }

  /** exactRefs returns the groups having the word word itself. */
  async exactRefs(word) {
    const shard = await this.tokenShard(word);
    return hasOwn(shard.words, word) ? undelta(shard.words[word]) : [];
  }

  /** isPlaceWord reports whether word is a word of a group's city or postal code. */
  async isPlaceWord(word) {
    const shard = await this.tokenShard(word);
    return (shard.places || []).includes(word);
  }

  /**
   * filterRefs returns the groups having value for filter name ("state", "day", …, and
   * "daytime" with "tuesday-evening"). A hybrid group meets in person and online, so
   * attendance "in-person" and "online" have the hybrid groups too, as the words "in person"
   * and "online" do (and TSML UI's filters, for a meeting with an address and a link).
   */
  async filterRefs(name, value) {
    const m = await this.manifest();
    if (name === "state") {
      const st = m.states.find((s) => s.code === value);
      return st ? range(st.first, st.count) : [];
    }
    if (name === "attendance" && (value === "in-person" || value === "online")) {
      const [own, hybrid] = await Promise.all([this.ownFilterRefs(name, value), this.ownFilterRefs(name, "hybrid")]);
      return union([own, hybrid]);
    }
    return this.ownFilterRefs(name, value);
  }

  /** ownFilterRefs returns the groups the index's file of filter name's value lists. */
  async ownFilterRefs(name, value) {
    const m = await this.manifest();
    const f = m.filters[name] && m.filters[name][value];
    return f ? undelta(await this.json(f.file)) : [];
  }

  /**
   * match returns the sorted refs of the groups matching every word of q by prefix and every
   * filter set in filters; every group when there is neither. (The site search's plain
   * matching; the finder reads queries with find.js.)
   * @param {string} q
   * @param {Record<string, string>} [filters]
   */
  async match(q, filters = {}) {
    const m = await this.manifest();
    const sets = [];
    for (const w of queryWords(q)) sets.push(this.wordRefs(w));
    for (const name of filterNames) if (filters[name]) sets.push(this.filterRefs(name, filters[name]));
    if (sets.length === 0) return range(0, m.groups);
    const lists = (await Promise.all(sets)).sort((a, b) => a.length - b.length);
    return lists.reduce(intersect);
  }

  /**
   * records returns the records of refs, in the same order, fetching only their files.
   * @param {number[]} refs
   */
  async records(refs) {
    return Promise.all(await this.eachRecord(refs));
  }

  /**
   * eachRecord returns a promise of the record of each of refs, in the same order, so that a
   * page may show the first ones while the files of others are still coming. The files are
   * asked for in the order of refs.
   * @param {number[]} refs
   * @returns {Promise<Promise<object>[]>}
   */
  async eachRecord(refs) {
    const m = await this.manifest();
    return refs.map((r) => {
      const { file, first } = fileOf(m, r);
      return this.json(file).then((rows) => rows[r - first]);
    });
  }

  /**
   * points returns the positions of the groups of the state at position s of the manifest's
   * states: [{ref, at: [lat, lon], paused}].
   */
  async points(s) {
    const m = await this.manifest();
    const st = m.states[s];
    if (!st.points) return [];
    const rows = await this.json(st.points);
    let ref = 0;
    return rows.map(([d, lat, lon, paused]) => ({ ref: (ref += d), at: [lat, lon], paused: paused === 1 }));
  }

  /** day returns the slots of a weekday's meetings ("tuesday"), or none. */
  async day(name) {
    const m = await this.manifest();
    const f = m.days && m.days[name];
    return f ? this.json(f.file) : [];
  }

  /** geo returns the gazetteer's index (internal/search.GeoIndex). */
  async geo() {
    const m = await this.manifest();
    const g = await this.json(m.geo);
    if (!this.ownWeights.has(g.places?.[0]?.file)) {
      this.weighEach(g.places);
      this.weighEach(Object.values(g.zips || {}));
    }
    return g;
  }

  /**
   * zip returns the centre and state of a five-digit ZIP code, and the code they are of:
   * {at: [lat, lon], state: "NM", code: "87110"}. A code without an area of its own (a post
   * office's boxes, 87103; a firm's, 12345) stands at the nearest code of its first three
   * digits, which the same post office sorts, and code is that one; null when there is none.
   * @param {string} code
   */
  async zip(code) {
    const g = await this.geo();
    const f = g.zips[code.slice(0, 2)];
    if (!f) return null;
    const shard = await this.json(f.file);
    let near = hasOwn(shard, code) ? code : "";
    if (!near) {
      for (const c of Object.keys(shard)) {
        if (c.slice(0, 3) === code.slice(0, 3) && (!near || Math.abs(+c - +code) < Math.abs(+near - +code))) near = c;
      }
    }
    const z = near ? shard[near] : null;
    return z ? { at: [z[0], z[1]], state: z[2], code: near } : null;
  }

  /**
   * zipsAround returns the ZIP codes of the gazetteer's files whose box is within miles of
   * p: [{code, at, state}].
   */
  async zipsAround(p, miles) {
    const g = await this.geo();
    const files = Object.values(g.zips).filter((f) => boxDistanceMiles(p, f.bbox) <= miles);
    const out = [];
    for (const shard of await Promise.all(files.map((f) => this.json(f.file)))) {
      for (const [code, z] of Object.entries(shard)) out.push({ code, at: [z[0], z[1]], state: z[2] });
    }
    return out;
  }

  /**
   * placeFile returns the path of the gazetteer's file holding key, or "" for none.
   * @param {string} key a place key (see fold.js placeKey)
   */
  async placeFile(key) {
    return fileFor((await this.geo()).places, key) || "";
  }

  /**
   * placeShard returns the gazetteer's file holding key, as rows {key, name, state, at, size,
   * fine} (size: the number of digits of the place's population; fine: with a tenth of its
   * first digit, for 10,000 people or more).
   * @param {string} key a place key (see fold.js placeKey)
   */
  async placeShard(key) {
    const g = await this.geo();
    const file = fileFor(g.places, key);
    if (!file) return [];
    let rows = this.parsedPlaces && this.parsedPlaces.get(file);
    if (!rows) {
      rows = (await this.json(file)).map((r) => ({ key: r[5] || placeKey(r[0]), name: r[0], state: r[1], at: [r[2], r[3]], size: Math.trunc(r[4] || 0), fine: r[4] || 0 }));
      this.parsedPlaces = this.parsedPlaces || new Map();
      this.parsedPlaces.set(file, rows);
    }
    return rows;
  }

  /**
   * keysAround returns the first keys of the gazetteer's file holding key and of the files
   * after and before it, in that order: a word misspelt near a file's first key ("colombus")
   * may be closest to a key of the next file ("columbus"). So that a word misspelt in its
   * second letter finds its place too, it adds the files holding the key with its second and
   * third letters swapped ("spoerton": Soperton) and without its second letter ("laamesa":
   * Lamesa).
   * @param {string} key
   */
  async keysAround(key) {
    const g = await this.geo();
    const i = indexFor(g.places, key);
    const at = new Set([i, i + 1, i - 1]);
    const c = [...key];
    if (c.length > 3) {
      at.add(indexFor(g.places, c[0] + c[2] + c[1] + c.slice(3).join("")));
      at.add(indexFor(g.places, c[0] + c.slice(2).join("")));
    }
    return [...at].filter((j) => j >= 0 && j < g.places.length).map((j) => g.places[j].from);
  }

  /**
   * placeShardsNear returns the rows of the gazetteer's file holding key, and of the file on
   * either side when its boundary falls among keys that start as key does: "san agustine"
   * is in the file before the one that starts with "san augustine".
   * @param {string} key
   */
  async placeShardsNear(key) {
    const keys = await this.keysNear(key);
    return (await Promise.all(keys.map((k) => this.placeShard(k)))).flat();
  }

  /** keysNear returns the first keys of the files placeShardsNear reads. */
  async keysNear(key) {
    const g = await this.geo();
    const i = indexFor(g.places, key);
    const shares = (j) => j >= 0 && j < g.places.length && sharedStart(g.places[j].from, key) >= nearBoundary;
    return [i, ...(shares(i) ? [i - 1] : []), ...(shares(i + 1) ? [i + 1] : [])].filter((j) => j >= 0).map((j) => g.places[j].from);
  }

  /**
   * unread returns how many of the gazetteer's files holding keys are not read yet: what
   * reading them would cost (see fileWeight).
   * @param {string[]} keys
   */
  async unread(keys) {
    const g = await this.geo();
    return new Set(keys.map((k) => fileFor(g.places, k)).filter((f) => f && !this.has(f))).size;
  }

  /**
   * unreadPlaceBytes returns what the files of places holding keys that are not read yet
   * weigh together, in bytes gzip (see weight).
   * @param {string[]} keys
   */
  async unreadPlaceBytes(keys) {
    const g = await this.geo();
    return this.unreadBytes(keys.map((k) => fileFor(g.places, k)));
  }

  /**
   * largePlaces returns the keys of the large places (see internal/search.LargePlaces) as
   * rows {key, size, states}: the candidates for a misspelt word whose own file of places holds keys
   * far from the place meant ("tmpa" is Tampa).
   */
  async largePlaces() {
    const g = await this.geo();
    if (!g.large) return [];
    if (!this.parsedLarge) {
      this.parsedLarge = this.json(g.large).then((rows) => rows.map(([key, size, states]) => ({ key, size, states: states ? states.split(",") : [] })));
      this.parsedLarge.catch(() => {
        this.parsedLarge = null; // tried again by the next search
      });
    }
    return this.parsedLarge;
  }

  /**
   * places returns the places whose key is key, most populous first, in state (a USPS code,
   * upper case) when given.
   * @param {string} key
   * @param {string} [state]
   */
  async places(key, state) {
    const rows = await this.placeShard(key);
    return rows.filter((r) => r.key === key && (!state || r.state === state));
  }

  /**
   * siteMatches returns the affiliates, trainings and guides matching every word of q by
   * prefix, in the index's order.
   * @param {string} q
   */
  async siteMatches(q) {
    const words = queryWords(q);
    if (words.length === 0) return [];
    const m = await this.manifest();
    const idx = await this.json(m.sites[this.lang] || Object.values(m.sites)[0]);
    let match = null;
    for (const w of words) {
      const lists = [];
      for (const [tok, d] of Object.entries(idx.tokens)) if (tok.startsWith(w)) lists.push(undelta(d));
      const refs = union(lists);
      match = match ? intersect(match, refs) : refs;
    }
    return match.map((i) => idx.docs[i]);
  }
}
