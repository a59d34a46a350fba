package words

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sitegen/internal/civil"
)

// Date writes d as the catalogue's date.short pattern has it: "December 1, 2026",
// "1 de diciembre de 2026". The zero date is "".
func (c *Catalog) Date(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return c.T("date.short", "day", d.Day, "month", c.Month(d.Month), "year", d.Year)
}

// LongDate writes d with its weekday: "Tuesday, December 1, 2026", "martes, 1 de diciembre de
// 2026".
func (c *Catalog) LongDate(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return c.T("date.long", "weekday", c.Weekday(d.Weekday()), "day", d.Day, "month", c.Month(d.Month), "year", d.Year)
}

// DateRange writes the days from a to b: "October 9–11, 2026", "October 30 – November 1,
// 2026", "December 30, 2026 – January 1, 2027", or one day.
func (c *Catalog) DateRange(a, b civil.Date) string {
	switch {
	case a == b || b.IsZero():
		return c.Date(a)
	case a.Year == b.Year && a.Month == b.Month:
		return c.T("date.range.month", "from", a.Day, "to", b.Day, "month", c.Month(a.Month), "year", a.Year)
	case a.Year == b.Year:
		return c.T("date.range.year", "from", a.Day, "from_month", c.Month(a.Month), "to", b.Day, "to_month", c.Month(b.Month), "year", a.Year)
	}
	return c.T("date.range", "from", c.Date(a), "to", c.Date(b))
}

// Month returns the name of m: "December", "diciembre".
func (c *Catalog) Month(m time.Month) string { return c.T("month." + strconv.Itoa(int(m))) }

// Weekday returns the name of d: "Tuesday", "martes".
func (c *Catalog) Weekday(d time.Weekday) string { return c.T("day." + strings.ToLower(d.String())) }

// Clock writes a time of day: "6:30 pm", "6:30 p. m.".
func (c *Catalog) Clock(t civil.Clock) string {
	h, period := hour12(t)
	return c.T("time.clock", "hour", h, "minute", fmt.Sprintf("%02d", t.Minute), "period", period(c))
}

// ClockRange writes the hours from a to b: "6:30–8:00 pm", "11:00 am–12:30 pm".
func (c *Catalog) ClockRange(a, b civil.Clock) string {
	ha, pa := hour12(a)
	hb, pb := hour12(b)
	if pa(c) == pb(c) {
		from := c.T("time.bare", "hour", ha, "minute", fmt.Sprintf("%02d", a.Minute))
		to := c.T("time.bare", "hour", hb, "minute", fmt.Sprintf("%02d", b.Minute))
		return c.T("time.range.period", "from", from, "to", to, "period", pa(c))
	}
	return c.T("time.range", "from", c.Clock(a), "to", c.Clock(b))
}

func hour12(t civil.Clock) (int, func(*Catalog) string) {
	h := t.Hour % 12
	if h == 0 {
		h = 12
	}
	if t.Hour >= 12 {
		return h, func(c *Catalog) string { return c.T("time.pm") }
	}
	return h, func(c *Catalog) string { return c.T("time.am") }
}

// DateTime writes instant t on its own clock, with its zone's abbreviation on that date:
// "Tuesday, December 1, 2026, 6:30 pm MST".
func (c *Catalog) DateTime(t time.Time) string {
	return c.T("date.time", "date", c.LongDate(civil.DateOf(t)), "time", c.Clock(civil.Clock{Hour: t.Hour(), Minute: t.Minute()}), "zone", Abbreviation(t))
}

// List joins items: "a", "a and b", "a, b and c" ("a y b" in Spanish).
func (c *Catalog) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	head := items[0]
	for _, it := range items[1 : len(items)-1] {
		head = c.T("list.more", "a", head, "b", it)
	}
	return c.T("list.last", "a", head, "b", items[len(items)-1])
}

// Label returns the label of a fixed value: Label("audience", "lgbtq") is the message of
// "audience.lgbtq".
func (c *Catalog) Label(kind, value string) string { return c.T(kind + "." + value) }

// Capitalize returns s with its first letter in upper case.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Zone names loc as its users say it of a time that recurs all year, such as a weekly
// meeting: for a zone that changes between standard and daylight time in year, its generic
// name from the catalogue ("Mountain Time", "hora de la montaña"; key zone.ABBR of its
// standard time, for the North American zones), or, when it has none, both abbreviations
// ("CET/CEST"); for a zone that keeps one offset all year, its abbreviation, which is then
// right on every date ("MST" in Arizona). It never names a zone by the abbreviation of one
// season alone, which would be wrong half the year.
func (c *Catalog) Zone(loc *time.Location, year int) string {
	if loc == nil {
		loc = time.UTC
	}
	var std, dst time.Time
	for m := time.January; m <= time.December; m++ {
		t := time.Date(year, m, 1, 12, 0, 0, 0, loc)
		if t.IsDST() {
			dst = t
		} else if std.IsZero() {
			std = t
		}
	}
	if std.IsZero() {
		std = time.Date(year, time.January, 1, 12, 0, 0, 0, loc) // daylight time all year
	}
	if dst.IsZero() {
		return Abbreviation(std)
	}
	abbr := Abbreviation(std)
	_, offset := std.Zone()
	if want, ok := genericOffsets[abbr]; ok && want == offset && c.Has("zone."+abbr) {
		return c.T("zone." + abbr)
	}
	return abbr + "/" + Abbreviation(dst)
}

// ZoneBetween names loc's zone for a time of day held on every day from first to last, such
// as a training's daily hours: the abbreviation of those days when it does not change between
// them ("EDT"), else [Catalog.Zone].
func (c *Catalog) ZoneBetween(loc *time.Location, first, last time.Time) string {
	if loc == nil {
		loc = time.UTC
	}
	first, last = first.In(loc), last.In(loc)
	a, oa := first.Zone()
	b, ob := last.Zone()
	if a == b && oa == ob {
		return Abbreviation(first)
	}
	return c.Zone(loc, first.Year())
}

// genericOffsets are the standard-time UTC offsets (seconds) of the North American zones that
// keep daylight saving time and have a generic name (catalogue key zone.ABBR), so that
// another zone sharing an abbreviation (Cuba's CST is UTC-5) is not misnamed.
var genericOffsets = map[string]int{
	"NST": -(3*3600 + 30*60), "AST": -4 * 3600, "EST": -5 * 3600, "CST": -6 * 3600,
	"MST": -7 * 3600, "PST": -8 * 3600, "AKST": -9 * 3600, "HST": -10 * 3600,
}

// GenericZones returns the abbreviations whose generic names a catalogue gives, as keys
// zone.ABBR.
func GenericZones() []string {
	return []string{"NST", "AST", "EST", "CST", "MST", "PST", "AKST", "HST"}
}

// Abbreviation returns the abbreviation of t's zone ("MST"), or "UTC-07" when the zone has
// none (Go names those by their offset, "-07", or not at all).
func Abbreviation(t time.Time) string {
	zone, offset := t.Zone()
	switch {
	case zone == "":
		sign := "+"
		if offset < 0 {
			sign, offset = "-", -offset
		}
		zone = fmt.Sprintf("%s%02d", sign, offset/3600)
		if m := offset % 3600 / 60; m != 0 {
			zone += fmt.Sprintf(":%02d", m)
		}
		return "UTC" + zone
	case zone[0] == '+' || zone[0] == '-':
		return "UTC" + zone
	}
	return zone
}
