package search_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/internal/build"
	"sitegen/internal/civil"
	"sitegen/internal/search"
	"sitegen/internal/site"
	"sitegen/internal/sitetest"
	"sitegen/internal/synth"

	_ "time/tzdata"
)

// synthSite returns the model of a generated site of n groups, plus one private group, one
// ended group and one online group whose link is not public, each named with marker.
func synthSite(tb testing.TB, n int, marker string) *site.Site {
	tb.Helper()
	fsys := synth.Site(synth.Options{Groups: n, Seed: 7, Catalogs: sitetest.Catalogs(tb)})
	var aff string
	for name := range fsys {
		if strings.HasPrefix(name, "data/groups/") {
			aff = strings.Split(name, "/")[2]
			break
		}
	}
	put := func(slug, extra string) {
		fsys["data/groups/"+aff+"/"+slug+".yaml"] = &fstest.MapFile{Data: []byte("name: " + marker + " " + slug + "\n" + extra +
			"meetings:\n  - day: tuesday\n    start: \"18:30\"\nverified: 2026-11-01\n")}
	}
	put("private", "public: false\nattendance: online\nonline:\n  platform: Zoom\n")
	put("ended", "status: ended\nattendance: online\nonline:\n  platform: Zoom\n")
	put("hidden-link", "attendance: online\nonline:\n  platform: Zoom\n  join_url: https://meet.example.org/j/"+marker+"\n  link_public: false\n")
	s, diags := build.Check(fsys, build.Options{Now: civil.Date{Year: 2026, Month: 11, Day: 23}})
	if s == nil {
		tb.Fatalf("generated site does not check: %v", diags)
	}
	return s
}

// TestWritePrivate checks that nothing of a private or ended group, and no join link, reaches
// any file of the index, and that the group whose link is private is still found.
func TestWritePrivate(t *testing.T) {
	const marker = "Qzvmarker"
	s := synthSite(t, 300, marker)
	files, err := search.Write(s)
	if err != nil {
		t.Fatal(err)
	}
	var m search.Manifest
	if err := json.Unmarshal(files["search/manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Groups != len(s.Groups) {
		t.Errorf("manifest counts %d groups, the model has %d", m.Groups, len(s.Groups))
	}
	found := 0
	for name, b := range files {
		for _, bad := range []string{marker + " private", marker + " ended", "/private", "/ended", "meet.example.org"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s holds %q", name, bad)
			}
		}
		found += bytes.Count(b, []byte(marker+" hidden-link"))
	}
	if found == 0 {
		t.Errorf("the public group with a private link is in no file of the index")
	}
}

func BenchmarkWrite10000(b *testing.B) {
	s := synthSite(b, 10000, "Bench")
	b.ResetTimer()
	for b.Loop() {
		if _, err := search.Write(s); err != nil {
			b.Fatal(err)
		}
	}
}
