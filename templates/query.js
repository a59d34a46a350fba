// Reading a finder query as people type it: "Albuquerque NM", "tempe, arizona", "87110",
// "spanish", "young adults online", "grupos en Las Cruces", "groups near me". The words of the
// index's dictionary (search/words: state names and codes, languages, programs, audiences,
// attendance, days, times of day, "near me" and words that say nothing about which group, in
// every language of the site) become filters; a five-digit number is a ZIP code; the other
// words are searched in the groups' names and places, or name a place.

import { minWordLength, queryTerms } from "./fold.js";
import { hasOwn, range } from "./search-index.js";

/**
 * The most words of a query that are read, not counting the words that only say nothing
 * (stop words: "i", "am", "looking", "for"); the rest are left out. A sentence typed as one
 * would say it keeps its place and days at its end.
 */
export const maxWords = 12;
// The most words of a query that are read, stop words included.
const maxTokens = 60;
/** The longest word that is read, in letters; longer ones are cut. */
export const maxWordLength = 40;
// The longest phrase of the dictionary, in words.
const maxPhrase = 5;

/**
 * @typedef {{w: string, caps: boolean, title?: boolean, stop?: boolean, street?: boolean, saint?: boolean, at?: number}} Word a
 *   word of the query; in the text, stop when it says nothing there, street when it is part of
 *   a street address (see streetOf; saint when it may start a saint's town all the same), and
 *   at its index in the words
 * @typedef {{words: string[], meanings: string[][], prefix?: boolean}} Term a phrase of the
 *   dictionary and what it means; prefix when it is the start of the phrases, being typed
 * @typedef {{words: Word[], terms: Term[], text: Word[], zip: string, near: boolean, condition: boolean, family: boolean, crisis: boolean, topic: boolean, topics: string[]}} Parsed
 *   topics: the guides' slugs (or "trainings") whose topic the query names, in order
 */

/**
 * saidKinds are the meanings of the dictionary that restrict nothing, as stop words, but that
 * parse reports, for the page to answer.
 */
export const saidKinds = [
  "condition", // a mental health condition: every group welcomes adults living with any
  "family", // someone close: the groups are for adults living with a condition
  "crisis", // thinking about suicide, in crisis: the crisis line comes before any group
  "topic", // what a guide or the trainings are about ("facilitator", "jail"): topics lists them
];

/**
 * phraseKinds are the meanings of saidKinds whose phrases of two words or more a word being
 * typed may start ("eati": eating disorder): not a crisis's ("cant" starts "cant go on", and
 * "cant find a group" is no crisis), nor someone close's.
 */
export const phraseKinds = saidKinds.filter((k) => k === "condition" || k === "topic");

/**
 * quietKinds are the meanings of the dictionary that say nothing about which group: "stop",
 * and "before" (a stop word that comes before a place's name, "in", "cerca").
 */
export const quietKinds = [
  "stop", // a word that says nothing about which group
  "before", // one that comes before a place's name
];

/**
 * saysNothing reports whether the dictionary's phrase p has only meanings of quietKinds.
 * @param {Record<string, string[][]>} phrases
 * @param {string} p
 */
export function saysNothing(phrases, p) {
  return hasOwn(phrases, p) && phrases[p].every((m) => quietKinds.includes(m[0]));
}

// streetSuffixes are the words that end a street's name in an address, as people write them.
const streetSuffixes = new Set(["st", "street", "ave", "av", "avenue", "rd", "road", "blvd", "boulevard", "dr", "drive", "ln", "lane", "ct", "court", "hwy", "highway", "pkwy", "parkway", "cir", "circle", "pike", "trl", "trail"]);

// quadrants and units are the words that may follow a street's suffix in an address: the
// quadrant of a city that numbers its streets so ("1600 Pennsylvania Ave NW", "123 Main St
// NE": not Nebraska), and the words that name a unit within the building, each before its
// number or letter ("Apt 4B", "Suite 200", "Unit C").
const quadrants = new Set(["n", "s", "e", "w", "ne", "nw", "se", "sw"]);
const units = new Set(["apt", "apartment", "unit", "suite", "ste"]);

// streetFirst are the words that begin a street's name where its number follows it, as in
// Puerto Rico and Latin America ("Calle Luna 123", "Ave. Ponce de León 1500", "Carr. 2").
const streetFirst = new Set(["calle", "avenida", "ave", "av", "carr", "carretera", "camino", "paseo"]);

