package render

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"sitegen/internal/geo"
	"sitegen/internal/site"
)

// Maps are drawn by the build as inline SVG from package geo's state outlines: no tiles, no
// script, no other host. A state's list shows the state with a marker for each of its groups
// that meet in person; the finder shows the nation, each state with groups a link to its
// list, and, while the directory is small enough for them to be told apart, every group's
// marker too. Every marker is a link to the group's page with an accessible name; the map
// only repeats, for the eye, what the lists beside it say.

// nearMiles is how far outside its state's (simplified) outline a group may be placed and
// still be drawn: the tolerance of check's warning about coordinates in another state, so
// that a group is left off the map exactly when check has warned about it.
const nearMiles = 10

// The sizes of the maps, in SVG user units. Their level of detail follows (see geo.Path): a
// state 400 wide takes 0.2 to 8 KB, the nation 500 wide about 19 KB.
const (
	stateMapWidth     = 400
	stateMapMaxHeight = 400
	nationalMapWidth  = 500
	// stateMarkerRadius and nationalMarkerRadius are a marker's radius: on a 320-pixel
	// phone a state's marker is still about 10 pixels across.
	stateMarkerRadius    = 7
	nationalMarkerRadius = 4.5
	// maxNationalMarkers is how many groups the national map marks one by one; with more,
	// markers would cover each other and weigh down the finder, and the map links states only.
	maxNationalMarkers = 400
)

// mapData is an SVG map as the "map" template draws it.
type mapData struct {
	Kind     string // "state" or "national"
	Label    string // the map's accessible name
	ViewBox  string
	Radius   string      // of a marker
	Areas    []mapArea   // states: the one of a state's map, every one of the national map
	Insets   []mapInset  // frames around the states drawn apart (national map)
	Markers  []mapMarker // in-person groups, drawn from north to south
	Labels   []mapLabel  // the towns with markers (state maps)
	Approx   bool        // some marker stands at its ZIP code's centre
	Paused   bool        // some marker is of a paused group
	Unplaced []groupItem // in-person groups the map could not place
	Hidden   int         // groups not marked because there are too many (national map)
	// Projection is the map's projections (see projectionAttr), for the finder's script to
	// place its results on a national map that marks no group itself.
	Projection string
}

// mapArea is a state on a map.
type mapArea struct {
	Code  string // lowercase USPS code
	Path  string // SVG path data
	URL   string // the state's list, when it has one and the map links it
	Label string // the link's accessible name: "New Mexico: 5 groups"
}

// mapLabel is a town's name on a map, beside its markers.
type mapLabel struct {
	X, Y, Text string
	End        bool // written to the left of X (text-anchor end), near the map's right edge
}

// mapInset is the frame of a part of the national map drawn at its own scale.
type mapInset struct {
	X, Y, W, H string
}

// mapMarker is one group on a map.
type mapMarker struct {
	X, Y   string
	URL    string
	ID     string // the group's identity, AFFILIATE/SLUG, for the finder's script
	Label  string // the link's accessible name: "Nob Hill Tuesday Evening, Albuquerque"
	Approx bool   // placed at its ZIP code's centre
	Paused bool
	x, y   float64
	town   string // townKey of its city
	name   string // its city as written
}

// placement is where a group meeting in person stands on maps, once per build.
type placement struct {
	At     geo.Point
	Approx bool // the centre of its ZIP code, for a place given without coordinates
	OK     bool // false: no coordinates nor known ZIP code, or outside its state
}

// mapCache holds what maps share between pages and languages, made once per build.
type mapCache struct {
	places   sync.Map // *site.Group → placement
	states   sync.Map // state code → *stateGeometry
	national func() *nationalGeometry
}

// stateGeometry is a state's map without its markers.
type stateGeometry struct {
	proj *geo.StateMap
	path string
}

// nationalGeometry is the national map without its markers.
type nationalGeometry struct {
	proj       *geo.NationalMap
	projection string   // projectionAttr(proj.Params())
	codes      []string // lowercase, in geo.States order
	paths      []string
	insets     []mapInset
}

func newMapCache() *mapCache {
	return &mapCache{national: sync.OnceValue(func() *nationalGeometry {
		m := geo.National(nationalMapWidth)
		n := &nationalGeometry{proj: m}
		for _, s := range geo.States() {
			n.codes = append(n.codes, strings.ToLower(s.Code))
			n.paths = append(n.paths, m.Path(s))
		}
		for _, in := range m.Insets() {
			n.insets = append(n.insets, mapInset{X: num(in.X), Y: num(in.Y), W: num(in.W), H: num(in.H)})
		}
		n.projection = projectionAttr(m.Params())
		return n
	})}
}

// place returns where g stands on maps: its coordinates, or else its ZIP code's centre,
// provided either lies in (or within nearMiles of) the state of its address.
func (c *mapCache) place(g *site.Group) placement {
	if p, ok := c.places.Load(g); ok {
		return p.(placement)
	}
	p := placeGroup(g)
	c.places.Store(g, p)
	return p
}

