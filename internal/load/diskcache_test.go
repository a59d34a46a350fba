package load

import (
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
)

// TestCacheFileRoundTrip: a site read through a cache kept on disk is the site read afresh,
// every value alike: a private group stays private (gob would have read public: false back
// as no value), every position, placeholder and diagnostic the same.
func TestCacheFileRoundTrip(t *testing.T) {
	fsys := fstest.MapFS{
		"data/site.yaml":                  {Data: []byte("title: T\nbase_url: https://t.example.org/\ntimezone: America/New_York\nstale_after_days: 0\nhelpline: {name: H, phone: \"1\"}\ncrisis: {name: C, phone: \"988\", es: {name: Ce, option: \"2\"}}\nes: {title: Te}\n")},
		"data/affiliates/nami-a.yaml":     {Data: []byte("name: NAMI A\nkind: affiliate\nstate: OH\nchampions: {wanted: false, tasks: [locations]}\nes: {about: Hola}\n")},
		"data/groups/nami-a/private.yaml": {Data: []byte("name: Private\npublic: false\nattendance: in-person\nmeetings:\n  - {day: monday, start: \"18:00\", weeks: [1, -1], overnight: false}\nlocation: {name: Jail, street: 1 A St, city: X, state: OH, postal_code: \"43215\", lat: 0, lon: 0, accessible: false}\nverified: 2026-01-01\naudience: []\nskip: []\n")},
		"data/groups/nami-a/broken.yaml":  {Data: []byte("name: [\n")},
		"data/groups/nami-a/fill.yaml":    {Data: []byte("name: FILL IN: the name\nattendance: online\n")},
		"data/trainings/t.yaml":           {Data: []byte("title: T\nkind: trainer\nhost: nami-a\nstart: 2027-01-01\nend: 2027-01-02\nattendance: online\npublic: false\nseats: 0\n")},
		"content/index.md":                {Data: []byte("---\ntitle: Home\norder: 0\n---\nHi\n")},
		"content/es/index.md":             {Data: []byte("---\ntitle: Inicio\n---\nHola\n")},
		"i18n/en.yaml":                    {Data: []byte("a.b: x\n")},
	}
	fresh, freshDiags := Read(fsys)
	file := filepath.Join(t.TempDir(), "cache.gob")
	c := NewCache()
	ReadCached(fsys, c)
	if err := c.WriteFile(file, "prog"); err != nil {
		t.Fatal(err)
	}
	kept := ReadCacheFile(file, "prog")
	if kept.Len() != c.Len() || kept.Len() != 8 { // every file but the catalogue, read each time
		t.Fatalf("the cache file holds %d entries, want %d", kept.Len(), 8)
	}
	got, gotDiags := ReadCached(fsys, kept)
	if !kept.clean {
		t.Errorf("the files were parsed again, not taken from the cache file")
	}
	// Catalogues are parsed each time: compare them by their keys.
	if len(got.Catalogs) != 1 || !reflect.DeepEqual(got.Catalogs[0].Keys(), fresh.Catalogs[0].Keys()) {
		t.Errorf("catalogues differ")
	}
	got.Catalogs, fresh.Catalogs = nil, nil
	if !reflect.DeepEqual(got, fresh) {
		t.Errorf("the site read through the cache file differs from the site read afresh:\n%#v\nwant\n%#v", got.Groups, fresh.Groups)
	}
	if !reflect.DeepEqual(gotDiags, freshDiags) {
		t.Errorf("diagnostics differ:\n%v\nwant\n%v", gotDiags, freshDiags)
	}
	for _, g := range got.Groups {
		if g.Slug == "private" && (g.Public == nil || *g.Public) {
			t.Errorf("the private group came back public: %v", g.Public)
		}
	}
	if other := ReadCacheFile(file, "another program"); other.Len() != 0 {
		t.Errorf("another program's cache file was read")
	}
}
