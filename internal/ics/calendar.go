// Package ics writes iCalendar (RFC 5545) files.
//
// Every file is deterministic: UIDs come from the identity of a group or training and a
// meeting's place among the group's, never from its day or time (see meetingUID), and
// DTSTAMP is the build date (site.Site.Now, set by --now or SOURCE_DATE_EPOCH), never the
// clock, so two builds of the same data on the same build date are byte-identical. DTSTAMP says when the file was made (RFC 5545 section
// 3.8.7.2), so it is never a date to come; SEQUENCE counts the days to it (see sequence).
// Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 sequence; every TZID
// used has a VTIMEZONE generated from Go's time zone data.
package ics

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"sitegen/internal/civil"
)

// prodID names the program that wrote the file (RFC 5545 section 3.7.3).
const prodID = "-//sitegen//NAMI Connection//EN"

// maxLine is the longest a content line may be, in octets, without its CRLF.
const maxLine = 75

// calendar collects the lines of one VCALENDAR, folded and ended in CRLF, and the time zones
// its events use, so that their VTIMEZONEs can be written before the events.
type calendar struct {
	head   bytes.Buffer // calendar properties
	events bytes.Buffer // VEVENTs
	zones  map[string]*zoneUse
	tz     *Timezones // where VTIMEZONE blocks are kept; nil: work each out again
}

// Timezones keeps the VTIMEZONE blocks written, so that a build that writes a calendar for
// each of thousands of groups works out each zone's block once, not once per calendar. It
// may be used from several goroutines. A nil *Timezones keeps nothing.
type Timezones struct {
	mu     sync.Mutex
	blocks map[zoneSpan][]byte
}

// zoneSpan is a VTIMEZONE block's zone and years.
type zoneSpan struct {
	name        string
	first, last int
}

// NewTimezones returns an empty [Timezones].
func NewTimezones() *Timezones { return &Timezones{blocks: map[zoneSpan][]byte{}} }

// write writes loc's block for the years first to last to b.
func (tz *Timezones) write(b *bytes.Buffer, loc *time.Location, first, last int) {
	if tz == nil {
		writeTimezone(b, loc, first, last)
		return
	}
	key := zoneSpan{loc.String(), first, last}
	tz.mu.Lock()
	block, ok := tz.blocks[key]
	tz.mu.Unlock()
	if !ok {
		var nb bytes.Buffer
		writeTimezone(&nb, loc, first, last)
		block = nb.Bytes()
		tz.mu.Lock()
		tz.blocks[key] = block
		tz.mu.Unlock()
	}
	b.Write(block)
}

// zoneUse is a time zone that events refer to by TZID, with the years of their DTSTARTs.
type zoneUse struct {
	loc              *time.Location
	minYear, maxYear int
}

// newCalendar starts a calendar named name, under both the name property of RFC 7986 and the
// X-WR-CALNAME that older clients read.
func newCalendar(name string) *calendar {
	c := &calendar{zones: make(map[string]*zoneUse)}
	for _, l := range []string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:" + prodID,
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
	} {
		writeLine(&c.head, l)
	}
	writeLine(&c.head, "NAME:"+escapeText(name))
	writeLine(&c.head, "X-WR-CALNAME:"+escapeText(name))
	return c
}

// describe gives the calendar a description, under both the DESCRIPTION property of RFC 7986
// and the X-WR-CALDESC that older clients read.
func (c *calendar) describe(text string) {
	writeLine(&c.head, "DESCRIPTION:"+escapeText(text))
	writeLine(&c.head, "X-WR-CALDESC:"+escapeText(text))
}

// use records that an event starting in year refers to loc by its name.
func (c *calendar) use(loc *time.Location, year int) string {
	name := loc.String()
	z, ok := c.zones[name]
	if !ok {
		c.zones[name] = &zoneUse{loc: loc, minYear: year, maxYear: year}
		return name
	}
	z.minYear = min(z.minYear, year)
	z.maxYear = max(z.maxYear, year)
	return name
}

// writeTo writes the whole calendar: properties, time zones sorted by TZID, events.
func (c *calendar) writeTo(w io.Writer) error {
	var out bytes.Buffer
	out.Write(c.head.Bytes())
	names := make([]string, 0, len(c.zones))
	for name := range c.zones {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		z := c.zones[name]
		c.tz.write(&out, z.loc, z.minYear-1, z.maxYear+4)
	}
	out.Write(c.events.Bytes())
	writeLine(&out, "END:VCALENDAR")
	_, err := w.Write(out.Bytes())
	if err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}

// writeLine writes one content line, folded so that no physical line is longer than 75
// octets: a fold never falls inside a UTF-8 sequence, and every continuation line begins with
// one space (RFC 5545 section 3.1).
func writeLine(b *bytes.Buffer, line string) {
	limit := maxLine
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = maxLine - 1 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}

// escapeText escapes a TEXT value (RFC 5545 section 3.3.11): backslash, semicolon and comma
// get a backslash, line breaks become \n, and other control characters, which TEXT may not
// hold, are dropped.
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			// not allowed in TEXT
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// event writes the lines of one VEVENT into a calendar.
type event struct{ b *bytes.Buffer }

func (c *calendar) begin() event {
	writeLine(&c.events, "BEGIN:VEVENT")
	return event{&c.events}
}

func (e event) end() { writeLine(e.b, "END:VEVENT") }

// prop writes a property whose value is already in iCalendar form.
func (e event) prop(name, value string) { writeLine(e.b, name+":"+value) }

// text writes a TEXT property, or nothing when s is empty.
func (e event) text(name, s string) {
	if s != "" {
		writeLine(e.b, name+":"+escapeText(s))
	}
}

// localTime formats day d at clock c as a DATE-TIME in local form (no Z), for use with TZID.
func localTime(d civil.Date, c civil.Clock) string {
	return fmt.Sprintf("%04d%02d%02dT%02d%02d00", d.Year, d.Month, d.Day, c.Hour, c.Minute)
}

// dateValue formats d as a DATE.
func dateValue(d civil.Date) string {
	return fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day)
}

// stamp formats the start of day d in UTC as a DATE-TIME, for DTSTAMP: d is the build date,
// the day the file was made.
func stamp(d civil.Date) string { return dateValue(d) + "T000000Z" }

// sequence returns the SEQUENCE of every event of a file built on day d: the days from
// 1970-01-01 to d. The build date never goes back, so a file is never of a lower revision than
// one built before it, and a calendar app that imported an earlier file (Outlook goes by
// SEQUENCE, others by DTSTAMP) takes the later one's times, place and words as the event's
// revision rather than keeping the old. Two builds on one day give the same number, as they
// give the same bytes for the same data.
func sequence(d civil.Date) string {
	return fmt.Sprint(d.DaysSince(civil.Date{Year: 1970, Month: 1, Day: 1}))
}

// host returns the host name of the site's base URL, for UIDs.
func host(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Hostname() == "" {
		return "sitegen.invalid"
	}
	return u.Hostname()
}

// dayCode returns the two-letter iCalendar code of a weekday.
func dayCode(d time.Weekday) string {
	return [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}[d]
}

// placeText writes a place as one line: name, street, city, state and postal code.
func placeText(name, street, city, state, postal string) string {
	var parts []string
	for _, p := range []string{name, street, city} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if sp := strings.TrimSpace(state + " " + postal); sp != "" {
		parts = append(parts, sp)
	}
	return strings.Join(parts, ", ")
}
