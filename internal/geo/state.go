package geo

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// State is one of the 50 states, the District of Columbia or one of the five inhabited
// territories (PR, GU, VI, AS, MP). Its name and codes cost nothing; its outline is parsed
// on first use.
type State struct {
	// Code is the USPS code, such as "NM".
	Code string
	// Name is the name the Census Bureau gives it, such as "New Mexico" or
	// "U.S. Virgin Islands".
	Name string
	// FIPS is the two-digit FIPS code, such as "35".
	FIPS string

	index int // in stateTable
}

// stateTable lists every state: USPS code, FIPS code and Census name, in FIPS order.
var stateTable = [...]struct{ code, fips, name string }{
	{"AL", "01", "Alabama"}, {"AK", "02", "Alaska"}, {"AZ", "04", "Arizona"},
	{"AR", "05", "Arkansas"}, {"CA", "06", "California"}, {"CO", "08", "Colorado"},
	{"CT", "09", "Connecticut"}, {"DE", "10", "Delaware"}, {"DC", "11", "District of Columbia"},
	{"FL", "12", "Florida"}, {"GA", "13", "Georgia"}, {"HI", "15", "Hawaii"},
	{"ID", "16", "Idaho"}, {"IL", "17", "Illinois"}, {"IN", "18", "Indiana"},
	{"IA", "19", "Iowa"}, {"KS", "20", "Kansas"}, {"KY", "21", "Kentucky"},
	{"LA", "22", "Louisiana"}, {"ME", "23", "Maine"}, {"MD", "24", "Maryland"},
	{"MA", "25", "Massachusetts"}, {"MI", "26", "Michigan"}, {"MN", "27", "Minnesota"},
	{"MS", "28", "Mississippi"}, {"MO", "29", "Missouri"}, {"MT", "30", "Montana"},
	{"NE", "31", "Nebraska"}, {"NV", "32", "Nevada"}, {"NH", "33", "New Hampshire"},
	{"NJ", "34", "New Jersey"}, {"NM", "35", "New Mexico"}, {"NY", "36", "New York"},
	{"NC", "37", "North Carolina"}, {"ND", "38", "North Dakota"}, {"OH", "39", "Ohio"},
	{"OK", "40", "Oklahoma"}, {"OR", "41", "Oregon"}, {"PA", "42", "Pennsylvania"},
	{"RI", "44", "Rhode Island"}, {"SC", "45", "South Carolina"}, {"SD", "46", "South Dakota"},
	{"TN", "47", "Tennessee"}, {"TX", "48", "Texas"}, {"UT", "49", "Utah"},
	{"VT", "50", "Vermont"}, {"VA", "51", "Virginia"}, {"WA", "53", "Washington"},
	{"WV", "54", "West Virginia"}, {"WI", "55", "Wisconsin"}, {"WY", "56", "Wyoming"},
	{"AS", "60", "American Samoa"}, {"GU", "66", "Guam"}, {"MP", "69", "Northern Mariana Islands"},
	{"PR", "72", "Puerto Rico"}, {"VI", "78", "U.S. Virgin Islands"},
}

// stateNames are other names by which people write a state, folded as stateKey folds them.
var stateNames = map[string]string{
	"washington dc": "DC", "washington d c": "DC", "d c": "DC",
	"virgin islands": "VI", "us virgin islands": "VI", "united states virgin islands": "VI",
	"northern marianas": "MP", "commonwealth of the northern mariana islands": "MP",
}

// shape is a state's outline and its bounds, and those of each of its polygons, so that a
// point is tested only against the polygons around it (orb's RingContains measures the
// ring's bound again on every call).
type shape struct {
	outline    orb.MultiPolygon
	bounds     orb.Bound
	polyBounds []orb.Bound
}

// newShape returns the shape of an outline.
func newShape(mp orb.MultiPolygon) shape {
	sh := shape{outline: mp, bounds: mp.Bound(), polyBounds: make([]orb.Bound, len(mp))}
	for i, poly := range mp {
		sh.polyBounds[i] = poly[0].Bound()
	}
	return sh
}

// contains reports whether the outline holds o ([lon, lat], on the outline's side of the
// antimeridian).
func (sh *shape) contains(o orb.Point) bool {
	if !sh.bounds.Contains(o) {
		return false
	}
	for i, poly := range sh.outline {
		if sh.polyBounds[i].Contains(o) && planar.PolygonContains(poly, o) {
			return true
		}
	}
	return false
}