// streetOf returns the places in words of a street address's house number and street ("123
// Main St", "1200 St Louis Ave"): a number of up to five digits and the words after it up to
// the last street suffix of the next four, with no other number among them (a ZIP code
// before the address stays one: "43215 123 Main St"), and the quadrant and unit after the
// suffix (see quadrants, units); or a word of streetFirst, up to four words and a number of
// up to four digits. They say nothing: the town after them
// is the place ("123 Main St, Columbus OH" is Columbus), where "st" would otherwise start a
// saint's town and cost the search its files of places. Each maps to whether it may start a
// place's name all the same (see below).
function streetOf(words) {
  const at = new Map();
  const number = (i) => /^\d{1,5}$/.test(words[i].w);
  for (let i = 0; i < words.length; i++) {
    if (!number(i)) continue;
    let end = -1;
    for (let j = i + 1; j < Math.min(words.length, i + 5) && !number(j); j++) if (streetSuffixes.has(words[j].w)) end = j;
    for (let j = i; j <= end; j++) at.set(j, false);
    // "St" after the street's suffix, and before another word, may start a saint's town: "500
    // Main St St Cloud", "9 Oak Ave St Petersburg", but "100 Court St Columbus" (see placeRuns).
    if (end > i + 1 && words[end].w === "st" && streetSuffixes.has(words[end - 1].w) && end + 1 < words.length) {
      at.set(end, true);
    } else if (end > i) {
      if (end + 1 < words.length && quadrants.has(words[end + 1].w)) at.set(++end, false);
      const unit = words[end + 2]?.w ?? "";
      if (end + 1 < words.length && units.has(words[end + 1].w) && (/\d/.test(unit) || [...unit].length === 1) && !/^\d{5}$/.test(unit)) {
        at.set(end + 1, false).set(end + 2, false);
        end += 2;
      }
    }
    if (end > i) i = end;
  }
  // Not the "Ave" of "1600 Pennsylvania Ave NW, Washington, DC 205", nor of "Main Ave,
  // Columbus OH 432": their ZIP codes being typed, which no town follows.
  words.forEach((x, i) => {
    const n = streetFirst.has(x.w) && !at.has(i) ? words.findIndex((y, j) => j > i && j <= i + 5 && j < words.length - 1 && /^\d{1,4}$/.test(y.w)) : -1;
    for (let j = i; j <= n; j++) at.set(j, false);
  });
  return at;
}

/**
 * parse reads query q with the dictionary's phrases (phrase → meanings, each [filter, value],
 * ["near"], ["stop"], ["condition"] or ["family"]). It returns the query's words, the
 * dictionary's terms found in it (longest phrase first), the other words in order (text; stop
 * words marked, since they restrict nothing but may be part of a place's name, "Las Cruces"),
 * the first ZIP code (a ZIP+4's last four digits dropped), whether it asks for groups near the
 * visitor, whether it names a mental health condition (which every group welcomes: it
 * restricts nothing), and whether it names someone close ("my son", "familia": it restricts
 * nothing either). Unless prefix is false (the words as the visitor asked for them, exact),
 * the last word may be one being typed, read as the words it starts (see typedWord).
 * @param {string} q
 * @param {Record<string, string[][]>} phrases
 * @param {{prefix?: boolean}} [opts]
 * @returns {Parsed}
 */
