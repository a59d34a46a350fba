package geo

import (
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// Projection maps points of the Earth to the plane of an SVG map: x to the right, y down,
// in the map's user units (pixels at its natural size).
type Projection interface {
	Project(p Point) (x, y float64)
}

// albers is the Albers equal-area conic projection of a sphere of radius 1 (Snyder,
// "Map Projections: A Working Manual", 1987, pp. 98–100): areas keep their proportions, and
// shapes are true along the two standard parallels and little distorted between them, which
// is why the Census Bureau and USGS draw US maps with it.
type albers struct {
	n, c, rho0, lon0 float64
}

// newAlbers returns the projection with standard parallels lat1 and lat2, origin at
// (lat0, lon0), in degrees. lat1 and lat2 must not be opposite (-lat2).
func newAlbers(lat1, lat2, lat0, lon0 float64) albers {
	rad := math.Pi / 180
	s1 := math.Sin(lat1 * rad)
	n := (s1 + math.Sin(lat2*rad)) / 2
	c := math.Cos(lat1*rad)*math.Cos(lat1*rad) + 2*n*s1
	return albers{n: n, c: c, rho0: math.Sqrt(c-2*n*math.Sin(lat0*rad)) / n, lon0: lon0}
}

// xy projects p with north up (y grows northwards), in Earth radii.
func (a albers) xy(p Point) (x, y float64) {
	rad := math.Pi / 180
	dlon := math.Remainder(p.Lon-a.lon0, 360) // -180..180, whichever side p is stored on
	rho := math.Sqrt(a.c-2*a.n*math.Sin(p.Lat*rad)) / a.n
	theta := a.n * dlon * rad
	return rho * math.Sin(theta), a.rho0 - rho*math.Cos(theta)
}

// fitted is a projection scaled and moved so that a region fits a box of the map.
type fitted struct {
	albers
	scale, dx, dy float64
}

// Project implements Projection.
func (f fitted) Project(p Point) (x, y float64) {
	x, y = f.xy(p)
	return x*f.scale + f.dx, -y*f.scale + f.dy
}

// fit returns a so scaled and moved that the outlines mps, projected, fill the box
// (x, y, w, h) as much as their shape allows, centred. If h is 0 they fill the width.
func fit(a albers, mps []orb.MultiPolygon, x, y, w, h float64) fitted {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, mp := range mps {
		for _, poly := range mp {
			for _, pt := range poly[0] { // holes lie inside
				px, py := a.xy(pointOf(pt))
				b = b.Extend(orb.Point{px, py})
			}
		}
	}
	bw, bh := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	scale := w / bw
	if h > 0 && bh*scale > h {
		scale = h / bh
	}
	if h <= 0 {
		h = bh * scale
	}
	f := fitted{albers: a, scale: scale}
	// Centre: the box's centre is where the bound's centre goes (y flipped).
	f.dx = x + w/2 - (b.Min[0]+bw/2)*scale
	f.dy = y + h/2 + (b.Min[1]+bh/2)*scale
	return f
}

// StateMap is the projection of a map of one state: an Albers equal-area conic projection
// with standard parallels at one sixth and five sixths of the state's latitudes (the usual
// choice for a region) and centred on the state, scaled so that the outline fills the map
// but for a margin of 1/40 of the width on every side.
type StateMap struct {
	// Width and Height are the size of the map, in the units of Project.
	Width, Height float64

	f fitted
}

// Map returns the projection of a map of s at most width wide and maxHeight high (no limit
// if maxHeight <= 0). The map takes the state's proportions: its Width or its Height is
// smaller than asked unless the state's shape matches the box.
func (s State) Map(width, maxHeight float64) *StateMap {
	b := s.Bounds()
	south, north := b.Min[1], b.Max[1]
	span := north - south
	a := newAlbers(south+span/6, north-span/6, (south+north)/2, (b.Min[0]+b.Max[0])/2)
	pad := width / 40
	h := 0.0
	if maxHeight > 0 {
		h = maxHeight - 2*pad
	}
	mps := []orb.MultiPolygon{s.Outline()}
	f := fit(a, mps, 0, 0, width-2*pad, h)
	pb := projectedBound(f, mps)
	f.dx += pad - pb.Min[0]
	f.dy += pad - pb.Min[1]
	return &StateMap{Width: pb.Max[0] - pb.Min[0] + 2*pad, Height: pb.Max[1] - pb.Min[1] + 2*pad, f: f}
}

// projectedBound returns the bound of the outer rings of mps projected by p.
func projectedBound(p Projection, mps []orb.MultiPolygon) orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, mp := range mps {
		for _, poly := range mp {
			for _, pt := range poly[0] {
				x, y := p.Project(pointOf(pt))
				b = b.Extend(orb.Point{x, y})
			}
		}
	}
	return b
}

// Project implements Projection.
func (m *StateMap) Project(p Point) (x, y float64) { return m.f.Project(p) }

