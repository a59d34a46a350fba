package render

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sitegen/internal/geo"
	"sitegen/internal/site"
	"sitegen/internal/sitetest"
)

// mapSite returns testdata/maps.txtar built as of 2026-11-20.
func mapSite(t *testing.T) *site.Site {
	t.Helper()
	return sitetest.Build(t, sitetest.Archive(t, "internal/render/testdata/maps.txtar"), sitetest.Date(t, "2026-11-20"))
}

// marker is a marker as a page has it.
type marker struct {
	class, href, id, label string
	x, y                   float64
}

var markerRE = regexp.MustCompile(`<a class="(marker[^"]*)" href="([^"]*)" data-id="([^"]*)" aria-label="([^"]*)" tabindex="-1"><circle cx="([^"]*)" cy="([^"]*)" r="[^"]*"/></a>`)

// markers returns the markers of the map on page doc.
func markers(t *testing.T, doc string) []marker {
	t.Helper()
	var out []marker
	for _, m := range markerRE.FindAllStringSubmatch(doc, -1) {
		x, err1 := strconv.ParseFloat(m[5], 64)
		y, err2 := strconv.ParseFloat(m[6], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("marker %q has coordinates that are not numbers", m[0])
		}
		out = append(out, marker{class: m[1], href: m[2], id: m[3], label: m[4], x: x, y: y})
	}
	return out
}

// viewBox returns the width and height of the first map of doc.
func viewBox(t *testing.T, doc string) (w, h float64) {
	t.Helper()
	m := regexp.MustCompile(`<svg class="map [^"]*" viewBox="0 0 ([0-9.]+) ([0-9.]+)"`).FindStringSubmatch(doc)
	if m == nil {
		t.Fatal("no map with a viewBox")
	}
	w, _ = strconv.ParseFloat(m[1], 64)
	h, _ = strconv.ParseFloat(m[2], 64)
	return w, h
}

