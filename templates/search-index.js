// Reading the search index the Go build writes under search/ (see internal/search): the
// manifest, then only the files one search needs. Lists of groups are sorted arrays of refs
// (positions in the order of the records).

import { queryWords } from "./fold.js";

/** The filters of the finder, in the order of its form and its URL. */
export const filterNames = ["state", "day", "time", "attendance", "language", "program", "audience"];

/**
 * siteHome returns the home of the page's language ("/connection/" or "/connection/es/"):
 * links to pages go under it, files every language shares under siteBase.
 */
export function siteHome() {
  const h = document.body && document.body.dataset.home;
  return h || siteBase();
}

/**
 * siteBase returns the site's base path ("/" or "/connection/"): the page's data-base
 * attribute, else the folder above the script's.
 */
export function siteBase() {
  const b = document.body && document.body.dataset.base;
  return b || new URL("../", import.meta.url).pathname;
}

// undelta turns a list of differences back into the sorted refs they encode.
function undelta(d) {
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

// union returns the sorted refs of any of the sorted lists.
function union(lists) {
  if (lists.length === 1) return lists[0];
  const all = Int32Array.from(lists.flat()).sort();
  const out = [];
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) out.push(all[i]);
  return out;
}

function range(first, count) {
  return Array.from({ length: count }, (_, i) => first + i);
}

// stateOf returns the position in manifest m's states of the state holding ref.
function stateOf(m, ref) {
  let lo = 0;
  let hi = m.states.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (m.states[mid].first <= ref) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// fileOf returns the file of records holding ref, and the ref of its first record.
function fileOf(m, ref) {
  const st = m.states[stateOf(m, ref)];
  const i = Math.floor((ref - st.first) / m.per_file);
  return { file: st.files[i], first: st.first + i * m.per_file };
}

// compareCodePoints orders strings as Go does (by code point, which is UTF-8 byte order),
// not by UTF-16 unit as < does.
function compareCodePoints(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

// distanceKm returns the great-circle distance between two [lat, lon] points.
function distanceKm(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(h)));
}

// boxDistanceKm returns a lower bound of the distance from p to any point of box
// [south, west, north, east].
function boxDistanceKm(p, box) {
  const lat = Math.min(Math.max(p[0], box[0]), box[2]);
  const lon = Math.min(Math.max(p[1], box[1]), box[3]);
  return distanceKm(p, [lat, lon]);
}

/** Index reads the index files of one site, each at most once. */
export class Index {
  /**
   * @param {string} base the site's base path
   * @param {string} [lang] the page's language, whose index of other pages /search/ reads
   */
  constructor(base, lang = "en") {
    this.base = base;
    this.lang = lang;
    this.files = new Map();
  }

  /** json returns the parsed content of the index file at path (relative to the base). */
  json(path) {
    let p = this.files.get(path);
    if (!p) {
      p = fetch(this.base + path).then((r) => {
        if (!r.ok) throw new Error(`${path}: ${r.status}`);
        return r.json();
      });
      p.catch(() => this.files.delete(path));
      this.files.set(path, p);
    }
    return p;
  }

  /** manifest returns search/manifest.json. */
  manifest() {
    return this.json("search/manifest.json");
  }

  // wordRefs returns the groups having a word that starts with word.
  async wordRefs(word) {
    const m = await this.manifest();
    const first2 = [...word].slice(0, 2).join("");
    let file = null;
    for (const t of m.tokens) if (compareCodePoints(t.from, first2) <= 0) file = t.file;
    if (!file) return [];
    const shard = await this.json(file);
    const lists = [];
    for (const [tok, d] of Object.entries(shard)) if (tok.startsWith(word)) lists.push(undelta(d));
    return lists.length ? union(lists) : [];
  }

  // filterRefs returns the groups having value for filter name.
  async filterRefs(name, value) {
    const m = await this.manifest();
    if (name === "state") {
      const st = m.states.find((s) => s.code === value);
      return st ? range(st.first, st.count) : [];
    }
    const f = m.filters[name] && m.filters[name][value];
    return f ? undelta(await this.json(f.file)) : [];
  }

  /**
   * match returns the sorted refs of the groups matching every word of q by prefix and every
   * filter set in filters; every group when there is neither.
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
    const m = await this.manifest();
    const where = refs.map((r) => fileOf(m, r));
    const files = [...new Set(where.map((w) => w.file))];
    const loaded = new Map(await Promise.all(files.map(async (f) => [f, await this.json(f)])));
    return refs.map((r, i) => loaded.get(where[i].file)[r - where[i].first]);
  }

  /**
   * nearest returns up to k of refs ordered by distance from position pos ([lat, lon]),
   * as {ref, rec, km}, the groups without coordinates after the others. It fetches the
   * records of the nearest states first and stops once no other state can hold a nearer
   * group.
   * @param {number[]} refs sorted
   * @param {number[]} pos
   * @param {number} k
   */
  async nearest(refs, pos, k) {
    const m = await this.manifest();
    const wanted = new Map(); // state position → refs
    for (const r of refs) {
      const s = stateOf(m, r);
      if (!wanted.has(s)) wanted.set(s, []);
      wanted.get(s).push(r);
    }
    const order = [...wanted.keys()]
      .map((s) => ({ s, d: m.states[s].bbox ? boxDistanceKm(pos, m.states[s].bbox) : Infinity }))
      .sort((a, b) => a.d - b.d || a.s - b.s);
    const found = [];
    const far = [];
    for (const { s, d } of order) {
      found.sort((a, b) => a.km - b.km);
      if (found.length >= k && found[k - 1].km <= d) break;
      const these = wanted.get(s);
      const recs = await this.records(these);
      these.forEach((ref, i) => {
        if (recs[i].coords) found.push({ ref, rec: recs[i], km: distanceKm(pos, recs[i].coords) });
        else far.push({ ref, rec: recs[i], km: null });
      });
    }
    found.sort((a, b) => a.km - b.km || a.ref - b.ref);
    const out = found.slice(0, k);
    far.sort((a, b) => a.ref - b.ref);
    for (const f of far) if (out.length < k) out.push(f);
    return out;
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
      const refs = lists.length ? union(lists) : [];
      match = match ? intersect(match, refs) : refs;
    }
    return match.map((i) => idx.docs[i]);
  }
}