// Path returns the SVG path data of the state's outline on this map (see [Path]).
func (m *StateMap) Path(s State) string { return Path(m, s.Outline()) }

// Inset is a part of the national map drawn apart, at its own scale: Alaska, Hawaii, the
// Caribbean and Pacific territories.
type Inset struct {
	// States are the USPS codes of the states drawn in the inset.
	States []string
	// X, Y, W and H are the box of the inset on the map, for a frame around it.
	X, Y, W, H float64
}

// NationalMap is the projection of a map of all the states, laid out as US maps usually are
// (and like d3's geoAlbersUsa): the lower 48 states and DC in an Albers equal-area conic
// projection with standard parallels 29.5° and 45.5°, the others in boxes of their own below
// and to the side ([NationalMap.Insets]), each in an Albers projection fitted to its box and
// so not to the scale of the lower 48. Its natural size is 975 × 610; [National] scales it.
type NationalMap struct {
	// Width and Height are the size of the map, in the units of Project.
	Width, Height float64

	main   fitted
	insets []nationalInset
}

// nationalInset is an inset with its projection and the region of the Earth it shows.
type nationalInset struct {
	Inset
	f      fitted
	region orb.Bound // in [lon, lat]; points inside are drawn in this inset
}

// nationalLayout places each inset on the 975 × 610 map: the states, the box, the Albers
// parameters (lat1, lat2, lon0). The boxes lie in the sea and in Mexico and Canada, where
// the lower 48 leave room.
var nationalLayout = []struct {
	states           []string
	x, y, w, h       float64
	lat1, lat2, lon0 float64
}{
	{[]string{"AK"}, 5, 440, 200, 165, 55, 65, -154},
	{[]string{"HI"}, 210, 520, 110, 85, 8, 18, -157},
	{[]string{"PR", "VI"}, 630, 565, 110, 40, 17.5, 18.5, -66},
	{[]string{"GU", "MP"}, 905, 395, 65, 115, 13, 20, 145},
	{[]string{"AS"}, 905, 515, 65, 40, -14.5, -11, -170},
}

// National returns the projection of a national map width wide.
func National(width float64) *NationalMap {
	k := width / 975
	m := &NationalMap{Width: width, Height: 610 * k}
	var main []orb.MultiPolygon
	inInset := map[string]bool{}
	for _, l := range nationalLayout {
		for _, s := range l.states {
			inInset[s] = true
		}
	}
	for _, s := range States() {
		if !inInset[s.Code] {
			main = append(main, s.Outline())
		}
	}
	m.main = fit(newAlbers(29.5, 45.5, 38, -96), main, 5*k, 5*k, 965*k, 575*k)
	for _, l := range nationalLayout {
		var mps []orb.MultiPolygon
		region := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
		for _, code := range l.states {
			s, _ := StateByCode(code)
			mps = append(mps, s.Outline())
			region = region.Union(s.Bounds())
		}
		a := newAlbers(l.lat1, l.lat2, (region.Min[1]+region.Max[1])/2, l.lon0)
		pad := 4 * k
		f := fit(a, mps, l.x*k+pad, l.y*k+pad, l.w*k-2*pad, l.h*k-2*pad)
		m.insets = append(m.insets, nationalInset{
			Inset:  Inset{States: l.states, X: l.x * k, Y: l.y * k, W: l.w * k, H: l.h * k},
			f:      f,
			region: region.Pad(1),
		})
	}
	return m
}

// ProjectionParams are the numbers of one projection of a map, for a script that places
// points as [NationalMap.Project] does. A point at latitude φ and longitude λ (radians) is at
// x = ρ·sin θ·Scale + Dx, y = (ρ·cos θ − Rho0)·Scale + Dy, where ρ = √(C − 2N·sin φ)/N and
// θ = N·(λ − Lon0), λ − Lon0 taken between −180° and 180°. Region, for an inset, is the
// [west, south, east, north] in degrees of the points it draws (west below −180 where it
// spans the antimeridian: a point east of 0° is then taken 360° west).
type ProjectionParams struct {
	N      float64   `json:"n"`
	C      float64   `json:"c"`
	Rho0   float64   `json:"rho0"`
	Lon0   float64   `json:"lon0"`
	Scale  float64   `json:"scale"`
	Dx     float64   `json:"dx"`
	Dy     float64   `json:"dy"`
	Region []float64 `json:"region,omitempty"`
}

// Params returns the projections of m in the order Project tries them: each inset with its
// region, then the lower 48's, which takes every other point. Numbers are rounded to nine
// significant digits, which moves no point by a thousandth of a unit.
func (m *NationalMap) Params() []ProjectionParams {
	var out []ProjectionParams
	for _, in := range m.insets {
		p := in.f.params()
		p.Region = []float64{round9(in.region.Min[0]), round9(in.region.Min[1]), round9(in.region.Max[0]), round9(in.region.Max[1])}
		out = append(out, p)
	}
	return append(out, m.main.params())
}