export function parse(q, phrases = {}, { prefix = true } = {}) {
  const terms = queryTerms(String(q).slice(0, 500)).slice(0, maxTokens);
  // A query typed all in capitals says nothing by its capitals: "GROUPS IN DALLAS" is not
  // Indiana.
  const long = terms.filter((t) => [...t.w].length > 1);
  const shouted = long.length > 1 && long.every((t) => t.caps);
  const words = [];
  let counted = 0;
  for (const t of terms) {
    if (counted >= maxWords) break;
    const w = [...t.w].slice(0, maxWordLength).join("");
    words.push({ w, caps: t.caps && !shouted, title: t.title && !shouted });
    if (!saysNothing(phrases, w)) counted++;
  }
  const out = { words, terms: [], text: [], zip: "", near: false, condition: false, family: false, crisis: false, topic: false, topics: [] };
  const street = streetOf(words);
  for (let i = 0; i < words.length;) {
    const w = words[i].w;
    if (street.has(i)) {
      out.text.push({ ...words[i], stop: true, street: true, ...(street.get(i) ? { saint: true } : {}), at: i });
      i++;
      continue;
    }
    if (!out.zip && /^\d{5}$/.test(w)) {
      out.zip = w;
      i += i + 1 < words.length && /^\d{4}$/.test(words[i + 1].w) ? 2 : 1;
      continue;
    }
    let used = 0;
    for (let n = Math.min(maxPhrase, words.length - i); n >= 1 && !used; n--) {
      const slice = words.slice(i, i + n);
      const key = slice.map((x) => x.w).join(" ");
      const meanings = hasOwn(phrases, key) ? phrases[key] : null;
      if (!meanings) continue;
      const other = meanings.filter((m) => !quietKinds.includes(m[0]));
      const stop = other.length < meanings.length;
      // "in", "or", "de", "la": a word, unless written in capitals (IN for Indiana), or last
      // after a town's name ("salem or", "portland me", "honolulu hi").
      const prev = out.text[out.text.length - 1];
      const afterTown = i === words.length - 1 && i > 0 && prev && !prev.stop && prev.w === words[i - 1].w && other.some((m) => m[0] === "state");
      if (other.length === 0 || (stop && n === 1 && !slice[0].caps && !afterTown)) {
        slice.forEach((x, k) => out.text.push({ ...x, stop: true, at: i + k }));
      } else if (other.some((m) => m[0] === "near")) {
        out.near = true;
      } else if (other.some((m) => saidKinds.includes(m[0]))) {
        for (const m of other) if (saidKinds.includes(m[0])) out[m[0]] = true;
        for (const m of other) if (m[0] === "topic" && !out.topics.includes(m[1])) out.topics.push(m[1]);
        slice.forEach((x, k) => out.text.push({ ...x, stop: true, at: i + k }));
      } else {
        out.terms.push({ words: slice.map((x) => x.w), meanings: other });
      }
      used = n;
    }
    if (!used) {
      // A letter alone ("m" of "I'm", "s" of "women's") is indexed nowhere: it says nothing;
      // nor does a number beside other words ("my son is 20"), but alone it starts ZIP codes.
      out.text.push({ ...words[i], stop: [...w].length < minWordLength || (words.length > 1 && /^\d{1,4}$/.test(w)), at: i });
      used = 1;
    }
    i += used;
  }
  // The last word may be one being typed: "spani", "veter" read as the words they start.
  const last = out.text[out.text.length - 1];
  if (prefix && last && !last.stop && last === out.text.find((x) => x.w === last.w) && words[words.length - 1].w === last.w && [...last.w].length >= 3) {
    const meanings = [];
    // A word that also starts a word of a condition, a crisis or a topic, which restrict
    // nothing, restricts nothing either, as the groups of both are every group: "bipo" is on
    // its way to "bipolar" as well as to "BIPOC", "tra" to "trauma" as well as to "trans".
    let saidToo = false;
    for (const [p, ms] of Object.entries(phrases)) {
      if (p.includes(" ") || !p.startsWith(last.w)) continue;
      if (p !== last.w && ms.every((mn) => mn[0] === "condition" || mn[0] === "crisis" || mn[0] === "topic")) saidToo = true;
      // Not "when" under four letters: "tod" and "tom" start too many words to be read as
      // days ("toni", "tomor" are tonight and tomorrow).
      const skip = [...quietKinds, "near", ...([...last.w].length < 4 ? ["when"] : []), ...saidKinds];
      for (const mn of ms) if (!skip.includes(mn[0]) && !meanings.some((x) => x[0] === mn[0] && x[1] === mn[1])) meanings.push(mn);
    }
    if (meanings.length && saidToo) {
      out.text[out.text.length - 1] = { ...last, stop: true };
    } else if (meanings.length) {
      out.text.pop();
      out.terms.push({ words: [last.w], meanings, prefix: true });
    }
  }
  return out;
}

/**
 * typedWord returns the word (or phrase) of the dictionary that a term read from a word being
 * typed stands for, to say what the results are for ("spani": "spanish"; "wom": "women"; "youn":
 * "young adults"): a meaning's own name when the word starts it, else the shortest word the
 * word starts with one of the term's meanings; "" for a term read whole, or one whose words
 * mean things of more than one kind, which no one word says ("vir": virtual, Virginia).
 * @param {Term} term
 * @param {Record<string, string[][]>} phrases
 */