func placeGroup(g *site.Group) placement {
	pl := g.Place
	if pl == nil {
		return placement{}
	}
	st, ok := geo.StateByCode(pl.State)
	if !ok {
		return placement{}
	}
	var p placement
	switch {
	case pl.HasCoords:
		p = placement{At: geo.Point{Lat: pl.Lat, Lon: pl.Lon}, OK: true}
	default:
		z, ok := geo.ZIP(pl.PostalCode)
		if !ok {
			return placement{}
		}
		p = placement{At: z.Center, Approx: true, OK: true}
	}
	if st.DistanceTo(p.At) > nearMiles {
		return placement{}
	}
	return p
}

// state returns the map of a state without its markers, made once.
func (c *mapCache) state(code string) (*stateGeometry, bool) {
	if g, ok := c.states.Load(code); ok {
		return g.(*stateGeometry), true
	}
	s, ok := geo.StateByCode(code)
	if !ok {
		return nil, false
	}
	m := s.Map(stateMapWidth, stateMapMaxHeight)
	g := &stateGeometry{proj: m, path: m.Path(s)}
	c.states.Store(code, g)
	return g, true
}

// projectionAttr writes a map's projections for templates/projection.js: each projection's
// numbers (N C Rho0 Lon0 Scale Dx Dy, then an inset's region: west south east north) apart
// by spaces, projections apart by semicolons, in the order geo.NationalMap.Params gives them.
func projectionAttr(params []geo.ProjectionParams) string {
	var b strings.Builder
	for i, p := range params {
		if i > 0 {
			b.WriteByte(';')
		}
		for j, x := range append([]float64{p.N, p.C, p.Rho0, p.Lon0, p.Scale, p.Dx, p.Dy}, p.Region...) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
		}
	}
	return b.String()
}

// num writes a map coordinate with one decimal, as short as it goes ("12", "12.5").
func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}

// marker returns the marker of g at p on a map whose projection is proj, in language l.
func (r *renderer) marker(l *lang, g *site.Group, p placement, proj geo.Projection) mapMarker {
	x, y := proj.Project(p.At)
	label := g.Name
	if g.Place.City != "" {
		label = l.w.T("map.marker", "name", g.Name, "town", g.Place.City)
	}
	if p.Approx {
		label = l.w.T("map.marker-approx", "marker", label)
	}
	if g.Paused() {
		label = l.w.T("map.marker-paused", "marker", label)
	}
	return mapMarker{x: x, y: y, URL: r.link(l, g.Path()), ID: g.ID, Label: label,
		Approx: p.Approx, Paused: g.Paused(), town: townKey(g.Place.City), name: strings.TrimSpace(g.Place.City)}
}

// addMarkers adds a marker for each of groups that meets in person to m, and lists those the
// map cannot place.
func (r *renderer) addMarkers(l *lang, m *mapData, groups []*site.Group, proj geo.Projection, unplaced bool) {
	for _, g := range groups {
		if g.Place == nil {
			continue
		}
		p := r.maps.place(g)
		if !p.OK {
			if unplaced {
				m.Unplaced = append(m.Unplaced, r.groupItem(l, g))
			}
			continue
		}
		mk := r.marker(l, g, p, proj)
		m.Approx = m.Approx || mk.Approx
		m.Paused = m.Paused || mk.Paused
		m.Markers = append(m.Markers, mk)
	}
	// From north to south, so that a marker below another is drawn over it, as on paper.
	slices.SortStableFunc(m.Markers, func(a, b mapMarker) int {
		return cmp.Or(cmp.Compare(a.y, b.y), strings.Compare(a.ID, b.ID))
	})
}

// finishMarkers spreads markers that would cover each other (groups of one building, or of
// one ZIP code's centre) around their common centre, so that each can be seen and tapped,
// writes their coordinates, and, with labels, names each town beside its markers.
func finishMarkers(m *mapData, radius, width float64, labels bool) {
	spreadMarkers(m.Markers, radius)
	for i := range m.Markers {
		m.Markers[i].X, m.Markers[i].Y = num(m.Markers[i].x), num(m.Markers[i].y)
	}
	if labels {
		m.Labels = townLabels(m.Markers, radius, width)
	}
}

// maxSpread is the largest cluster of markers spread apart: in a bigger one (a city's dozens
// of groups) they would leave their place too far, and the list tells them apart anyway.
const maxSpread = 12

// spreadMarkers moves each cluster of 2 to maxSpread markers less than 1.6 radii apart onto a
// circle around its centre, neighbours a little more than a diameter apart.
func spreadMarkers(ms []mapMarker, r float64) {
	n := len(ms)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range ms {
		for j := i + 1; j < n && ms[j].y-ms[i].y < 1.6*r; j++ {
			if math.Hypot(ms[j].x-ms[i].x, ms[j].y-ms[i].y) < 1.6*r {
				parent[find(j)] = find(i)
			}
		}
	}
	clusters := map[int][]int{}
	for i := range ms {
		root := find(i)
		clusters[root] = append(clusters[root], i)
	}
	for _, c := range clusters {
		k := len(c)
		if k < 2 || k > maxSpread {
			continue
		}
		var cx, cy float64
		for _, i := range c {
			cx += ms[i].x / float64(k)
			cy += ms[i].y / float64(k)
		}
		ring := 1.1 * r / math.Sin(math.Pi/float64(k))
		for n, i := range c {
			a := -math.Pi/2 + 2*math.Pi*float64(n)/float64(k)
			ms[i].x, ms[i].y = cx+ring*math.Cos(a), cy+ring*math.Sin(a)
		}
	}
}

