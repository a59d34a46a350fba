package words

import (
	"os"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the same zone data on every machine

	"sitegen/internal/civil"
)

// catalogs reads the sample site's catalogues, which the site ships.
func catalogs(t *testing.T) (en, es *Catalog) {
	t.Helper()
	read := func(lang string) *Catalog {
		src, err := os.ReadFile("../../i18n/" + lang + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		c, diags := Parse(lang, "i18n/"+lang+".yaml", src)
		if len(diags) > 0 {
			t.Fatalf("%s: %v", lang, diags)
		}
		return c
	}
	return read("en"), read("es")
}

func TestSampleCataloguesAgree(t *testing.T) {
	en, es := catalogs(t)
	if d := Compare(en, es); len(d) > 0 {
		t.Errorf("es.yaml differs from en.yaml:\n%v", d)
	}
}

func TestFormats(t *testing.T) {
	en, es := catalogs(t)
	d := civil.Date{Year: 2026, Month: time.December, Day: 1}
	denver, _ := time.LoadLocation("America/Denver")
	phoenix, _ := time.LoadLocation("America/Phoenix")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tests := []struct {
		name      string
		got, want string
	}{
		{"date", en.Date(d), "December 1, 2026"},
		{"date es", es.Date(d), "1 de diciembre de 2026"},
		{"long date", en.LongDate(d), "Tuesday, December 1, 2026"},
		{"long date es", es.LongDate(d), "martes, 1 de diciembre de 2026"},
		{"range month", en.DateRange(civil.Date{Year: 2026, Month: 10, Day: 9}, civil.Date{Year: 2026, Month: 10, Day: 11}), "October 9–11, 2026"},
		{"range month es", es.DateRange(civil.Date{Year: 2026, Month: 10, Day: 9}, civil.Date{Year: 2026, Month: 10, Day: 11}), "9–11 de octubre de 2026"},
		{"range year", en.DateRange(civil.Date{Year: 2026, Month: 10, Day: 30}, civil.Date{Year: 2026, Month: 11, Day: 1}), "October 30 – November 1, 2026"},
		{"range years", en.DateRange(civil.Date{Year: 2026, Month: 12, Day: 30}, civil.Date{Year: 2027, Month: 1, Day: 1}), "December 30, 2026 – January 1, 2027"},
		{"one day", en.DateRange(d, d), "December 1, 2026"},
		{"clock", en.Clock(civil.Clock{Hour: 18, Minute: 30}), "6:30 pm"},
		{"clock noon", en.Clock(civil.Clock{Hour: 12}), "12:00 pm"},
		{"clock midnight es", es.Clock(civil.Clock{}), "12:00\u00a0a.\u00a0m."},
		{"clock range", en.ClockRange(civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20}), "6:30–8:00 pm"},
		{"clock range es", es.ClockRange(civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20}), "6:30–8:00\u00a0p.\u00a0m."},
		{"clock range across noon", en.ClockRange(civil.Clock{Hour: 11}, civil.Clock{Hour: 12, Minute: 30}), "11:00 am–12:30 pm"},
		{"zone with DST", en.Zone(denver, 2026), "Mountain Time"},
		{"zone with DST es", es.Zone(denver, 2026), "hora de la montaña"},
		{"zone without DST", en.Zone(phoenix, 2026), "MST"},
		{"zone without a name", en.Zone(berlin, 2026), "CET/CEST"},
		{"zone between, one season", en.ZoneBetween(denver, time.Date(2026, 7, 1, 9, 0, 0, 0, denver), time.Date(2026, 7, 3, 9, 0, 0, 0, denver)), "MDT"},
		{"zone between, across the switch", en.ZoneBetween(denver, time.Date(2026, 3, 6, 9, 0, 0, 0, denver), time.Date(2026, 3, 9, 9, 0, 0, 0, denver)), "Mountain Time"},
		{"date time", en.DateTime(time.Date(2026, 12, 1, 18, 30, 0, 0, denver)), "Tuesday, December 1, 2026, 6:30 pm MST"},
		{"list 1", en.List([]string{"a"}), "a"},
		{"list 3", en.List([]string{"a", "b", "c"}), "a, b and c"},
		{"list es", es.List([]string{"primer", "tercer"}), "primer y tercer"},
		{"plural one", en.N("finder.state-count", 1), "1 group"},
		{"plural other", es.N("finder.state-count", 3), "3 grupos"},
		{"plural zero", en.N("finder.state-count", 0), "0 groups"},
		{"label", es.Label("state", "NM"), "Nuevo México"},
		{"argument", en.T("title.state", "state", "Ohio"), "Groups in Ohio"},
		{"missing key shows", en.T("no.such.key"), "[no.such.key]"},
		{"capitalize", Capitalize("último sábado"), "Último sábado"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

// TestZone names every zone a US directory may use, and some it may not, as its users say
// it all year: zones that keep one offset by it, those that change by their generic name from
// the catalogue, or by both abbreviations when they have none. (TestFormats has Denver,
// Phoenix and Berlin.)
func TestZone(t *testing.T) {
	en, es := catalogs(t)
	tests := []struct {
		zone string
		c    *Catalog
		want string
	}{
		{"America/Phoenix", es, "MST"},
		{"America/Boise", en, "Mountain Time"},
		{"America/New_York", en, "Eastern Time"},
		{"America/New_York", es, "hora del este"},
		{"America/Indiana/Indianapolis", en, "Eastern Time"},
		{"America/Chicago", en, "Central Time"},
		{"America/Los_Angeles", en, "Pacific Time"},
		{"America/Anchorage", en, "Alaska Time"},
		{"America/Adak", en, "Hawaii-Aleutian Time"},
		{"Pacific/Honolulu", en, "HST"},
		{"America/Puerto_Rico", en, "AST"},
		{"America/Halifax", es, "hora del Atlántico"},
		{"America/St_Johns", en, "Newfoundland Time"},
		{"Pacific/Guam", en, "ChST"},
		{"America/Havana", en, "CST/CDT"},     // Cuba's CST is not Central Time
		{"America/Sao_Paulo", en, "UTC-03"},   // no abbreviation, no DST since 2019
		{"Australia/Sydney", en, "AEST/AEDT"}, // daylight time in January
		{"UTC", en, "UTC"},
	}
	for _, tt := range tests {
		t.Run(tt.zone+" "+tt.c.Lang(), func(t *testing.T) {
			loc, err := time.LoadLocation(tt.zone)
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.c.Zone(loc, 2026); got != tt.want {
				t.Errorf("%s.Zone(%s, 2026) = %q, want %q", tt.c.Lang(), tt.zone, got, tt.want)
			}
		})
	}
}

// TestZoneBetween names the zone of a time of day held on several days, such as a training's
// daily hours: the abbreviation of those days, or the zone's name across the year when it
// changes between them. (TestFormats has Denver in July and across the March change.)
func TestZoneBetween(t *testing.T) {
	en, es := catalogs(t)
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	phoenix, err := time.LoadLocation("America/Phoenix")
	if err != nil {
		t.Fatal(err)
	}
	at := func(loc *time.Location, s string) time.Time {
		d, err := civil.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d.At(civil.Clock{Hour: 9}, loc)
	}
	tests := []struct {
		name        string
		c           *Catalog
		loc         *time.Location
		first, last string
		want        string
	}{
		{"one summer day", en, newYork, "2026-06-06", "2026-06-06", "EDT"},
		{"winter days", en, newYork, "2026-12-04", "2026-12-06", "EST"},
		{"across the change to daylight time", en, newYork, "2027-03-13", "2027-03-15", "Eastern Time"},
		{"across the change, in Spanish", es, newYork, "2027-03-13", "2027-03-15", "hora del este"},
		{"phoenix in summer", en, phoenix, "2026-07-10", "2026-07-12", "MST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.ZoneBetween(tt.loc, at(tt.loc, tt.first), at(tt.loc, tt.last)); got != tt.want {
				t.Errorf("ZoneBetween(%s, %s, %s) = %q, want %q", tt.loc, tt.first, tt.last, got, tt.want)
			}
		})
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // part of the first problem, with its line
	}{
		{"not a mapping", "- a\n", "1:1"},
		{"bad key", "Bad Key: x\n", "key \"Bad Key\""},
		{"twice", "a.b: x\na.b: y\n", "given twice"},
		{"no other", "a:\n  one: x\n", "needs an `other` form"},
		{"bad form", "a:\n  single: x\n  other: y\n", "not a plural form"},
		{"list value", "a: [x]\n", "one line of text"},
		{"syntax", "a: 'x\n", "YAML syntax"},
	}
	for _, tt := range tests {
		_, diags := Parse("en", "i18n/en.yaml", []byte(tt.src))
		if len(diags) == 0 || !strings.Contains(diags[0].String(), tt.want) {
			t.Errorf("%s: Parse(%q) = %v, want a problem with %q", tt.name, tt.src, diags, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	ref, _ := Parse("en", "i18n/en.yaml", []byte("a: A\nb: B {x}\nc: C\n"))
	other, _ := Parse("fr", "i18n/fr.yaml", []byte("a: A\nb: B {y}\nd: D\n"))
	got := Compare(ref, other).Sort()
	want := []string{
		"i18n/fr.yaml:1:1: error: i18n/fr.yaml lacks c (i18n/en.yaml line 3): add its fr text",
		"i18n/fr.yaml:2:1: error: b names {y}, but i18n/en.yaml names {x}: use the same {names}",
		"i18n/fr.yaml:3:1: error: key d is not in i18n/en.yaml: remove it, or add it there first",
	}
	if len(got) != len(want) {
		t.Fatalf("Compare = %v, want %v", got, want)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("Compare[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
