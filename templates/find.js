// The finder's search, without the page: a query as typed, the form's filters and, for "near
// me", the visitor's position, in; the groups to show, in order, and what the page should say
// about them, out. It reads the index through an Index (search-index.js), so it runs the same
// in the browser and in node's tests.
//
// A query is read by query.js: the dictionary's words become filters (a state, a language…),
// a ZIP code or the name of a town becomes a place, and the other words must each start a
// word of a group's name, place or affiliate. With a place (or "near me"), the result is the
// groups within the radius, nearest first, and the groups whose place the words name; without
// one, the matching groups, soonest meeting first. A query that finds nothing is tried again
// with its unknown words corrected (or left out), and said so.

import { placeKey } from "./fold.js";
import { closest, editDistance, maxEdits, parse, phraseKinds, placeRuns, quietKinds, quietWord, saidKinds, saidWord, saysNothing, searchWords, typedWord } from "./query.js";
import { msPerDay, nextMeeting, onlyMeetings } from "./meetings.js";
import { dayOrder, distances, nearby, nearestFirst, soonest, statesNear } from "./rank.js";
import { boxDistanceMiles, distanceMiles, filterNames, hasOwn, intersect, lastIndex, range, recordFileOf, stateOf, tokenFileOf, union } from "./search-index.js";

// The filters whose values the query's words may give, besides day and time ("access",
// wheelchair access, only they give).
const termKinds = ["state", "attendance", "language", "program", "audience", "access"];
// The most files of the gazetteer read to look up a query's place names (names in one file,
// "near columbus" and "columbus", cost one), and the most words a correction looks up places
// for.
const maxPlaceLookups = 4;

// correctionBudget is the most files of places (about 4.5 KB gzip each) the corrections of a
// search, their searches and the readings of part of its words read together, beyond those
// the search as typed read: a long sentence of unknown words read up to 14 files of places,
// 63 KB, and passed the finder's 100 KB with the page; the search as typed and its readings
// read what they need.
const correctionBudget = 3;

// affords reports whether the corrections of the search o may still read so many more files
// of places (see correctionBudget), weighing bytes together (their folder's mean weight each
// unless given), within the search's budget of bytes (see fits).
function affords(index, o, files, bytes = files * index.weight("search/p/")) {
  return index.spent(o.mark) + files <= correctionBudget && fits(index, o, bytes);
}

// searchBudget is what the files of the index one search reads may weigh together, in bytes
// gzip as the index weighs them (see Index.weight), the gazetteer's index among them (the page
// fetches it with the manifest: see find): the finder's 100 KB, less its page's 45.6
// (the page of groups with its map, its style, its script and its icon, at 10,000 groups, in
// Spanish: 0.5 more than in English), 0.2 for the page of a larger directory (its states'
// counts have more digits; a scale test weighs the page against this budget), 0.7 for the
// weights of records being their folder's mean and for web servers' gzip, which makes some
// files up to 6% larger than Go's (internal/search.gzipSize), and 0.5 to spare: 53.0. (It was
// 57.1 with the page at 41.5, 56.5 at 42.1, 56.0 at 42.6, 55.7 at 42.9, 55.5 at 43.1, 55.3 at
// 43.3, 55.0 at 43.6, 54.8 at 43.8, 54.7 at 43.9, 54.6 at 44.0, 54.5 at 44.1, 54.3 at 44.3,
// 54.2 at 44.4, 54.0 at 44.6, 53.9 at 44.7, 53.8 at 44.8, 53.7 at 44.9, 53.6 at 45.0, 53.5 at
// 45.1, 53.3 at 45.3, 53.2 at 45.4, 53.0 at 45.6, and follows the page as it grows and
// shrinks: the README keeps its history.) The search reads the files of its words; then
// places (and the positions of the states around one), corrections and their searches,
// weekdays' meetings and the records of up to a page of results only while what is left pays
// for them and for the records of the first results (see fits); and the results shown stop
// where the files of their records would pass the budget (see withinBudget).
export const searchBudget = 53.0 * 1024;

// fits reports whether the search o may read files weighing bytes more, and still the
// records of its first firstShown results.
function fits(index, o, bytes, reserve = firstShown * index.weight("search/g/")) {
  return index.bytesSince(o.from) + bytes + reserve <= searchBudget;
}

// readable reports whether the search o may read the index file at path: one read already,
// or one the budget pays for (see fits), with bytes more it owes; false for no file.
function readable(index, o, path, owed = 0) {
  return !!path && (index.has(path) || fits(index, o, index.weight(path) + owed));
}

// withinBudget returns the first of list ({ref}, in order) whose files of records the search
// o may read within its budget (see searchBudget): all of them, or as many as fit and never
// fewer than firstShown. The page offers the rest ("Show more"), whose search finds the files
// read already in the page's index and reads only the others.
function withinBudget(index, m, o, list) {
  let left = searchBudget - index.bytesSince(o.from);
  const asked = new Set();
  for (let i = 0; i < list.length; i++) {
    const file = recordFileOf(m, list[i].ref);
    if (index.has(file) || asked.has(file)) continue;
    const w = index.weight(file);
    if (i >= firstShown && w > left) return list.slice(0, i);
    asked.add(file);
    left -= w;
  }
  return list;
}

// The weights of the candidates of a correction: of two as near to the word typed, the
// heavier wins (see closest). A word that completes a place's name with the query's other
// words ("los angelos"); a state's name ("georia" is Georgia, not Peoria; "vremont" Vermont,
// not Fremont); the whole name of a city of largeSize or more, five letters or longer,
// unless the search names another state ("dalas" is Dallas, not "damas", but "sola" is not
// NOLA); another word of the dictionary, stop words included; a word of the groups' names
// and places (1000 and the length of its list of groups); a place's whole name; a word of
// one.
const completesWeight = 3e6;
const stateNameWeight = 2.5e6;
const largeCityWeight = 2e6;
const dictionaryWeight = 1.5e6;
const groupWordWeight = 1000;
const wholeNameWeight = 2;
const partNameWeight = 1;

// largeSize is the size (the digits of its population) of a city of 100,000 people or more.
const largeSize = 6;

// inStateBonus is added to the size of a place of the state a search is in, when correcting:
// more than any two places' sizes differ (see closest).
const inStateBonus = 10;

/**
 * @typedef {object} Found
 * @property {number} count how many groups match
 * @property {{ref: number, rec: object, start: number | null, miles: number | null}[]} items the groups to show, in order
 * @property {"none" | "text" | "place" | "near"} mode
 * @property {{at: number[], state: string, label: string, from: string} | null} place what distances are measured from
 * @property {number} within how many groups are within the radius (place and near modes)
 * @property {string} farWords (place mode) the words, folded, that the groups beyond the radius
 *   counted in count match: the place's name or code, without the words that say nothing
 *   ("springfield" of "mi hijo springfield")
 * @property {number} radius the radius in miles
 * @property {boolean} narrowed (place and near modes) words of the query besides the place's
 *   narrow the groups within the radius: "columbus women" lists only the women's groups
 * @property {string} corrected the query the results are for, when not the one typed
 * @property {{label: string, state: string}[]} alsoNamed the largest other places of the place's
 *   name, when no state chose it ("columbus" is Columbus, OH; Columbus, GA and Columbus, IN too)
 * @property {{name: string, value: string}[]} unknown filter values of the URL that no group has a name for
 * @property {boolean} asksNear the query asks for groups near the visitor ("near me")
 * @property {boolean} condition the query names a mental health condition ("depression"):
 *   it restricts nothing, since every group welcomes adults living with any
 * @property {boolean} family the query names someone close ("my son", "familia"): it
 *   restricts nothing, and the page says who the groups are for
 * @property {boolean} crisis the query says its writer may be in crisis ("i want to die",
 *   "suicidio"): it restricts nothing, and the page gives the crisis line first
 * @property {string[]} topics the guides (slugs) or "trainings" whose topic the query names
 *   ("how do i become a facilitator", "jail"): it restricts nothing, and the page links them
 * @property {boolean} unrestricted the query's words restrict nothing ("support groups",
 *   "i want to die"): the groups are every group, or the form's filters', soonest first
 * @property {string} zip a ZIP code of the query that the gazetteer does not know
 * @property {string} zipFrom the code the search is from, when the query's has no area of its
 *   own (see Index.zip): the nearest with its first three digits
 * @property {string} state the state the search is about, lower case, when it names one
 * @property {number} [pending] given to opts.partial only: how many results follow items
 * @property {import("./meetings.js").MeetingFilter | null} meetings the meetings the search
 *   asks for (days and times of day), null for any: each item's next meeting is of those
 * @property {boolean} noneLeftToday the query asks for meetings today ("today", "tonight")
 *   and none is left in the visitor's day: the items meet on later days, soonest first
 */

/**
 * withoutQuietEnd returns the query fixed without the short words at its end that say nothing
 * as parse reads them ("in", "the", "a"), to say what results are for: "veterans group in sa",
 * its "sa" left out, gave them for "veterans group" (not "… in"). Longer ones stay ("peer
 * support"), as do a state's code after a town's name ("salem in": Indiana) and the query's
 * first word.
 * @param {string} fixed
 * @param {Record<string, string[][]>} phrases
 */
export function withoutQuietEnd(fixed, phrases) {
  const words = fixed.split(" ");
  while (words.length > 1) {
    const p = parse(words.join(" "), phrases);
    const last = p.text[p.text.length - 1];
    if (!last || !last.stop || last.at !== p.words.length - 1 || [...last.w].length > 3) break;
    words.pop();
  }
  return words.join(" ");
}

/**
 * find runs a search.
 * @param {import("./search-index.js").Index} index
 * @param {object} opts
 * @param {string} [opts.q] the query as typed
 * @param {Record<string, string>} [opts.filters] the form's filters, by name
 * @param {Record<string, Set<string>>} [opts.allowed] the values each filter may take
 * @param {number[] | null} [opts.position] the visitor's [lat, lon], for "near me"
 * @param {boolean} [opts.exact] search the words as typed, without corrections
 * @param {boolean} [opts.readings] with exact, still read a place in part of the words (a
 *   correction's search: see afterBefore and partOf)
 * @param {number} [opts.mark] where in index.read the corrections began (a correction's search
 *   shares their budget: see correctionBudget)
 * @param {number} [opts.from] where in index.read the search began (a correction's search is
 *   part of it, and shares its budget: see searchBudget)
 * @param {boolean} [opts.typing] the query is being typed: a place's name it ends with may be
 *   unfinished (see completion)
 * @param {number} [opts.limit] how many groups to return
 * @param {number} [opts.now] the time, in milliseconds since the epoch
 * @param {(found: Found) => void} [opts.partial] called with the first results, in order and
 *   with everything else the search found, when the records of the others are still coming
 * @returns {Promise<Found>}
 */