func TestStateMap(t *testing.T) {
	out := renderSite(t, mapSite(t))
	doc := string(out["groups/nm/index.html"])
	ms := markers(t, doc)
	byID := map[string]marker{}
	for _, m := range ms {
		byID[m.id] = m
	}
	// Drawn: exact coordinates, the ZIP code's centre, the paused group; not drawn: the
	// coordinates in Ohio, the ZIP code without a ZCTA, the online group.
	want := []string{"nami-rio/accentless", "nami-rio/exact", "nami-rio/paused", "nami-rio/same-building", "nami-rio/zip-only"}
	var got []string
	for id := range byID {
		got = append(got, id)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) || len(ms) != len(want) {
		t.Fatalf("markers of %d groups %q, want one each of %q", len(ms), got, want)
	}
	w, h := viewBox(t, doc)
	for _, m := range ms {
		if m.x <= 0 || m.y <= 0 || m.x >= w || m.y >= h {
			t.Errorf("marker %s at (%v, %v), outside the %v × %v map", m.id, m.x, m.y, w, h)
		}
		if m.href != "/groups/"+m.id+"/" {
			t.Errorf("marker %s links %q, want its group's page", m.id, m.href)
		}
		if m.label == "" {
			t.Errorf("marker %s has no accessible name", m.id)
		}
	}
	if m := byID["nami-rio/zip-only"]; !strings.Contains(m.class, "is-approx") || m.label != "ZIP Only Wednesday, Española (approximate place)" {
		t.Errorf("the group placed at its ZIP code's centre: class %q, label %q", m.class, m.label)
	}
	if m := byID["nami-rio/exact"]; strings.Contains(m.class, "is-approx") || m.label != "Exact Tuesday, Albuquerque" {
		t.Errorf("the group with coordinates: class %q, label %q", m.class, m.label)
	}
	if m := byID["nami-rio/paused"]; !strings.Contains(m.class, "is-paused") || !strings.HasSuffix(m.label, "(paused)") {
		t.Errorf("the paused group: class %q, label %q", m.class, m.label)
	}
	// Two groups of one building are spread apart, a marker's diameter or more.
	a, b := byID["nami-rio/exact"], byID["nami-rio/same-building"]
	if d := math.Hypot(a.x-b.x, a.y-b.y); d < 2*stateMarkerRadius {
		t.Errorf("the two groups of one building are %.1f apart, want at least %d", d, 2*stateMarkerRadius)
	}
	// The groups the map cannot place are named beside it, with links.
	for _, want := range []string{"Not on the map (its place is not known):", `href="/groups/nami-rio/in-ohio/">Misplaced Thursday</a>`,
		`href="/groups/nami-rio/no-zcta/">Unknown ZIP Friday</a>`, "Approximate place (center of its ZIP code)", "Paused group",
		`aria-label="Map of New Mexico with its groups that meet in person"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("state list lacks %q", want)
		}
	}
	if strings.Contains(doc, `data-id="nami-rio/online"`) {
		t.Error("the online group is on the map")
	}
	// The town names: Española (with or without its accent) once.
	if n := strings.Count(doc, ">Española</text>") + strings.Count(doc, ">Espanola</text>"); n != 1 {
		t.Errorf("Española labelled %d times on the map, want once", n)
	}
	// The Spanish page says the same in Spanish.
	es := string(out["es/groups/nm/index.html"])
	if !strings.Contains(es, `aria-label="ZIP Only Wednesday, Española (ubicación aproximada)"`) ||
		!strings.Contains(es, `href="/es/groups/nami-rio/exact/"`) {
		t.Error("the Spanish map's markers are not in Spanish or do not link Spanish pages")
	}
}

// TestPlaceGroup: a group is placed at its coordinates, or its ZIP code's centre, and never
// at 0,0 nor outside its state.
func TestPlaceGroup(t *testing.T) {
	s := mapSite(t)
	zip, _ := geo.ZIP("87532")
	if _, ok := geo.ZIP("87509"); ok {
		t.Fatal("87509 has a ZCTA now: pick another ZIP code without one for the test site")
	}
	tests := []struct {
		id     string
		want   placement
		wantOK bool
	}{
		{"nami-rio/exact", placement{At: geo.Point{Lat: 35.0772, Lon: -106.6067}, OK: true}, true},
		{"nami-rio/zip-only", placement{At: zip.Center, Approx: true, OK: true}, true},
		{"nami-rio/in-ohio", placement{}, false},
		{"nami-rio/no-zcta", placement{}, false},
		{"nami-rio/online", placement{}, false},
	}
	for _, tt := range tests {
		i := slices.IndexFunc(s.Groups, func(g *site.Group) bool { return g.ID == tt.id })
		if i < 0 {
			t.Fatalf("no group %s", tt.id)
		}
		got := placeGroup(s.Groups[i])
		if got != tt.want {
			t.Errorf("placeGroup(%s) = %+v, want %+v", tt.id, got, tt.want)
		}
		if got.OK && got.At == (geo.Point{}) {
			t.Errorf("placeGroup(%s) is at 0,0", tt.id)
		}
	}
}

func TestNationalMap(t *testing.T) {
	s := testSite(t)
	out := renderSite(t, s)
	doc := string(out["groups/index.html"])
	// Every state with groups is a link to its list, named with its count; others are not links.
	states := map[string]int{}
	for _, g := range s.Groups {
		states[g.ListState()]++
	}
	areas := regexp.MustCompile(`<a class="area has-groups" href="([^"]*)" aria-label="([^"]*)"`).FindAllStringSubmatch(doc, -1)
	if len(areas) != len(states) {
		t.Errorf("national map links %d states, want %d", len(areas), len(states))
	}
	for _, a := range areas {
		p := strings.TrimPrefix(a[1], "/connection/")
		if _, ok := out[p+"index.html"]; !ok {
			t.Errorf("national map links %s, which is not a page", a[1])
		}
	}
	if !strings.Contains(doc, `aria-label="Ohio: 4 groups"`) || !strings.Contains(doc, `aria-label="New Mexico: 1 group"`) {
		t.Error("national map's states are not named with their counts")
	}
	if n := strings.Count(doc, `<path class="area"`); n != len(geo.States())-len(states) {
		t.Errorf("national map draws %d states without groups, want %d", n, len(geo.States())-len(states))
	}
	// Every group meeting in person that can be placed has its marker, linking its page.
	ms := markers(t, doc)
	if len(ms) == 0 {
		t.Fatal("national map has no markers")
	}
	for _, m := range ms {
		if _, ok := out[strings.TrimPrefix(m.href, "/connection/")+"index.html"]; !ok {
			t.Errorf("marker %s links %s, which is not a page", m.id, m.href)
		}
	}
	// Without coordinates, the paused Euclid group (44123) stands at its ZIP code's centre.
	if !strings.Contains(doc, `data-id="nami-lakeshore/paused-thursday" aria-label="Paused Thursday Group, Euclid (approximate place) (paused)"`) {
		t.Error("the group without coordinates is not at its ZIP code's centre on the national map")
	}
}

// TestNationalMapTooMany: past maxNationalMarkers the national map links states only.
func TestNationalMapTooMany(t *testing.T) {
	s := testSite(t)
	g := s.Groups[slices.IndexFunc(s.Groups, func(g *site.Group) bool { return g.Place != nil })]
	for i := 0; i <= maxNationalMarkers; i++ {
		c := *g
		c.ID = g.ID + strconv.Itoa(i)
		s.Groups = append(s.Groups, &c)
	}
	r, err := newRenderer(s, templatesFS())
	if err != nil {
		t.Fatal(err)
	}
	m := r.nationalMap(r.langs[0])
	if len(m.Markers) != 0 || m.Hidden == 0 {
		t.Errorf("national map of %d groups has %d markers, %d hidden; want none, all hidden", len(s.Groups), len(m.Markers), m.Hidden)
	}
}