func (f fitted) params() ProjectionParams {
	return ProjectionParams{N: round9(f.n), C: round9(f.c), Rho0: round9(f.rho0), Lon0: round9(f.lon0), Scale: round9(f.scale), Dx: round9(f.dx), Dy: round9(f.dy)}
}

// round9 rounds x to nine significant digits.
func round9(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 9, 64), 64)
	return v
}

// Insets returns the boxes of the states drawn apart from the lower 48.
func (m *NationalMap) Insets() []Inset {
	out := make([]Inset, len(m.insets))
	for i, in := range m.insets {
		out[i] = in.Inset
		out[i].States = append([]string(nil), in.States...)
	}
	return out
}

// Project implements Projection: a point in (or within a degree of) Alaska, Hawaii or a
// territory is drawn in that inset, any other in the lower 48's projection.
func (m *NationalMap) Project(p Point) (x, y float64) {
	for _, in := range m.insets {
		q := p
		if in.region.Min[0] < -180 && q.Lon > 0 {
			q.Lon -= 360
		}
		if in.region.Contains(q.Orb()) {
			return in.f.Project(q)
		}
	}
	return m.main.Project(p)
}

// Path returns the SVG path data of a state's outline on this map (see [Path]), simplified
// to one unit rather than three quarters: the map is the finder's, whose page's weight each
// search's budget of bytes pays for, and a unit is at most 0.8 pixels where it is shown
// largest (800 pixels wide, on a wide screen's finder before a search). Its paths weigh
// 1 KB gzip less; drawn at twice that size, the two look the same.
func (m *NationalMap) Path(s State) string { return pathWithin(m, s.Outline(), 1) }

// Path returns SVG path data ("d") drawing mp as proj projects it, for a fill with the
// nonzero or evenodd rule: each ring a closed subpath, simplified with the Douglas–Peucker
// algorithm so that no point moves more than three quarters of a unit, coordinates in
// tenths, relative after the first of each ring. A ring less than a unit across is left out
// unless it is the only one, since it would not show. The size of the map is thus its level
// of detail, and either can be shown at any size (the SVG's viewBox). The national map, 975
// units wide, takes 11 KB, 4.5 KB gzip, simplified to one unit (see [NationalMap.Path]; 14
// KB and 5.5 KB at three quarters, 19 KB and 7.2 KB at half a unit: the tolerance takes
// weight off every page with the map, the finder's among them, whose searches have a budget
// of bytes; drawn at twice a wide screen's size, they look the same); a state on a map 400
// units wide 0.2 to 4 KB (Alaska 8 KB).
func Path(proj Projection, mp orb.MultiPolygon) string { return pathWithin(proj, mp, 0.75) }

// pathWithin is [Path] with no point moved more than tolerance units.
func pathWithin(proj Projection, mp orb.MultiPolygon, tolerance float64) string {
	simplifier := simplify.DouglasPeucker(tolerance)
	var rings []orb.Ring
	for _, poly := range mp {
		for _, r := range poly {
			pr := make(orb.Ring, len(r))
			for i, pt := range r {
				pr[i][0], pr[i][1] = proj.Project(pointOf(pt))
			}
			rings = append(rings, pr)
		}
	}
	var b strings.Builder
	for _, r := range rings {
		if rb := r.Bound(); len(rings) > 1 && rb.Max[0]-rb.Min[0] < 1 && rb.Max[1]-rb.Min[1] < 1 {
			continue
		}
		r = simplifier.Ring(r)
		var px, py int64
		n := 0
		for i, pt := range r {
			x, y := int64(math.Round(pt[0]*10)), int64(math.Round(pt[1]*10))
			if i == len(r)-1 && len(r) > 1 {
				break // Z closes the ring
			}
			switch {
			case n == 0:
				b.WriteByte('M')
				writeTenths(&b, x, false)
				writeTenths(&b, y, true)
			case x == px && y == py:
				continue
			case n == 1:
				b.WriteByte('l')
				writeTenths(&b, x-px, false)
				writeTenths(&b, y-py, true)
			default:
				writeTenths(&b, x-px, true)
				writeTenths(&b, y-py, true)
			}
			px, py = x, y
			n++
		}
		if n > 0 {
			b.WriteByte('Z')
		}
	}
	return b.String()
}

// writeTenths writes v/10 as short as SVG allows ("-.5", "12", "3.4"), after a space if
// sep and the number does not start with a minus sign.
func writeTenths(b *strings.Builder, v int64, sep bool) {
	neg := v < 0
	if neg {
		v = -v
		b.WriteByte('-')
	} else if sep {
		b.WriteByte(' ')
	}
	whole, tenth := v/10, v%10
	if whole > 0 || tenth == 0 {
		b.WriteString(strconv.FormatInt(whole, 10))
	}
	if tenth > 0 {
		b.WriteByte('.')
		b.WriteByte(byte('0' + tenth))
	}
}