export async function find(index, opts) {
  const o = { q: "", filters: {}, allowed: null, position: null, exact: false, limit: 20, now: Date.now(), from: index.read.length, ...opts };
  const m = await index.manifest();
  // The finder's page fetches the gazetteer's index with the manifest, whether the search
  // reads it or not (most searches of words do, and it saves them a round of requests): it is
  // part of what the page loads, and of the budget. (Until 2026-12-06 a search that read no
  // place, "spanish online", was budgeted without it, and loaded up to 101 KB.)
  if (m.geo) await index.geo();
  // Whether the search's budget pays for files weighing bytes more (see fits), and for the
  // files of places around a name's key (see Index.placeShardsNear).
  const pays = (bytes) => fits(index, o, bytes);
  const paysNear = async (key) => pays(await index.unreadPlaceBytes(await index.keysNear(key)));
  const out = {
    count: 0, items: [], mode: "none", place: null, within: 0, radius: m.radius_miles || 100,
    corrected: "", farWords: "", alsoNamed: [], unknown: [], asksNear: false, zip: "", zipFrom: "", state: "", meetings: null, narrowed: false,
    condition: false, family: false, crisis: false, topics: [], unrestricted: false, noneLeftToday: false, named: {},
  };
  const form = {};
  for (const name of filterNames) {
    const v = o.filters[name];
    if (!v) continue;
    if (o.allowed && o.allowed[name] && !o.allowed[name].has(v)) out.unknown.push({ name, value: v });
    else form[name] = v;
  }
  const phrases = o.q.trim() ? await index.dictionary() : {};
  // The words that may begin or end a place's name (see placeRuns).
  const edges = o.q.trim() ? await index.nameEdges() : null;
  o.edges = edges && { phrases, ...edges };
  // The words as the visitor asked for them (exact, not a correction's search) are read whole:
  // "spani" is then a word, not the start of "spanish".
  const parsed = placeFirst(m, parse(o.q, phrases, { prefix: !o.exact || !!o.readings }), phrases);
  // lastAs returns the query with its last word written w, the others as typed.
  const lastAs = (w) => parsed.words.map((x, i) => (i === parsed.words.length - 1 ? w : x.caps ? x.w.toUpperCase() : x.w)).join(" ");
  // The query's last word (a word being typed, perhaps), and the word before it.
  const lastWord = parsed.words[parsed.words.length - 1];
  const beforeLast = parsed.words[parsed.words.length - 2];
  // A last word read as the words it starts is said, as a correction is: "Showing results for
  // spanish" (kept only if the words find groups: see below); in a correction's search too
  // ("albuqerque spani": "albuquerque spanish").
  const typedTerm = parsed.terms.find((t) => t.prefix);
  const typedAs = typedTerm ? typedWord(typedTerm, phrases) : "";
  if (typedAs) out.corrected = lastAs(typedAs);
  out.asksNear = parsed.near;
  out.condition = parsed.condition;
  out.family = parsed.family;
  out.crisis = parsed.crisis;
  out.topics = parsed.topics;
  prefetch(index, m, parsed, o);
  // A word that says nothing, as parse reads it: "in" unless written IN (Indiana).
  const isStop = (x) => hasOwn(phrases, x.w) && (phrases[x.w].every((mn) => quietKinds.includes(mn[0]) || saidKinds.includes(mn[0])) || (!x.caps && phrases[x.w].some((mn) => mn[0] === "stop")));
  const isState = (t) => !t.prefix && t.meanings.some((mn) => mn[0] === "state");
  // Two states and nothing else may be a town and its state ("washington dc", "indiana pa",
  // "delaware ohio"): the town, when the second state has one of the first's name.
  const states = parsed.terms.filter(isState);
  if (states.length === 2 && parsed.terms.length === 2 && !parsed.zip && !parsed.text.some((x) => !x.stop)) {
    const again = { ...out, count: 0, items: [] };
    const text = states[0].words.map((w) => ({ w, caps: false, stop: false }));
    await run(index, m, { ...parsed, terms: [states[1]], text }, form, o, again, true);
    if (again.place) return again;
  }
  // A query that finds nothing is read again as a town and its state (below), then tried
  // again corrected, unless it is exact (a correction itself, or the words the visitor asked
  // for as they are): first keeping the words of places' names ("san fransisco"), then
  // correcting them too ("virginia beech", where "beech" names a place). The readings come
  // first: a correction may make a search that finds groups of the states named, but not the
  // town ("LA JOYA TX", "DE PERE WI"), and reads files of places that the town's name does
  // not need ("new york city young adults").
  // shown is the query the page says the results are for: fixed (see withoutQuietEnd), or ""
  // for the words typed.
  const retry = async (fixed, shown) => {
    const p = placeFirst(m, parse(fixed, phrases), phrases);
    const files = unreadTextFiles(index, m, p);
    // The files of its terms' words too, which it reads for the groups that name them.
    const termFiles = termFilesOf(m, p);
    if (files.length > maxRetryTextFiles || !fits(index, o, index.unreadBytes([...files, ...termFiles]))) return null;
    shown ??= withoutQuietEnd(fixed, phrases);
    const partial = o.partial && ((f) => o.partial({ ...f, corrected: f.corrected || shown, unknown: out.unknown, asksNear: out.asksNear }));
    const again = await find(index, { ...o, q: fixed, exact: true, readings: true, partial });
    return again.count > 0 || again.place ? { ...again, corrected: again.corrected || shown, unknown: out.unknown, asksNear: out.asksNear } : null;
  };
  // Words that restrict nothing may start the name of a town of 10,000 people or more being
  // typed, a city of 100,000 or more submitted: "los an" is Los Angeles, not every group (see
  // typedTail); "the hi" is not The Hills, New Jersey. Read before every group is listed
  // soonest first, whose weekdays' files and records would leave the town's search too little
  // of the budget.
  const quiet = !o.exact && !o.position && !parsed.zip && !parsed.terms.length && !searchWords(parsed.text).length && parsed.words.length > 0 && m.groups > 0;
  // The last words may start a filter's words, read before the town of typedTail ("en la no":
  // the evening); a state's name, typedTail weighs against a town's. Submitted, as they were
  // read while typed (the page showed the evening).
  const ending = (kinds) => (o.exact ? "" : phraseEnding(parsed.words, phrases, kinds, o.typing ? 3 : Infinity));
  if (quiet) {
    const filterTyped = ending(filterKinds);
    const typed = filterTyped && (await retry(filterTyped));
    if (typed) return typed;
    const tail = await typedTail(index, parsed, phrases, o.edges, o.typing ? largerMinSize : largeSize, !o.typing, paysNear);
    const again = tail !== null && (await retry(tail));
    if (again) return again;
  }
  // The start of a filter's word right after a word that starts places' names ("los", "el",
  // "the") may be the start of the name with it: "en los ang" is Los Angeles on its way, not
  // "en los angloparlante" (English-speaking). Tried first, as the filter's word would find
  // groups; the word alone is no town's ("groups in the even" is the evening, not Evendale).
  if (typedTerm && !o.exact && o.edges && beforeLast && o.edges.starts.has(beforeLast.w) && typedTerm.words[0] === lastWord.w) {
    const asText = { ...parsed, terms: parsed.terms.filter((t) => t !== typedTerm), text: [...parsed.text, { ...lastWord, stop: false, at: parsed.words.length - 1 }] };
    const named = [...values(asText.terms, "state"), ...(form.state ? [form.state] : [])].map((st) => st.toUpperCase());
    const whole = await completion(index, asText, named, !o.typing, paysNear, true);
    const again = whole !== null && (await retry(whole));
    if (again) return again;
  }
  await run(index, m, parsed, form, o, out);
  if (!out.count && !out.place) out.corrected = "";
  const saysNothingYet = !o.exact && out.unrestricted && out.count > 0;
  // Typed or submitted, the last words may start a state's name or a filter's words, though
  // read as a place's name, a state's code or words that say nothing: "carolina del no" is
  // North Carolina, not Carolina, Puerto Rico; "nuevo me" New Mexico, not Nuevo in Maine;
  // "por la ma" the morning, not Massachusetts; "en la no" the evening, not every group.
  // Words that found nothing may start a filter's ("en la ta"), and a state's name waits for
  // typedTail, which weighs it against a town's ("new ha" is New Haven). (A place's search is
  // never unrestricted: the two are not both set.)
  const last = lastWord?.w;
  const lastIsState = parsed.terms.some((t) => !t.prefix && t.words.length === 1 && t.words[0] === last && t.meanings.some((mn) => mn[0] === "state"));
  const phraseTyped = out.place || lastIsState || saysNothingYet ? ending(typedKinds) : out.count ? "" : ending(filterKinds);
  if (!parsed.words.length || ((out.count > 0 || out.place) && !saysNothingYet && !phraseTyped)) return out;
  if (phraseTyped) return (await retry(phraseTyped)) || out;
  if (saysNothingYet) {
    if (quiet) return out; // its tail was read above
    const tail = await typedTail(index, parsed, phrases, o.edges, o.typing ? largerMinSize : largeSize, !o.typing, paysNear);
    return (tail !== null && (await retry(tail))) || out;
  }
  // In a sentence, the place after a word such as "in" ("… we live in Columbus Ohio. Are
  // there groups that meet in the evening?"), the query's other unknown words left out; in a
  // correction too ("… in san antonio texas thank you so much").
  const readings = o.exact && !o.readings ? [] : afterBefore(parsed, phrases);
  for (const after of readings.slice(0, 4)) {
    const again = { ...out, count: 0, items: [] };
    await run(index, m, after, form, o, again, true);
    if (again.place) return { ...again, corrected: said(after, parsed) };
  }
  // The states the search is in, whose places come first in corrections.
  const inStates = [...new Set([...values(parsed.terms.filter((t) => !t.prefix), "state"), ...(form.state ? [form.state] : [])])].map((s) => s.toUpperCase());
  // Words of the dictionary may be part of a place's name ("Friday Harbor WA", "Black
  // Mountain NC"): read every word but a state's as a word of a name. A last word that only
  // starts a state's name is a word of the name too ("st louis" is not Louisiana). When that
  // finds no place, the last state named is the place's state and the words before it its
  // name ("washington dc", "new york ny"); then every word is of the name ("kansas city",
  // "virginia beach"). Each time, the other terms are read as words of the name first
  // ("friday harbor"), then as what they ask for ("kansas city women").
  if (parsed.terms.length) {
    const others = parsed.terms.filter((t) => !t.prefix && !isState(t));
    const words = parsed.words.filter((x) => x.w !== parsed.zip);
    const stateWords = new Set(states.flatMap((t) => t.words));
    // A word of the text keeps the mark parse gave it ("live" of "i live in", a phrase that
    // says nothing; a word placeFirst left out); a term's word is marked as it reads alone.
    const inText = new Map(parsed.text.map((x) => [x.at, x.stop]));
    const stopOf = (x) => inText.get(parsed.words.indexOf(x)) ?? isStop(x);
    /** @type {[object[], object[]][]} the states that stay states, and the words left */
    const tries = [[states, words.filter((x) => !stateWords.has(x.w))]];
    if (states.length > 1) tries.push([states.slice(-1), withoutLast(words, states[states.length - 1].words)]);
    // Not a state's name alone: "nevada" is the state, not Nevada, Missouri. (With no state
    // named, the first try is this one already.)
    if (states.length && words.some((x) => !stateWords.has(x.w) && !isStop(x))) tries.push([[], words]);
    for (const [these, left] of tries) {
      const keptOptions = others.length ? [[], others] : [[]];
      for (const kept of keptOptions) {
        const keptWords = new Set(kept.flatMap((t) => t.words));
        const text = left.filter((x) => !keptWords.has(x.w)).map((x) => ({ ...x, stop: stopOf(x) }));
        if (!text.some((x) => !x.stop)) continue;
        const again = { ...out, count: 0, items: [] };
        const reading = { ...parsed, zip: "", terms: [...these, ...kept], text };
        await run(index, m, reading, form, o, again, true);
        if (again.place) return again;
        // In a sentence, the town after "in" and the state named right after it ("I live in
        // Kansas City Missouri or Kansas City Kansas": Kansas City, MO). Only so: "columbus
        // ohio group in college" is Columbus, not College, Alaska.
        if (these.length || kept !== keptOptions[keptOptions.length - 1] || o.exact) continue;
        for (const after of afterBefore(reading, phrases).slice(0, 2)) {
          const st = stateAfter(after.text, phrases);
          if (!st) continue;
          const found = { ...out, count: 0, items: [] };
          await run(index, m, { ...after, terms: [...after.terms, st] }, form, o, found, true);
          // Said as the town, its state and what else was searched ("kansas city missouri
          // thursdays").
          if (found.place) return { ...found, corrected: [...after.text.filter((x) => !x.stop).map((x) => x.w), ...st.words, ...after.terms.flatMap((t) => t.words)].join(" ") };
        }
      }
    }
  }
  // A name being typed that the last words start as typed ("san an", "new hamp"), or
  // submitted so, a city's (as completion does): the files of places it reads are not the
  // corrections', whose budget a sentence being typed would spend at each word.
  const tail = o.exact ? null : await typedTail(index, parsed, phrases, o.edges, o.typing ? prefixMinSize : largeSize, !o.typing, paysNear);
  // Where the corrections' reads start in index.read: their searches share their budget.
  o.mark ??= index.read.length;
  if (tail !== null) {
    const again = await retry(tail);
    if (again) return again;
  }
  // A name being typed ("albuq", "san anto"), completed: before corrections, which would
  // read it as a whole word misspelt. Submitted, only a city's of 100,000 people or more, as
  // the page showed it while it was typed ("denv" is Denver, not Dent, Ohio): "school"
  // submitted is not Schoolcraft, Michigan.
  const whole = o.exact ? null : await completion(index, parsed, inStates, !o.typing, paysNear);
  if (whole !== null) {
    const again = await retry(whole);
    if (again) return again;
  }
  // A word of the dictionary that restricts nothing, being typed or cut short ("depre",
  // "suicid", "facil"), after a place's name while typing ("champ" is Champ, Missouri): the
  // page answers it as the whole word, rather than correcting it to another ("bipol" is
  // bipolar, not BIPOC) or finding nothing until it is whole. The words shown are those
  // typed: the whole word restricts nothing.
  // So is a word that says nothing being typed, which as a word of groups' names found none
  // ("online spanish gro": group): the results stay those of the words before it. And, while
  // typing, the last words of a condition's or topic's phrase ("eating d": eating disorder;
  // "hearing v", which was corrected to Haring, Michigan).
  if (!o.exact) {
    const completes = await index.completions();
    const orNone = (w) => (w ? lastAs(w) : "");
    const said = [
      () => orNone(saidWord(parsed, phrases, completes, o.typing ? 4 : 5)),
      () => orNone(quietWord(parsed, phrases)),
      () => (o.typing ? phraseEnding(parsed.words, phrases, phraseKinds, 1) : ""),
    ];
    for (const whole of said) {
      const fixed = whole();
      const again = fixed && (await retry(fixed, ""));
      if (again) return again;
    }
  }
  // A correction's search: part of its words, of a town of 10,000 people or more, since the
  // correction may have made a word that is a hamlet's name ("baton rogue": "barton").
  if (o.exact) return o.readings ? await partOf(index, m, parsed, phrases, form, o, out, largerMinSize) : out;
  // Corrections, when what is left of their budget pays for them.
  const can = (files, bytes) => affords(index, o, files, bytes);
  const names = readings.length ? nameKeys(readings[0], phrases) : [];
  // A correction that leaves out words is searched only when what it keeps says something,
  // of which group or for the page to answer: "an arbor" is not "an", nor "our lady" "our",
  // which would list every group. One that leaves none out may say nothing ("divorced":
  // divorce), as the query would as its visitor meant it: every group. So may a query being
  // typed, whose last word is unfinished ("tired of feeling th"): its results stay those of
  // the words before it. One that keeps the unfinished word must say something, as when
  // submitted: "xqzv d" is not "d", nor "dbt group" every group.
  const saysSomething = (q) => {
    if (q.split(" ").length >= parsed.words.length || (o.typing && !q.split(" ").includes(lastWord?.w))) return true;
    const p = parse(q, phrases);
    return Boolean(p.zip || p.near || p.terms.length || p.text.some((x) => !x.stop) || p.condition || p.family || p.crisis || p.topics.length);
  };
  const fixed = can(0) ? await correct(index, parsed, phrases, { states: inStates, names, affords: can, pays, edges: o.edges }) : null;
  if (fixed !== null && saysSomething(fixed)) {
    const again = await retry(fixed);
    if (again) return again;
  }
  // A place that part of the words name, before correcting the words of places' names.
  const part = await partOf(index, m, parsed, phrases, form, o, out);
  if (part !== out) return part;
  const loose = can(0) ? await correct(index, parsed, phrases, { keepPlaceWords: false, states: inStates, names, affords: can, pays, edges: o.edges }) : null;
  if (loose !== null && loose !== fixed && saysSomething(loose)) {
    const again = await retry(loose);
    if (again) return again;
  }
  // Corrections that find nothing either: the words known, without the others ("ersey city
  // ut women" is Utah's women's groups).
  const known = await correct(index, parsed, phrases, { keepPlaceWords: false, drop: true, affords: can, pays, edges: o.edges });
  if (known !== null && known !== fixed && known !== loose && saysSomething(known)) {
    const again = await retry(known);
    if (again) return again;
  }
  // While typing, last words that found nothing but start a phrase of the dictionary are
  // unfinished ("new m", on its way to New Mexico; "support group ne", to "near me"; "grupo
  // pa", to "para"): the results stay those of the words before them, rather than none for a
  // moment. So is a last word of three letters that starts a town's name, which completion
  // leaves to the fourth ("bos", on its way to Boston). Submitted, they are read whole.
  const unfinished = !o.typing ? 0 : unfinishedWords(parsed.words, phrases) || ((await startsTown(index, lastWord?.w ?? "", paysNear)) ? 1 : 0);
  if (unfinished && unfinished < parsed.words.length) {
    const again = await retry(written(parsed.words.slice(0, -unfinished)));
    if (again) return again;
  } else if (unfinished) {
    // Every word unfinished ("new"): every group, as for a word too short to search.
    const again = { ...out, count: 0, items: [] };
    await run(index, m, { ...parsed, zip: "", terms: [], text: [] }, form, o, again);
    if (again.count) return again;
  }
  return out;
}

