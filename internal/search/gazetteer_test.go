package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sitegen/internal/geo"
)

// gazetteerFor returns the gazetteer's index and a reader of its files.
func gazetteerFor(t *testing.T) (GeoIndex, func(name string, v any)) {
	t.Helper()
	g, err := gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string, v any) {
		t.Helper()
		b, ok := g.files[name]
		if !ok {
			t.Fatalf("no file %s", name)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var idx GeoIndex
	read(g.index, &idx)
	return idx, read
}

// TestGazetteerZIPs checks that every ZCTA is in the file of its first two digits, with its
// centre and state, and that each file's box bounds its centres.
func TestGazetteerZIPs(t *testing.T) {
	idx, read := gazetteerFor(t)
	shards := map[string]map[string][]any{}
	for p, f := range idx.ZIPs {
		var sh map[string][]any
		read(f.File, &sh)
		shards[p] = sh
		for code, v := range sh {
			lat, lon := v[0].(float64), v[1].(float64)
			if lat < f.BBox[0] || lon < f.BBox[1] || lat > f.BBox[2] || lon > f.BBox[3] || !strings.HasPrefix(code, p) {
				t.Errorf("%s: %s at %v, %v is outside the box %v", f.File, code, lat, lon, f.BBox)
			}
		}
		if len(g(t, f.File)) > 20<<10 {
			t.Errorf("%s is %d bytes: one lookup should load a few kilobytes", f.File, len(g(t, f.File)))
		}
	}
	n := 0
	for z := range geo.ZIPs() {
		n++
		v, ok := shards[z.Code[:2]][z.Code]
		if !ok {
			t.Fatalf("ZIP %s is in no file", z.Code)
		}
		if v[2] != z.State || v[0].(float64) != round3(z.Center.Lat) || v[1].(float64) != round3(z.Center.Lon) {
			t.Errorf("ZIP %s = %v, want %s at %v", z.Code, v, z.State, z.Center)
		}
	}
	if v := shards["87"]["87110"]; v == nil || v[2] != "NM" {
		t.Errorf("87110 = %v, want in NM", v)
	}
	if n < 30000 {
		t.Errorf("%d ZIP codes", n)
	}
}

// g returns the bytes of a gazetteer file.
func g(t *testing.T, name string) []byte {
	t.Helper()
	files, err := gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	return files.files[name]
}

// TestGazetteerPlaces checks the files of places: sorted by key, every key in the file the
// index gives for it, the most populous place of a name first, names people also use.
func TestGazetteerPlaces(t *testing.T) {
	idx, read := gazetteerFor(t)
	type row struct {
		key, name, state string
		size             float64
	}
	var all []row
	for i, f := range idx.Places {
		var sh [][]any
		read(f.File, &sh)
		if len(sh) == 0 {
			t.Fatalf("%s is empty", f.File)
		}
		if len(g(t, f.File)) > 24<<10 {
			t.Errorf("%s is %d bytes: one lookup should load a few kilobytes", f.File, len(g(t, f.File)))
		}
		for _, r := range sh {
			name := r[0].(string)
			key := strings.Join(Tokens(name), " ")
			// The number of digits, with a tenth of the first digit from 5 digits on.
			if size, ok := r[4].(float64); !ok || size < 0 || size >= 10 || (size < 5) != (size == math.Trunc(size)) || math.Abs(size*10-math.Round(size*10)) > 1e-9 {
				t.Errorf("%s: %v: size %v is not a number of digits with a tenth of the first", f.File, r, r[4])
			}
			if len(r) == 6 {
				key = r[5].(string)
				if key == strings.Join(Tokens(name), " ") {
					t.Errorf("%s: %v carries the key of its name", f.File, r)
				}
			}
			if key < f.From || i+1 < len(idx.Places) && key >= idx.Places[i+1].From {
				t.Errorf("%s: key %q is outside [%q, next)", f.File, key, f.From)
			}
			all = append(all, row{key, name, r[1].(string), r[4].(float64)})
		}
	}
	if !slices.IsSortedFunc(all, func(a, b row) int { return strings.Compare(a.key, b.key) }) {
		t.Errorf("places are not sorted by key")
	}
	first := func(key string) row {
		i := slices.IndexFunc(all, func(r row) bool { return r.key == key })
		if i < 0 {
			t.Fatalf("no place %q", key)
		}
		return all[i]
	}
	for key, want := range map[string]row{
		"phoenix":     {"phoenix", "Phoenix", "AZ", 7.1},
		"albuquerque": {"albuquerque", "Albuquerque", "NM", 6.5},
		"las cruces":  {"las cruces", "Las Cruces", "NM", 6.1},
		"espanola":    {"espanola", "Española", "NM", 5.1},
		"saint louis": {"saint louis", "St. Louis", "MO", 6.2},
		"springfield": {"springfield", "Springfield", "MO", 6.1}, // the most populous of many
	} {
		if got := first(key); got != want {
			t.Errorf("first place %q = %v, want %v", key, got, want)
		}
	}
	// The large places, for words misspelt in their first letters: sorted keys of places of
	// at least largePopulation people (Tampa, St. Louis by both its names), none of a small
	// town (Deloit), each with its size.
	var large LargePlaces
	read(idx.Large, &large)
	if len(large) < 500 || len(large) > 1500 {
		t.Errorf("%d large places", len(large))
	}
	if n := len(gzipped(t, g(t, idx.Large))); n > 8<<10 {
		t.Errorf("the large places are %d bytes gzip", n)
	}
	keys := map[string]float64{}
	states := map[string]string{}
	for i, r := range large {
		k := r[0].(string)
		states[k] = r[2].(string)
		if i > 0 && k <= large[i-1][0].(string) {
			t.Errorf("large places: %q after %q", k, large[i-1][0])
		}
		keys[k] = r[1].(float64)
		if row := first(k); math.Trunc(row.size) != keys[k] {
			t.Errorf("large place %q: size %v, its first place's %v", k, keys[k], row.size)
		}
	}
	for _, k := range []string{"tampa", "dallas", "anchorage", "saint louis", "st louis"} {
		if keys[k] < 5 {
			t.Errorf("large places: %q has size %v", k, keys[k])
		}
	}
	if states["peoria"] != "AZ,IL" || states["tampa"] != "FL" {
		t.Errorf("large places: the states of Peoria are %q, of Tampa %q", states["peoria"], states["tampa"])
	}
	if _, ok := keys["deloit"]; ok {
		t.Error("Deloit, IA is a large place")
	}
	// The sizes that settle a misspelt word's ties: "detoit" is one edit from both.
	if d, l := first("detroit"), first("deloit"); d.size <= l.size {
		t.Errorf("Detroit's size %v is not above Deloit's %v", d.size, l.size)
	}
}

// BenchmarkGazetteer measures making the gazetteer's files, which a process does once.
func BenchmarkGazetteer(b *testing.B) {
	for b.Loop() {
		g := gazetteerFiles{files: map[string][]byte{}}
		if err := g.write(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestGazetteerCacheFile: the gazetteer's files kept in a file come back the same for the
// program that kept them, and not for another program or from a file whose content no longer
// matches its names.
func TestGazetteerCacheFile(t *testing.T) {
	g, err := gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "gazetteer.gob")
	writeGazetteer(name, "prog", g)
	got, ok := readGazetteer(name, "prog")
	if !ok || got.index != g.index || !maps.EqualFunc(got.files, g.files, bytes.Equal) || !maps.Equal(got.first, g.first) || !maps.Equal(got.last, g.last) || len(g.first) == 0 {
		t.Fatalf("read back: %v, index %q (want %q), %d files (want %d)", ok, got.index, g.index, len(got.files), len(g.files))
	}
	if _, ok := readGazetteer(name, "another program"); ok {
		t.Error("another program's gazetteer file was read")
	}
	changed := gazetteerFiles{files: maps.Clone(g.files), index: g.index}
	changed.files[g.index] = append(slices.Clone(g.files[g.index]), ' ')
	writeGazetteer(name, "prog", changed)
	if _, ok := readGazetteer(name, "prog"); ok {
		t.Error("a gazetteer file whose content does not match its names was read")
	}
}

// gzipped returns b compressed as a web server would send it.
func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	z, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := z.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
