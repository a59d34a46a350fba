// Ordering the finder's results: by next meeting (from the index's files of weekday meetings,
// which carry the skipped dates and first meeting dates that move a group's next meeting, so
// that records are fetched only for the groups shown) and by distance (from the states' files
// of positions).

import { dayNames, dayNumber, instantOf, isoDate, meetingMatches, msPerDay, nextMeeting, onlyMeetings, wallMinutes } from "./meetings.js";
import { boxDistanceMiles, distanceMiles, recordFileOf, stateOf, undelta } from "./search-index.js";

// weekdayOf returns the weekday (0 Sunday) of a wall day number (days since 1970-01-01).
function weekdayOf(day) {
  return new Date(day * msPerDay).getUTCDay();
}

/**
 * dayOrder returns the weekdays whose files hold meetings, each with the earliest instant a
 * meeting of it not yet over at now can start in any of the zones, earliest first: today's
 * (and yesterday's while one of its overnight meetings may go on), then the next days'.
 * @param {{days: Record<string, {file: string, spill?: number}>, zones: string[]}} m the manifest
 * @param {number} now
 */
export function dayOrder(m, now) {
  const out = [];
  for (const [name, f] of Object.entries(m.days || {})) {
    const wd = dayNames.indexOf(name);
    let from = Infinity;
    for (const tz of m.zones) {
      const wall = wallMinutes(now, tz);
      const today = Math.floor(wall / 1440);
      let day = today + ((wd - weekdayOf(today) + 7) % 7);
      if (f.spill && weekdayOf(today - 1) === wd && wall < today * 1440 + f.spill) day = today - 1;
      from = Math.min(from, instantOf(day * 1440, tz));
    }
    out.push({ name, from });
  }
  return out.sort((a, b) => a.from - b.from);
}

/**
 * soonest returns the first k groups of refs by their next meeting as of now ({ref, start}),
 * of the meetings filter asks for (every one when null), those meeting now first; when fewer
 * than k have a meeting to come, the others (paused, or none to come) follow in ref order.
 * @param {import("./search-index.js").Index} index
 * @param {number[]} refs sorted
 * @param {number} k
 * @param {number} now
 * @param {import("./meetings.js").MeetingFilter | null} [filter]
 * @param {(bytes: number) => boolean} [canRead] whether the search may read files weighing
 *   bytes more (see search-index.js weightOf): a weekday's file, or the records of k refs or
 *   fewer, are read only then, and the groups no file read placed follow in ref order
 * @returns {Promise<{ref: number, start: number | null}[]>}
 */
export async function soonest(index, refs, k, now, filter = null, canRead = () => true) {
  if (refs.length === 0 || k <= 0) return [];
  const m = await index.manifest();
  const days = m.days ? dayOrder(m, now).filter((d) => !filter?.days || filter.days.includes(d.name)) : [];
  // The groups' records themselves when they weigh less than what the weekdays' files would
  // likely cost: the files until k groups of refs have a meeting (of n groups meeting once a
  // week, about 7k/n of them, and one more for the week's start), then the records of the
  // first k ("grreen bay ok": 25 groups of Oklahoma in 14 files of records; "new texas
  // anto…": 35 groups in 30 files, against the 7 weekdays' files their meetings are spread
  // over).
  const viaRecords = () => {
    const likelyDays = Math.min(days.length, Math.ceil((days.length * k) / refs.length) + 1);
    const viaDays = index.unreadBytes(days.slice(0, likelyDays).map((d) => m.days[d.name].file)) + k * index.weight("search/g/");
    const bytes = recordBytes(index, m, refs, viaDays);
    return bytes <= viaDays && canRead(bytes);
  };
  if (!m.days || (refs.length <= k && canRead(recordBytes(index, m, refs, Infinity))) || viaRecords()) {
    const recs = await index.records(refs);
    const all = refs.map((ref, i) => ({ ref, start: nextMeeting(onlyMeetings(recs[i], filter), now)?.start ?? null }));
    return order(all).slice(0, k);
  }
  const wanted = new Uint8Array(m.groups);
  for (const r of refs) wanted[r] = 1;
  const from = dayNumber(m.dates_from);
  const best = new Map(); // ref → start
  // Each day's file is fetched ahead of its turn, so files arrive while others are read, while
  // the search's budget pays for it.
  // (Asked for through index.json, which counts a file as read at once, so that the next
  // day's weighing sees it.)
  const fileOf = (i) => m.days[days[i].name].file;
  const affords = (i) => index.has(fileOf(i)) || canRead(index.weight(fileOf(i)));
  const files = [];
  for (let i = 0; i < days.length; i++) {
    for (let j = i; j < Math.min(i + 2, days.length); j++) if (!files[j] && affords(j)) files[j] = index.json(fileOf(j));
    if (!files[i]) break;
    const slots = await files[i];
    const name = days[i].name;
    for (const sl of slots) {
      if (!meetingMatches(name, sl.s, filter)) continue;
      const exact = sl.r ? undelta(sl.r).filter((r) => wanted[r]) : [];
      const check = sl.x ? undelta(sl.x).map((r, j) => [r, sl.d[j]]).filter(([r]) => wanted[r]) : [];
      if (exact.length === 0 && check.length === 0) continue;
      const slot = { tz: m.zones[sl.z], meetings: [{ day: name, start: sl.s, end: sl.e, weeks: sl.w, overnight: sl.o }] };
      const next = nextMeeting(slot, now);
      if (!next) continue;
      for (const r of exact) keep(best, r, next.start);
      // A first meeting date and skipped dates move the group's next meeting in the slot.
      for (const [r, d] of check) {
        const starts = d[0] > 0 ? isoDate(from + d[0]) : undefined;
        const n = nextMeeting({ ...slot, starts, skip: d.slice(1).map((k) => isoDate(from + k)) }, now);
        if (n) keep(best, r, n.start);
      }
    }
    const until = i + 1 < days.length ? days[i + 1].from : Infinity;
    const sorted = [...best.values()].sort((a, b) => a - b);
    if (sorted.length >= k && sorted[k - 1] <= until) break;
  }
  const found = order([...best.entries()].map(([ref, start]) => ({ ref, start })));
  if (found.length >= k) return found.slice(0, k);
  const seen = new Set(found.map((f) => f.ref));
  for (const ref of refs) {
    if (found.length >= k) break;
    if (!seen.has(ref)) found.push({ ref, start: null });
  }
  return found;
}