// written returns words as the visitor wrote them: folded, in capitals where typed so ("NM").
function written(words) {
  return words.map((x) => (x.caps ? x.w.toUpperCase() : x.w)).join(" ");
}

// startsTown reports whether w, of three letters, starts the name of a place of a thousand
// people or more (see prefixMinSize). It reads the files of places around it only when
// paysNear says the budget pays for them.
async function startsTown(index, w, paysNear) {
  if ([...w].length !== 3 || !(await paysNear(w))) return false;
  const near = await index.placeShardsNear(w).catch(() => []);
  return near.some((r) => r.key.startsWith(w) && r.size >= prefixMinSize);
}

// unfinishedWords returns how many of the last words (up to three) start a phrase of the
// dictionary together ("new m": 2; "support group ne": 1), or 0 when the last word starts
// none.
function unfinishedWords(words, phrases) {
  const keys = Object.keys(phrases);
  for (let k = Math.min(3, words.length); k >= 1; k--) {
    const tail = words.slice(-k).map((x) => x.w).join(" ");
    if (keys.some((key) => key.length > tail.length && key.startsWith(tail))) return k;
  }
  return 0;
}

// partOf returns out, the search for parsed that found nothing, or the search for a place
// that part of its words name, the others left out ("fresno register": Fresno; "colombus
// register", corrected: Columbus): the runs of its words that are not stop words, longest
// first, the last first, each asking for a place of a thousand people or more (see
// afterBefore). It comes after the first corrections, which read a misspelt name whole ("west
// palm bech" is West Palm Beach, not West, Texas), and before those that correct the words of
// places' names ("hope lakewood" is Lakewood, not Lakemoor).
async function partOf(index, m, parsed, phrases, form, o, out, minSize = prefixMinSize) {
  const text = parsed.text;
  const real = text.map((x, i) => i).filter((i) => !text[i].stop);
  if (real.length < 2 || real.length > maxTextFiles) return out;
  for (let n = real.length - 1; n >= 1; n--) {
    for (let first = real.length - n; first >= 0; first--) {
      const reading = { ...keepOnly(parsed, phrases, real.slice(first, first + n)), minSize };
      const again = { ...out, count: 0, items: [] };
      await run(index, m, reading, form, o, again, true);
      if (again.place) return { ...again, corrected: said(reading, parsed) };
    }
  }
  return out;
}

// keepOnly returns the reading of parsed that keeps, of the words of its text that are not
// stop words, those at the indexes kept: the others are marked stop and left (see nameKeys)
// and left out of its words, unless a word kept is the same; its keys are its name's (see
// nameKeys).
function keepOnly(parsed, phrases, kept) {
  const text = parsed.text;
  const keptWords = new Set(kept.map((i) => text[i].w));
  const others = text.map((x, i) => i).filter((i) => !text[i].stop && !kept.includes(i));
  const left = new Set(others.map((i) => text[i].w).filter((w) => !keptWords.has(w)));
  const reading = { ...parsed, text: text.map((x, i) => (others.includes(i) ? { ...x, stop: true, left: true } : x)), words: parsed.words.filter((x) => !left.has(x.w)) };
  reading.keys = nameKeys(reading, phrases, true);
  return reading;
}

// said returns the words of reading, a reading of parsed with some of its words left out, as
// the page says what it searched for; "" when it left none out (the same word twice).
function said(reading, parsed) {
  return reading.words.length === parsed.words.length ? "" : written(reading.words);
}

// stateRuns returns the keys of a state's name and the word of text after it ("oklahoma ctiy",
// "virginia beack"), as runs of a place's name: many places' names begin with their state's
// (Oklahoma City, Virginia Beach, Iowa City, Colorado Springs), whose misspelt word was
// corrected alone, to no word ("oklahoma") or another ("virginia black").
function stateRuns(parsed) {
  const keys = [];
  const words = parsed.words.map((x) => x.w);
  for (const t of parsed.terms) {
    if (t.prefix || !t.meanings.some((mn) => mn[0] === "state")) continue;
    for (let i = 0; i + t.words.length < words.length; i++) {
      const next = i + t.words.length;
      if (t.words.every((w, k) => words[i + k] === w) && parsed.text.some((x) => x.at === next && !x.stop)) keys.push([...t.words, words[next]].join(" "));
    }
  }
  return [...new Set(keys)];
}

// lastRuns returns the runs of two and three words of text that end at its last word not
// marked stop, as keys: the names it may end.
function lastRuns(text) {
  const i = lastIndex(text, (x) => !x.stop);
  const out = [];
  for (const n of [2, 3]) if (i - n + 1 >= 0) out.push(text.slice(i - n + 1, i + 1).map((x) => x.w).join(" "));
  return out;
}

// afterBefore returns readings of parsed, one for each word that comes before a place ("in",
// "cerca") and is followed by words that are not stop words: the words that are not stop
// words reduced to the first run of them among the four after it, the others left out of its
// text and its words. The last such word's reading comes first. Then the same readings with
// the run's last words left out, longest first ("in fresno meet on fridays": Fresno), each
// asking for a place of a thousand people or more (minSize): a word of a name alone is a
// hamlet's more often than the place meant ("in lake chrles" is not Lake, Mississippi). A
// reading that would leave nothing out is not given.
function afterBefore(parsed, phrases) {
  const text = parsed.text;
  const whole = [];
  const shorter = [];
  for (let j = text.length - 2; j >= 0; j--) {
    if (!comesBefore(phrases, text[j]) || (text[j].caps && !text[j].stop)) continue;
    const name = [];
    for (let k = j + 1; k < text.length && k <= j + 4; k++) {
      if (!text[k].stop) name.push(k);
      else if (name.length) break; // the name ends at the next stop word: "en san antonio, de preferencia"
    }
    for (let n = name.length; n > 0; n--) {
      if (text.every((x, i) => x.stop || name.slice(0, n).includes(i))) continue;
      const reading = keepOnly(parsed, phrases, name.slice(0, n));
      if (n === name.length) whole.push(reading);
      else shorter.push({ ...reading, minSize: prefixMinSize });
    }
  }
  return [...whole, ...shorter];
}

// prefixMinSize is the size (digits of the population) of the least place a reading of part
// of a name finds (see afterBefore); largerMinSize, of part of a correction's words (partOf).
const prefixMinSize = 4;
const largerMinSize = 5;

// nameKeys returns the keys of the name a reading of afterBefore keeps, longest first: its
// words, and with the word before them when that is a stop word other than the one the name
// comes after ("en los angelos": "los angelos" and "angelos"), not a word the reading left
// out ("hope lakewood": "lakewood"); only keys of two words or more unless single.
function nameKeys(reading, phrases, single = false) {
  const text = reading.text;
  const kept = text.map((x, i) => i).filter((i) => !text[i].stop);
  if (!kept.length) return [];
  const first = kept[0];
  const last = kept[kept.length - 1];
  const keys = [text.slice(first, last + 1).map((x) => x.w).join(" ")];
  if (first > 0 && !text[first - 1].left && !comesBefore(phrases, text[first - 1])) keys.unshift(text.slice(first - 1, last + 1).map((x) => x.w).join(" "));
  return single ? keys : keys.filter((k) => k.includes(" "));
}

