package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/site"
)

// testSite returns a small model: three groups in two states and a guide.
func testSite(t *testing.T) *site.Site {
	t.Helper()
	denver, err := time.LoadLocation("America/Denver")
	if err != nil {
		t.Fatal(err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	nm := &site.Affiliate{Slug: "nami-sandia", Name: "NAMI Sandía Foothills", Kind: "affiliate", State: "NM", Location: denver}
	oh := &site.Affiliate{Slug: "nami-olentangy", Name: "NAMI Olentangy", Kind: "affiliate", State: "OH", Location: ny}
	g1 := &site.Group{
		ID: "nami-sandia/conexion", Slug: "conexion", Affiliate: nm, Name: "Grupo Conexión Señor de la Paz",
		Program: "conexion", Language: "es", Status: "active", Attendance: "in-person", Location: denver,
		Meetings: []site.Meeting{{Day: time.Tuesday, Start: civil.Clock{Hour: 18, Minute: 30}, End: civil.Clock{Hour: 20}, Weeks: []int{1, 3}}},
		Place:    &site.Place{Name: "Iglesia San José", City: "Albuquerque", State: "NM", PostalCode: "87102", HasCoords: true, Lat: 35.084512, Lon: -106.650987},
		Audience: []string{"women"},
		Skip:     []civil.Date{{Year: 2026, Month: 12, Day: 22}},
	}
	g2 := &site.Group{
		ID: "nami-olentangy/columbus", Slug: "columbus", Affiliate: oh, Name: "Columbus Tuesday Evening",
		Program: "connection", Language: "en", Status: "active", Attendance: "hybrid", Location: ny,
		Meetings: []site.Meeting{{Day: time.Tuesday, Start: civil.Clock{Hour: 19}, End: civil.Clock{Hour: 20, Minute: 30}}},
		Place:    &site.Place{Name: "Northside Library", City: "Columbus", State: "OH", PostalCode: "43215-1234"},
		Online:   &site.Online{Platform: "Zoom", JoinURL: "https://meet.example.org/j/secret", LinkPublic: true},
	}
	g3 := &site.Group{
		ID: "nami-olentangy/online", Slug: "online", Affiliate: oh, Name: "Saturday Morning Online",
		Program: "connection", Language: "en", Status: "paused", Attendance: "online", Location: ny,
		Meetings: []site.Meeting{{Day: time.Saturday, Start: civil.Clock{Hour: 10}, End: civil.Clock{Hour: 11, Minute: 30}}},
		Online:   &site.Online{Platform: "Zoom"},
		Starts:   civil.Date{Year: 2027, Month: 1, Day: 9},
	}
	nm.Groups = []*site.Group{g1}
	oh.Groups = []*site.Group{g2, g3}
	return &site.Site{
		Title: "Test", BaseURL: "https://example.org/", Language: "en", Location: ny,
		Now:        civil.Date{Year: 2026, Month: 11, Day: 23},
		Affiliates: []*site.Affiliate{nm, oh},
		Groups:     []*site.Group{g1, g3, g2},
		Home:       &site.Page{Slug: "index"},
		Guides: []*site.Page{{Slug: "starting", Title: "Starting a group", Summary: "What it takes.",
			Body: "## Rooms\n\nA quiet room, [borrowed](https://rooms.example.org/) from a library.\n\n```\nsecretcode\n```\n"}},
	}
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
		for i, f := range st.Files {
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
			var shard map[string][]int
			decode(t, w.files, file, &shard)
			for tok, d := range shard {
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
		{"conexion", []string{"Grupo Conexión Señor de la Paz"}},
		{"CONEXIÓN", []string{"Grupo Conexión Señor de la Paz"}},
		{"senor", []string{"Grupo Conexión Señor de la Paz"}},
		{"sandia", []string{"Grupo Conexión Señor de la Paz"}},
		{"jose", []string{"Grupo Conexión Señor de la Paz"}},
		{"albuq", []string{"Grupo Conexión Señor de la Paz"}},
		{"87102", []string{"Grupo Conexión Señor de la Paz"}},
		{"432", []string{"Columbus Tuesday Evening"}},
		{"columbus", []string{"Columbus Tuesday Evening"}},
		{"northside library", []string{"Columbus Tuesday Evening"}},
		{"olentangy", []string{"Columbus Tuesday Evening", "Saturday Morning Online"}},
		{"olentangy sat", []string{"Saturday Morning Online"}},
		{"columbus saturday", nil},
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

func TestWriteRecords(t *testing.T) {
	w := write(t, testSite(t))
	recs := w.records(t)
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	if want := []string{"nami-sandia/conexion", "nami-olentangy/columbus", "nami-olentangy/online"}; !slices.Equal(ids, want) {
		t.Fatalf("records = %q, want %q", ids, want)
	}
	var states []string
	for _, st := range w.m.States {
		states = append(states, fmt.Sprintf("%s %d+%d", st.Code, st.First, st.Count))
	}
	if want := []string{"nm 0+1", "oh 1+2"}; !slices.Equal(states, want) {
		t.Errorf("states = %q, want %q", states, want)
	}
	if b := w.m.States[0].BBox; !slices.Equal(b, []float64{35.085, -106.651, 35.085, -106.651}) {
		t.Errorf("nm bbox = %v, want the one group's coordinates", b)
	}
	c := recs[0]
	if !slices.Equal(c.Coords, []float64{35.085, -106.651}) {
		t.Errorf("coords = %v, want [35.085 -106.651]", c.Coords)
	}
	if c.TZ != "America/Denver" || c.Lang != "es" || c.Program != "conexion" || c.City != "Albuquerque" {
		t.Errorf("record = %+v, want tz America/Denver, lang es, program conexion, city Albuquerque", c)
	}
	wantMeet := Meet{Day: "tuesday", Start: "18:30", End: "20:00", Weeks: []int{1, 3}}
	if len(c.Meetings) != 1 || c.Meetings[0].Day != wantMeet.Day || c.Meetings[0].Start != wantMeet.Start ||
		c.Meetings[0].End != wantMeet.End || !slices.Equal(c.Meetings[0].Weeks, wantMeet.Weeks) {
		t.Errorf("meetings = %+v, want [%+v]", c.Meetings, wantMeet)
	}
	if !slices.Equal(c.Skip, []string{"2026-12-22"}) || !slices.Equal(c.Times, []string{"evening"}) {
		t.Errorf("skip = %q, times = %q, want [2026-12-22] [evening]", c.Skip, c.Times)
	}
	if o := recs[2]; !o.Paused || o.Starts != "2027-01-09" || o.Coords != nil || o.State != "oh" {
		t.Errorf("online record = %+v, want paused, starts 2027-01-09, no coords, state oh", o)
	}
}

func TestWriteFilters(t *testing.T) {
	w := write(t, testSite(t))
	tests := []struct {
		filter, value string
		want          []int
	}{
		{"day", "tuesday", []int{0, 1}},
		{"day", "saturday", []int{2}},
		{"time", "evening", []int{0, 1}},
		{"time", "morning", []int{2}},
		{"attendance", "in-person", []int{0}},
		{"attendance", "hybrid", []int{1}},
		{"attendance", "online", []int{2}},
		{"language", "es", []int{0}},
		{"program", "connection", []int{1, 2}},
		{"audience", "women", []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.filter+"="+tt.value, func(t *testing.T) {
			f, ok := w.m.Filters[tt.filter][tt.value]
			if !ok {
				t.Fatalf("no filter %s=%s", tt.filter, tt.value)
			}
			var d []int
			decode(t, w.files, f.File, &d)
			if got := undelta(d); !slices.Equal(got, tt.want) || f.Count != len(tt.want) {
				t.Errorf("%s=%s = %v (count %d), want %v", tt.filter, tt.value, got, f.Count, tt.want)
			}
		})
	}
	if _, ok := w.m.Filters["audience"]["veterans"]; ok {
		t.Errorf("filter audience=veterans written, but no group has it")
	}
}

func TestWriteSite(t *testing.T) {
	w := write(t, testSite(t))
	var idx SiteIndex
	decode(t, w.files, w.m.Site, &idx)
	var titles []string
	for _, d := range idx.Docs {
		titles = append(titles, d.Kind+":"+d.Title)
	}
	want := []string{"affiliate:NAMI Sandía Foothills", "affiliate:NAMI Olentangy", "guide:Starting a group"}
	if !slices.Equal(titles, want) {
		t.Fatalf("docs = %q, want %q", titles, want)
	}
	for _, tt := range []struct {
		word string
		want bool
	}{
		{"quiet", true}, {"library", true}, {"borrowed", true}, {"starting", true}, {"sandia", true},
		{"rooms", true}, {"example", false}, {"secretcode", false},
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
	named := map[string]bool{"search/manifest.json": true, w.m.Site: true}
	for _, st := range w.m.States {
		for _, f := range st.Files {
			named[f] = true
		}
	}
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
		sum := sha256.Sum256(b)
		if h := hex.EncodeToString(sum[:])[:hashLen]; !strings.HasSuffix(name, "."+h+".json") {
			t.Errorf("%s: content hash is %s", name, h)
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
		if bytes.Contains(b, []byte("meet.example.org")) {
			t.Errorf("%s holds a join link", name)
		}
	}
}

// TestWriteShards checks that a state's records are split in files of PerFile, and that every
// word is found in the file the manifest gives for its first two letters.
func TestWriteShards(t *testing.T) {
	const n = 1000 // enough words for several files of the token index
	s := testSite(t)
	base := s.Groups[2]
	for i := range n {
		g := *base
		g.ID = fmt.Sprintf("nami-olentangy/extra-%04d", i)
		g.Name = fmt.Sprintf("Extra %04d %s w%04dz", i, []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo"}[i%5], i)
		s.Groups = append(s.Groups, &g)
	}
	w := write(t, s)
	recs := w.records(t)
	if len(recs) != len(s.Groups) {
		t.Fatalf("%d records, want %d", len(recs), len(s.Groups))
	}
	if got, want := len(w.m.States[1].Files), (n+2+RecordsPerShard-1)/RecordsPerShard; got != want {
		t.Errorf("oh has %d files of records, want %d", got, want)
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
