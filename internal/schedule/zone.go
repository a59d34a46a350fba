package schedule

import (
	"fmt"
	"time"
)

// ZoneWords names loc as its users say it of a time that recurs all year, such as a weekly
// meeting: for a zone that changes between standard and daylight time in year, its generic
// name ("Mountain Time", in Spanish "hora de la Montaña"), or, when it has none, both
// abbreviations ("CET/CEST"); for a zone that keeps one offset all year, its abbreviation, which
// is then right on every date ("MST" in Arizona, "HST" in Hawaii). It never names a zone by the
// abbreviation of one season alone, which would be wrong half the year.
func ZoneWords(loc *time.Location, lang string, year int) string {
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
		return abbreviation(std)
	}
	_, offset := std.Zone()
	for _, g := range generic {
		if g.abbr == abbreviation(std) && g.offset == offset {
			if primary(lang) == "es" {
				return g.es
			}
			return g.en
		}
	}
	return abbreviation(std) + "/" + abbreviation(dst)
}

// ZoneBetween names loc's zone for a time of day held on every day from first to last, such as
// a training's daily hours: the abbreviation of those days when it does not change between
// them ("EDT"), else [ZoneWords].
func ZoneBetween(loc *time.Location, lang string, first, last time.Time) string {
	if loc == nil {
		loc = time.UTC
	}
	first, last = first.In(loc), last.In(loc)
	a, oa := first.Zone()
	b, ob := last.Zone()
	if a == b && oa == ob {
		return abbreviation(first)
	}
	return ZoneWords(loc, lang, first.Year())
}

// generic lists the names of the North American zones that keep daylight saving time, by the
// abbreviation and UTC offset (seconds) of their standard time, so that another zone that
// shares an abbreviation (Cuba's CST is UTC-5) is not misnamed.
var generic = []struct {
	abbr   string
	offset int
	en, es string
}{
	{"NST", -(3*3600 + 30*60), "Newfoundland Time", "hora de Terranova"},
	{"AST", -4 * 3600, "Atlantic Time", "hora del Atlántico"},
	{"EST", -5 * 3600, "Eastern Time", "hora del Este"},
	{"CST", -6 * 3600, "Central Time", "hora del Centro"},
	{"MST", -7 * 3600, "Mountain Time", "hora de la Montaña"},
	{"PST", -8 * 3600, "Pacific Time", "hora del Pacífico"},
	{"AKST", -9 * 3600, "Alaska Time", "hora de Alaska"},
	{"HST", -10 * 3600, "Hawaii-Aleutian Time", "hora de Hawái-Aleutianas"},
}

// abbreviation returns the abbreviation of t's zone ("MST"), or "UTC-07" when the zone has
// none (Go names those by their offset, "-07", or not at all).
func abbreviation(t time.Time) string {
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