// comesBefore reports whether the word x often comes before a place's name ("in", "cerca":
// search.words.before).
function comesBefore(phrases, x) {
  return hasOwn(phrases, x.w) && phrases[x.w].some((mn) => mn[0] === "before");
}

// maxTextFiles is the most files of the token index the words of a long query read: each is
// 3 to 7 KB gzip, and a sentence of twelve words would read twelve.
const maxTextFiles = 4;

// maxRetryTextFiles is the most files of the token index a correction's search may read that
// the searches before it did not: a correction changes a word or two, whose files it reads.
// More means the correction searches words the search as typed set aside (see placeFirst): in a
// long string of unknown words ("asdf qwer zxcv uiop hjkl bnm tyu ghj"), the four set aside
// once the four searched were dropped, which read 13 KB more and passed the finder's 100 KB
// with the page.
const maxRetryTextFiles = 2;

// unreadTextFiles returns the files of the token index the search of parsed reads that index
// has not read.
function unreadTextFiles(index, m, parsed) {
  const files = new Set(parsed.text.filter((x) => !x.stop && [...x.w].length >= 2).map((x) => tokenFileOf(m, x.w)));
  return [...files].filter((f) => f && !index.has(f));
}

// placeFirst returns parsed with the words of its text beyond maxTextFiles files of the token
// index marked as stop words: in a long query, the words likeliest to name its place are read
// (those after a word such as "in", "near" or "cerca", then those written with a capital,
// then the last ones), and the others, mostly what a sentence says around its place, are
// not searched.
function placeFirst(m, parsed, phrases) {
  const real = parsed.text.map((x, i) => ({ x, i })).filter(({ x }) => !x.stop && [...x.w].length >= 2);
  const fileOf = (w) => tokenFileOf(m, w);
  if (new Set(real.map(({ x }) => fileOf(x.w))).size <= maxTextFiles) return parsed;
  const score = ({ x, i }) => {
    // The first three words that are not stop words after a word that comes before a place.
    let after = 0;
    for (let j = i - 1, seen = 0; j >= 0 && seen < 3; j--) {
      if (comesBefore(phrases, parsed.text[j])) {
        after = 3 - seen;
        break;
      }
      if (!parsed.text[j].stop) seen++;
    }
    return after * 4 + (x.title && i > 0 ? 2 : 0) + i / parsed.text.length;
  };
  const files = new Set();
  const keep = new Set();
  for (const r of [...real].sort((a, b) => score(b) - score(a))) {
    const f = fileOf(r.x.w);
    if (!files.has(f) && files.size >= maxTextFiles) continue;
    files.add(f);
    keep.add(r.i);
  }
  const text = parsed.text.map((x, i) => (x.stop || keep.has(i) ? x : { ...x, stop: true }));
  return { ...parsed, text };
}

// withoutLast returns words without the last run of them that spells seq.
function withoutLast(words, seq) {
  for (let i = words.length - seq.length; i >= 0; i--) {
    if (seq.every((w, j) => words[i + j].w === w)) return [...words.slice(0, i), ...words.slice(i + seq.length)];
  }
  return words;
}

// prefetch starts reading the files the search will most likely need after those it reads
// first, so that they arrive together: the gazetteer's for a ZIP code or words that may name
// a town, and the first weekday files for a search by filters alone.
function prefetch(index, m, parsed, o) {
  const ignore = () => {};
  if (o.position) return;
  if (parsed.zip) {
    index.zip(parsed.zip).catch(ignore);
    return;
  }
  const text = searchWords(parsed.text);
  if (text.length) {
    const [key] = placeRuns(parsed.text, o.edges);
    // (A correction's search prefetches within the budget too.)
    if (key) index.placeFile(key).then((f) => (readable(index, o, f) ? index.placeShard(key) : null)).catch(ignore);
    return;
  }
  // Words that say nothing may start a town's name, read first (see typedTail).
  if (!parsed.terms.length && tailKeys(parsed, o.edges?.phrases ?? {}, o.edges).length) return;
  // The first two weekdays of a search by filters, of those it asks for if it does
  // ("day=tuesday", "tonight").
  const asked = [...(o.filters.day ? [o.filters.day] : []), ...values(parsed.terms, "day"), ...values(parsed.terms, "when").map((w) => relativeDay(w, o.now))];
  const days = dayOrder(m, o.now).filter((d) => !asked.length || asked.includes(d.name));
  const first = days.slice(0, 2).map((d) => m.days[d.name].file);
  // Within what the files of its terms' words leave, which the search reads whatever is left
  // ("north dakota", corrected from "northdakota": the weekdays' files had spent it).
  if (m.groups > o.limit && fits(index, o, index.unreadBytes([...first, ...termFilesOf(m, parsed)]))) for (const d of days.slice(0, 2)) index.day(d.name).catch(ignore);
}

// termFilesOf returns the files of the token index holding the words of parsed's terms, which
// its search reads for the groups that name them ("ohio" in a group's name).
function termFilesOf(m, parsed) {
  return parsed.terms.flatMap((t) => t.words).filter((w) => [...w].length >= 2).map((w) => tokenFileOf(m, w));
}