export function typedWord(term, phrases) {
  if (!term.prefix || new Set(term.meanings.map((mn) => mn[0])).size > 1) return "";
  const w = term.words[0];
  const means = (p) => phrases[p].some((mn) => term.meanings.some((x) => x[0] === mn[0] && x[1] === mn[1]));
  for (const [, value] of term.meanings) {
    const name = String(value).replace(/-/g, " ");
    if (name.startsWith(w) && hasOwn(phrases, name) && means(name)) return name;
  }
  return shortestStarting(w, Object.keys(phrases), means);
}

// shortestStarting returns the shortest of words, of one word each unless many, that w
// starts (w itself left out) and that ok accepts, the first in code-point order of those as
// short; "" for none.
function shortestStarting(w, words, ok, many = false) {
  let best = "";
  for (const p of words) {
    if ((!many && p.includes(" ")) || p === w || !p.startsWith(w) || !ok(p)) continue;
    const shorter = [...p].length - [...best].length;
    if (!best || shorter < 0 || (shorter === 0 && p < best)) best = p;
  }
  return best;
}

// typedLast returns the query's last word when it may be being typed: read as text (not as a
// stop word or a filter's start), of min letters or more, without digits; else "".
function typedLast(parsed, min) {
  const last = parsed.text[parsed.text.length - 1];
  const all = parsed.words;
  if (!last || last.stop || !all.length || all[all.length - 1].w !== last.w) return "";
  return [...last.w].length < min || /\d/.test(last.w) ? "" : last.w;
}

/**
 * saidWord returns the word of words (the dictionary's words of conditions, crisis and topics
 * in the page's language: see Index.completions) that the query's last word starts, a word
 * being typed or cut short ("depre": "depression"; "suicid": "suicide"; "facil":
 * "facilitate"): the shortest such word, or "" when none is. The last word must be of min
 * letters or more (five submitted: "over" is not overdose, nor "cris" crisis; four being typed,
 * where "depr" would otherwise be corrected to Deer, Arkansas, on its way to "depression") and
 * read as text, not as a stop word or a filter's start.
 * When no word is, it is the shortest phrase of phraseKinds that the last word starts, whose
 * first word is no word of the dictionary ("eati": "eating disorder"; "heari": "hearing
 * voices").
 * @param {Parsed} parsed
 * @param {Record<string, string[][]>} phrases
 * @param {string[]} words
 * @param {number} [min]
 */
export function saidWord(parsed, phrases, words, min = 5) {
  const w = typedLast(parsed, min);
  if (!w) return "";
  const said = (p) => hasOwn(phrases, p) && phrases[p].every((mn) => saidKinds.includes(mn[0]));
  const named = (p) => p.includes(" ") && !hasOwn(phrases, p.slice(0, p.indexOf(" "))) && phrases[p].every((mn) => phraseKinds.includes(mn[0]));
  return shortestStarting(w, words, said) || shortestStarting(w, Object.keys(phrases), named, true);
}

/**
 * quietWord returns the word of the dictionary that says nothing ("group", "support") that
 * the query's last word starts, a word being typed ("online spanish gro"): the shortest such
 * word, or "" when none is. The last word must be of three letters or more, read as text, not
 * as a stop word or a filter's start.
 * @param {Parsed} parsed
 * @param {Record<string, string[][]>} phrases
 */
export function quietWord(parsed, phrases) {
  const w = typedLast(parsed, 3);
  return w ? shortestStarting(w, Object.keys(phrases), (p) => saysNothing(phrases, p)) : "";
}

/**
 * searchWords returns the text words that restrict results: not stop words, long enough.
 * @param {Word[]} text
 */
export function searchWords(text) {
  return text.filter((x) => !x.stop && [...x.w].length >= minWordLength).map((x) => x.w);
}

/**
 * placeRuns returns the runs of words that may name a place, longest first: every run of
 * consecutive text words that holds all the words that are not stop words, with at most two
 * stop words before and after them ("grupos de apoyo en las cruces" → "en las cruces", "las
 * cruces", "cruces"), as keys. Given the dictionary's phrases and the words that start and
 * end places' names (see search-index.js nameEdges), a run begins or ends with a word of the
 * dictionary that says nothing only if some place's name does: "las cruces", but not "en las
 * cruces", nor "just moved to beach". A run never begins or ends with a word of a street address
 * ("4500 N High St Columbus" is "columbus", not "high st columbus") but a saint's "st" after
 * the street's ("500 Main St St Cloud": "st cloud").
 * @param {Word[]} text
 * @param {{phrases: Record<string, string[][]>, starts: Set<string>, ends: Set<string>} | null} [edges]
 */
