package geo_test

import (
	"math"
	"testing"

	"sitegen/internal/geo"
)

// Places used by the tests of this package: downtowns and landmarks, from any map.
var (
	albuquerque     = geo.Point{Lat: 35.0844, Lon: -106.6504}
	santaFe         = geo.Point{Lat: 35.6870, Lon: -105.9378}
	droppedMinus    = geo.Point{Lat: 35.0844, Lon: 106.6504} // Albuquerque without its minus sign: China
	phoenix         = geo.Point{Lat: 33.4484, Lon: -112.0740}
	columbus        = geo.Point{Lat: 39.9612, Lon: -82.9988}
	newYork         = geo.Point{Lat: 40.7128, Lon: -74.0060}
	losAngeles      = geo.Point{Lat: 34.0522, Lon: -118.2437}
	anchorage       = geo.Point{Lat: 61.2181, Lon: -149.9003}
	adak            = geo.Point{Lat: 51.8800, Lon: -176.6581}
	attu            = geo.Point{Lat: 52.8400, Lon: 173.1800} // west of the antimeridian
	honolulu        = geo.Point{Lat: 21.3069, Lon: -157.8583}
	sanJuan         = geo.Point{Lat: 18.4655, Lon: -66.1057}
	charlotteAmalie = geo.Point{Lat: 18.3419, Lon: -64.9307}
	hagatna         = geo.Point{Lat: 13.4757, Lon: 144.7489}
	saipan          = geo.Point{Lat: 15.1850, Lon: 145.7467}
	pagoPago        = geo.Point{Lat: -14.2794, Lon: -170.7009}
	washingtonDC    = geo.Point{Lat: 38.8977, Lon: -77.0365}
	boston          = geo.Point{Lat: 42.3601, Lon: -71.0589}
	denver          = geo.Point{Lat: 39.7392, Lon: -104.9903}
	detroit         = geo.Point{Lat: 42.3314, Lon: -83.0458}
	miami           = geo.Point{Lat: 25.7617, Lon: -80.1918}
)

func TestStates(t *testing.T) {
	list := geo.States()
	if len(list) != 56 {
		t.Fatalf("States() has %d, want 56 (50 states, DC, PR, GU, VI, AS, MP)", len(list))
	}
	seen := map[string]bool{}
	for i, s := range list {
		if seen[s.Code] || len(s.Code) != 2 || len(s.FIPS) != 2 || s.Name == "" {
			t.Errorf("States()[%d] = %+v: repeated or incomplete", i, s)
		}
		seen[s.Code] = true
		if i > 0 && s.FIPS <= list[i-1].FIPS {
			t.Errorf("States()[%d] = %s after %s: not in FIPS order", i, s.FIPS, list[i-1].FIPS)
		}
		if len(s.Outline()) == 0 {
			t.Errorf("%s has no outline", s.Code)
		}
		if b := s.Bounds(); b.Min[0] >= b.Max[0] || b.Min[1] >= b.Max[1] {
			t.Errorf("%s: bounds %v", s.Code, b)
		}
	}

	tests := []struct {
		by, key                      string
		wantCode, wantName, wantFIPS string
	}{
		{"code", "NM", "NM", "New Mexico", "35"},
		{"code", "nm", "NM", "New Mexico", "35"},
		{"code", " oh ", "OH", "Ohio", "39"},
		{"code", "PR", "PR", "Puerto Rico", "72"},
		{"code", "XX", "", "", ""},
		{"code", "AE", "", "", ""},
		{"fips", "35", "NM", "New Mexico", "35"},
		{"fips", "78", "VI", "U.S. Virgin Islands", "78"},
		{"fips", "3", "", "", ""},
		{"name", "New Mexico", "NM", "New Mexico", "35"},
		{"name", "new  mexico", "NM", "New Mexico", "35"},
		{"name", "NEW-MEXICO", "NM", "New Mexico", "35"},
		{"name", "Washington, D.C.", "DC", "District of Columbia", "11"},
		{"name", "District of Columbia", "DC", "District of Columbia", "11"},
		{"name", "virgin islands", "VI", "U.S. Virgin Islands", "78"},
		{"name", "Northern Mariana Islands", "MP", "Northern Mariana Islands", "69"},
		{"name", "NM", "", "", ""},
		{"name", "", "", "", ""},
	}
	for _, tt := range tests {
		var s geo.State
		var ok bool
		switch tt.by {
		case "code":
			s, ok = geo.StateByCode(tt.key)
		case "fips":
			s, ok = geo.StateByFIPS(tt.key)
		case "name":
			s, ok = geo.StateByName(tt.key)
		}
		if ok != (tt.wantCode != "") || s.Code != tt.wantCode || s.Name != tt.wantName || s.FIPS != tt.wantFIPS {
			t.Errorf("StateBy %s(%q) = %+v, %v, want %s %s %s", tt.by, tt.key, s, ok, tt.wantCode, tt.wantName, tt.wantFIPS)
		}
	}
}