// run searches for parsed with the form's filters, filling out. With placesOnly, only a
// place named by the words counts.
async function run(index, m, parsed, form, o, out, placesOnly = false) {
  const limit = o.limit;
  const terms = parsed.terms;
  const text = searchWords(parsed.text);
  // The filters the words name ("grupos en español"), which the offers after a search that
  // finds nothing keep (language, program, audience), and the state.
  const said = terms.filter((t) => !t.prefix).flatMap((t) => t.meanings);
  for (const kind of termKinds.slice(2, 5)) {
    const mn = said.find((x) => x[0] === kind);
    if (mn) out.named[kind] = mn[1];
  }
  out.state = form.state || (said.find((mn) => mn[0] === "state") || [])[1] || "";

  // Days and times hold for the same meeting.
  // "today", "tonight" and "tomorrow" are days of the visitor's clock.
  const when = values(terms, "when");
  const qDays = [...new Set([...values(terms, "day"), ...when.map((w) => relativeDay(w, o.now))])];
  const qTimes = [...new Set([...values(terms, "time"), ...(when.includes("tonight") ? ["evening"] : [])])];
  const asksToday = when.includes("today") || when.includes("tonight");
  const asksTomorrow = when.includes("tomorrow");
  let days = form.day ? [form.day] : null;
  let times = form.time ? [form.time] : null;
  if (qDays.length) days = days ? days.filter((d) => qDays.includes(d)) : qDays;
  if (qTimes.length) times = times ? times.filter((t) => qTimes.includes(t)) : qTimes;
  out.meetings = days || times ? { days, times } : null;
  const sets = [];
  if (days && times) sets.push(unionOf(days.flatMap((d) => times.map((t) => index.filterRefs("daytime", `${d}-${t}`)))));
  else if (days) sets.push(unionOf(days.map((d) => index.filterRefs("day", d))));
  else if (times) sets.push(unionOf(times.map((t) => index.filterRefs("time", t))));
  for (const name of ["state", "attendance", "language", "program", "audience"]) {
    if (form[name]) sets.push(index.filterRefs(name, form[name]));
  }
  // A term of the query: its filter values, or groups whose words it names ("women" is an
  // audience, and starts "Women Online").
  const termSets = new Map(); // kind → promise of refs
  for (const kind of termKinds) {
    const these = terms.filter((t) => t.meanings.some((mn) => mn[0] === kind));
    if (!these.length) continue;
    const lists = [];
    for (const t of these) {
      for (const mn of t.meanings) if (mn[0] === kind) lists.push(index.filterRefs(kind, mn[1]));
      lists.push(t.prefix ? allWords(index, t.words) : allExact(index, t.words));
    }
    termSets.set(kind, unionOf(lists));
  }
  // The groups the text's words name: read at once, but for a ZIP code's search, where they
  // may name its town and narrow nothing, and would cost the budget the files of places
  // that say so ("Urb. Villa Carolina, Guayama PR 00784").
  let textRefs = null;
  const textSet = () => (text.length ? (textRefs ??= allWords(index, text)) : null);
  // Whether every word of the text is a word of groups' towns.
  const placeWords = async () => (await Promise.all(text.map((w) => index.isPlaceWord(w)))).every(Boolean);
  if (!parsed.zip || placesOnly) textSet();

  // A place: the ZIP code, the visitor's position, or a town the words name.
  let place = null;
  let placeText = null; // groups whose own words the place's name or code matches
  let consumedState = false;
  let townWords = null; // the words of the ZIP code's town's name, when the words name it
  // The text's words that narrow the place's groups: not those of its town's name.
  const narrowing = () => text.filter((w) => !townWords?.has(w));
  if (o.position && !placesOnly) {
    place = { at: o.position, state: "", label: "", from: "me" };
    // Words that name a town within reach of the visitor ("albuquerque", typed before "Near
    // me" was pressed in Albuquerque) say where they are, as the position does: they narrow
    // nothing. Until 2026-12-05 they were looked for in groups' names, and none was near.
    // As without a position, that is when no group's words match them, or all are words
    // of groups' towns.
    if (text.length && (!(await textSet()).length || (await placeWords()))) {
      // The first two runs of words, as for a ZIP code's town ("support albuquerque").
      for (const key of (parsed.keys || placeRuns(parsed.text, o.edges)).slice(0, 2)) {
        const file = await index.placeFile(key);
        if (!file || !readable(index, o, file)) break;
        if ((await index.places(key)).some((r) => distanceMiles(r.at, o.position) <= out.radius)) {
          townWords = new Set(key.split(" "));
          break;
        }
      }
    }
  } else if (parsed.zip && !placesOnly) {
    const z = await index.zip(parsed.zip);
    if (z) {
      place = { at: z.at, state: z.state.toLowerCase(), label: parsed.zip, from: "zip" };
      if (z.code !== parsed.zip) out.zipFrom = z.code;
      // The code's own town and state written beside it ("Houston TX 77002") say where it is:
      // they narrow nothing, though the town's name holds a state's or a filter's words
      // ("Kansas City, MO 64105", "French Lick IN 47432": see zipTownKeys). Then the text's
      // runs in turn, as a town's are looked up: "st columbus", then "columbus". The files
      // of the words that narrow the code's groups (all of the text's, until its town is
      // found) and of the positions of the states around it are owed.
      const around = statesNear(m, z.at, out.radius).map((s) => m.states[s].points);
      const owed = () => index.unreadBytes([...narrowing().map((w) => tokenFileOf(m, w)), ...around]);
      const keys = [...zipTownKeys(parsed, place.state, o.edges), ...(text.length ? placeRuns(parsed.text, o.edges).slice(0, 2) : [])];
      for (const key of new Set(keys)) {
        const file = await index.placeFile(key);
        if (!file) continue;
        if (!readable(index, o, file, owed())) break;
        if ((await index.places(key, z.state)).length) {
          townWords = new Set(key.split(" "));
          break;
        }
      }
      // Groups that list the code, however far their coordinates: read while the budget
      // pays, which a code among many words may have spent on theirs (the groups near the
      // code are found without them).
      placeText = readable(index, o, tokenFileOf(m, parsed.zip), owed()) ? index.wordRefs(parsed.zip) : null;
      out.farWords = parsed.zip;
      const named = values(terms, "state");
      consumedState = named.length > 0 && named.every((st) => st.toUpperCase() === z.state);
    } else {
      out.zip = parsed.zip;
      sets.push(index.wordRefs(parsed.zip));
    }
  }
  // Words that say nothing, and a state: a large place by all the words ("south florida",
  // "east la"), or a town of that state by their name ("friendly md").
  const stopTowns = !place && !text.length && !placesOnly ? stopNamesTown(parsed, o.edges) : [];
  const stopTown = stopTowns.length > 0;
  if (!place && (text.length || stopTown)) {
    const refs = text.length ? await textSet() : [];
    // The words name a place where a group meets, or with the stop word before them another:
    // "rural hall" is Rural Hall, NC, though "hall" alone is many groups' words.
    // So does a county's name, though groups far from it have its words ("lake county": "lake"
    // is in the names of groups in Lake City, FL, and Salt Lake City, UT).
    const runKeys = parsed.keys || placeRuns(parsed.text, o.edges);
    let named = (await placeWords()) || runKeys.slice(0, 1).some(namesCounty);
    // Then the groups the place's words name are those having the stop word too.
    const stopWords = named || !refs.length || placesOnly ? null : await stopStartsPlace(index, parsed.text, (bytes) => fits(index, o, bytes));
    if (stopWords) named = true;
    if (refs.length === 0 || named || placesOnly) {
      // The state the words name, or else the form's: "Springfield" with Ohio chosen is
      // Springfield, Ohio.
      let states = values(terms, "state").map((s) => s.toUpperCase());
      const formState = !states.length && !!form.state;
      if (formState) states = [form.state.toUpperCase()];
      const stateAsked = states.length > 0;
      if (!states.length && named && refs.length) {
        // The town the groups' own cities name: Lakewood, Ohio, where a group meets, before
        // Lakewood, Colorado, the larger.
        const count = new Map();
        for (const r of refs) count.set(stateCode(m, r), (count.get(stateCode(m, r)) || 0) + 1);
        const mostFirst = [...count.entries()].sort((a, b) => b[1] - a[1]).map(([st]) => st.toUpperCase());
        for (const key of runKeys.slice(0, 1)) {
          const file = await index.placeFile(key);
          if (!readable(index, o, file)) break;
          for (const st of mostFirst) {
            const rows = await index.places(key, st);
            if (rows.length) {
              states = [st];
              break;
            }
          }
        }
      }
      const files = new Set();
      // Once the corrections began, files of places are read within their budget (see
      // correctionBudget); the search as typed and its readings read their first few.
      const budgeted = o.mark !== undefined;
      const lookups = stopTown ? stopTowns : runKeys.map((key) => ({ key, minSize: 0, anyState: false }));
      for (const { key, minSize, anyState } of lookups) {
        const file = await index.placeFile(key);
        const over = !index.has(file) && ((budgeted && !affords(index, o, 1, index.weight(file))) || !fits(index, o, index.weight(file)));
        if (!files.has(file) && (files.size >= maxPlaceLookups || over)) continue;
        files.add(file);
        let rows = states.length && !anyState
          ? (await Promise.all(states.map((s) => index.places(key, s)))).flat()
          : await index.places(key);
        // No such town in the form's state: the one of another, with the groups of the form's
        // state near it ("cincinnati" with Kentucky chosen).
        if (!rows.length && formState) rows = await index.places(key);
        if (parsed.minSize) rows = rows.filter((r) => r.size >= parsed.minSize);
        // A hamlet is not what words that say nothing mean ("gratis ohio" is free groups
        // in Ohio, not Gratis, of 900 people); a county's name is its county ("la county",
        // whose row has no size: see internal/search.PlaceShard).
        if (stopTown && !namesCounty(key)) rows = rows.filter((r) => r.size >= minSize);
        if (rows.length) {
          const p = rows[0];
          // Its groups are listed from the positions of the states around it, within the
          // radius whose states the budget pays for (see radiusWithin): a place whose search
          // would pass the budget is not read so ("york … tucson saturday", of eight words,
          // had read six files of words and three of places).
          const radius = radiusWithin(index, m, o, p.at, out.radius);
          if (radius < minRadius) continue;
          out.radius = radius;
          place = { at: p.at, state: p.state.toLowerCase(), label: `${p.name}, ${p.state}`, from: "place" };
          // The name's other places, the three largest of a thousand people or more (or
          // counties), when neither the query nor the form named a state: a visitor in
          // Columbus, Georgia, who typed "columbus" is offered theirs. (Their file is read.)
          if (!stateAsked && !stopTown) {
            // Each once: Puerto Rico has several San Antonios, which one search of the name
            // and the state finds.
            const others = new Map();
            for (const r of await index.places(key)) {
              if (r.state !== p.state && (r.size >= prefixMinSize || namesCounty(key))) others.set(`${r.name}, ${r.state}`, r.state);
            }
            out.alsoNamed = [...others].slice(0, 3).map(([label, state]) => ({ label, state }));
          }
          // A town named by stop words lists its groups by position only: "friendly" is in
          // the names of groups far from Friendly, MD; and so does a county ("lake").
          placeText = stopWords ? allWords(index, stopWords) : stopTown || namesCounty(key) ? null : textSet();
          out.farWords = stopWords ? stopWords.join(" ") : text.join(" ");
          consumedState = states.length > 0;
          break;
        }
      }
    }
  }
  if (placesOnly && !place) return;

  if (place) {
    out.mode = place.from === "me" ? "near" : "place";
    out.place = place;
    const constraint = [...sets];
    // A kind of term narrows nothing when its terms are the place's: its state, or words of
    // the ZIP code's town's name, or the code's own state.
    const ofTown = (t) => townWords && (t.words.every((w) => townWords.has(w)) || t.meanings.some((mn) => mn[0] === "state" && mn[1] === place.state));
    const said = (kind) => (kind === "state" && consumedState) || terms.every((t) => !t.meanings.some((mn) => mn[0] === kind) || ofTown(t));
    for (const [kind, s] of termSets) if (!said(kind)) constraint.push(s);
    const rest = place.from === "place" ? [] : narrowing();
    if (rest.length) constraint.push(townWords ? allWords(index, rest) : textSet());
    // The form's filters are said apart ("Filters: …"); the query's own words are said here.
    const termsNarrow = qDays.length > 0 || qTimes.length > 0 || [...termSets.keys()].some((kind) => !said(kind));
    out.narrowed = termsNarrow || rest.length > 0;
    let allowed = constraint.length ? await allOf(constraint) : null;
    let near = await nearby(index, place.at, out.radius, allowed);
    // Words before a ZIP code's town that no group near it has are an address's ("Urb. Villa
    // Carolina, Guayama PR 00784"): the code's groups, said without them; unless the visitor
    // asked for the words as they are ("Search instead for …").
    if (!near.length && townWords && rest.length && !(o.exact && !o.readings)) {
      constraint.pop();
      out.narrowed = termsNarrow;
      out.corrected = written(parsed.words.filter((x) => !rest.includes(x.w)));
      allowed = constraint.length ? await allOf(constraint) : null;
      near = await nearby(index, place.at, out.radius, allowed);
    }
    out.within = near.length;
    let extra = [];
    if (placeText) {
      const t = await placeText;
      const inNear = new Set(near.map((n) => n.ref));
      extra = (allowed ? intersect(t, allowed) : t).filter((r) => !inNear.has(r));
    }
    out.count = near.length + extra.length;
    let list = near.slice(0, limit);
    if (list.length < limit && extra.length) list = list.concat(await nearestOf(index, place.at, extra, limit - list.length, (bytes) => fits(index, o, bytes)));
    if (place.from === "me" && near.length) out.state = stateCode(m, near[0].ref);
    if (place.state) out.state = place.state;
    await fillItems(index, list.map((x) => ({ ref: x.ref, start: null, miles: x.miles })), asksToday || asksTomorrow ? { ...o, partial: undefined } : o, out);
    if (asksToday) out.noneLeftToday = noneLeftToday(out.items, out.meetings, o.now);
    // Nearest first, those that do not meet that day are left out of what is listed; the
    // count is theirs when every one was listed.
    if ((asksToday && !out.noneLeftToday) || asksTomorrow) {
      const kept = meetingSoon(out, o, asksTomorrow);
      if (kept.length < out.items.length) {
        const left = out.items.filter((it) => !kept.includes(it));
        out.count -= left.length;
        out.within -= left.filter((it) => it.miles !== null && it.miles <= out.radius).length;
        out.items = kept;
      }
    }
    return;
  }

  const all = [...sets, ...termSets.values()];
  if (text.length) all.push(textSet());
  if (all.length === 0) {
    // Only words that say nothing about which group ("support groups"): every group.
    if (!parsed.words.length) return;
    all.push(Promise.resolve(range(0, m.groups)));
  }
  out.mode = "text";
  out.unrestricted = !text.length && termSets.size === 0 && !qDays.length && !qTimes.length;
  const refs = await allOf(all);
  out.count = refs.length;
  const first = await soonest(index, refs, limit, o.now, out.meetings, (bytes) => fits(index, o, bytes));
  // (Not shown before they are known to be today's or tomorrow's: see below.)
  await fillItems(index, first.map((x) => ({ ref: x.ref, start: x.start, miles: null })), asksToday || asksTomorrow ? { ...o, partial: undefined } : o, out);
  if (asksToday) out.noneLeftToday = noneLeftToday(out.items, out.meetings, o.now);
  // A group that meets on today's weekday may not meet today: its first meeting is later
  // (starts), this is not one of its weeks (weeks), or today is skipped. Its next meeting is
  // then days away, and it is left out (until 2026-12-06 "today" listed a group whose first
  // meeting was in January). Within two days, not the visitor's date: a meeting of today's
  // weekday in another time zone may be tomorrow in the visitor's clock.
  // The results come soonest first: once one is left out, so is every later one, listed or
  // not.
  if ((asksToday && !out.noneLeftToday) || asksTomorrow) {
    const kept = meetingSoon(out, o, asksTomorrow);
    if (kept.length < out.items.length) [out.items, out.count] = [kept, kept.length];
  }
  // Late in the day, when the day came from "today" or "tonight" alone, the next ones are
  // those of the next days, soonest first (tomorrow evening's for "tonight"), not the same
  // weekday's a week away (until 2026-12-06).
  if (out.noneLeftToday && !form.day && !values(terms, "day").length) {
    const meetings = times ? { days: null, times } : null;
    const rest = [...sets.slice(1), ...termSets.values(), ...(text.length ? [textSet()] : [])];
    if (times) rest.push(unionOf(times.map((t) => index.filterRefs("time", t))));
    const later = rest.length ? await allOf(rest) : range(0, m.groups);
    out.meetings = meetings;
    out.count = later.length;
    const next = await soonest(index, later, limit, o.now, meetings, (bytes) => fits(index, o, bytes));
    await fillItems(index, next.map((x) => ({ ref: x.ref, start: x.start, miles: null })), o, out);
  }
}

// zipTownKeys returns the runs of a query's words that may name its ZIP code's town, when
// they name a state or a filter: the words but the code's, the states' words as words of a
// name and the other terms' left out, then those too ("French Lick IN": "french" is a
// language), each without the code's own state at their end ("kansas city mo": "kansas city
// mo", "kansas city"); the last three, one and two words first, as an address ends with its
// town and each other run costs a file of places ("Urb. Villa Carolina, Guayama PR 00784":
// "villa carolina guayama", "guayama"; "Salt Lake City, UT 84111": "salt lake city"), each
// without the words that say nothing before it, then with them ("... cerca de Bayamón PR
// 00961": "bayamon", "de bayamon"; "Las Piedras"), never from a number ("Calle 5 #123,
// Carolina": "carolina"), nor of more than six words. The filters' words only beside other
// words, and none at all when only the code's own state is named ("OH 43215"): those would
// read a file of places for no town.
function zipTownKeys(parsed, st, edges) {
  const terms = parsed.terms.filter((t) => !t.prefix);
  const states = terms.filter((t) => t.meanings.some((mn) => mn[0] === "state"));
  const text = parsed.text.some((x) => !x.stop);
  return [states, text ? terms : []].flatMap((named, k) => {
    const of = new Map(named.flatMap((t) => t.words.map((w) => [w, t])));
    const words = parsed.words.map((x, i) => parsed.text.find((y) => y.at === i) || (of.has(x.w) && { ...x, stop: false, term: of.get(x.w) })).filter(Boolean);
    let end = words.length;
    while (end && words[end - 1].term?.meanings.some((mn) => mn[0] === "state" && mn[1] === st)) end--;
    const real = range(0, end).filter((i) => !words[i].stop);
    if (!real.length) return [];
    const whole = named.length ? [...placeRuns(words, edges).slice(0, 2), ...placeRuns(words.slice(0, end), edges).slice(0, 2)] : [];
    const [most, ...fewer] = real.slice(-3).map((i, n, a) => {
      const runs = placeRuns(words.slice(n ? a[n - 1] + 1 : i, end), edges).filter((key) => !/^\d/.test(key));
      return [runs[runs.length - 1], runs[0]];
    });
    return (k ? whole : [most, ...fewer.reverse(), whole].flat()).filter(Boolean);
  });
}