// recordBytes returns what the files of records of refs (sorted) not read yet weigh, or
// Infinity as soon as that passes limit: a search that lists every group holds thousands of
// refs, whose files need not all be named to know that they weigh too much.
function recordBytes(index, m, refs, limit) {
  let bytes = 0;
  let last = "";
  for (const ref of refs) {
    const file = recordFileOf(m, ref);
    if (file === last) continue; // sorted refs: a file's refs come together
    last = file;
    if (!index.has(file)) bytes += index.weight(file);
    if (bytes > limit) return Infinity;
  }
  return bytes;
}

// keep records start as ref's next meeting when it is sooner than the one best holds.
function keep(best, ref, start) {
  const had = best.get(ref);
  if (had === undefined || start < had) best.set(ref, start);
}

// order sorts by start (none last), then ref.
function order(items) {
  return items.sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity) || a.ref - b.ref);
}

// nearestFirst orders {ref, miles, paused} by distance, the groups that meet before the paused
// ones, and those without a distance last.
export function nearestFirst(a, b) {
  return Number(a.paused) - Number(b.paused) || (a.miles ?? Infinity) - (b.miles ?? Infinity) || a.ref - b.ref;
}

/**
 * nearby returns the groups within miles of position at ([lat, lon]), among allowed (sorted
 * refs; every group when null), nearest first, paused groups after the others:
 * [{ref, miles, paused}].
 * @param {import("./search-index.js").Index} index
 * @param {number[]} at
 * @param {number} miles
 * @param {number[] | null} allowed
 */
export async function nearby(index, at, miles, allowed) {
  const m = await index.manifest();
  const ok = allowed ? new Set(allowed) : null;
  const states = statesNear(m, at, miles);
  const out = [];
  for (const pts of await Promise.all(states.map((s) => index.points(s)))) {
    for (const p of pts) {
      if (ok && !ok.has(p.ref)) continue;
      const d = distanceMiles(at, p.at);
      if (d <= miles) out.push({ ref: p.ref, miles: d, paused: p.paused });
    }
  }
  return out.sort(nearestFirst);
}

/**
 * statesNear returns the states of manifest m (by number) that may hold groups within miles of
 * position at: those whose groups' bounds come that near. nearby reads their positions.
 * @param {{states: {bbox?: number[]}[]}} m
 * @param {number[]} at
 * @param {number} miles
 * @returns {number[]}
 */
export function statesNear(m, at, miles) {
  return m.states.map((st, s) => s).filter((s) => m.states[s].bbox && boxDistanceMiles(at, m.states[s].bbox) <= miles);
}

/**
 * distances returns the distance from at of each of refs that has a position, and whether it
 * is paused (a Map from ref to {miles, paused}), reading the positions of their states.
 * @param {import("./search-index.js").Index} index
 * @param {number[]} at
 * @param {number[]} refs
 */
export async function distances(index, at, refs) {
  const m = await index.manifest();
  const states = [...new Set(refs.map((r) => stateOf(m, r)))];
  const want = new Set(refs);
  const out = new Map();
  for (const pts of await Promise.all(states.map((s) => index.points(s)))) {
    for (const p of pts) if (want.has(p.ref)) out.set(p.ref, { miles: distanceMiles(at, p.at), paused: p.paused });
  }
  return out;
}