func TestStateAt(t *testing.T) {
	tests := []struct {
		name string
		p    geo.Point
		want string // "" for none
	}{
		{"Albuquerque", albuquerque, "NM"},
		{"dropped minus sign", droppedMinus, ""},
		{"Phoenix", phoenix, "AZ"},
		{"Columbus", columbus, "OH"},
		{"Washington", washingtonDC, "DC"},
		{"Denver", denver, "CO"},
		{"Detroit", detroit, "MI"},
		{"Anchorage", anchorage, "AK"},
		{"Adak", adak, "AK"},
		{"Attu, east longitude", attu, "AK"},
		{"Attu, west longitude", geo.Point{Lat: attu.Lat, Lon: attu.Lon - 360}, "AK"},
		{"Honolulu", honolulu, "HI"},
		{"San Juan", sanJuan, "PR"},
		{"Charlotte Amalie", charlotteAmalie, "VI"},
		{"Hagåtña", hagatna, "GU"},
		{"Saipan", saipan, "MP"},
		{"Pago Pago", pagoPago, "AS"},
		{"Gulf of Mexico", geo.Point{Lat: 26, Lon: -90}, ""},
		{"Toronto", geo.Point{Lat: 43.6532, Lon: -79.3832}, ""},
		{"Mexico City", geo.Point{Lat: 19.4326, Lon: -99.1332}, ""},
		{"null island", geo.Point{}, ""},
		{"not a position", geo.Point{Lat: math.NaN(), Lon: -100}, ""},
		{"off the globe", geo.Point{Lat: 135, Lon: -100}, ""},
	}
	for _, tt := range tests {
		s, ok := geo.StateAt(tt.p)
		if ok != (tt.want != "") || s.Code != tt.want {
			t.Errorf("StateAt(%s %v) = %q, %v, want %q", tt.name, tt.p, s.Code, ok, tt.want)
		}
		if tt.want == "" {
			continue
		}
		for _, other := range geo.States() {
			if other.Contains(tt.p) != (other.Code == tt.want) {
				t.Errorf("%s.Contains(%s) = %v", other.Code, tt.name, !(other.Code == tt.want))
			}
		}
	}
}

func TestDistanceTo(t *testing.T) {
	nm, _ := geo.StateByCode("NM")
	fl, _ := geo.StateByCode("FL")
	tests := []struct {
		name     string
		s        geo.State
		p        geo.Point
		min, max float64
	}{
		{"inside", nm, albuquerque, 0, 0},
		{"10 miles east of the Texas line", nm, geo.Point{Lat: 34.5, Lon: -102.85}, 9, 13},
		{"Santa Fe from Florida", fl, santaFe, 1000, 1150},
		{"Key West, on a simplified coast", fl, geo.Point{Lat: 24.5551, Lon: -81.78}, 0, 3},
		{"dropped minus sign", nm, droppedMinus, 5000, 10000},
		{"not a position", nm, geo.Point{Lat: math.NaN()}, math.Inf(1), math.Inf(1)},
	}
	for _, tt := range tests {
		if d := tt.s.DistanceTo(tt.p); d < tt.min || d > tt.max {
			t.Errorf("%s.DistanceTo(%s) = %.1f miles, want %v to %v", tt.s.Code, tt.name, d, tt.min, tt.max)
		}
	}

	s, d := geo.NearestState(geo.Point{Lat: 24.5551, Lon: -81.78})
	if s.Code != "FL" || d > 3 {
		t.Errorf("NearestState(Key West) = %s, %.1f miles, want FL within 3", s.Code, d)
	}
	if s, d := geo.NearestState(droppedMinus); d < 2000 {
		t.Errorf("NearestState(%v) = %s, %.1f miles, want far from any state", droppedMinus, s.Code, d)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name     string
		a, b     geo.Point
		min, max float64
	}{
		{"Albuquerque–Santa Fe", albuquerque, santaFe, 54, 60},
		{"New York–Los Angeles", newYork, losAngeles, 2430, 2460},
		{"Boston–Miami", boston, miami, 1250, 1265},
		{"same point", columbus, columbus, 0, 0},
		{"Adak–Attu, across the antimeridian", adak, attu, 430, 460},
		{"Attu written either way", attu, geo.Point{Lat: attu.Lat, Lon: attu.Lon - 360}, 0, 1e-6},
	}
	for _, tt := range tests {
		d := geo.Distance(tt.a, tt.b)
		if d < tt.min || d > tt.max {
			t.Errorf("Distance(%s) = %.1f miles, want %v to %v", tt.name, d, tt.min, tt.max)
		}
		if r := geo.Distance(tt.b, tt.a); math.Abs(r-d) > 1e-9 {
			t.Errorf("Distance(%s) = %v one way, %v the other", tt.name, d, r)
		}
	}
}

func BenchmarkStateAt(b *testing.B) {
	geo.StateAt(albuquerque)
	for b.Loop() {
		geo.StateAt(columbus)
	}
}

// BenchmarkPlausibility10k is what check's plausibility warnings cost at 10,000 groups once
// the data is loaded: for each, the state by code, whether it holds the coordinates, the
// states of the ZIP prefix and the ZIP code's centre.
func BenchmarkPlausibility10k(b *testing.B) {
	groups := make([]struct {
		state, zip string
		p          geo.Point
	}, 0, 10000)
	for z := range geo.ZIPs() {
		if len(groups) == cap(groups) {
			break
		}
		groups = append(groups, struct {
			state, zip string
			p          geo.Point
		}{z.State, z.Code, z.Center})
	}
	for b.Loop() {
		far := 0
		for _, g := range groups {
			s, _ := geo.StateByCode(g.state)
			if !s.Contains(g.p) && s.DistanceTo(g.p) > 5 {
				far++ // a few ZCTA centres lie off a simplified coast
			}
			geo.PrefixStates(g.zip)
			geo.ZIP(g.zip)
		}
		if far > 50 {
			b.Fatalf("%d of %d ZCTA centres more than 5 miles outside their state", far, len(groups))
		}
	}
}