// loadShapes parses the embedded outlines once, in the order of stateTable.
var loadShapes = sync.OnceValue(func() []shape {
	shapes, err := parseShapes(mustGunzip(statesGz))
	if err != nil {
		panic(fmt.Sprintf("geo: embedded states: %v", err))
	}
	return shapes
})

// parseShapes reads the outlines: one ring a line, "FIPS\touter\tLON,LAT LON,LAT …" for
// the outer ring of a polygon and "FIPS\thole\t…" for a hole in the polygon before it, the
// rings of one state together, for each state of stateTable. (GeoJSON would do, but parses
// five times slower, and check reads the outlines on every run.)
func parseShapes(data []byte) ([]shape, error) {
	byFIPS := make(map[string]orb.MultiPolygon, len(stateTable))
	f := make([][]byte, 3)
	last := ""
	err := eachLine(data, func(line []byte) error {
		if err := splitTabs(line, f); err != nil {
			return err
		}
		fips := string(f[0])
		mp, seen := byFIPS[fips]
		if seen && fips != last {
			return fmt.Errorf("state %s: rings apart", fips)
		}
		last = fips
		ring, err := parseRing(f[2])
		if err != nil {
			return fmt.Errorf("state %s: %w", fips, err)
		}
		switch string(f[1]) {
		case "outer":
			mp = append(mp, orb.Polygon{ring})
		case "hole":
			if len(mp) == 0 {
				return fmt.Errorf("state %s: hole before any outer ring", fips)
			}
			mp[len(mp)-1] = append(mp[len(mp)-1], ring)
		default:
			return fmt.Errorf("state %s: ring %q, want outer or hole", fips, f[1])
		}
		byFIPS[fips] = mp
		return nil
	})
	if err != nil {
		return nil, err
	}
	shapes := make([]shape, len(stateTable))
	for i, row := range stateTable {
		mp, ok := byFIPS[row.fips]
		if !ok {
			return nil, fmt.Errorf("no outline for %s (FIPS %s)", row.code, row.fips)
		}
		shapes[i] = newShape(mp)
	}
	return shapes, nil
}

// parseRing reads "LON,LAT LON,LAT …", a closed ring of at least 4 points.
func parseRing(b []byte) (orb.Ring, error) {
	ring := make(orb.Ring, 0, bytes.Count(b, []byte{' '})+1)
	for len(b) > 0 {
		pt := b
		if i := bytes.IndexByte(b, ' '); i >= 0 {
			pt, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		lonB, latB, ok := bytes.Cut(pt, []byte{','})
		if !ok {
			return nil, fmt.Errorf("bad point %q", pt)
		}
		lon, err := parseE4(lonB)
		if err != nil {
			return nil, err
		}
		lat, err := parseE4(latB)
		if err != nil {
			return nil, err
		}
		ring = append(ring, orb.Point{fromE4(lon), fromE4(lat)})
	}
	if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
		return nil, fmt.Errorf("ring of %d points not closed", len(ring))
	}
	return ring, nil
}

// stateAt returns the state of row i of stateTable.
func stateAt(i int) State {
	row := stateTable[i]
	return State{Code: row.code, Name: row.name, FIPS: row.fips, index: i}
}

// States returns every state, DC and territory, in FIPS order (AL, AK, AZ, … WY, AS, GU,
// MP, PR, VI).
func States() []State {
	list := make([]State, len(stateTable))
	for i := range stateTable {
		list[i] = stateAt(i)
	}
	return list
}

// StateByCode returns the state with USPS code code ("NM" or "nm").
func StateByCode(code string) (State, bool) {
	code = strings.TrimSpace(code)
	for i, row := range stateTable {
		if strings.EqualFold(row.code, code) {
			return stateAt(i), true
		}
	}
	return State{}, false
}

// StateByFIPS returns the state with the two-digit FIPS code fips ("35").
func StateByFIPS(fips string) (State, bool) {
	fips = strings.TrimSpace(fips)
	for i, row := range stateTable {
		if row.fips == fips {
			return stateAt(i), true
		}
	}
	return State{}, false
}

// stateKeys maps the key (stateKey) of each state's names to its row in stateTable.
var stateKeys = sync.OnceValue(func() map[string]int {
	m := make(map[string]int, len(stateTable)+len(stateNames))
	for i, row := range stateTable {
		m[stateKey(row.name)] = i
	}
	for name, code := range stateNames {
		s, _ := StateByCode(code)
		m[name] = s.index
	}
	return m
})

