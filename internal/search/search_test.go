package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/internal/site"
	"sitegen/internal/sitetest"
)

// buildDate is the build date of the shared test site (package sitetest).
const buildDate = "2026-11-20"

// testSite returns the shared test site as built on its build date: groups in six states,
// with accents, postal codes, every attendance, audience and part of the day, and a guide.
func testSite(t *testing.T) *site.Site {
	t.Helper()
	return sitetest.Build(t, testFiles(t), sitetest.Date(t, buildDate))
}

// testFiles returns the shared test site with a guide whose text has a link, which the index
// finds by its words but not its address, and a code block, which it does not index.
func testFiles(t *testing.T) fstest.MapFS {
	t.Helper()
	return sitetest.Set(sitetest.Fixture(t), "content/guides/starting-a-group.md", `---
title: Starting a Group
summary: How a group begins.
order: 3
blocks: [state-organizations]
---
## Rooms

A quiet room, [borrowed](https://rooms.example.org/) from a library.

`+"```"+`
secretcode
`+"```"+`
`)
}

// written is the output of Write with its manifest decoded.
type written struct {
	files map[string][]byte
	m     Manifest
}

func write(t *testing.T, s *site.Site) written {
	t.Helper()
	files, err := Write(s)
	if err != nil {
		t.Fatal(err)
	}
	var w written
	w.files = files
	decode(t, files, "search/manifest.json", &w.m)
	return w
}

