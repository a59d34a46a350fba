// Building result lists with the DOM: every piece of data goes in as text, never as HTML.

import { isoDate, meetingWords, nextMeeting, wallMinutes } from "./meetings.js";
import { label, locale, t } from "./words.js";

/**
 * el returns a new element with class cls (when given) and text (when given).
 * @param {string} tag
 * @param {string} [cls]
 * @param {string} [text]
 */
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * where says where a group meets, briefly, as Go's render.Where does: "Library, Lakewood,
 * NM", "Online", "…, and online". Both are tested with testdata/shared/where.json.
 * @param {{place?: string, city?: string, region?: string, attendance: string}} rec
 * @param {(key: string, args?: object) => string} [say] the words, for tests
 */
export function where(rec, say = t) {
  const place = [rec.place, rec.city, rec.region].filter(Boolean).join(", ");
  if (rec.attendance === "online" || !place) return say("where.online");
  if (rec.attendance === "hybrid") return say("where.hybrid", { place });
  return place;
}

/**
 * groupItem returns the list item of one group: a link to its page, its next meeting in its
 * own time zone (and in the visitor's when that differs), marked "In progress" or "Starting
 * soon" (or "Paused"), where it meets, and how far it is when a distance is known.
 * @param {object} rec a record of the index
 * @param {{home: string, paths: {group: string}, lang: string, now?: number, miles?: number | null,
 *   zone?: string}} opts paths: the manifest's address patterns; zone: the visitor's time zone
 */
export function groupItem(rec, opts) {
  const li = el("li", rec.paused ? "group is-paused" : "group");
  li.dataset.id = rec.id;
  const a = el("a", "group-name", rec.name);
  a.href = opts.home + opts.paths.group.replace("{id}", rec.id);
  if (rec.lang && rec.lang !== opts.lang) a.lang = rec.lang;
  li.append(a);
  const now = opts.now ?? Date.now();
  const next = nextMeeting(rec, now);
  const when = el("span", "group-when");
  if (rec.paused) {
    li.append(" ", el("strong", "tag", t("group.paused")));
    when.textContent = t("group.paused-long");
  } else if (next) {
    // A new group's first meeting is its start: say "Starting", as the state lists do.
    const first = rec.starts && meetingDay(next.start, rec.tz) === rec.starts;
    if (next.now) li.append(" ", el("strong", "tag is-now", t("js.in-progress")));
    else if (next.start - now <= soonMs) li.append(" ", el("strong", "tag is-soon", t("js.starting-soon")));
    else if (first) li.append(" ", el("strong", "tag", t("group.starting", { date: dayWords(rec.starts) })));
    const time = el("time", "", meetingWords(next.start, rec.tz, locale));
    time.dateTime = new Date(next.start).toISOString();
    when.append(next.now ? t("js.meeting-since") : first ? t("js.first-meeting") : t("js.next-meeting"), " ", time);
    const mine = yourTime(next.start, rec.tz, opts.zone);
    if (mine) when.append(" (", t("js.your-time", { time: mine }), ")");
  } else {
    when.textContent = t("js.no-meeting");
  }
  li.append(when);
  const bits = [where({ ...rec, region: rec.state.toUpperCase() })];
  if (rec.program === "conexion") bits.push(label("program", "conexion"));
  if (rec.lang && rec.lang !== opts.lang) bits.push(t("group.in-language", { language: label("language", rec.lang) }));
  if (opts.miles !== undefined && opts.miles !== null) {
    const digits = opts.miles < 10 ? 1 : 0;
    const miles = numberFormat(digits).format(opts.miles);
    bits.push(t(rec.approx ? "js.about-miles-away" : "js.miles-away", { miles }));
  }
  li.append(el("span", "group-where", bits.join(" · ")));
  return li;
}

// How long before a meeting it is "starting soon".
const soonMs = 60 * 60000;

/**
 * yourTime returns the time of instant ms on the visitor's clock ("8:30 PM", with the weekday
 * when the day differs from the group's), or "" when the visitor's clock shows the same time
 * as the group's.
 * @param {number} ms
 * @param {string} tz the group's zone
 * @param {string} [zone] the visitor's zone (by default, the browser's)
 */
export function yourTime(ms, tz, zone) {
  const mine = zone || visitorZone();
  if (!mine || !tz) return "";
  const theirs = format(`clock ${tz}`, () => ({ timeZone: tz, hourCycle: "h23", weekday: "short", hour: "2-digit", minute: "2-digit" }), "en-US").format(ms);
  const ours = format(`clock ${mine}`, () => ({ timeZone: mine, hourCycle: "h23", weekday: "short", hour: "2-digit", minute: "2-digit" }), "en-US").format(ms);
  if (theirs === ours) return "";
  const sameDay = theirs.slice(0, 3) === ours.slice(0, 3);
  return format(`mine ${mine} ${sameDay}`, () => ({
    timeZone: mine, hour: "numeric", minute: "2-digit", ...(sameDay ? {} : { weekday: "short" }),
  })).format(ms);
}

let zoneOfVisitor = null;

/**
 * visitorZone returns the browser's time zone ("America/Denver"), found once: each
 * Intl.DateTimeFormat made costs time, and every result asks.
 */
export function visitorZone() {
  zoneOfVisitor ??= Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  return zoneOfVisitor;
}

const numbers = new Map();
function numberFormat(digits) {
  if (!numbers.has(digits)) numbers.set(digits, new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  return numbers.get(digits);
}

// Formatters are slow to make: each is made once.
const formats = new Map();
function format(key, options, loc = locale) {
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(loc, options());
    formats.set(key, f);
  }
  return f;
}

/**
 * meetingDay returns the date (YYYY-MM-DD) of instant ms in time zone tz.
 * @param {number} ms
 * @param {string} tz
 */
function meetingDay(ms, tz) {
  return isoDate(Math.floor(wallMinutes(ms, tz) / 1440));
}

/**
 * dayWords writes a date (YYYY-MM-DD) as the page's language does: "January 12, 2027", "12 de
 * enero de 2027".
 * @param {string} iso
 */
function dayWords(iso) {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" }).format(new Date(`${iso}T12:00:00Z`));
}