// namesCounty reports whether key is a county's, as the gazetteer keys them: "lake county",
// "orleans parish" (and "condado de orange", looked up as "orange county").
function namesCounty(key) {
  return / (county|parish|borough)$/.test(key);
}

// stateAfter returns, as a term of the query, the state named by the one or two words of text
// right after its last word not marked stop ("kansas city missouri or …": Missouri), or null.
function stateAfter(text, phrases) {
  let k = text.length - 1;
  while (k >= 0 && text[k].stop) k--;
  if (k < 0) return null;
  for (const n of [2, 1]) {
    if (k + n >= text.length) continue;
    const words = text.slice(k + 1, k + 1 + n).map((x) => x.w);
    const p = words.join(" ");
    const all = hasOwn(phrases, p) ? phrases[p] : [];
    // A code that is also a word ("or", "me", "in") is the state only in capitals, as parse reads it.
    if (n === 1 && !text[k + 1].caps && all.some((mn) => mn[0] === "stop")) continue;
    const meanings = all.filter((mn) => mn[0] === "state");
    if (meanings.length) return { words, meanings };
  }
  return null;
}

// stopNamesTown returns the places a query of words that say nothing, with a state or
// without, may name, as {key, minSize, anyState}, in the order to look them up (none when it
// names none). A run of its words, two or three, of a state's words and those that say
// nothing, may be the name of a city of 100,000 people or more (see largeSize), or its
// region's for the gazetteer: "south florida" (Fort Lauderdale), "northern virginia"
// (Arlington), "east la" (East Los Angeles, whatever its capitals), "groups in central
// florida" (Orlando), rather than every group of Florida, of Virginia or of the country;
// the longest run first, and only a run with a state's words, all the words that say nothing
// ("east la spanish") or those after a word that comes before a place ("groups in la
// county"). Its words besides the state, one or two that may be a place's whole name (see
// nameEdges), with a state and nothing else, may be a town of that state of a thousand
// people or more: "friendly md" is Friendly, Maryland, and "welcome, north carolina"
// Welcome, NC. With any other word ("lgbtq friendly md") they keep saying nothing. Runs that
// no place's name starts and ends as ("support groups texas") are not looked up, which would
// cost a file of places, nor a state's own name alone ("west virginia").
function stopNamesTown(parsed, edges) {
  if (!edges || parsed.zip || parsed.near || parsed.crisis) return [];
  const words = parsed.text.map((x) => x.w);
  if (!words.length) return [];
  const towns = [];
  const all = parsed.words.map((x) => x.w);
  const quiet = new Set(parsed.text.map((x) => x.at)); // where the words that say nothing are
  const states = parsed.terms.filter((t) => !t.prefix && t.meanings.every((mn) => mn[0] === "state"));
  const stateWords = new Set(states.flatMap((t) => t.words));
  for (let n = Math.min(3, all.length); n >= 2; n--) {
    for (let i = 0; i + n <= all.length; i++) {
      const at = range(i, n);
      const quietIn = at.filter((j) => quiet.has(j)).length;
      const stateIn = at.filter((j) => stateWords.has(all[j])).length;
      // (A run holds a state's words or all the words that say nothing: "i feel so alone"
      // reads no file of places.)
      // (Or it comes right after a word such as "in" or "near": "groups in la county".)
      const placed = i > 0 && comesBefore(edges.phrases, { w: all[i - 1] });
      if (!quietIn || !at.every((j) => quiet.has(j) || stateWords.has(all[j])) || (quietIn < quiet.size && !stateIn && !placed)) continue;
      if (!edges.starts.has(all[i]) || !(stateWords.has(all[i + n - 1]) || edges.ends.has(all[i + n - 1]))) continue;
      towns.push({ key: all.slice(i, i + n).join(" "), minSize: largeSize, anyState: true });
    }
  }
  const named = words.length === 1 ? edges.names.has(words[0]) : words.length === 2 && edges.starts.has(words[0]) && edges.ends.has(words[1]);
  if (named && parsed.terms.length && states.length === parsed.terms.length) towns.push({ key: words.join(" "), minSize: prefixMinSize, anyState: false });
  return towns;
}

// stopStartsPlace returns the words of the name of a place of a thousand people or more that
// the stop word before the first of text's other words starts, with them ("rural hall",
// "wonder lake"), or null. Only a stop word of four letters or more, of those that say
// nothing (not "family"): the short ones come before many of the groups' words ("at the
// church", "la iglesia"), and a file of places read for each would weigh on every such search.
// Its file of places is read only when canRead pays for its weight (see fits).
async function stopStartsPlace(index, text, canRead) {
  const real = text.map((x, i) => i).filter((i) => !text[i].stop);
  if (!real.length || real[0] === 0 || [...text[real[0] - 1].w].length < 4) return null;
  if (!saysNothing(await index.dictionary(), text[real[0] - 1].w)) return null;
  const words = text.slice(real[0] - 1, real[real.length - 1] + 1).map((x) => x.w);
  const file = await index.placeFile(words.join(" "));
  if (!file || (!index.has(file) && !canRead(index.weight(file)))) return null;
  const rows = await index.places(words.join(" ")).catch(() => []);
  return rows.some((r) => r.size >= prefixMinSize) ? words : null;
}

// completion returns the query parsed with the place's name being typed completed ("albuq":
// "albuquerque"; "fort wor": "fort worth"; "las veg" and "lasveg": "las vegas"), or null: the
// words that are not stop words, three at most, with the stop word before them or without,
// start the name of a place of a thousand people or more (see prefixMinSize), of states when
// given, the last word being of three letters or more and the name of four; the largest such
// place's. Submitted, the place is a city of 100,000 people or more, and the last word is no
// whole word of a place's name: "fort", "south" and "grand" are not Fort Collins, South Bend
// and Grand Prairie. A name is looked up only when paysNear says the budget pays for the files
// of places around it. withBefore: only with the stop word before them.
async function completion(index, parsed, states, submitted, paysNear, withBefore = false) {
  const minSize = submitted ? largeSize : prefixMinSize;
  // The start of a filter's words ("youn" of "young adults") is no town's.
  if (parsed.terms.some((t) => t.prefix)) return null;
  const text = parsed.text;
  const real = text.map((x, i) => i).filter((i) => !text[i].stop);
  if (!real.length) return null;
  const last = real[real.length - 1];
  if (last - real[0] > 2 || [...text[last].w].length < 3) return null;
  const firsts = real[0] > 0 ? [real[0] - 1, real[0]] : [real[0]];
  for (const first of withBefore ? firsts.slice(0, firsts.length - 1) : firsts) {
    const typed = text.slice(first, last + 1).map((x) => x.w);
    const key = typed.join(" ");
    // Typed alone, the start of a condition's, crisis's or topic's word, or of a word of five
    // letters or more that says nothing, is no town's while it starts both ("hear" is on its
    // way to "hearing voices", not Heartland, Texas; "alco" to "alcoholic", and "alcoa" is
    // Alcoa, Tennessee; "mental heal" to "mental health", not Healdsburg, California): see
    // saidWord and quietWord. After another word of the name, it is the name's ("fort wor").
    if ([...key.replaceAll(" ", "")].length < 4 || (typed.length === 1 && !submitted && (await startsSaid(index, key))) || !(await paysNear(key))) continue;
    const near = await index.placeShardsNear(key).catch(() => []);
    if (submitted && near.some((r) => r.key.split(" ").includes(text[last].w))) return null;
    // A name of several words typed as one, two letters past its first word: "lasve" is Las
    // Vegas ("northa" is still on its way to Northampton, not North Alabama's Huntsville).
    const joined = (r) => typed.length === 1 && r.key.includes(" ") && key.length > r.key.indexOf(" ") + 1 && r.key.replaceAll(" ", "").startsWith(key);
    const rows = near.filter((r) => r.key !== key && (r.key.startsWith(key) || joined(r)) && r.size >= minSize && (!states.length || states.includes(r.state)));
    if (!rows.length) continue;
    const rest = largest(rows).key.split(" ").slice(typed.length - 1).join(" ");
    return parsed.words.map((x) => (x.w === text[last].w ? rest : x.caps ? x.w.toUpperCase() : x.w)).join(" ");
  }
  return null;
}

// startsSaid reports whether w starts a word of the dictionary that a word being typed is read
// as (a condition's, crisis's or topic's: see Index.completions), a phrase of a condition or
// topic ("hear": "hearing voices"), or a word of five letters or more that says nothing
// ("heal": "health").
async function startsSaid(index, w) {
  if ((await index.completions()).some((c) => c.startsWith(w))) return true;
  const phrases = await index.dictionary();
  const said = (p) => phrases[p].some((mn) => phraseKinds.includes(mn[0])) || ([...p].length >= 5 && !p.includes(" ") && saysNothing(phrases, p));
  return Object.keys(phrases).some((p) => p.startsWith(w) && said(p));
}

// typedTail returns the query with the name it ends with completed, or null: the name of a
// state, or of a place of minSize or more, that its last two or three words start as typed, the
// first being no stop word unless one that starts a place's name ("los an": Los Angeles; see
// Index.nameEdges) and the last of two letters or more, where a name may start (the query's
// start, or after "in" or "near"). Unlike completion, it reads the words as typed, whatever
// each means alone: "san an" is San Antonio although "an" says nothing, "st lou" St. Louis, not
// Louisiana, "salt la" Salt Lake City, not Salt, Louisiana, "new york ci" New York City. A
// place is read so only when one of these words is no town's word as parse reads it, or the
// last is of two letters ("san di": San Diego), as completion reads the others; a state's name
// always: before a place of fewer than 100,000 people ("new hamp" is New Hampshire, not New
// Hampton, Iowa), after a larger one ("new ha" is New Haven). The last word alone, the start of
// a filter's word that found no group, is a city's of 100,000 people or more: "port" is
// Portland, not Portuguese. Submitted, as in completion, the last word is no whole word of a
// place's name. It reads the files of places around a name only when paysNear says the budget
// pays for them.
async function typedTail(index, parsed, phrases, edges, minSize, submitted, paysNear) {
  const words = parsed.words;
  const last = words[words.length - 1]?.w ?? "";
  for (const { n, start, key, state } of tailKeys(parsed, phrases, edges)) {
    // The places it reads only while the budget pays for them; a state's name needs none.
    const rows = (await paysNear(key)) ? await index.placeShardsNear(key).catch(() => []) : [];
    if (submitted && rows.some((r) => r.key.split(" ").includes(last))) continue;
    const place = largest(rows.filter((r) => r.key.startsWith(key) && r.size >= (n === 1 ? largeSize : minSize)));
    const name = state && (!place || place.size < largeSize) ? state : place && place.key;
    if (name) return [written(words.slice(0, start)), name].filter(Boolean).join(" ");
  }
  return null;
}

// tailKeys returns the names typedTail looks up, longest first: {n, start, key, state}, the
// last n words of parsed from word start, as key, and the state whose name they start ("" when
// none). It reads no file.
function tailKeys(parsed, phrases, edges) {
  const words = parsed.words;
  const plain = new Set(parsed.text.filter((x) => !x.stop).map((x) => x.at));
  const stops = new Set(parsed.text.filter((x) => x.stop).map((x) => x.at));
  const prefix = parsed.terms.some((t) => t.prefix);
  const last = words[words.length - 1]?.w ?? "";
  const out = [];
  if ([...last].length < 2) return out;
  for (const n of [3, 2, 1]) {
    const start = words.length - n;
    if (start < 0 || (stops.has(start) && !edges?.starts.has(words[start].w)) || (n === 1 && !prefix)) continue;
    // A name starts the query or follows a word that comes before one ("in", "near"): not "…
    // but travel to" nor "new york city span", whose files of places a sentence being typed
    // would read at each word, leaving less of its budget to what it says.
    if (start > 0 && !comesBefore(phrases, words[start - 1])) continue;
    const key = words.slice(start).map((y) => y.w).join(" ");
    if ([...key.replaceAll(" ", "")].length < 4) continue;
    const state = n > 1 ? stateStarting(phrases, key) : "";
    const unread = [...last].length < 3 || words.slice(start).some((y, i) => !plain.has(start + i));
    if (state || unread) out.push({ n, start, key, state });
  }
  return out;
}

