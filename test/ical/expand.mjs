// expand.mjs reads an iCalendar file on stdin, parses it with ical.js and prints as JSON the
// calendar's name and description (RFC 7986 NAME and DESCRIPTION, and the X-WR-CALNAME and
// X-WR-CALDESC that older clients read) and, for every VEVENT, its UID, STATUS, DTSTAMP, SEQUENCE and the
// start and end of its first N occurrences (N = first argument, default 5): date-times as UTC
// instants ("2026-11-25T01:30:00Z"), dates as "2026-11-20". It fails when a TZID does not resolve to a VTIMEZONE of the same file, so the
// instants always come from the file's own time zone definitions.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const n = Number(process.argv[2] ?? 5);
const root = new ICAL.Component(ICAL.parse(readFileSync(0, 'utf8')));
if (root.name !== 'vcalendar') {
  throw new Error(`top component is ${root.name}, want vcalendar`);
}

function show(t) {
  if (t.isDate) {
    return t.toString();
  }
  return t.toJSDate().toISOString().replace('.000Z', 'Z');
}

function checkZone(prop, t) {
  const tzid = prop.getParameter('tzid');
  if (!tzid) {
    return;
  }
  if (!t.zone || t.zone.tzid !== tzid || !t.zone.component) {
    throw new Error(`TZID ${tzid} does not resolve to a VTIMEZONE in the file`);
  }
}

const out = [];
for (const vevent of root.getAllSubcomponents('vevent')) {
  const ev = new ICAL.Event(vevent);
  checkZone(vevent.getFirstProperty('dtstart'), ev.startDate);
  checkZone(vevent.getFirstProperty('dtend'), ev.endDate);
  const starts = [];
  const ends = [];
  const it = ev.iterator();
  for (let next = it.next(); next && starts.length < n; next = it.next()) {
    const occ = ev.getOccurrenceDetails(next);
    starts.push(show(occ.startDate));
    ends.push(show(occ.endDate));
  }
  out.push({
    uid: ev.uid,
    status: vevent.getFirstPropertyValue('status') ?? '',
    dtstamp: show(vevent.getFirstPropertyValue('dtstamp')),
    sequence: ev.sequence,
    starts,
    ends,
  });
}
// ical.js's design set does not know RFC 7986's NAME and DESCRIPTION of a calendar, nor the
// X-WR- properties, and hands them over still escaped: they are TEXT, unescaped here as
// RFC 5545 section 3.3.11 says.
const text = (name) =>
  String(root.getFirstPropertyValue(name) ?? '').replace(/\\([\\;,nN])/g, (_, c) => (c === 'n' || c === 'N' ? '\n' : c));
process.stdout.write(
  JSON.stringify({
    name: text('name'),
    calname: text('x-wr-calname'),
    description: text('description'),
    caldesc: text('x-wr-caldesc'),
    events: out,
  }) + '\n',
);
