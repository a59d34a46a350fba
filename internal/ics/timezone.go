package ics

import (
	"bytes"
	"fmt"
	"time"
)

// transition is a change of a zone's offset or name, as Go's time zone data has it.
type transition struct {
	local    time.Time // wall clock just before the change, as a UTC value
	from, to int       // offsets in seconds east of UTC
	name     string    // abbreviation after the change
	dst      bool      // daylight saving time after the change
}

// ruleKey is what yearly transitions of one rule have in common: the same month, the same
// weekday of the same week, the same wall clock and the same offsets.
type ruleKey struct {
	month    time.Month
	byDay    string // "2SU", "-1SU"
	clock    string // "020000"
	from, to int
	name     string
	dst      bool
}

// observance is a STANDARD or DAYLIGHT block: transitions of one rule in consecutive years.
type observance struct {
	key      ruleKey
	times    []time.Time // wall clocks of the transitions
	lastYear int
	forever  bool // the rule still holds at the end of the window: write an open RRULE
}

// writeTimezone writes a VTIMEZONE for loc that is exact for every change from the start of
// year first to the start of year last. A rule that still holds at the end of that window (as
// the US and EU rules do) is written as a yearly RRULE without end, so that clients get later
// years right too; other changes are written with their dates. A zone with no change in the
// window (America/Phoenix) gets a single block with its one offset.
func writeTimezone(b *bytes.Buffer, loc *time.Location, first, last int) {
	writeLine(b, "BEGIN:VTIMEZONE")
	writeLine(b, "TZID:"+loc.String())
	start := time.Date(first, time.January, 1, 0, 0, 0, 0, loc)
	end := time.Date(last, time.January, 1, 0, 0, 0, 0, loc)
	ts := transitions(loc, start, end)
	if len(ts) == 0 {
		name, off := start.Zone()
		kind := "STANDARD"
		if start.IsDST() {
			kind = "DAYLIGHT"
		}
		writeLine(b, "BEGIN:"+kind)
		writeLine(b, "DTSTART:19700101T000000")
		writeLine(b, "TZOFFSETFROM:"+offset(off))
		writeLine(b, "TZOFFSETTO:"+offset(off))
		writeLine(b, "TZNAME:"+escapeText(name))
		writeLine(b, "END:"+kind)
	}
	for _, o := range observances(ts, last-1) {
		kind := "STANDARD"
		if o.key.dst {
			kind = "DAYLIGHT"
		}
		writeLine(b, "BEGIN:"+kind)
		writeLine(b, "DTSTART:"+o.times[0].Format("20060102T150405"))
		writeLine(b, "TZOFFSETFROM:"+offset(o.key.from))
		writeLine(b, "TZOFFSETTO:"+offset(o.key.to))
		writeLine(b, "TZNAME:"+escapeText(o.key.name))
		if o.forever {
			writeLine(b, fmt.Sprintf("RRULE:FREQ=YEARLY;BYMONTH=%d;BYDAY=%s", o.key.month, o.key.byDay))
		} else {
			for _, t := range o.times[1:] {
				writeLine(b, "RDATE:"+t.Format("20060102T150405"))
			}
		}
		writeLine(b, "END:"+kind)
	}
	writeLine(b, "END:VTIMEZONE")
}

// transitions lists the changes of loc in [start, end), found with time.Time.ZoneBounds.
func transitions(loc *time.Location, start, end time.Time) []transition {
	var out []transition
	t := start.In(loc)
	for range 1000 { // a zone changes at most a few times a year
		_, next := t.ZoneBounds()
		if next.IsZero() || !next.Before(end) {
			break
		}
		_, from := t.Zone()
		n := next.In(loc)
		name, to := n.Zone()
		out = append(out, transition{
			local: next.Add(time.Duration(from) * time.Second).UTC(),
			from:  from,
			to:    to,
			name:  name,
			dst:   n.IsDST(),
		})
		t = n
	}
	return out
}

// observances groups transitions into blocks of one rule in consecutive years. A block whose
// rule holds in every year up to lastYear is marked to be written as an open RRULE.
func observances(ts []transition, lastYear int) []*observance {
	var out []*observance
	open := make(map[ruleKey]*observance)
	for _, t := range ts {
		k := keyOf(t)
		y := t.local.Year()
		if o, ok := open[k]; ok && o.lastYear == y-1 {
			o.times = append(o.times, t.local)
			o.lastYear = y
			continue
		}
		o := &observance{key: k, times: []time.Time{t.local}, lastYear: y}
		open[k] = o
		out = append(out, o)
	}
	for _, o := range out {
		o.forever = len(o.times) > 1 && o.lastYear == lastYear && open[o.key] == o
	}
	return out
}

func keyOf(t transition) ruleKey {
	l := t.local
	days := time.Date(l.Year(), l.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	week := fmt.Sprint((l.Day()-1)/7 + 1)
	if l.Day()+7 > days {
		week = "-1"
	}
	return ruleKey{
		month: l.Month(),
		byDay: week + dayCode(l.Weekday()),
		clock: l.Format("150405"),
		from:  t.from,
		to:    t.to,
		name:  t.name,
		dst:   t.dst,
	}
}

// offset formats seconds east of UTC as an iCalendar UTC-OFFSET: +HHMM, or +HHMMSS when the
// seconds are not zero.
func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign = "-"
		sec = -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