export function placeRuns(text, edges = null) {
  const real = text.map((x, i) => (x.stop ? -1 : i)).filter((i) => i >= 0);
  if (real.length === 0) return [];
  const first = real[0];
  const last = real[real.length - 1];
  // A word of the dictionary that says nothing, and never begins (or ends) a place's name.
  const never = (x, names) => (x.street && !x.saint) || (edges && x.stop && !names.has(x.w) && hasOwn(edges.phrases, x.w) && edges.phrases[x.w].some((mn) => quietKinds.includes(mn[0]) || saidKinds.includes(mn[0])));
  // Where a run may end, the longest first.
  const ends = range(last + 1, Math.min(text.length, last + 3) - last).reverse().filter((j) => !never(text[j - 1], edges?.ends));
  const words = (i, j) => text.slice(i, j).map((x) => x.w).join(" ");
  const runs = [];
  for (let i = Math.max(0, first - 2); i <= first; i++) {
    if (!never(text[i], edges?.starts)) for (const j of ends) runs.push({ i, j, key: words(i, j) });
  }
  runs.sort((a, b) => b.j - b.i - (a.j - a.i) || a.i - b.i);
  // "condado de" and a name is that county, as the gazetteer keys it: "condado de los
  // angeles" is "los angeles county", looked up first.
  const c = text.findIndex((x, k) => x.w === "condado" && text[k + 1]?.w === "de" && k <= first && k + 2 <= last);
  const counties = c < 0 ? [] : ends.map((j) => `${words(c + 2, j)} county`);
  return [...new Set([...counties, ...runs.map((r) => r.key)])].filter((k) => k.split(" ").length <= 6);
}

// likelier reports whether typing w meant c more likely than best, at the same distance: c
// starts with w and best does not, or else c is w with two neighbours swapped and best is not.
function likelier(w, c, best) {
  const starts = (x) => x.startsWith(w);
  if (starts(c) !== starts(best)) return starts(c);
  return swapped(w, c) && !swapped(w, best);
}

// swapped reports whether b is a with one pair of neighbouring letters swapped.
function swapped(a, b) {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  const diff = [];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0] + 1 && x[diff[0]] === y[diff[1]] && x[diff[1]] === y[diff[0]];
}

/**
 * maxEdits returns how many edits a word of this length may be from the word it is corrected
 * to: none up to 3 letters, one up to 7, two from 8.
 * @param {string} w
 */
export function maxEdits(w) {
  const n = [...w].length;
  return n < 4 ? 0 : n < 8 ? 1 : 2;
}

/**
 * editDistance returns the number of single-letter insertions, deletions, substitutions and
 * swaps of two neighbours that turn a into b (optimal string alignment), or max + 1 as soon
 * as it exceeds max.
 * @param {string} a
 * @param {string} b
 * @param {number} max
 */
export function editDistance(a, b, max) {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev2 = null;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (prev2 && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[y.length];
}

/**
 * closest returns the candidate nearest to w within max edits, or "" when none is;
 * among equally near ones, the one with the highest weight, then one of a size two more than
 * the other's, then the likelier typed (see likelier), then the larger, then the first.
 * @param {string} w
 * @param {Iterable<[string, number, number?]>} candidates word, weight and size (for a place,
 *   the number of digits of its population)
 * @param {number} [max] the edits allowed, if not maxEdits(w)
 */
export function closest(w, candidates, max = maxEdits(w)) {
  if (max === 0) return "";
  let best = "";
  let bestD = max + 1;
  let bestWeight = -1;
  let bestSize = 0;
  for (const [c, weight, size = 0] of candidates) {
    if (c === w) continue;
    const d = editDistance(w, c, Math.min(max, bestD));
    // At the same distance: the heavier; then a place a hundred times as large ("sattle" →
    // "seattle", not "sattley"); then the one the word starts (a word being typed, "chicag"
    // → "chicago", not "chical"), then the one of two letters swapped ("pheonix" →
    // "phoenix", not "phenix"), then the larger place ("detoit" → "detroit", not "deloit").
    const tie = d === bestD && d <= max;
    const sameWeight = tie && weight === bestWeight;
    const nearer = d < bestD || (tie && weight > bestWeight);
    const larger = Math.abs(size - bestSize) >= 2 ? size > bestSize : likelier(w, c, best) || (!likelier(w, best, c) && size > bestSize);
    if (nearer || (sameWeight && larger)) {
      best = c;
      bestD = d;
      bestWeight = weight;
      bestSize = size;
    }
  }
  return bestD <= max ? best : "";
}
