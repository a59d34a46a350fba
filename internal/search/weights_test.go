package search

import (
	"bytes"
	"path"
	"strings"
	"testing"

	"sitegen/internal/sitetest"
)

// TestWeights checks that the manifest weighs every file of the index: itself and the
// files of their own kind at their size gzip or a step more, a folder's files within the
// sizes of its least and its heaviest.
func TestWeights(t *testing.T) {
	w := write(t, testSite(t))
	var g GeoIndex
	decode(t, w.files, w.m.Geo, &g)
	for _, name := range []string{"search/manifest.json", w.m.Words, w.m.Geo, g.Large} {
		size := gzipSize(w.files[name])
		if got := w.m.Weights[name]; got < size || got >= size+weightRound {
			t.Errorf("%s weighs %d bytes gzip, the manifest says %d", name, size, got)
		}
	}
	// The files of words, of places, of ZIP codes, of filters, of weekdays and of positions
	// carry their own weights.
	var own []TokenFile
	for _, list := range [][]TokenFile{w.m.Tokens, g.Places} {
		own = append(own, list...)
	}
	for _, values := range w.m.Filters {
		for _, f := range values {
			own = append(own, TokenFile{File: f.File, Weight: f.Weight})
		}
	}
	if len(own) == len(w.m.Tokens)+len(g.Places) {
		t.Error("no files of filters")
	}
	for _, d := range w.m.Days {
		own = append(own, TokenFile{File: d.File, Weight: d.Weight})
	}
	for _, z := range g.ZIPs {
		own = append(own, TokenFile{File: z.File, Weight: z.Weight})
	}
	for _, st := range w.m.States {
		if st.Points != "" {
			own = append(own, TokenFile{File: st.Points, Weight: st.PointsWeight})
		}
	}
	for _, f := range own {
		if size := gzipSize(w.files[f.File]); f.Weight < size || f.Weight >= size+weightRound {
			t.Errorf("%s weighs %d bytes gzip, its list says %d", f.File, size, f.Weight)
		}
	}
	least := map[string]int{}
	most := map[string]int{}
	for name, b := range w.files {
		if _, own := w.m.Weights[name]; own {
			continue
		}
		dir := path.Dir(name) + "/"
		if _, ok := w.m.Weights[dir]; !ok {
			t.Errorf("%s: no weight, nor for its folder", name)
			continue
		}
		size := gzipSize(b)
		if l, ok := least[dir]; !ok || size < l {
			least[dir] = size
		}
		most[dir] = max(most[dir], size)
	}
	for dir, l := range least {
		if got := w.m.Weights[dir]; got < l || got > roundUp(most[dir]) {
			t.Errorf("%s: files of %d to %d bytes gzip weigh %d", dir, l, most[dir], got)
		}
	}
	for _, dir := range []string{"search/g/", "search/t/", "search/p/"} {
		if _, ok := least[dir]; !ok {
			t.Errorf("no weight for %s", dir)
		}
	}
}

// TestSample checks that a sample of a folder's files spreads over them, first and last in.
func TestSample(t *testing.T) {
	names := make([]string, 100)
	for i := range names {
		names[i] = string(rune('a'+i/26)) + string(rune('a'+i%26))
	}
	got := sample(names, 5)
	want := []string{names[0], names[24], names[49], names[74], names[99]}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sample: %v, want %v", got, want)
		}
	}
	if n := len(sample(names[:3], 5)); n != 3 {
		t.Errorf("a sample of 3 names out of 5 wanted has %d", n)
	}
}

// TestSizesKept: an index weighed through Sizes kept from build to build is the index weighed
// afresh, byte for byte, after a change too (a group renamed), and Sizes holds only what the
// last two builds weighed.
func TestSizesKept(t *testing.T) {
	files := testFiles(t)
	var sizes Sizes
	for i, name := range []string{"", "", "Renamed Group One", "Renamed Group Two", "Renamed Group One"} {
		made := sizes.made
		fsys := files
		if name != "" {
			fsys = sitetest.Set(files, "data/groups/nami-valley/tempe-tuesday.yaml", strings.Replace(string(files["data/groups/nami-valley/tempe-tuesday.yaml"].Data), "Tempe Connection", name, 1))
		}
		s := sitetest.Build(t, fsys, sitetest.Date(t, buildDate))
		want, err := Write(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := WriteSized(s, &sizes)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("build %d: %d files weighed through Sizes, %d afresh", i, len(got), len(want))
		}
		for f, b := range want {
			if !bytes.Equal(got[f], b) {
				t.Errorf("build %d: %s differs when weighed through Sizes", i, f)
			}
		}
		if n := len(sizes.now) + len(sizes.last); i > 0 && n > 2*len(want)+10 {
			t.Errorf("build %d: Sizes holds %d sizes for an index of %d files", i, n, len(want))
		}
		// The same site again compresses nothing; a rename, the files it changed: some,
		// fewer than half.
		switch made := sizes.made - made; {
		case i == 0 && made == 0, i == 1 && made != 0, i >= 2 && (made == 0 || made*2 > len(want)):
			t.Errorf("build %d compressed %d files of %d", i, made, len(want))
		}
	}
}
