package geo_test

import (
	"slices"
	"testing"

	"sitegen/internal/geo"
)

func TestZIP(t *testing.T) {
	tests := []struct {
		name, code string
		wantOK     bool
		wantCode   string
		wantState  string
		near       geo.Point // a point of the town the ZIP code serves
		miles      float64   // how near
	}{
		{"Albuquerque", "87110", true, "87110", "NM", geo.Point{Lat: 35.1048, Lon: -106.6468}, 8},
		{"Tempe", "85281", true, "85281", "AZ", geo.Point{Lat: 33.4255, Lon: -111.9400}, 3},
		{"Columbus", "43215", true, "43215", "OH", geo.Point{Lat: 39.9612, Lon: -82.9988}, 3},
		{"San Juan", "00901", true, "00901", "PR", geo.Point{Lat: 18.4655, Lon: -66.1057}, 3},
		{"Anchorage", "99501", true, "99501", "AK", geo.Point{Lat: 61.2181, Lon: -149.9003}, 5},
		{"Charlotte Amalie", "00802", true, "00802", "VI", geo.Point{Lat: 18.3419, Lon: -64.9307}, 5},
		{"ZIP+4", "87110-1234", true, "87110", "NM", geo.Point{Lat: 35.1048, Lon: -106.6468}, 8},
		{"ZIP+4 without hyphen", "871101234", true, "87110", "NM", geo.Point{Lat: 35.1048, Lon: -106.6468}, 8},
		{"spaces", " 43215 ", true, "43215", "OH", geo.Point{Lat: 39.9612, Lon: -82.9988}, 3},
		{"no ZCTA (IRS, Holtsville NY)", "00501", false, "", "", geo.Point{}, 0},
		{"unused", "00000", false, "", "", geo.Point{}, 0},
		{"four digits", "8711", false, "", "", geo.Point{}, 0},
		{"letters", "8711O", false, "", "", geo.Point{}, 0},
		{"bad +4", "87110-12a4", false, "", "", geo.Point{}, 0},
		{"empty", "", false, "", "", geo.Point{}, 0},
		{"six digits", "871101", false, "", "", geo.Point{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, ok := geo.ZIP(tt.code)
			if ok != tt.wantOK {
				t.Fatalf("ZIP(%q) ok = %v, want %v", tt.code, ok, tt.wantOK)
			}
			if !ok {
				return
			}
			if z.Code != tt.wantCode || z.State != tt.wantState {
				t.Errorf("ZIP(%q) = %s in %s, want %s in %s", tt.code, z.Code, z.State, tt.wantCode, tt.wantState)
			}
			if d := geo.Distance(z.Center, tt.near); d > tt.miles {
				t.Errorf("ZIP(%q) centre %v is %.1f miles from %v, want at most %v", tt.code, z.Center, d, tt.near, tt.miles)
			}
		})
	}
}

func TestPrefixStates(t *testing.T) {
	tests := []struct {
		zip  string
		want []string
	}{
		{"43215", []string{"OH"}},
		{"87110", []string{"NM"}},
		{"871", []string{"NM"}},
		{"85281-0001", []string{"AZ"}},
		{"00901", []string{"PR"}},
		{"00802", []string{"VI"}},
		{"99501", []string{"AK"}},
		{"96910", []string{"GU", "PW", "FM", "MP", "MH"}},    // one prefix for the Pacific islands
		{"06390", []string{"CT", "NY"}},                      // Fishers Island NY has Connecticut's prefix
		{"20500", []string{"MD", "DC", "VA"}},                // federal ZIP codes of DC within Maryland's prefix
		{"96799", []string{"HI", "AS"}},                      // American Samoa has Hawaii's prefix
		{"09001", []string{"AE"}},                            // armed forces
		{"000", nil}, {"", nil}, {"abc", nil}, {"1234", nil}, // not prefixes
	}
	for _, tt := range tests {
		if got := geo.PrefixStates(tt.zip); !slices.Equal(got, tt.want) {
			t.Errorf("PrefixStates(%q) = %q, want %q", tt.zip, got, tt.want)
		}
	}
	// The result is the caller's.
	geo.PrefixStates("43215")[0] = "XX"
	if got := geo.PrefixStates("43215"); got[0] != "OH" {
		t.Errorf("PrefixStates(%q) = %q after the caller changed an earlier result", "43215", got)
	}
}

// TestZIPsAgree checks the whole table: every ZCTA once, in order, in a state whose
// outline holds its centre or lies near it, and in a state its prefix names.
func TestZIPsAgree(t *testing.T) {
	n, prev := 0, ""
	states := map[string]int{}
	for z := range geo.ZIPs() {
		n++
		if z.Code <= prev {
			t.Fatalf("ZIPs: %s after %s", z.Code, prev)
		}
		prev = z.Code
		states[z.State]++
		s, ok := geo.StateByCode(z.State)
		if !ok {
			t.Errorf("ZIP %s: unknown state %q", z.Code, z.State)
			continue
		}
		if d := s.DistanceTo(z.Center); d > 25 {
			t.Errorf("ZIP %s: centre %v is %.1f miles from %s", z.Code, z.Center, d, z.State)
		}
		if p := geo.PrefixStates(z.Code); !slices.Contains(p, z.State) {
			t.Errorf("ZIP %s in %s, but PrefixStates = %q", z.Code, z.State, p)
		}
		if got, ok := geo.ZIP(z.Code); !ok || got != z {
			t.Errorf("ZIP(%q) = %v, %v; ZIPs has %v", z.Code, got, ok, z)
		}
	}
	if n < 33000 || n > 35000 {
		t.Errorf("%d ZCTAs, want about 33,800", n)
	}
	// Every state with ZIP codes of its own has ZCTAs (the Pacific territories and
	// American Samoa share Hawaii's and Guam's prefixes and have few or none).
	for _, s := range geo.States() {
		if states[s.Code] == 0 && !slices.Contains([]string{"AS", "MP"}, s.Code) {
			t.Errorf("no ZCTA in %s", s.Code)
		}
	}
}

func BenchmarkZIP(b *testing.B) {
	geo.ZIP("87110")
	for b.Loop() {
		geo.ZIP("87110")
	}
}
