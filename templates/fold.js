// Folding of words for the finder and the site search: the same function as Go's
// search.Fold (internal/search/fold.go), tested on both sides with the vectors of
// internal/search/testdata/fold.json. Change the two, and the vectors, together.

import { timeOfDay } from "./meetings.js";

// How a visitor types the lower-case letters that canonical decomposition leaves whole.
// JavaScript lower-cases a word-final capital sigma to ς, Go always to σ: both end as σ.
const letters = new Map([
  ["ß", "ss"], ["æ", "ae"], ["œ", "oe"], ["ø", "o"], ["ł", "l"], ["đ", "d"], ["ð", "d"],
  ["þ", "th"], ["ı", "i"], ["ħ", "h"], ["ŧ", "t"], ["ς", "σ"],
]);
const special = /[ßæœøłđðþıħŧς]/gu;
// Runs of anything but Unicode's vulgar fractions, which keep their form: NFKD writes "½" as
// "1⁄2", and "2½" would become the number 21 and a 2.
const notFraction = /[^¼-¾⅐-⅟↉]+/gu;

/**
 * fold returns s decomposed with compatibility mappings (NFKD: full-width "ｏｈｉｏ" is
 * "ohio"; fractions stay whole), without combining marks, lower-cased and with the letters
 * above replaced, so that "Conexión" and "conexion" compare equal.
 * @param {string} s
 * @returns {string}
 */
export function fold(s) {
  return String(s)
    .replace(notFraction, (run) => run.normalize("NFKD"))
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(special, (c) => letters.get(c));
}

/**
 * tokens returns the words of s, folded: its runs of letters and numbers.
 * @param {string} s
 * @returns {string[]}
 */
export function tokens(s) {
  return fold(s).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
}

// The shortest word the index holds, in letters; shorter words of a query are ignored.
export const minWordLength = 2;

/**
 * queryWords returns the words of a query that the index can match: long enough, without
 * repeats, and without a word that is the prefix of another (it adds nothing).
 * @param {string} q
 * @returns {string[]}
 */
export function queryWords(q) {
  const words = [...new Set(tokens(q))].filter((w) => [...w].length >= minWordLength);
  return words.filter((w) => !words.some((o) => o !== w && o.startsWith(w)));
}

// dotted matches letters written with periods between them, an abbreviation ("D.C.", "N.Y."),
// with what comes before it. (No lookbehind: Safari reads one from 16.4 only.)
const dotted = /(^|[^\p{L}\p{M}\p{N}.])(\p{L}\p{M}*(?:\.\p{L}\p{M}*)+)\.?(?![\p{L}\p{M}\p{N}])/gu;

// dottedNames are the places people write in letters with periods whose letters alone are
// another place's code: "L.A." is Los Angeles, though LA is Louisiana.
const dottedNames = new Map([["la", "Los Angeles"]]);

// clock matches a time on a 12-hour clock, "7pm", "7 pm", "7:30 PM" ("p.m." is "pm" by
// then, see dotted), with what comes before it.
const clock = /(^|[^\p{L}\p{M}\p{N}:])(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*([ap])m(?![\p{L}\p{M}\p{N}])/giu;

// after matches a time asked for as a start, "after 6", "after 6:30 pm", "después de las 6",
// with what comes before it: the meetings that start later. A time with no am or pm is in the
// afternoon or the evening, as people mean it ("after 6" is after 6 pm, not "afternoon"). See
// laterThan.
const after = /(^|[^\p{L}\p{M}\p{N}])(?:after|despu[eé]s\s+de\s+las?)\s+(1[0-2]|0?[1-9])(?::([0-5]\d))?(?:\s*([ap])m)?(?![\p{L}\p{M}\p{N}:])/giu;

// spanishClock matches a time said with its part of the day in Spanish, "6 de la tarde", "10
// de la mañana", "8 de la noche", with what comes before it.
const spanishClock = /(^|[^\p{L}\p{M}\p{N}:])(1[0-2]|0?[1-9])(?::([0-5]\d))?\s+de\s+la\s+(ma[nñ]ana|tarde|noche)(?![\p{L}\p{M}\p{N}])/giu;

// laterThan returns the part of the day a minute after a time on a 12-hour clock (pm
// unless half says am): "after 5" is the evening, as 5pm itself is the afternoon.
function laterThan(hour, minutes, half) {
  return partOfDay(hour, String(Math.min(59, Number(minutes ?? 0) + 1)).padStart(2, "0"), half ?? "p");
}

// partOfDay returns the part of the day ("evening") of a time on a 12-hour clock, as the
// filters divide the day (see timeOfDay): 5pm is afternoon, 5:30pm evening.
function partOfDay(hour, minutes, half) {
  const h = (Number(hour) % 12) + (half.toLowerCase() === "p" ? 12 : 0);
  return timeOfDay(`${String(h).padStart(2, "0")}:${minutes ?? "00"}`);
}

/**
 * queryTerms returns the words of a query in order, folded, each with whether it was typed
 * in capitals ("IN" for Indiana, not the word "in"): [{w: "in", caps: true}], and whether it
 * starts with a capital ("Dayton"). Letters written with periods are one word ("D.C." is DC),
 * or a place's name (see dottedNames); a time on a 12-hour clock is its part of the day
 * ("7:30 p.m." is evening, and "6 de la tarde"), and a time asked for as a start the part of
 * the day after it ("after 6" is evening).
 * Words of one letter are kept (place names hold them: "Washington D C").
 * @param {string} q
 * @returns {{w: string, caps: boolean, title: boolean}[]}
 */
export function queryTerms(q) {
  const out = [];
  // Each pattern below is tried only on a query it can match: the first use of a pattern of
  // Unicode classes costs the page about a millisecond to compile, on the way to the first
  // results, and most queries hold no period and no digit.
  let joined = String(q).normalize("NFKC");
  if (joined.includes(".")) {
    joined = joined.replace(dotted, (m, before, letters) => {
      const word = letters.replaceAll(".", "");
      return before + (dottedNames.get(word.toLowerCase()) ?? word);
    });
  }
  if (/[0-9]/.test(joined)) {
    joined = joined
      .replace(after, (m, before, hour, minutes, half) => before + laterThan(hour, minutes, half))
      .replace(spanishClock, (m, before, hour, minutes, part) => before + partOfDay(hour, minutes, /^ma/i.test(part) || (part.toLowerCase() === "noche" && hour === "12") ? "a" : "p"))
      .replace(clock, (m, before, hour, minutes, half) => before + partOfDay(hour, minutes, half));
  }
  for (const raw of joined.split(/[^\p{L}\p{M}\p{N}]+/u)) {
    if (!raw) continue;
    const caps = raw.length > 1 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
    const first = [...raw][0];
    const title = first !== first.toLowerCase();
    for (const w of tokens(raw)) out.push({ w, caps, title });
  }
  return out;
}

/**
 * placeKey returns the key under which the gazetteer holds a place name: its words, folded,
 * joined by single spaces ("Las Cruces" → "las cruces"), as Go's geo.PlaceIndex.Key does with
 * search.Fold.
 * @param {string} s
 */
export function placeKey(s) {
  return tokens(s).join(" ");
}
