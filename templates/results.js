// Building result lists with the DOM: every piece of data goes in as text, never as HTML.

import { dayNames, isoDate, msPerDay, nextMeeting, onlyMeetings, wallMinutes, zoneAbbr } from "./meetings.js";
import { label, t } from "./words.js";

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
 *   meetings?: import("./meetings.js").MeetingFilter | null}} opts paths: the manifest's address
 *   patterns; meetings: the meetings a search asked for, whose next one is shown
 */
export function groupItem(rec, opts) {
  const li = el("li", rec.paused ? "group is-paused" : "group");
  li.dataset.id = rec.id;
  const a = el("a", "group-name", rec.name);
  a.href = opts.home + opts.paths.group.replace("{id}", rec.id);
  if (rec.lang && rec.lang !== opts.lang) a.lang = rec.lang;
  li.append(a);
  const now = opts.now ?? Date.now();
  const next = nextMeeting(onlyMeetings(rec, opts.meetings), now);
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
    const time = el("time", "", meetingWords(next.start, rec.tz));
    time.dateTime = new Date(next.start).toISOString();
    when.append(next.now ? t("js.meeting-since") : first ? t("js.first-meeting") : t("js.next-meeting"), " ", time);
    const mine = yourTime(next.start, rec.tz);
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
    const miles = opts.miles.toFixed(digits).replace(".", t("meta.decimal"));
    bits.push(t(rec.approx ? "js.about-miles-away" : "js.miles-away", { miles }));
  }
  li.append(el("span", "group-where", bits.join(" · ")));
  return li;
}

// How long before a meeting it is "starting soon".
const soonMs = 60 * 60000;

// The words of dates and times are the catalogue's, put together as Go's internal/words puts
// them, so that the finder writes a time as the pages do; and Intl.DateTimeFormat, whose first
// use on a page costs tens of milliseconds, is not asked (testdata/shared/meeting-words.json
// holds both to the same cases).

/**
 * meetingWords writes instant ms as the clock of zone tz shows it, as Go's words.DateTime
 * does: "Tuesday, November 24, 2026, 6:30 pm MST".
 * @param {number} ms
 * @param {string} tz
 * @param {(key: string, args?: object) => string} [say] the words, for tests
 */
export function meetingWords(ms, tz, say = t) {
  const m = wallMinutes(ms, tz);
  const day = Math.floor(m / 1440);
  const d = new Date(day * msPerDay);
  const date = say("date.long", {
    weekday: say(`day.${dayNames[d.getUTCDay()]}`), day: d.getUTCDate(), month: say(`month.${d.getUTCMonth() + 1}`), year: d.getUTCFullYear(),
  });
  return say("date.time", { date, time: clock(m - day * 1440, say), zone: zoneAbbr(ms, tz) });
}

/**
 * yourTime returns the time of instant ms on the visitor's clock ("8:30 pm", with the weekday
 * when the day differs from the group's: "Wednesday, 10:30 am"), or "" when the visitor's
 * clock shows the same time as the group's.
 * @param {number} ms
 * @param {string} tz the group's zone
 * @param {(key: string, args?: object) => string} [say] the words, for tests
 */
export function yourTime(ms, tz, say = t) {
  if (!tz) return "";
  const theirs = wallMinutes(ms, tz);
  const d = new Date(ms);
  const ours = Math.floor(ms / 60000) - d.getTimezoneOffset();
  if (theirs === ours) return "";
  const time = clock(d.getHours() * 60 + d.getMinutes(), say);
  if (Math.floor(theirs / 1440) === Math.floor(ours / 1440)) return time;
  return say("js.day-time", { weekday: say(`day.${dayNames[d.getDay()]}`), time });
}

// clock writes minutes since midnight as Go's Catalog.Clock does: "6:30 pm".
function clock(minutes, say) {
  const h = Math.floor(minutes / 60);
  return say("time.clock", { hour: h % 12 || 12, minute: String(minutes % 60).padStart(2, "0"), period: say(h >= 12 ? "time.pm" : "time.am") });
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
 * dayWords writes a date (YYYY-MM-DD) as Go's Catalog.Date does: "January 12, 2027", "12 de
 * enero de 2027".
 * @param {string} iso
 * @param {(key: string, args?: object) => string} [say] the words, for tests
 */
export function dayWords(iso, say = t) {
  const [year, month, day] = iso.split("-").map(Number);
  return say("date.short", { day, month: say(`month.${month}`), year });
}
