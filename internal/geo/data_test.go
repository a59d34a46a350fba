package geo

import (
	"slices"
	"strings"
	"testing"
)

func TestParseE4(t *testing.T) {
	tests := []struct {
		in      string
		want    int32
		wantErr bool
	}{
		{"35", 350000, false},
		{"-106.6504", -1066504, false},
		{"18.4666", 184666, false},
		{"0.1", 1000, false},
		{"-0.0001", -1, false},
		{"179.9999", 1799999, false},
		{"-187.5", -1875000, false},
		{"", 0, true},
		{"-", 0, true},
		{".5", 0, true},
		{"1.23456", 0, true},
		{"1000", 0, true},
		{"1e3", 0, true},
		{"1.2.3", 0, true},
		{"--1", 0, true},
	}
	for _, tt := range tests {
		got, err := parseE4([]byte(tt.in))
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("parseE4(%q) = %d, %v, want %d (error %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	if got := fromE4(-1066504); got != -106.6504 {
		t.Errorf("fromE4(-1066504) = %v, want -106.6504", got)
	}
}

// TestParseErrors shows that a damaged data file is refused with its line, never half read.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) error
		data  string
		want  string
	}{
		{"zips: good", zipsErr, "# comment\n87110\tNM\t35.1082\t-106.5781\n87111\tNM\t35.1\t-106.5\n", ""},
		{"zips: too few fields", zipsErr, "87110\tNM\t35.1082\n", "line 1: 3 fields, want 4"},
		{"zips: too many fields", zipsErr, "87110\tNM\t35.1\t-106.5\tx\n", "line 1: more than 4 fields"},
		{"zips: bad code", zipsErr, "8711\tNM\t35.1\t-106.5\n", `line 1: bad ZIP code "8711"`},
		{"zips: out of order", zipsErr, "87111\tNM\t35.1\t-106.5\n87110\tNM\t35.1\t-106.5\n", `line 2: ZIP code "87110" out of order`},
		{"zips: unknown state", zipsErr, "87110\tXX\t35.1\t-106.5\n", `line 1: unknown state "XX"`},
		{"zips: bad latitude", zipsErr, "87110\tNM\t35,1\t-106.5\n", `line 1: bad number "35,1"`},
		{"places: good", placesErr, "3502000\tAlbuquerque\tcity\t35.1048\t-106.6468\t562488\n", ""},
		{"places: bad GEOID", placesErr, "9902000\tAlbuquerque\tcity\t35.1\t-106.6\t1\n", `line 1: bad GEOID "9902000"`},
		{"places: no name", placesErr, "3502000\t\tcity\t35.1\t-106.6\t1\n", "line 1: no name"},
		{"places: bad population", placesErr, "3502000\tAlbuquerque\tcity\t35.1\t-106.6\t-1\n", `line 1: bad count "-1"`},
		{"places: too few fields", placesErr, "3502000\tAlbuquerque\tcity\n", "line 1: 3 fields, want 6"},
		{"places: too many fields", placesErr, "3502000\tAlbuquerque\tcity\t35.1\t-106.6\t1\t2\n", "line 1: more than 6 fields"},
		{"places: out of order", placesErr, "3502000\tA\tcity\t35.1\t-106.6\t1\n0100100\tB\tCDP\t33\t-85\t1\n", "line 2: GEOID 0100100 out of order"},
		{"counties: good", countiesErr, "39035\tCuyahoga County\tcounty\t41.555\t-81.605\t1249418\n", ""},
		{"counties: a place's GEOID", countiesErr, "3502000\tAlbuquerque\tcity\t35.1\t-106.6\t1\n", `line 1: bad GEOID "3502000"`},
		{"prefixes: good", prefixesErr, "871\tNM\n969\tGU,PW,FM,MP,MH\n", ""},
		{"prefixes: bad prefix", prefixesErr, "8710\tNM\n", `line 1: bad ZIP prefix "8710"`},
		{"prefixes: bad state", prefixesErr, "871\tnm\n", `line 1: bad state "nm"`},
		{"states: good", statesErr, goodStates, ""},
		{"states: missing", statesErr, "", "no outline for AL (FIPS 01)"},
		{"states: bad kind", statesErr, "01\tinner\t0,0 1,0 1,1 0,0\n", `line 1: state 01: ring "inner", want outer or hole`},
		{"states: hole first", statesErr, "01\thole\t0,0 1,0 1,1 0,0\n", "line 1: state 01: hole before any outer ring"},
		{"states: open ring", statesErr, "01\touter\t0,0 1,0 1,1 0,1\n", "line 1: state 01: ring of 4 points not closed"},
		{"states: bad point", statesErr, "01\touter\t0,0 1;0 1,1 0,0\n", `line 1: state 01: bad point "1;0"`},
		{"states: apart", statesErr, "01\touter\t0,0 1,0 1,1 0,0\n02\touter\t0,0 1,0 1,1 0,0\n01\touter\t0,0 1,0 1,1 0,0\n", "line 3: state 01: rings apart"},
	}
	for _, tt := range tests {
		err := tt.parse(tt.data)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: error %q, want %q", tt.name, got, tt.want)
		}
	}
}

func zipsErr(s string) error     { _, err := parseZIPs([]byte(s)); return err }
func placesErr(s string) error   { _, err := parsePlaces(s, 7); return err }
func countiesErr(s string) error { _, err := parsePlaces(s, 5); return err }
func prefixesErr(s string) error { _, err := parsePrefixes([]byte(s)); return err }
func statesErr(s string) error   { _, err := parseShapes([]byte(s)); return err }

// goodStates is a square for each state, with a hole in the first.
var goodStates = func() string {
	var b strings.Builder
	for i, row := range stateTable {
		b.WriteString(row.fips + "\touter\t0,0 1,0 1,1 0,1 0,0\n")
		if i == 0 {
			b.WriteString(row.fips + "\thole\t0.2,0.2 0.2,0.3 0.3,0.3 0.3,0.2 0.2,0.2\n")
		}
	}
	return b.String()
}()

// TestEmbeddedData loads each embedded file as the package does (a damaged one panics).
func TestEmbeddedData(t *testing.T) {
	if n := len(loadShapes()); n != len(stateTable) {
		t.Errorf("%d outlines, want %d", n, len(stateTable))
	}
	if n := len(loadZIPs()); n < 33000 {
		t.Errorf("%d ZCTAs", n)
	}
	if p := loadPrefixes(); len(p[871]) == 0 {
		t.Errorf("no states for prefix 871")
	}
	if n := len(loadCounties()); n < 3000 {
		t.Errorf("%d counties", n)
	}
	for _, p := range slices.Concat(loadPlaces(), loadCounties()) {
		if strings.ContainsAny(p.Name, "\t\r\n") || strings.TrimSpace(p.Name) != p.Name {
			t.Errorf("place %s: name %q", p.GEOID, p.Name)
		}
	}
}

// The cold parse of each data set, as the first caller pays it.

func BenchmarkParseStates(b *testing.B) {
	for b.Loop() {
		if _, err := parseShapes(mustGunzip(statesGz)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePrefixes(b *testing.B) {
	for b.Loop() {
		if _, err := parsePrefixes([]byte(prefixesTSV)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseZIPs(b *testing.B) {
	for b.Loop() {
		if _, err := parseZIPs(mustGunzip(zipsGz)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePlaces(b *testing.B) {
	for b.Loop() {
		if _, err := parsePlaces(string(mustGunzip(placesGz)), 7); err != nil {
			b.Fatal(err)
		}
	}
}
