package geo_test

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"sitegen/internal/geo"
)

// projected returns mp as proj draws it.
func projected(proj geo.Projection, mp orb.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, r := range poly {
			out[i][j] = make(orb.Ring, len(r))
			for k, pt := range r {
				x, y := proj.Project(geo.Point{Lat: pt[1], Lon: pt[0]})
				out[i][j][k] = orb.Point{x, y}
			}
		}
	}
	return out
}

// cities are known points of each kind of state: mainland, islands, across the
// antimeridian, in each inset of the national map.
var cities = []struct {
	name, state string
	p           geo.Point
}{
	{"Albuquerque", "NM", albuquerque}, {"Santa Fe", "NM", santaFe}, {"Phoenix", "AZ", phoenix},
	{"Columbus", "OH", columbus}, {"Boston", "MA", boston}, {"Washington", "DC", washingtonDC},
	{"Denver", "CO", denver}, {"Detroit", "MI", detroit}, {"Miami", "FL", miami},
	{"Anchorage", "AK", anchorage}, {"Adak", "AK", adak}, {"Attu", "AK", attu},
	{"Honolulu", "HI", honolulu}, {"San Juan", "PR", sanJuan},
	{"Charlotte Amalie", "VI", charlotteAmalie}, {"Hagåtña", "GU", hagatna},
	{"Saipan", "MP", saipan}, {"Pago Pago", "AS", pagoPago},
}

func TestStateMap(t *testing.T) {
	for _, c := range cities {
		s, _ := geo.StateByCode(c.state)
		for _, size := range [][2]float64{{400, 0}, {320, 320}, {800, 300}} {
			m := s.Map(size[0], size[1])
			if m.Width > size[0]+1e-9 || (size[1] > 0 && m.Height > size[1]+1e-9) || m.Width <= 0 || m.Height <= 0 {
				t.Errorf("%s.Map(%v, %v) is %.1f × %.1f", c.state, size[0], size[1], m.Width, m.Height)
			}
			if m.Width < size[0]-1e-9 && (size[1] == 0 || m.Height < size[1]-1e-9) {
				t.Errorf("%s.Map(%v, %v) is %.1f × %.1f: fills neither side", c.state, size[0], size[1], m.Width, m.Height)
			}
			// The outline fills the map but for the margin.
			b := projected(m, s.Outline()).Bound()
			pad := size[0] / 40
			if b.Min[0] < pad-0.01 || b.Min[1] < pad-0.01 || b.Max[0] > m.Width-pad+0.01 || b.Max[1] > m.Height-pad+0.01 {
				t.Errorf("%s.Map(%v, %v): outline spans %v, map is %.1f × %.1f", c.state, size[0], size[1], b, m.Width, m.Height)
			}
			x, y := m.Project(c.p)
			if !planar.MultiPolygonContains(projected(m, s.Outline()), orb.Point{x, y}) {
				t.Errorf("%s.Map(%v, %v): %s at (%.1f, %.1f) is outside the drawn outline", c.state, size[0], size[1], c.name, x, y)
			}
		}
	}

	// North is up and east is right.
	nm, _ := geo.StateByCode("NM")
	m := nm.Map(400, 0)
	ax, ay := m.Project(albuquerque)
	sx, sy := m.Project(santaFe)
	if !(sy < ay && sx > ax) {
		t.Errorf("Santa Fe at (%.1f, %.1f), Albuquerque at (%.1f, %.1f): want Santa Fe above and right", sx, sy, ax, ay)
	}
}

