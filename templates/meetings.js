// Next meetings of a group, computed in the browser in the group's own time zone from the
// records of the search index: the same rules as Go's schedule.Next (weeks of the month,
// skipped dates, a first meeting date; a paused group has none).

/** The names of the days, Sunday first, as the records and the catalogue (day.NAME) say them. */
export const dayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
/** Milliseconds in a day of the wall clock (days are counted from 1970-01-01). */
export const msPerDay = 86400000;
// How far ahead to look, as schedule.Next does, so a schedule that never matches still ends.
const searchDays = 2 * 366 + 1;

const wallFormats = new Map();

// wallFormat returns a formatter of instants as numeric wall-clock fields in zone tz.
function wallFormat(tz) {
  let f = wallFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric",
    });
    wallFormats.set(tz, f);
  }
  return f;
}

// The UTC offsets of zones from the index's manifest (see useOffsets), by zone name.
const offsetTables = new Map();

/**
 * useOffsets takes the table of UTC offsets of the index's manifest (internal/search's
 * ZoneOffsets, for the manifest's zones): wallMinutes and zoneAbbr then read the offset and
 * the abbreviation of those zones there, within the table's years, instead of asking
 * Intl.DateTimeFormat, whose first use on a page costs tens of milliseconds.
 * @param {string[]} zones
 * @param {{until: number, zones: number[][], abbr?: string[][]} | undefined} offsets
 */
export function useOffsets(zones, offsets) {
  if (!offsets || !Array.isArray(offsets.zones)) return;
  zones.forEach((tz, i) => {
    const periods = offsets.zones[i];
    const abbr = offsets.abbr?.[i];
    if (Array.isArray(periods) && periods.length >= 2) {
      offsetTables.set(tz, { until: offsets.until, periods, abbr: Array.isArray(abbr) && abbr.length * 2 === periods.length ? abbr : null });
    }
  });
}

// period returns the index in tz's table of the period holding instant t (pairs of start
// and offset: the start's index), or -1 when the table has none for that instant.
function period(t, tz) {
  const tab = offsetTables.get(tz);
  if (!tab || t < tab.periods[0] || t >= tab.until) return -1;
  let i = tab.periods.length - 2;
  while (t < tab.periods[i]) i -= 2;
  return i;
}

// tableMinutes returns wallMinutes(t, tz) from the offsets table, or null when it has none
// for that instant.
function tableMinutes(t, tz) {
  const i = period(t, tz);
  if (i < 0) return null;
  return Math.floor(t / 60000) + offsetTables.get(tz).periods[i + 1];
}

/**
 * wallMinutes returns the wall-clock time of instant t in zone tz, as minutes since
 * 1970-01-01 00:00 of that wall clock.
 * @param {number} t milliseconds since the epoch
 * @param {string} tz IANA zone name
 */
export function wallMinutes(t, tz) {
  const fromTable = tableMinutes(t, tz);
  return fromTable ?? intlMinutes(t, tz);
}

/**
 * intlMinutes is wallMinutes as Intl.DateTimeFormat says it, whatever the offsets table.
 * @param {number} t
 * @param {string} tz
 */
export function intlMinutes(t, tz) {
  const p = {};
  for (const { type, value } of wallFormat(tz).formatToParts(t)) p[type] = Number(value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute) / 60000;
}

/**
 * instantOf returns the instant at which the wall clock of tz shows minute m (as wallMinutes
 * counts them).
 * @param {number} m
 * @param {string} tz
 */
export function instantOf(m, tz) {
  const guess = m * 60000;
  let t = guess - (wallMinutes(guess, tz) * 60000 - guess);
  t = guess - (wallMinutes(t, tz) * 60000 - t);
  return t;
}

/**
 * dayNumber returns the days from 1970-01-01 to a date "2026-11-24".
 * @param {string} iso
 */
export function dayNumber(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / msPerDay;
}

/**
 * isoDate returns the date ("2026-11-24") day days after 1970-01-01.
 * @param {number} day
 */
