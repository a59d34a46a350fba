package words

import (
	"os"
	"strings"
	"testing"
	"time"

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
		{"range month", en.DateRange(civil.Date{2026, 10, 9}, civil.Date{2026, 10, 11}), "October 9–11, 2026"},
		{"range month es", es.DateRange(civil.Date{2026, 10, 9}, civil.Date{2026, 10, 11}), "9–11 de octubre de 2026"},
		{"range year", en.DateRange(civil.Date{2026, 10, 30}, civil.Date{2026, 11, 1}), "October 30 – November 1, 2026"},
		{"range years", en.DateRange(civil.Date{2026, 12, 30}, civil.Date{2027, 1, 1}), "December 30, 2026 – January 1, 2027"},
		{"one day", en.DateRange(d, d), "December 1, 2026"},
		{"clock", en.Clock(civil.Clock{Hour: 18, Minute: 30}), "6:30 pm"},
		{"clock noon", en.Clock(civil.Clock{Hour: 12}), "12:00 pm"},
		{"clock midnight es", es.Clock(civil.Clock{}), "12:00 a. m."},
		{"clock range", en.ClockRange(civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20}), "6:30–8:00 pm"},
		{"clock range es", es.ClockRange(civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20}), "6:30–8:00 p. m."},
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