// StateByName returns the state called name, whatever its case, spacing and punctuation:
// "New Mexico", "new mexico", "NEW  MEXICO", "Washington, D.C." and "Virgin Islands" all
// find theirs. Codes are not names: use [StateByCode] for "NM".
func StateByName(name string) (State, bool) {
	i, ok := stateKeys()[stateKey(name)]
	if !ok {
		return State{}, false
	}
	return stateAt(i), true
}

// stateKey folds a state's name for comparison: ASCII letters lower-cased, every run of
// other characters one space, none at the ends. State names are ASCII, so no accents.
func stateKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		default:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Outline returns the state's land and water area as the Census Bureau's 2017 cartographic
// boundary file draws it, simplified by us-atlas for maps of about 1:10,000,000: polygons
// of an outer ring (counter-clockwise) and its holes, points [lon, lat]. The outline is
// shared: do not modify it.
func (s State) Outline() orb.MultiPolygon { return loadShapes()[s.index].outline }

// Bounds returns the smallest box holding the outline, Min its south-west corner
// ([lon, lat]). For Alaska, Min[0] is below -180 (see the package comment).
func (s State) Bounds() orb.Bound { return loadShapes()[s.index].bounds }

// local returns p with its longitude on the side of the antimeridian that s is stored on.
func (s State) local(p Point) Point {
	if s.Bounds().Min[0] < -180 && p.Lon > 0 {
		p.Lon -= 360
	}
	return p
}

// Contains reports whether p lies inside the state's outline. Points within a few hundred
// metres of a coast or border may fall on the wrong side of the simplified outline; use
// [State.DistanceTo] with a tolerance where that matters.
func (s State) Contains(p Point) bool {
	if !p.valid() {
		return false
	}
	return loadShapes()[s.index].contains(s.local(p).Orb())
}

// DistanceTo returns how far p is from the state, in miles: 0 when the state contains p,
// otherwise the distance to the nearest point of its outline ([OutlineDistance]).
func (s State) DistanceTo(p Point) float64 {
	if !p.valid() {
		return math.Inf(1)
	}
	if s.Contains(p) {
		return 0
	}
	return OutlineDistance(s.Outline(), p)
}

// OutlineDistance returns the distance in miles from p to the nearest point of the rings of
// mp (whether p lies inside or not). It measures on a plane tangent to the Earth at p, which
// is within 1% of the great-circle distance up to a few hundred miles and grows less exact
// beyond: it tells near from far, not the distance between continents.
func OutlineDistance(mp orb.MultiPolygon, p Point) float64 {
	if !p.valid() {
		return math.Inf(1)
	}
	k := math.Cos(p.Lat * math.Pi / 180)
	best := math.Inf(1)
	for _, poly := range mp {
		for _, ring := range poly {
			for i := 1; i < len(ring); i++ {
				a, b := ring[i-1], ring[i]
				// Longitudes relative to p, the shorter way round, and b's relative to
				// a's so that no segment wraps round the globe.
				ax := math.Remainder(a[0]-p.Lon, 360)
				bx := ax + math.Remainder(b[0]-a[0], 360)
				d := planar.DistanceFromSegment(
					orb.Point{ax * k, a[1] - p.Lat}, orb.Point{bx * k, b[1] - p.Lat}, orb.Point{})
				best = min(best, d)
			}
		}
	}
	return best * milesPerDegree
}

// milesPerDegree is the length of a degree of latitude on a sphere of the Earth's mean
// radius (3,958.8 miles).
const milesPerDegree = 3958.8 * math.Pi / 180

// StateAt returns the state whose outline contains p, if any: none for a point at sea,
// abroad, or with a dropped minus sign (35.08, 106.65 is in China, not New Mexico).
func StateAt(p Point) (State, bool) {
	for i := range stateTable {
		if s := stateAt(i); s.Contains(p) {
			return s, true
		}
	}
	return State{}, false
}

// NearestState returns the state that contains p, or else the one nearest to it, with the
// distance in miles (0 when inside). A point a little off a simplified coast thus still
// finds its state, and a point far away says how far.
func NearestState(p Point) (State, float64) {
	if s, ok := StateAt(p); ok {
		return s, 0
	}
	var best State
	bestD := math.Inf(1)
	for i := range stateTable {
		if d := stateAt(i).DistanceTo(p); d < bestD {
			best, bestD = stateAt(i), d
		}
	}
	return best, bestD
}