export function isoDate(day) {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

function clockMinutes(hhmm) {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

// onWeek reports whether day falls in one of weeks of its month (1-5, -1 for the last).
function onWeek(day, weeks) {
  if (!weeks || weeks.length === 0) return true;
  const date = new Date(day * msPerDay);
  const nth = Math.floor((date.getUTCDate() - 1) / 7) + 1;
  const last = new Date((day + 7) * msPerDay).getUTCMonth() !== date.getUTCMonth();
  return weeks.some((w) => w === nth || (w === -1 && last));
}

/**
 * timeOfDay returns the part of the day in which a meeting starting at hhmm ("18:30") falls,
 * as Go's schedule.TimeOfDay says: "morning" before 12:00, "afternoon" to 17:00, "evening"
 * after.
 * @param {string} hhmm
 */
export function timeOfDay(hhmm) {
  const m = clockMinutes(hhmm);
  if (m < 12 * 60) return "morning";
  return m <= 17 * 60 ? "afternoon" : "evening";
}

/**
 * MeetingFilter names the meetings a search asks for: on one of days and at one of times
 * (either null for any), both holding for the same meeting.
 * @typedef {{days: string[] | null, times: string[] | null}} MeetingFilter
 */

/**
 * meetingMatches reports whether a meeting on day starting at hhmm is one that filter asks
 * for (every meeting, when filter is null).
 * @param {string} day
 * @param {string} hhmm
 * @param {MeetingFilter | null | undefined} filter
 */
export function meetingMatches(day, hhmm, filter) {
  if (!filter) return true;
  return (!filter.days || filter.days.includes(day)) && (!filter.times || filter.times.includes(timeOfDay(hhmm)));
}

/**
 * onlyMeetings returns rec with only the meetings filter asks for (rec itself when it asks
 * for every one): its next meeting is then the next one the visitor searched for.
 * @param {object} rec a record of the index
 * @param {MeetingFilter | null | undefined} filter
 */
export function onlyMeetings(rec, filter) {
  if (!filter || !rec.meetings) return rec;
  return { ...rec, meetings: rec.meetings.filter((m) => meetingMatches(m.day, m.start, filter)) };
}

/**
 * nextMeeting returns a group's next meeting that has not ended at instant now, or null (a
 * paused group, no meetings): its start and end as instants, and whether it is on now.
 * @param {object} rec a record of the index
 * @param {number} [now] milliseconds since the epoch
 * @returns {{start: number, end: number, now: boolean} | null}
 */
export function nextMeeting(rec, now = Date.now()) {
  if (rec.paused || !rec.meetings || rec.meetings.length === 0) return null;
  const tz = rec.tz || "UTC";
  const nowWall = wallMinutes(now, tz);
  const skip = new Set(rec.skip || []);
  // Start a day early: an overnight meeting that began yesterday may still be going on.
  let day = Math.floor(nowWall / 1440) - 1;
  if (rec.starts) day = Math.max(day, dayNumber(rec.starts));
  for (let i = 0; i < searchDays; i++, day++) {
    const weekday = dayNames[new Date(day * msPerDay).getUTCDay()];
    let best = null;
    for (const m of rec.meetings) {
      if (m.day !== weekday || !onWeek(day, m.weeks) || skip.has(isoDate(day))) continue;
      const s = clockMinutes(m.start);
      const e = clockMinutes(m.end);
      const start = day * 1440 + s;
      const end = (m.overnight || e <= s ? day + 1 : day) * 1440 + e;
      if (end > nowWall && (!best || start < best.start)) best = { start, end };
    }
    if (best) {
      return {
        start: instantOf(best.start, tz),
        end: instantOf(best.end, tz),
        now: best.start <= nowWall && nowWall < best.end,
      };
    }
  }
  return null;
}

const abbrFormats = new Map();

/**
 * zoneAbbr returns the abbreviation of zone tz at instant t as the pages write it after a time
 * (Go's words.Abbreviation): "MST", "MDT", "ChST", "UTC+10". It reads the offsets table
 * (useOffsets) and asks Intl only past it.
 * @param {number} t
 * @param {string} tz
 */
export function zoneAbbr(t, tz) {
  const i = period(t, tz);
  const abbr = i >= 0 ? offsetTables.get(tz).abbr : null;
  if (abbr) return abbr[i / 2];
  let f = abbrFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "short" });
    abbrFormats.set(tz, f);
  }
  const name = f.formatToParts(t).find((p) => p.type === "timeZoneName")?.value || "UTC";
  return name.replace(/^GMT(?=[+-])/, "UTC");
}