// phraseEnding returns words with the phrase that their last two or three words start
// completed ("carolina del no": "carolina del norte"; see phraseStarting), the last of them a
// stop word or of two letters (words of a place's name would be read as the place's), or "".
// While typing, the last word may be any of typedMin letters or more, and the phrase not a
// state's, which waits for typedTail to weigh it against a town's: a filter's from three
// letters ("spanish spea": "spanish speaking", not Spearfish, SD; but "para m" is not yet
// "para mañana"), a condition's from one ("eating d").
function phraseEnding(words, phrases, kinds, typedMin = Infinity) {
  const last = words[words.length - 1]?.w ?? "";
  const quietOrShort = (hasOwn(phrases, last) && phrases[last].some((mn) => quietKinds.includes(mn[0]))) || [...last].length === 2;
  if (!quietOrShort && [...last].length < typedMin) return "";
  const these = quietOrShort ? kinds : kinds.filter((k) => k !== "state");
  for (const n of [3, 2]) {
    if (words.length < n) continue;
    const phrase = phraseStarting(phrases, words.slice(-n).map((y) => y.w).join(" "), these);
    if (phrase) return [written(words.slice(0, -n)), phrase].filter(Boolean).join(" ");
  }
  return "";
}

// filterKinds are the meanings of a filter's words; typedKinds those a phrase being typed is
// completed to (see phraseStarting): a filter's words, or a state's name.
const filterKinds = ["day", "time", "when", "language", "attendance", "audience", "program", "access"];
const typedKinds = ["state", ...filterKinds];

// phraseStarting returns the shortest phrase of two words or more that starts with key and is
// longer ("por la ma": "por la manana"), when every such phrase means one and the same of
// kinds; else "" ("north": the Carolinas and Dakotas; "cerca de m": near me).
function phraseStarting(phrases, key, kinds) {
  let meaning = "";
  let name = "";
  for (const [p, ms] of Object.entries(phrases)) {
    if (p === key || !p.includes(" ") || !p.startsWith(key)) continue;
    const mn = ms.find((x) => kinds.includes(x[0]));
    if (!mn || (meaning && mn.join(" ") !== meaning)) return "";
    meaning = mn.join(" ");
    if (!name || p.length < name.length) name = p;
  }
  return name;
}

// stateStarting returns the name of the one state whose name of two words or more starts with
// key and is longer ("new yo": "new york"), its shortest such name, or "" when none or more
// than one state's does ("north": the Carolinas and Dakotas).
function stateStarting(phrases, key) {
  let code = "";
  let name = "";
  for (const [p, ms] of Object.entries(phrases)) {
    if (p === key || !p.includes(" ") || !p.startsWith(key)) continue;
    const st = ms.find((mn) => mn[0] === "state");
    if (!st) continue;
    if (code && st[1] !== code) return "";
    code = st[1];
    if (!name || p.length < name.length) name = p;
  }
  return name;
}

// largest returns the row of rows ({size, fine}) of the largest place, by its first digit too
// when known (fine), the first of those as large, or null when rows is empty.
function largest(rows) {
  const size = (r) => r.fine ?? r.size;
  return rows.reduce((a, b) => (!a || size(b) > size(a) ? b : a), null);
}

// meetingSoon returns the items of out that meet today (or tomorrow): of the meetings asked
// for, the next is within two days (three for tomorrow), not the visitor's date: a meeting of
// today's weekday in another time zone may fall on the visitor's next date.
function meetingSoon(out, o, tomorrow) {
  const within = (tomorrow ? 3 : 2) * msPerDay;
  return out.items.filter((it) => (it.start ?? nextMeeting(onlyMeetings(it.rec, out.meetings), o.now)?.start ?? Infinity) - o.now <= within);
}

// noneLeftToday reports, for "today" or "tonight", whether none of items has a meeting of
// those asked for within two days: late in the day, the soonest are a week away. (A meeting
// of today's weekday in another time zone may be tomorrow in the visitor's clock: so the
// test is two days, not the visitor's date.)
function noneLeftToday(items, meetings, now) {
  if (!items.length) return false;
  const starts = items.map((it) => it.start ?? nextMeeting(onlyMeetings(it.rec, meetings), now)?.start ?? Infinity);
  return Math.min(...starts) - now > 2 * msPerDay;
}

// firstShown is how many results, about a phone's screenful, o.partial is given when the
// records of the others are still coming.
const firstShown = 5;

// fillItems sets out.items to the first of all ({ref, start, miles}) whose records the search's
// budget pays for (see withinBudget), with each one's record. When the records of the first
// firstShown come before the rest, o.partial is called first with out holding those and how
// many are still coming (pending).
async function fillItems(index, all, o, out) {
  const m = await index.manifest();
  const list = withinBudget(index, m, o, all);
  const item = (x, rec) => ({ ...x, rec });
  const refs = list.map((x) => x.ref);
  if (o.partial && list.length > firstShown) {
    // The files of the first are asked for alone, the others' once they have come: asking for
    // them all at once took the page's main thread for a millisecond each before the first
    // could show.
    const recs = await Promise.all(await index.eachRecord(refs.slice(0, firstShown)));
    const more = refs.slice(firstShown).some((r) => !index.has(recordFileOf(m, r)));
    if (more) o.partial({ ...out, items: recs.map((rec, i) => item(list[i], rec)), pending: list.length - firstShown });
  }
  const recs = await Promise.all(await index.eachRecord(refs));
  out.items = list.map((x, i) => item(x, recs[i]));
}

const weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

// relativeDay returns the weekday that when ("today", "tonight", "tomorrow") names at now, in
// the visitor's clock (the browser's time zone).
function relativeDay(when, now) {
  return weekdays[(new Date(now).getDay() + (when === "tomorrow" ? 1 : 0)) % 7];
}

// values returns the values the query's terms give filter kind.
function values(terms, kind) {
  return [...new Set(terms.flatMap((t) => t.meanings.filter((mn) => mn[0] === kind).map((mn) => mn[1])))];
}

async function unionOf(promises) {
  return union(await Promise.all(promises));
}

// allOf returns the refs in every one of the lists promised.
async function allOf(promises) {
  const lists = (await Promise.all(promises)).sort((a, b) => a.length - b.length);
  return lists.reduce(intersect);
}

// allWords returns the groups having a word starting with each of words.
async function allWords(index, words) {
  const ws = words.filter((w) => [...w].length >= 2);
  if (!ws.length) return [];
  return allOf(ws.map((w) => index.wordRefs(w)));
}

// allExact returns the groups having each of words itself (a dictionary's phrase: "men" is
// not the start of "mental").
async function allExact(index, words) {
  const ws = words.filter((w) => [...w].length >= 2);
  if (!ws.length) return [];
  return allOf(ws.map((w) => index.exactRefs(w)));
}

// radiusWithin returns the radius, miles or less, of a search for the groups near at whose
// states' positions the search o may read (see fits): miles when it may read them all, else
// short of the nearest state it may not read. A query whose other words spent the budget
// ("women friendly group atlanta": three files of places for "friendly") still finds its
// town, within fewer miles, and says so.
function radiusWithin(index, m, o, at, miles) {
  const near = statesNear(m, at, miles)
    .map((s) => ({ file: m.states[s].points, bound: boxDistanceMiles(at, m.states[s].bbox) }))
    .sort((a, b) => a.bound - b.bound);
  const files = [];
  for (const { file, bound } of near) {
    files.push(file);
    if (!fits(index, o, index.unreadBytes(files))) return Math.ceil(bound) - 1;
  }
  return miles;
}

// minRadius is the fewest miles around a town that its search lists: nearer, it is left for
// the search's other readings.
const minRadius = 25;

// stateCode returns the state (lower case) in which the group ref is listed.
function stateCode(m, ref) {
  return m.states[stateOf(m, ref)].code;
}

// nearestOf returns up to k of refs, nearest to at first, paused groups after the others and
// those without a position last, in ref order. It reads the positions of the states that hold
// refs while the search may (canRead: see fits); when it may read no more, it returns only
// the groups nearer than any state it did not read, which no other can come before.
async function nearestOf(index, at, refs, k, canRead) {
  const m = await index.manifest();
  const byState = new Map();
  for (const ref of refs) {
    const s = stateOf(m, ref);
    if (!byState.has(s)) byState.set(s, []);
    byState.get(s).push(ref);
  }
  // The states' positions are read nearest state first, a few at a time, until k groups
  // that meet are nearer than any state left: "springfield" matches groups in forty states,
  // and reading every state's positions would take the search past its 100 KB.
  const states = [...byState.keys()]
    .map((s) => ({ s, bound: m.states[s].bbox ? boxDistanceMiles(at, m.states[s].bbox) : Infinity }))
    .sort((a, b) => a.bound - b.bound);
  const found = [];
  for (let i = 0; i < states.length; i += statesAtOnce) {
    const these = states.slice(i, i + statesAtOnce);
    if (!canRead(index.unreadBytes(these.map((x) => m.states[x.s].points)))) {
      const sure = found.sort(nearestFirst).findIndex((f) => f.paused || f.miles === null || f.miles > states[i].bound);
      return found.slice(0, Math.min(k, sure < 0 ? found.length : sure));
    }
    const want = these.flatMap((x) => byState.get(x.s));
    const d = await distances(index, at, want);
    for (const ref of want) found.push({ ref, miles: d.get(ref)?.miles ?? null, paused: d.get(ref)?.paused ?? false });
    const next = i + statesAtOnce < states.length ? states[i + statesAtOnce].bound : Infinity;
    if (found.filter((f) => !f.paused && f.miles !== null && f.miles <= next).length >= k) break;
  }
  return found.sort(nearestFirst).slice(0, k);
}

// statesAtOnce is how many states' positions nearestOf asks for together: as many as a
// browser fetches at once from one host over HTTP/1.1.
const statesAtOnce = 6;

// correctionPositions is how many files of groups' positions (search/n/, one a state) the
// search of a place a correction names reads, as many as a place near two or three states'
// borders: room a word alone leaves for them when reading the files of places around it.
const correctionPositions = 3;

// aroundPaid returns the first keys of the files of places around the word w (see
// Index.keysAround), its own first, then the next, the one before and those of its second
// letters swapped or dropped, as many as the search's budget pays for (pays) with room left
// for the search of the place its correction names: that place's positions (see
// correctionPositions) and its first records. Reading all of them or none, a word alone had
// either no room left to search what it was corrected to ("garladn": Garland, then nothing)
// or no files but the large places', as the gazetteer's files fell. When the place meant
// (see correct) is among the large places or in the word's own file, which the search as
// typed has mostly read, no other: "clumbus" is Columbus's groups within 100 miles, not 54.
// The others are read together, by the caller.
async function aroundPaid(index, w, pays, meant, large) {
  const room = correctionPositions * index.weight("search/n/");
  const [own, ...others] = await index.keysAround(w);
  const keys = [];
  if (own !== undefined && pays((await index.unreadPlaceBytes([own])) + room)) keys.push(own);
  const read = (await Promise.all([large, ...keys.map((k) => index.placeShard(k).catch(() => []))])).flat();
  if (read.some(meant)) return keys;
  for (const k of others) if (pays((await index.unreadPlaceBytes([...keys, k])) + room)) keys.push(k);
  return keys;
}

// joinedName returns the name of several words that w is with its spaces left out: of the
// largest of rows (places) whose key it is, else of a phrase of the dictionary that says
// something ("newmexico": "new mexico"); "" for none.
function joinedName(w, rows, phrases) {
  const named = rows.filter((row) => joins(w, row.key));
  if (named.length) return largest(named).key;
  return Object.keys(phrases).find((p) => joins(w, p) && !saysNothing(phrases, p)) ?? "";
}

// joins reports whether w is the name key, of several words, with its spaces left out.
function joins(w, key) {
  return key.includes(" ") && key.replaceAll(" ", "") === w;
}