// townLabels names each town at the centre of its markers, to their right (to their left near
// the map's right edge), leaving out a name that would overlap one already placed further north.
func townLabels(ms []mapMarker, r, width float64) []mapLabel {
	type town struct {
		name       string
		x, y, n    float64
		minX, maxX float64
	}
	byKey := map[string]*town{}
	var keys []string
	for _, m := range ms {
		if m.town == "" {
			continue
		}
		t := byKey[m.town]
		if t == nil {
			t = &town{name: m.name, minX: m.x, maxX: m.x}
			byKey[m.town] = t
			keys = append(keys, m.town)
		}
		t.x += m.x
		t.y += m.y
		t.n++
		t.minX, t.maxX = min(t.minX, m.x), max(t.maxX, m.x)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(byKey[a].y/byKey[a].n, byKey[b].y/byKey[b].n), strings.Compare(a, b))
	})
	type box struct{ x0, y0, x1, y1 float64 }
	var placed []box
	var out []mapLabel
	for _, k := range keys {
		t := byKey[k]
		y := t.y / t.n
		w := labelWidth(t.name)
		l := mapLabel{Text: t.name, Y: num(y + labelSize*0.35)}
		b := box{t.maxX + r + 3, y - labelSize*0.6, t.maxX + r + 3 + w, y + labelSize*0.6}
		if b.x1 > width-2 {
			b = box{t.minX - r - 3 - w, b.y0, t.minX - r - 3, b.y1}
			l.End = true
			l.X = num(b.x1)
		} else {
			l.X = num(b.x0)
		}
		if b.x0 < 2 || slices.ContainsFunc(placed, func(p box) bool {
			return b.x0 < p.x1 && p.x0 < b.x1 && b.y0 < p.y1 && p.y0 < b.y1
		}) {
			continue
		}
		placed = append(placed, b)
		out = append(out, l)
	}
	return out
}

// labelSize is the size of a town's name on a state's map, in its units (site.css gives the
// same): about 12 pixels on a phone.
const labelSize = 13

// labelWidth estimates the width of a town's name on a map: 0.6 em a character, which holds
// for the bold system fonts (wider than their average), so that two names rarely touch.
func labelWidth(s string) float64 {
	return float64(utf8.RuneCountInString(s)) * labelSize * 0.6
}

// stateMap returns the map of a state's list: its outline and its groups that meet in person.
func (r *renderer) stateMap(l *lang, code string, groups []*site.Group) *mapData {
	geom, ok := r.maps.state(code)
	if !ok {
		return nil
	}
	name := l.w.Label("state", strings.ToUpper(code))
	m := &mapData{
		Kind:    "state",
		Label:   l.w.T("map.state", "state", name),
		ViewBox: "0 0 " + num(geom.proj.Width) + " " + num(geom.proj.Height),
		Radius:  num(stateMarkerRadius),
		Areas:   []mapArea{{Code: code, Path: geom.path}},
	}
	r.addMarkers(l, m, groups, geom.proj, true)
	finishMarkers(m, stateMarkerRadius, geom.proj.Width, true)
	return m
}

// nationalMap returns the finder's map: every state, those with groups linking to their
// lists, and the groups that meet in person while there are few enough to mark.
func (r *renderer) nationalMap(l *lang) *mapData {
	geom := r.maps.national()
	counts := map[string]int{}
	for _, g := range r.s.Groups {
		counts[g.ListState()]++
	}
	m := &mapData{
		Kind:    "national",
		Label:   l.w.T("map.national"),
		ViewBox: "0 0 " + num(geom.proj.Width) + " " + num(geom.proj.Height),
		Radius:  num(nationalMarkerRadius),
		Insets:  geom.insets,
	}
	for i, code := range geom.codes {
		a := mapArea{Code: code, Path: geom.paths[i]}
		if n := counts[code]; n > 0 {
			a.URL = r.link(l, site.StatePath(code))
			a.Label = l.w.N("map.state-link", n, "state", l.w.Label("state", strings.ToUpper(code)))
		}
		m.Areas = append(m.Areas, a)
	}
	inPerson := 0
	for _, g := range r.s.Groups {
		if g.Place != nil {
			inPerson++
		}
	}
	if inPerson > maxNationalMarkers {
		m.Hidden = inPerson
		m.Projection = geom.projection
		return m
	}
	r.addMarkers(l, m, r.s.Groups, geom.proj, false)
	finishMarkers(m, nationalMarkerRadius, geom.proj.Width, false)
	return m
}
