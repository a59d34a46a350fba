// Building result lists with the DOM: every piece of data goes in as text, never as HTML.

import { meetingWords, nextMeeting } from "./meetings.js";

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

const programNames = { connection: "NAMI Connection", conexion: "NAMI Conexión" };

const languageNames = new Map();

// languageName names a language tag in the page's language, or returns the tag.
function languageName(tag, lang) {
  try {
    let names = languageNames.get(lang);
    if (!names) {
      names = new Intl.DisplayNames([lang], { type: "language" });
      languageNames.set(lang, names);
    }
    return names.of(tag) || tag;
  } catch {
    return tag;
  }
}

// where says where a group meets, briefly: "Library, Lakewood, NM", "Online", "…, and online".
function where(rec) {
  const place = [rec.place, rec.city].filter(Boolean).join(", ");
  const here = place ? `${place}, ${rec.state.toUpperCase()}` : "";
  if (rec.attendance === "online" || !here) return "Online";
  if (rec.attendance === "hybrid") return `${here}, and online`;
  return here;
}

/**
 * groupItem returns the list item of one group: a link to its page, its next meeting in its
 * own time zone (or "Paused"), a "Meeting now" mark, and where it meets.
 * @param {object} rec a record of the index
 * @param {{base: string, lang: string, now?: number, km?: number | null}} opts
 */
export function groupItem(rec, opts) {
  const li = el("li", rec.paused ? "group is-paused" : "group");
  const a = el("a", "group-name", rec.name);
  a.href = `${opts.base}groups/${rec.id}/`;
  if (rec.lang && rec.lang !== opts.lang) a.lang = rec.lang;
  li.append(a);
  const next = nextMeeting(rec, opts.now);
  const when = el("span", "group-when");
  if (rec.paused) {
    li.append(" ", el("strong", "tag", "Paused"));
    when.textContent = "Paused: not meeting right now";
  } else if (next) {
    // A new group's first meeting is its start: say "Starting", as the state lists do.
    const first = rec.starts && meetingDay(next.start, rec.tz) === rec.starts;
    if (next.now) li.append(" ", el("strong", "tag", "Meeting now"));
    else if (first) li.append(" ", el("strong", "tag", `Starting ${rec.starts}`));
    const t = el("time", "", meetingWords(next.start, rec.tz, opts.lang));
    t.dateTime = new Date(next.start).toISOString();
    when.append(next.now ? "Meeting since " : first ? "First meeting: " : "Next meeting: ", t);
  } else {
    when.textContent = "No upcoming meeting listed";
  }
  li.append(when);
  const bits = [where(rec)];
  if (rec.program === "conexion") bits.push(programNames.conexion);
  if (rec.lang && rec.lang !== opts.lang) bits.push(`in ${languageName(rec.lang, opts.lang)}`);
  if (opts.km !== undefined && opts.km !== null) {
    const mi = opts.km / 1.609344;
    bits.push(mi < 10 ? `${mi.toFixed(1)} mi away` : `${Math.round(mi)} mi away`);
  }
  li.append(el("span", "group-where", bits.join(" · ")));
  return li;
}

/**
 * meetingDay returns the date (YYYY-MM-DD) of instant ms in time zone tz.
 * @param {number} ms
 * @param {string} tz
 */
function meetingDay(ms, tz) {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(ms));
}