/**
 * correct returns the query with each word that is in no index replaced by the nearest word
 * of the indexes (group words, the dictionary, place names), or left out when none is near
 * (or with drop, always) and other words remain; null when nothing changes.
 * @param {import("./search-index.js").Index} index
 * @param {import("./query.js").Parsed} parsed
 * @param {Record<string, string[][]>} phrases
 * @param {object} [opts]
 * @param {boolean} [opts.keepPlaceWords] keep the words of places' names (default true)
 * @param {string[]} [opts.states] the states the search is in (USPS codes, upper case): their
 *   places come first
 * @param {boolean} [opts.drop] leave out every unknown word rather than correct it
 * @param {string[]} [opts.names] in a sentence, the keys the place's name after a word such as
 *   "in" may be (see nameKeys): the names the corrections may complete
 * @param {(files: number, bytes?: number) => boolean} [opts.affords] whether the search may
 *   still read so many files of places, weighing bytes together (see affords): files of
 *   places are read only then
 * @param {(bytes: number) => boolean} [opts.pays] whether the search's budget of bytes pays
 *   for files weighing bytes (see fits): for a word alone, which affords does not limit
 * @param {object | null} [opts.edges] the words that may begin or end a place's name (see
 *   placeRuns)
 */
export async function correct(index, parsed, phrases, { keepPlaceWords = true, states = [], drop = false, names = [], affords = () => true, pays = () => true, edges = null } = {}) {
  const textWords = new Set(parsed.text.filter((x) => !x.stop).map((x) => x.w));
  // The places near the words together, for a name of several ("los angelos", "grupos en
  // las cruses": "angeles" and "cruces" start no place's name).
  // A word one edit from a word of the dictionary ("vetrans", "ther") is most likely that
  // word: no file of places is read for it (the large places still compete), nor for a
  // word too short to correct but to complete a name, which the large places and the
  // query's runs of words give.
  const dictionaryWords = Object.keys(phrases).filter((p) => !p.includes(" "));
  const plain = (w) => [...w].length <= 3 || dictionaryWords.some((p) => editDistance(w, p, 1) <= 1);
  // In a sentence, whose words are not one name, the name after a word such as "in" ("is
  // there a group for veterans in san antono texas thank you": "san antono"), else the name
  // at its end ("is there a group for veterans in san antono": "san antono", "in san antono").
  const runs = placeRuns(parsed.text, edges).filter((k) => k.includes(" "));
  const runKeys = [...stateRuns(parsed), ...(runs.length ? runs.reverse() : names.length ? names : lastRuns(parsed.text.map((x) => ({ ...x, stop: x.stop || plain(x.w) }))))].slice(0, 2);
  // The files of a sentence's last name count among the places looked up.
  let lookups = runs.length ? 0 : runKeys.length;
  const runFiles = (await Promise.all(runKeys.map((k) => index.keysNear(k)))).flat();
  const runPlaces = affords(await index.unread(runFiles), await index.unreadPlaceBytes(runFiles)) ? (await Promise.all(runKeys.map((k) => index.placeShardsNear(k).catch(() => [])))).flat() : [];
  // The large places, whatever their keys: a word misspelt in its first letters ("tmpa",
  // "dellas") is far from its place in the files of places.
  const largeFile = (await index.geo()).large;
  const largeUnread = largeFile && !index.has(largeFile) ? 1 : 0;
  const large = drop || !affords(largeUnread, largeUnread * index.weight(largeFile)) ? Promise.resolve([]) : index.largePlaces().catch(() => []);
  // A name of several words one edit from a place's of a thousand people or more, the edit
  // perhaps in a word that says nothing alone, which no word's correction would make ("an
  // arbor": Ann Arbor): the name corrected whole, the larger place first.
  /** @type {Map<number, string>} the words of such a name, by their position in parsed.words */
  const renamed = new Map();
  if (!drop) {
    const named = runPlaces.concat(runKeys.length ? await large : []);
    for (const k of runKeys) {
      const n = k.split(" ").length;
      const rows = named.filter((r) => r.key !== k && r.size >= prefixMinSize && r.key.split(" ").length === n && editDistance(k, r.key, 1) <= 1);
      const at = parsed.words.findIndex((x, i) => parsed.words.slice(i, i + n).map((y) => y.w).join(" ") === k);
      if (!rows.length || at < 0) continue;
      const name = largest(rows).key.split(" ");
      for (let i = 0; i < n; i++) renamed.set(at + i, name[i]);
      break;
    }
  }
  const out = [];
  const kept = new Set(); // the positions of the words kept
  const keep = (i, y) => {
    out.push(y);
    kept.add(i);
  };
  let changed = false;
  for (const [i, x] of parsed.words.entries()) {
    const w = x.w;
    // A letter alone after a word left out goes with it: the "s" of "mary's".
    if ([...w].length < 2 && i > 0 && !kept.has(i - 1)) {
      changed = true;
      continue;
    }
    if (renamed.has(i)) {
      changed ||= renamed.get(i) !== w;
      keep(i, { ...x, w: renamed.get(i) });
      continue;
    }
    if (!textWords.has(w) || w === parsed.zip || [...w].length < 2) {
      keep(i, x);
      continue;
    }
    // Each file of places is about 4 KB to load: the files on either side only for a word
    // alone (or when the word is near their boundary), and places for the first few words
    // only, so that a long query of unknown words stays within the finder's 100 KB.
    // The word's file of the token index was read by the search before this one: a word of a
    // group or of a group's place stays, and no file of places is read for it.
    const [refs, shard, placeWord, m] = await Promise.all([index.wordRefs(w), index.tokenShard(w), index.isPlaceWord(w), index.manifest()]);
    // A word of groups of other states than those the query names is corrected as a word of
    // none, to a place of those states first: "pittsburg pa" is Pittsburgh, not every group of
    // Pennsylvania (the groups of Pittsburg, Kansas, hold the word).
    const inState = (row) => (row.states || [row.state]).some((s) => states.includes(s));
    const elsewhere = states.length > 0 && refs.length > 0 && !refs.some((r) => states.includes(m.states[stateOf(m, r)].code.toUpperCase()));
    if (!elsewhere && (refs.length || (keepPlaceWords && placeWord))) {
      keep(i, x);
      continue;
    }
    const around = textWords.size === 1;
    // A town of 10,000 people or more whose name of one word is one edit away (or whose name
    // of several is the word typed as one: see joinedName), of the states named if any: the
    // place meant, whose search the files read after it would leave no room for (see
    // aroundPaid). Not a name of several words one edit away, which no word's correction
    // makes ("laamesa" is Lamesa, TX, not La Mesa, CA).
    const meant = (row) => row.size >= largerMinSize && ((!row.key.includes(" ") && editDistance(w, row.key, 1) <= 1) || joins(w, row.key)) && (!states.length || inState(row));
    // A phrase of the dictionary typed as one word ("southdakota") needs no file of places.
    const phrase = joinedName(w, [], phrases);
    const keys = drop || plain(w) || phrase ? [] : around ? await aroundPaid(index, w, pays, meant, large) : await index.keysNear(w);
    const [cost, bytes] = await Promise.all([index.unread(keys), index.unreadPlaceBytes(keys)]);
    // A word alone reads the files around it whatever the budget of corrections: they are all
    // its search reads; but within the search's budget of bytes (see aroundPaid).
    const nearby = drop || plain(w) || lookups++ >= maxPlaceLookups || !(around ? keys.length > 0 : affords(cost, bytes)) ? Promise.resolve([]) : Promise.all(keys.map((k) => index.placeShard(k).catch(() => []))).then((rows) => rows.flat());
    const [near, big] = await Promise.all([nearby.catch(() => []), large]);
    const places = near.concat(runPlaces);
    // A word of a place's name stays: "san" of "san fransisco"; and a large place's whole
    // name when unknown words are left out ("we moved to tucson", but "grupo nuevo en
    // tucson" leaves out Nuevo, California).
    // With a state named, a word of places of other states only is not one ("pittsburg pa").
    const placeRows = places.concat(big);
    const rowsOf = placeRows.filter((row) => row.key.split(" ").includes(w));
    const ofPlace = rowsOf.length > 0 && (!states.length || rowsOf.some(inState));
    if ((keepPlaceWords && ofPlace) || (drop && big.some((row) => row.key === w))) {
      keep(i, x);
      continue;
    }
    // Such a word is corrected only to a place of the named states, else kept ("camp hi" is
    // not Campo, California).
    const away = keepPlaceWords && (elsewhere || rowsOf.length > 0);
    if (!away) changed = true;
    if (drop) continue;
    // A name of several words typed as one ("lasvegas", "saltlakecity", "newmexico"): that
    // name, of the largest such place (of the states named, if any), before any nearer word.
    const joined = joinedName(w, placeRows.filter((row) => !states.length || inState(row)), phrases);
    if (joined) {
      changed = true;
      keep(i, { ...x, w: joined });
      continue;
    }
    const candidates = [];
    for (const [tok, d] of Object.entries(shard.words)) candidates.push([tok, groupWordWeight + d.length]);
    // Stop words too ("lookng", "ther" and "ayda" say nothing once corrected, and are then
    // not searched), but not for a word of a place's name ("fort" is not "for"), nor those of
    // three letters ("forx" is not "for"), nor, for a word under six letters, one it is not
    // the start of but for a letter: "teen" is not "been", "year" not "near".
    // Of two words of the dictionary, one the groups' names hold too: "veteranz" is
    // "veterans", not "veteran".
    for (const p of dictionaryWords) {
      if (saysNothing(phrases, p) && (ofPlace || [...p].length <= 3 || ([...w].length < 6 && [...p].length <= [...w].length))) continue;
      const inNames = hasOwn(shard.words, p) ? shard.words[p].length : 0;
      candidates.push([p, (phrases[p].some((mn) => mn[0] === "state") ? stateNameWeight : dictionaryWeight) + inNames]);
    }
    // A word that makes a place's whole name with the query's other words, then one that is a
    // place's whole name, before a word of one ("los angelos": Los Angeles before Angels;
    // "daytonn": Dayton before Daytona Beach); then a place of the state the search is in
    // ("eporia ks" is Emporia, not Peoria), then the larger place ("detoit": Detroit before
    // Deloit). See the weights above.
    const completes = (part, key) => runKeys.some((k) => k.split(" ").includes(w) && k.split(" ").map((x) => (x === w ? part : x)).join(" ") === key);
    const rank = (row) => row.size + (states.length && inState(row) ? inStateBonus : 0);
    // The candidates that complete a place's name, for a word too short to correct otherwise.
    const completing = [];
    const add = (part, row, weight) => {
      // A name of three letters or fewer ("okc") is no reason to correct a word ("rokc"), nor
      // another short name that shares no word with the place's ("nola": "lola" is not New
      // Orleans; the large places' rows carry no name, and leave such names out).
      if (part === row.key && ([...part].length <= 3 || (row.name && [...part].length <= 4 && !placeKey(row.name).split(" ").some((x) => row.key.split(" ").includes(x))))) return;
      // A large city of another state than the one named is no more than a place.
      const large = weight === wholeNameWeight && row.size >= largeSize && [...part].length >= 5 && (!states.length || inState(row));
      const c = [part, large ? largeCityWeight : weight, rank(row)];
      candidates.push(c);
      if (weight === completesWeight) completing.push(c);
    };
    for (const row of places) for (const part of row.key.split(" ")) add(part, row, completes(part, row.key) ? completesWeight : part === row.key ? wholeNameWeight : partNameWeight);
    // Of the large places, only whole names or names the other words complete: a word of one
    // ("diego", "nueva") is too weak a reason to replace a word dropped otherwise.
    for (const row of big) {
      for (const part of row.key.split(" ")) {
        const weight = completes(part, row.key) ? completesWeight : part === row.key ? wholeNameWeight : 0;
        if (weight) add(part, row, weight);
      }
    }
    // A word too short to correct alone is corrected only to complete a place's name with the
    // query's other words ("sn francisco", "salt lake cty").
    const c = maxEdits(w) > 0 ? closest(w, candidates) : closest(w, completing, 1);
    if (away) {
      if (!c || !placeRows.some((row) => inState(row) && row.key.split(" ").includes(c))) {
        keep(i, x);
        continue;
      }
      changed = true;
    }
    if (c) keep(i, { ...x, w: c });
  }
  if (!changed || out.length === 0) return null;
  return written(out);
}