func decode(t *testing.T, files map[string][]byte, name string, v any) {
	t.Helper()
	b, ok := files[name]
	if !ok {
		t.Fatalf("no file %s", name)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// undelta turns differences back into refs.
func undelta(d []int) []int {
	out := make([]int, len(d))
	prev := 0
	for i, x := range d {
		prev += x
		out[i] = prev
	}
	return out
}

// records returns every record in ref order.
func (w written) records(t *testing.T) []Record {
	t.Helper()
	var all []Record
	for _, st := range w.m.States {
		if st.First != len(all) {
			t.Fatalf("state %s starts at %d, want %d", st.Code, st.First, len(all))
		}
		for i, f := range w.m.RecordFiles(st) {
			var recs []Record
			decode(t, w.files, f, &recs)
			if want := min(w.m.PerFile, st.Count-i*w.m.PerFile); len(recs) != want {
				t.Fatalf("%s: %d records, want %d", f, len(recs), want)
			}
			all = append(all, recs...)
		}
		if len(all) != st.First+st.Count {
			t.Fatalf("state %s: %d records, manifest says %d", st.Code, len(all)-st.First, st.Count)
		}
	}
	return all
}

// tokenFile returns the file of the token index that holds the words starting with word.
func (w written) tokenFile(word string) (string, bool) {
	p := prefix(word)
	file, ok := "", false
	for _, tf := range w.m.Tokens {
		if tf.From <= p {
			file, ok = tf.File, true
		}
	}
	return file, ok
}

// find returns the names of the groups matching every word of query by prefix, as the
// finder does.
func (w written) find(t *testing.T, query string) []string {
	t.Helper()
	recs := w.records(t)
	var match []int
	for i, word := range Tokens(query) {
		if len([]rune(word)) < minTokenLen {
			continue
		}
		file, ok := w.tokenFile(word)
		var refs []int
		if ok {
			var shard TokenShard
			decode(t, w.files, file, &shard)
			for tok, d := range shard.Words {
				if strings.HasPrefix(tok, word) {
					refs = append(refs, undelta(d)...)
				}
			}
		}
		slices.Sort(refs)
		refs = slices.Compact(refs)
		if i == 0 {
			match = refs
		} else {
			match = slices.DeleteFunc(match, func(r int) bool { return !slices.Contains(refs, r) })
		}
	}
	var names []string
	for _, r := range match {
		names = append(names, recs[r].Name)
	}
	return names
}

func TestWriteFind(t *testing.T) {
	w := write(t, testSite(t))
	tests := []struct {
		query string
		want  []string
	}{
		{"conexion", []string{"Conexión <Martes> & más", "Conexión Albuquerque", "Conexión Harlem", "Conexión Santurce"}},
		{"CONEXIÓN", []string{"Conexión <Martes> & más", "Conexión Albuquerque", "Conexión Harlem", "Conexión Santurce"}},
		{"conexión alb", []string{"Conexión Albuquerque"}},
		{"canon", []string{"Conexión <Martes> & más"}}, // Cañon City
		{"sandia", []string{"Conexión Albuquerque"}},   // its affiliate, NAMI Sandia
		{"albuq", []string{"Conexión Albuquerque"}},
		{"85713", []string{"South Tucson"}},
		{"852", []string{"Tempe Connection; Tuesday, evenings", "Mesa Connection"}},
		{"tucson", []string{"South Tucson"}},
		{"tempe library", []string{"Tempe Connection; Tuesday, evenings"}},
		{"comunal", []string{"Conexión Santurce"}},
		{"valley", []string{"Tempe Connection; Tuesday, evenings", "Mesa Connection"}},
		{"valley tue", []string{"Tempe Connection; Tuesday, evenings"}},
		{"mesa tuesday", nil},
		{"private", []string{"Online Private Link"}},
		{"jail", nil}, // a private group: Jail Group PRIVATE-MARKER
		{"marker", nil},
		{"rural", nil}, // streets are not indexed
		{"zzz", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if got := w.find(t, tt.query); !slices.Equal(got, tt.want) {
				t.Errorf("find(%q) = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

// refsOf returns the refs of the groups ids, failing the test on an id that has no record.
func refsOf(t *testing.T, recs []Record, ids ...string) []int {
	t.Helper()
	var refs []int
	for _, id := range ids {
		i := slices.IndexFunc(recs, func(r Record) bool { return r.ID == id })
		if i < 0 {
			t.Fatalf("no record of %s", id)
		}
		refs = append(refs, i)
	}
	slices.Sort(refs)
	return refs
}

func TestWriteRecords(t *testing.T) {
	w := write(t, testSite(t))
	recs := w.records(t)
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	// By the state they are listed in, then along the Hilbert curve through their places
	// (Tucson, Tempe, Mesa; Brooklyn, Albany's two groups at one address, Harlem),
	// those without a place last, by their affiliate's name and their name; an online group
	// is listed in its affiliate's state.
	want := []string{
		"nami-southern-arizona/south-tucson", "nami-valley/tempe-tuesday", "nami-valley/mesa",
		"nami-denver-metro-and-the-front-range-communities/conexion-en-espanol-los-martes",
		"nami-sandia/conexion-albuquerque",
		"nami-nyc/brooklyn-sunday", "nami-new-york-state/downtown", "nami-new-york-state/downtown-2", "nami-nyc/conexion-harlem",
		"nami-new-york-state/evening-online", "nami-new-york-state/morning-online",
		"nami-lakeshore/tuesday-evening", "nami-lakeshore/paused-thursday", "nami-lakeshore/online-private", "nami-ohio/statewide-online",
		"nami-puerto-rico/conexion-santurce",
	}
	if !slices.Equal(ids, want) {
		t.Fatalf("records = %q, want %q", ids, want)
	}
	var states []string
	for _, st := range w.m.States {
		states = append(states, fmt.Sprintf("%s %d+%d", st.Code, st.First, st.Count))
	}
	if want := []string{"az 0+3", "co 3+1", "nm 4+1", "ny 5+6", "oh 11+4", "pr 15+1"}; !slices.Equal(states, want) {
		t.Errorf("states = %q, want %q", states, want)
	}
	// Arizona's box holds its two groups with coordinates, rounded, and Mesa's, which has
	// none, at its ZIP code's centre; New Mexico's one group has none either: its box is
	// the point of its ZIP code, 87102.
	if b := w.m.States[0].BBox; !slices.Equal(b, []float64{32.18, -111.927, 33.434, -110.97}) {
		t.Errorf("az bbox = %v, want [32.18 -111.927 33.434 -110.97]", b)
	}
	if b := w.m.States[2].BBox; !slices.Equal(b, []float64{35.082, -106.647, 35.082, -106.647}) {
		t.Errorf("nm bbox = %v, want the point of 87102 [35.082 -106.647 35.082 -106.647]", b)
	}

	byID := map[string]Record{}
	for _, r := range recs {
		byID[r.ID] = r
	}
	tucson := recs[0]
	if !slices.Equal(tucson.Coords, []float64{32.18, -110.97}) || tucson.City != "Tucson" || tucson.PostalCode != "85713" || tucson.TZ != "America/Phoenix" {
		t.Errorf("record = %+v, want coords [32.18 -110.97], Tucson 85713, America/Phoenix", tucson)
	}
	wantMeet := Meet{Day: "monday", Start: "18:00", End: "19:30", Weeks: []int{1, 3}}
	if len(tucson.Meetings) != 1 || tucson.Meetings[0].Day != wantMeet.Day || tucson.Meetings[0].Start != wantMeet.Start ||
		tucson.Meetings[0].End != wantMeet.End || !slices.Equal(tucson.Meetings[0].Weeks, wantMeet.Weeks) {
		t.Errorf("meetings = %+v, want [%+v]", tucson.Meetings, wantMeet)
	}
	if !slices.Equal(tucson.Skip, []string{"2026-12-14", "2026-12-21"}) || tucson.Starts != "2026-12-07" || !slices.Equal(tucson.Times, []string{"evening"}) {
		t.Errorf("skip = %q, starts = %q, times = %q, want [2026-12-14 2026-12-21] 2026-12-07 [evening]", tucson.Skip, tucson.Starts, tucson.Times)
	}
	tempe := byID["nami-valley/tempe-tuesday"]
	if c := tempe.Coords; !slices.Equal(c, []float64{33.392, -111.927}) {
		t.Errorf("coords = %v, want [33.392 -111.927] (33.3917, -111.9267 rounded)", c)
	}
	if c := recs[3]; c.TZ != "America/Denver" || c.Lang != "es" || c.Program != "conexion" || c.City != "Cañon City" || !c.Paused ||
		!slices.Equal(c.Coords, []float64{38.542, -105.424}) || !c.Approx {
		t.Errorf("record = %+v, want tz America/Denver, lang es, program conexion, city Cañon City, paused, coords of 81212 [38.542 -105.424], approx", c)
	}
	if tucson.Approx || tempe.Approx {
		t.Errorf("groups with coordinates marked approx: %v %v", tucson.Approx, tempe.Approx)
	}
	if o := recs[9]; o.Paused || o.Coords != nil || o.State != "ny" || o.City != "" || len(o.Meetings) != 1 || !o.Meetings[0].Overnight {
		t.Errorf("online record = %+v, want active, no coords, no city, state ny, an overnight meeting", o)
	}
	if o := recs[14]; o.State != "oh" || o.Attendance != "online" {
		t.Errorf("online record = %+v, want listed in its affiliate's state, oh", o)
	}
	if h := byID["nami-nyc/conexion-harlem"]; h.Starts != "2027-01-20" || !slices.Equal(h.Skip, []string{"2027-02-17"}) {
		t.Errorf("record = %+v, want starts 2027-01-20, skip [2027-02-17]", h)
	}
}

func TestWriteFilters(t *testing.T) {
	w := write(t, testSite(t))
	recs := w.records(t)
	tests := []struct {
		filter, value string
		want          []string // group IDs
	}{
		{"day", "tuesday", []string{"nami-valley/tempe-tuesday", "nami-new-york-state/downtown", "nami-lakeshore/tuesday-evening"}},
		{"day", "saturday", []string{"nami-sandia/conexion-albuquerque", "nami-nyc/brooklyn-sunday", "nami-new-york-state/morning-online", "nami-puerto-rico/conexion-santurce"}},
		{"time", "morning", []string{"nami-sandia/conexion-albuquerque", "nami-new-york-state/downtown", "nami-new-york-state/morning-online",
			"nami-lakeshore/paused-thursday", "nami-puerto-rico/conexion-santurce"}},
		{"time", "afternoon", []string{"nami-valley/tempe-tuesday", "nami-ohio/statewide-online"}},
		{"attendance", "hybrid", []string{"nami-valley/tempe-tuesday", "nami-denver-metro-and-the-front-range-communities/conexion-en-espanol-los-martes",
			"nami-sandia/conexion-albuquerque"}},
		{"attendance", "online", []string{"nami-nyc/conexion-harlem", "nami-new-york-state/evening-online", "nami-new-york-state/morning-online",
			"nami-lakeshore/online-private", "nami-ohio/statewide-online"}},
		{"language", "es", []string{"nami-denver-metro-and-the-front-range-communities/conexion-en-espanol-los-martes",
			"nami-sandia/conexion-albuquerque", "nami-nyc/conexion-harlem", "nami-puerto-rico/conexion-santurce"}},
		{"program", "conexion", []string{"nami-denver-metro-and-the-front-range-communities/conexion-en-espanol-los-martes",
			"nami-sandia/conexion-albuquerque", "nami-nyc/conexion-harlem", "nami-puerto-rico/conexion-santurce"}},
		{"audience", "women", []string{"nami-new-york-state/evening-online"}},
		{"audience", "veterans", []string{"nami-new-york-state/downtown", "nami-lakeshore/tuesday-evening"}},
		// Only the places said to be accessible: the others say nothing.
		{"access", "wheelchair", []string{"nami-lakeshore/tuesday-evening", "nami-new-york-state/downtown"}},
	}
	for _, tt := range tests {
		t.Run(tt.filter+"="+tt.value, func(t *testing.T) {
			f, ok := w.m.Filters[tt.filter][tt.value]
			if !ok {
				t.Fatalf("no filter %s=%s", tt.filter, tt.value)
			}
			var d []int
			decode(t, w.files, f.File, &d)
			want := refsOf(t, recs, tt.want...)
			if got := undelta(d); !slices.Equal(got, want) || f.Count != len(want) {
				t.Errorf("%s=%s = %v (count %d), want %v", tt.filter, tt.value, got, f.Count, want)
			}
		})
	}
	// Each state counts the groups one can attend online, hybrid ones among them.
	online := 0
	for _, st := range w.m.States {
		want := 0
		for _, r := range recs[st.First : st.First+st.Count] {
			if r.Attendance == "online" || r.Attendance == "hybrid" {
				want++
			}
		}
		if st.Online != want {
			t.Errorf("state %s: online %d, want %d", st.Code, st.Online, want)
		}
		online += st.Online
	}
	if f := w.m.Filters["attendance"]; online == 0 || online != f["online"].Count+f["hybrid"].Count {
		t.Errorf("states count %d online groups, the filters %d and %d", online, f["online"].Count, f["hybrid"].Count)
	}
	if _, ok := w.m.Filters["day"]["friday"]; ok {
		t.Errorf("filter day=friday written, but only a private group meets on Fridays")
	}
}

func TestWriteSite(t *testing.T) {
	s := testSite(t)
	w := write(t, s)
	var idx SiteIndex
	decode(t, w.files, w.m.Sites["en"], &idx)
	var titles []string
	for _, d := range idx.Docs {
		titles = append(titles, d.Kind+":"+d.Title)
	}
	// Every affiliate, training, guide and other page, in the site's order.
	var want []string
	for _, a := range s.Affiliates {
		want = append(want, "affiliate:"+a.Name)
	}
	for _, tr := range s.Trainings {
		want = append(want, "training:"+tr.Title)
	}
	for _, g := range s.Guides {
		want = append(want, "guide:"+g.Title)
	}
	for _, p := range s.Pages {
		want = append(want, "page:"+p.Title)
	}
	if !slices.Equal(titles, want) {
		t.Fatalf("docs = %q, want %q", titles, want)
	}
	for _, w := range []string{"affiliate:NAMI Valley of the Sun", "training:Postponed Orientation", "guide:Starting a Group"} {
		if !slices.Contains(titles, w) {
			t.Errorf("docs = %q, want %q", titles, w)
		}
	}
	for _, tt := range []struct {
		word string
		want bool
	}{
		{"quiet", true}, {"library", true}, {"borrowed", true}, {"starting", true}, {"sandia", true},
		{"rooms", true}, {"recovery", true}, {"example", false}, {"secretcode", false},
		{"onerror", false}, {"javascript", false}, // raw HTML and link addresses in guides are not words
	} {
		if _, got := idx.Tokens[tt.word]; got != tt.want {
			t.Errorf("site index has %q: %v, want %v", tt.word, got, tt.want)
		}
	}
}

// TestWriteFiles checks that the manifest names every other file, each by its content's hash,
// and that two runs write the same bytes.
func TestWriteFiles(t *testing.T) {
	s := testSite(t)
	w := write(t, s)
	named := map[string]bool{"search/manifest.json": true, w.m.Words: true, w.m.Geo: true}
	for _, f := range w.m.Sites {
		named[f] = true
	}
	for _, st := range w.m.States {
		for _, f := range w.m.RecordFiles(st) {
			named[f] = true
		}
		if st.Points != "" {
			named[st.Points] = true
		}
	}
	for _, f := range w.m.Days {
		named[f.File] = true
	}
	var g GeoIndex
	decode(t, w.files, w.m.Geo, &g)
	for _, f := range g.ZIPs {
		named[f.File] = true
	}
	for _, f := range g.Places {
		named[f.File] = true
	}
	named[g.Large] = true
	for _, f := range w.m.Tokens {
		named[f.File] = true
	}
	for _, vs := range w.m.Filters {
		for _, f := range vs {
			named[f.File] = true
		}
	}
	for name, b := range w.files {
		if !named[name] {
			t.Errorf("%s is written but not in the manifest", name)
		}
		if name == "search/manifest.json" {
			continue
		}
		if strings.HasPrefix(name, "search/g/") {
			continue // one hash for a state's files, below
		}
		sum := sha256.Sum256(b)
		if h := hex.EncodeToString(sum[:])[:hashLen]; !strings.HasSuffix(name, "."+h+".json") {
			t.Errorf("%s: content hash is %s", name, h)
		}
	}
	for _, st := range w.m.States {
		files := w.m.RecordFiles(st)
		for first := 0; first < len(files); first += w.m.PerHash {
			all := sha256.New()
			for _, f := range files[first:min(first+w.m.PerHash, len(files))] {
				all.Write(w.files[f])
			}
			if h := hex.EncodeToString(all.Sum(nil))[:hashLen]; st.Hashes[first/w.m.PerHash*hashLen:][:hashLen] != h {
				t.Errorf("state %s, files from %d: hash %s, their content's hash is %s", st.Code, first, st.Hashes, h)
			}
		}
	}
	if len(named) != len(w.files) {
		t.Errorf("manifest names %d files, %d written", len(named), len(w.files))
	}
	again := write(t, s)
	for name, b := range w.files {
		if !bytes.Equal(again.files[name], b) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	for name, b := range w.files {
		// The fixture's join links, public or not: the index holds none.
		for _, link := range []string{"meet.example.com", "zoom.example.com", "zoom.example.org"} {
			if bytes.Contains(b, []byte(link)) {
				t.Errorf("%s holds a join link (%s)", name, link)
			}
		}
	}
}

// TestWriteShards checks that a state's records are split in files of PerFile, and that every
// word is found in the file the manifest gives for its first two letters.
func TestWriteShards(t *testing.T) {
	const n = 1000 // enough words for several files of the token index
	fsys := testFiles(t)
	for i := range n {
		fsys = sitetest.Set(fsys, fmt.Sprintf("data/groups/nami-lakeshore/extra-%04d.yaml", i), fmt.Sprintf(`name: Extra %04d %s w%04dz
attendance: online
meetings:
  - day: saturday
    start: "10:00"
online:
  link_public: false
verified: 2026-11-01
`, i, []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo"}[i%5], i))
	}
	s := sitetest.Build(t, fsys, sitetest.Date(t, buildDate))
	w := write(t, s)
	recs := w.records(t)
	if len(recs) != len(s.Groups) {
		t.Fatalf("%d records, want %d", len(recs), len(s.Groups))
	}
	oh := w.m.States[slices.IndexFunc(w.m.States, func(st StateRecords) bool { return st.Code == "oh" })]
	if got, want := len(w.m.RecordFiles(oh)), (n+4+RecordsPerShard-1)/RecordsPerShard; got != want {
		t.Errorf("oh has %d files of records, want %d", got, want)
	}
	// Every file of records is named by its state's hash; a file changed under its name is not.
	named := RecordsNamedByHash(w.files)
	for _, st := range w.m.States {
		for _, f := range w.m.RecordFiles(st) {
			if !named[f] {
				t.Errorf("%s is not counted as named by its hash", f)
			}
		}
	}
	tampered := maps.Clone(w.files)
	second := w.m.RecordFiles(oh)[1]
	tampered[second] = append(slices.Clone(tampered[second]), ' ')
	hash := second[strings.LastIndexByte(strings.TrimSuffix(second, ".json"), '.'):]
	still := RecordsNamedByHash(tampered)
	for f := range w.files {
		sharing := strings.HasPrefix(f, "search/g/oh-") && strings.HasSuffix(f, hash)
		if sharing && still[f] {
			t.Errorf("%s is counted as named by its hash after %s, which shares it, changed", f, second)
		}
		if !sharing && named[f] != still[f] {
			t.Errorf("%s: counted as named by its hash %v, then %v after %s changed", f, named[f], still[f], second)
		}
	}
	if n := len(named) - len(still); n < 2 || n > FilesPerHash {
		t.Errorf("a changed file of records changes what %d files are named by, want 2 to %d", n, FilesPerHash)
	}
	if len(w.m.Tokens) < 2 {
		t.Errorf("the token index is in %d file, want several", len(w.m.Tokens))
	}
	if got := w.find(t, "charlie"); len(got) != n/5 {
		t.Errorf("find(charlie) = %d groups, want %d", len(got), n/5)
	}
	for _, q := range []string{"extra 0119", "w0119", "0119 w011"} {
		if got := w.find(t, q); !slices.Equal(got, []string{"Extra 0119 Echo w0119z"}) {
			t.Errorf("find(%q) = %q, want [Extra 0119 Echo w0119z]", q, got)
		}
	}
}

// TestHilbert checks the curve on a 16×16 grid: every cell once, each step to a neighbour.
func TestHilbert(t *testing.T) {
	const side = 16
	at := make([][2]int, side*side)
	seen := make([]bool, side*side)
	for x := 0; x < side; x++ {
		for y := 0; y < side; y++ {
			d := hilbert(side, uint32(x), uint32(y))
			if d >= side*side || seen[d] {
				t.Fatalf("hilbert(%d, %d) = %d: out of the grid or twice", x, y, d)
			}
			seen[d] = true
			at[d] = [2]int{x, y}
		}
	}
	for d := 1; d < side*side; d++ {
		dx, dy := at[d][0]-at[d-1][0], at[d][1]-at[d-1][1]
		if dx*dx+dy*dy != 1 {
			t.Fatalf("step %d goes from %v to %v, not to a neighbour", d, at[d-1], at[d])
		}
	}
}