func TestNationalMap(t *testing.T) {
	for _, width := range []float64{975, 320} {
		m := geo.National(width)
		if m.Width != width || m.Height < width*0.6 || m.Height > width*0.65 {
			t.Errorf("National(%v) is %.1f × %.1f", width, m.Width, m.Height)
		}
		boxes := map[string]geo.Inset{}
		for _, in := range m.Insets() {
			for _, s := range in.States {
				boxes[s] = in
			}
		}
		for _, c := range cities {
			s, _ := geo.StateByCode(c.state)
			outline := projected(m, s.Outline())
			x, y := m.Project(c.p)
			if !planar.MultiPolygonContains(outline, orb.Point{x, y}) {
				t.Errorf("National(%v): %s at (%.1f, %.1f) is outside %s's drawn outline", width, c.name, x, y, c.state)
			}
			b := outline.Bound()
			if in, ok := boxes[c.state]; ok {
				if b.Min[0] < in.X || b.Min[1] < in.Y || b.Max[0] > in.X+in.W || b.Max[1] > in.Y+in.H {
					t.Errorf("National(%v): %s spans %v, outside its inset %+v", width, c.state, b, in)
				}
			} else if b.Min[0] < 0 || b.Min[1] < 0 || b.Max[0] > m.Width || b.Max[1] > m.Height {
				t.Errorf("National(%v): %s spans %v, outside the map", width, c.state, b)
			}
		}
		// No state of the lower 48 reaches into an inset.
		for _, s := range geo.States() {
			if _, ok := boxes[s.Code]; ok {
				continue
			}
			for _, pt := range projected(m, s.Outline())[0][0] {
				for _, in := range m.Insets() {
					if pt[0] > in.X && pt[0] < in.X+in.W && pt[1] > in.Y && pt[1] < in.Y+in.H {
						t.Errorf("National(%v): %s reaches into the inset of %v at %v", width, s.Code, in.States, pt)
						break
					}
				}
			}
		}
	}
}

// scaled is a projection for testing Path: x = lon × k, y = -lat × k.
type scaled float64

func (k scaled) Project(p geo.Point) (x, y float64) { return p.Lon * float64(k), -p.Lat * float64(k) }

func TestPath(t *testing.T) {
	square := orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}
	hole := orb.Ring{{2, 2}, {2, 4}, {4, 4}, {4, 2}, {2, 2}}
	speck := orb.Ring{{20, 20}, {20.01, 20}, {20.01, 20.01}, {20, 20}}
	tests := []struct {
		name string
		k    scaled
		mp   orb.MultiPolygon
		want string
	}{
		{"square", 1, orb.MultiPolygon{{square}}, "M0 0l10 0 0-10-10 0Z"},
		{"tenths", 0.25, orb.MultiPolygon{{square}}, "M0 0l2.5 0 0-2.5-2.5 0Z"},
		{"hole", 1, orb.MultiPolygon{{square, hole}}, "M0 0l10 0 0-10-10 0ZM2-2l0-2 2 0 0 2Z"},
		{"speck left out", 1, orb.MultiPolygon{{square}, {speck}}, "M0 0l10 0 0-10-10 0Z"},
		{"speck alone kept", 1, orb.MultiPolygon{{speck}}, "M20-20Z"},
		{"collinear points simplified", 1, orb.MultiPolygon{{{{0, 0}, {5, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}}, "M0 0l10 0 0-10-10 0Z"},
		{"nothing", 1, nil, ""},
	}
	for _, tt := range tests {
		if got := geo.Path(tt.k, tt.mp); got != tt.want {
			t.Errorf("Path(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestPathSize holds the outlines to what an inline SVG map can carry.
func TestPathSize(t *testing.T) {
	for _, s := range geo.States() {
		m := s.Map(400, 0)
		limit := 5000
		if s.Code == "AK" { // 137 islands and a coast of fjords
			limit = 10000
		}
		if n := len(m.Path(s)); n > limit || n < 40 {
			t.Errorf("%s: path of %d bytes on a 400-wide map, want 40 to %d", s.Code, n, limit)
		}
	}
	total := 0
	m := geo.National(975)
	for _, s := range geo.States() {
		total += len(m.Path(s))
	}
	if total > 45000 {
		t.Errorf("national map: %d bytes of paths, want at most 45,000", total)
	}
}
