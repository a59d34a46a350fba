package load

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
	"time"

	"sitegen/internal/diag"
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

// TestCacheFileDamaged: a cache file changed after it was written, in a way gob still reads
// (a group's name, a byte of a page), is not read: its values would be published as if they
// were the source. (Its journal: see TestCacheJournal.)
func TestCacheFileDamaged(t *testing.T) {
	fsys := fstest.MapFS{
		"data/site.yaml":                {Data: []byte("title: T\nbase_url: https://t.example.org/\ntimezone: America/New_York\nhelpline: {name: H, phone: \"1\"}\ncrisis: {name: C, phone: \"988\"}\n")},
		"data/groups/nami-a/first.yaml": {Data: []byte("name: Tuba City Monday Connection\nattendance: online\n")},
		"content/index.md":              {Data: []byte("---\ntitle: Home\n---\nHello there\n")},
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "cache.gob")
	c := NewCache()
	ReadCached(fsys, c)
	if err := c.WriteFile(file, "prog"); err != nil {
		t.Fatal(err)
	}
	if got := ReadCacheFile(file, "prog").Len(); got != 3 {
		t.Fatalf("the cache file as written holds %d entries, want 3", got)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, from, to string }{
		{"a name of the same length", "Tuba City Monday", "Tuba City EVIL!!"},
		{"a byte of a page", "Hello there", "Hello th\xffre"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !bytes.Contains(b, []byte(tt.from)) {
				t.Fatalf("the cache file does not hold %q", tt.from)
			}
			if err := os.WriteFile(file, bytes.Replace(b, []byte(tt.from), []byte(tt.to), 1), 0o644); err != nil {
				t.Fatal(err)
			}
			kept := ReadCacheFile(file, "prog")
			if kept.Len() != 0 {
				t.Errorf("a damaged cache file was read: %d entries", kept.Len())
			}
			s, _ := ReadCached(fsys, kept)
			if len(s.Groups) != 1 || s.Groups[0].Name != "Tuba City Monday Connection" {
				t.Errorf("read through the damaged cache file, the group is %+v", s.Groups)
			}
		})
	}
}

// TestUnchanged: a site whose files all have the size and time a cache file recorded is
// known unchanged, with the key a read gives, without decoding a value; a changed time, a
// new file, or a file the walk reports (a misnamed one) is not; the last runs' results
// come back from the file, the last few of them.
func TestUnchanged(t *testing.T) {
	old := time.Now().Add(-time.Hour)
	fsys := fstest.MapFS{
		"data/site.yaml":              {Data: []byte("title: T\nbase_url: https://t.example.org/\ntimezone: America/New_York\n"), ModTime: old},
		"data/affiliates/nami-a.yaml": {Data: []byte("name: NAMI A\nkind: affiliate\nstate: OH\n"), ModTime: old},
		"data/groups/nami-a/g.yaml":   {Data: []byte("name: G\n"), ModTime: old},
		"i18n/en.yaml":                {Data: []byte("a.b: x\n"), ModTime: old},
	}
	file := filepath.Join(t.TempDir(), "cache.gob")
	c := NewCache()
	files, _ := ReadCached(fsys, c)
	key := [32]byte{1}
	c.Remember(key, Memo{Diags: diag.List{{Path: "data/groups/nami-a/g.yaml", Line: 1, Message: "kept"}}, Note: "built"})
	if err := c.WriteFile(file, "prog"); err != nil {
		t.Fatal(err)
	}
	kept := ReadCacheFile(file, "prog")
	got, ok := kept.Unchanged(fsys)
	if !ok || got != files.Key {
		t.Fatalf("Unchanged = %x, %v; want the read's key %x, true", got, ok, files.Key)
	}
	if kept.pending == nil {
		t.Errorf("Unchanged decoded the values")
	}
	if m, ok := kept.Recall(key); !ok || len(m.Diags) != 1 || m.Diags[0].Message != "kept" || m.Note != "built" {
		t.Errorf("Recall = %v, %v; want the result kept", m, ok)
	}
	if _, ok := kept.Recall([32]byte{2}); ok {
		t.Errorf("Recall found a result of another key")
	}
	for i := range maxMemos + 1 {
		kept.Remember([32]byte{byte(10 + i)}, Memo{Note: "more"})
	}
	if _, ok := kept.Recall(key); ok {
		t.Errorf("the oldest result was kept beyond %d", maxMemos)
	}
	if _, ok := kept.Recall([32]byte{byte(10 + maxMemos)}); !ok {
		t.Errorf("the newest result was not kept")
	}
	again, _ := ReadCached(fsys, kept)
	if again.Key != files.Key {
		t.Errorf("a read through the cache file gives key %x, want %x", again.Key, files.Key)
	}

	changes := map[string]fstest.MapFS{
		"a file's time": withFile(fsys, "data/groups/nami-a/g.yaml", "name: G\n", old.Add(time.Minute)),
		"a new file":    withFile(fsys, "data/groups/nami-a/h.yaml", "name: H\n", old),
		"a catalogue":   withFile(fsys, "i18n/en.yaml", "a.b: y\n", old),
	}
	for name, changed := range changes {
		if k, ok := kept.Unchanged(changed); ok && k == files.Key {
			t.Errorf("%s changed, but the site is said to be unchanged", name)
		}
	}
	misnamed := withFile(fsys, "data/groups/nami-a/x.yml", "name: X\n", old)
	if k, ok := kept.Unchanged(misnamed); ok && k == files.Key {
		t.Errorf("a misnamed file the walk reports did not change the key")
	}
}

// withFile returns a copy of fsys with the file name set to text, modified at mod.
func withFile(fsys fstest.MapFS, name, text string, mod time.Time) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = v
	}
	out[name] = &fstest.MapFile{Data: []byte(text), ModTime: mod}
	return out
}

// TestCacheJournal: a run that changed a few files writes them to the journal and leaves the
// cache file as it was; the next run reads the cache file with its journal and parses
// nothing, its site the same as one read afresh. A run that changed many files writes the
// cache file again and drops the journal; a damaged journal is left out, and the files it
// held are parsed again.
func TestCacheJournal(t *testing.T) {
	old := time.Now().Add(-time.Hour)
	fsys := fstest.MapFS{
		"data/site.yaml":              {Data: []byte("title: T\nbase_url: https://t.example.org/\ntimezone: America/New_York\n"), ModTime: old},
		"data/affiliates/nami-a.yaml": {Data: []byte("name: NAMI A\nkind: affiliate\nstate: OH\n"), ModTime: old},
	}
	for i := range 30 {
		fsys[fmt.Sprintf("data/groups/nami-a/g%02d.yaml", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("name: G%d\npublic: false\n", i)), ModTime: old}
	}
	file := filepath.Join(t.TempDir(), "cache.gob")
	journal := file + ".journal"
	c := NewCache()
	ReadCached(fsys, c)
	if err := c.WriteFile(file, "prog"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(journal); err == nil {
		t.Fatal("a first cache file came with a journal")
	}
	baseBytes, _ := os.ReadFile(file)

	// A run with one file changed, one new and one gone.
	later := time.Now().Add(-time.Minute)
	few := withFile(fsys, "data/groups/nami-a/g03.yaml", "name: Changed\npublic: false\n", later)
	few["data/groups/nami-a/new.yaml"] = &fstest.MapFile{Data: []byte("name: New\npublic: false\n"), ModTime: later}
	delete(few, "data/groups/nami-a/g07.yaml")
	c = ReadCacheFile(file, "prog")
	ReadCached(few, c)
	if err := c.WriteFile(file, "prog"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(file); !bytes.Equal(b, baseBytes) {
		t.Error("a run that changed three files wrote the whole cache file again")
	}
	if _, err := os.Stat(journal); err != nil {
		t.Fatalf("no journal: %v", err)
	}
	kept := ReadCacheFile(file, "prog")
	if _, ok := kept.Unchanged(few); !ok {
		t.Error("the cache file with its journal does not know the site unchanged")
	}
	got, gotDiags := ReadCached(few, kept)
	if !kept.clean {
		t.Error("files were parsed again though the cache file and its journal hold them")
	}
	if !readsAsFresh(few, got, gotDiags) {
		t.Errorf("the site read through the cache file and journal differs from the site read afresh")
	}
	for _, g := range got.Groups {
		if g.Public == nil || *g.Public {
			t.Errorf("%s came back public", g.Path)
		}
	}

	// A damaged journal: left out; the files it held are parsed again, the site the same:
	// damage gob reads (a name of the same length), then damage it does not.
	jb, err := os.ReadFile(journal)
	if err != nil || !bytes.Contains(jb, []byte("Changed")) {
		t.Fatalf("the journal does not hold the changed name: %v", err)
	}
	if err := os.WriteFile(journal, bytes.Replace(jb, []byte("Changed"), []byte("Chenged"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, diags := ReadCached(few, ReadCacheFile(file, "prog")); !readsAsFresh(few, got, diags) {
		t.Error("with a journal changed after it was written, the site read differs from the site read afresh")
	}
	if err := os.WriteFile(journal, []byte("not gob"), 0o644); err != nil {
		t.Fatal(err)
	}
	damaged := ReadCacheFile(file, "prog")
	if got, diags := ReadCached(few, damaged); !readsAsFresh(few, got, diags) {
		t.Error("with a damaged journal the site read differs from the site read afresh")
	}

	// A run that changed more than the journal may hold: the cache file, and no journal.
	many := withFile(few, "data/site.yaml", "title: U\nbase_url: https://t.example.org/\ntimezone: America/New_York\n", later)
	for i := range 10 {
		many = withFile(many, fmt.Sprintf("data/groups/nami-a/g%02d.yaml", 10+i), fmt.Sprintf("name: H%d\n", i), later)
	}
	c = ReadCacheFile(file, "prog")
	ReadCached(many, c)
	if err := c.WriteFile(file, "prog"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(file); bytes.Equal(b, baseBytes) {
		t.Error("a run that changed many files left the cache file as it was")
	}
	if _, err := os.Stat(journal); err == nil {
		t.Error("the journal of the cache file before is still there")
	}
	kept = ReadCacheFile(file, "prog")
	ReadCached(many, kept)
	if !kept.clean {
		t.Error("files were parsed again after the cache file was written whole")
	}
}

// TestUnchangedWalkReused: the read that follows Unchanged takes its walk once, and reads
// what a fresh read does; a file system that cannot be compared (a map) is walked again
// rather than risk another's walk.
func TestUnchangedWalkReused(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"data/site.yaml":              "title: T\nbase_url: https://t.example.org/\ntimezone: America/New_York\n",
		"data/affiliates/nami-a.yaml": "name: NAMI A\nkind: affiliate\nstate: OH\n",
		"data/groups/nami-a/g.yaml":   "name: G\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := os.DirFS(dir)
	c := NewCache()
	ReadCached(fsys, c)
	if err := os.WriteFile(filepath.Join(dir, "data/groups/nami-a/g.yaml"), []byte("name: Changed G\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Unchanged(fsys); ok {
		t.Fatal("a changed file is not seen")
	}
	if c.walked == nil {
		t.Fatal("Unchanged kept no walk")
	}
	got, gotDiags := ReadCached(os.DirFS(dir), c)
	if c.walked != nil {
		t.Error("the walk was kept after the read took it")
	}
	if !readsAsFresh(fsys, got, gotDiags) {
		t.Error("the read that took Unchanged's walk differs from a fresh read")
	}

	m := fstest.MapFS{"data/groups/nami-a/g.yaml": {Data: []byte("name: G\n")}}
	c.Unchanged(m)
	if w := c.takeWalk(fstest.MapFS{}); w != nil {
		t.Error("the walk of one map was given for another")
	}
}

// TestCheckedKept: what check found clean is kept in the cache file and its journal, and
// forgotten for a file that changed.
func TestCheckedKept(t *testing.T) {
	old := time.Now().Add(-time.Hour)
	fsys := fstest.MapFS{
		"data/site.yaml":              {Data: []byte("title: T\n"), ModTime: old},
		"data/affiliates/nami-a.yaml": {Data: []byte("name: NAMI A\n"), ModTime: old},
		"data/groups/nami-a/g.yaml":   {Data: []byte("name: G\n"), ModTime: old},
		"data/groups/nami-a/h.yaml":   {Data: []byte("name: H\n"), ModTime: old},
	}
	for i := range 16 {
		fsys[fmt.Sprintf("data/groups/nami-a/x%02d.yaml", i)] = &fstest.MapFile{Data: []byte("name: X\n"), ModTime: old}
	}
	file := filepath.Join(t.TempDir(), "cache.gob")
	key := [32]byte{7}
	c := NewCache()
	ReadCached(fsys, c)
	c.SetChecked("data/groups/nami-a/g.yaml", key)
	if err := c.WriteFile(file, "prog"); err != nil {
		t.Fatal(err)
	}
	c = ReadCacheFile(file, "prog")
	ReadCached(fsys, c)
	if !c.Checked("data/groups/nami-a/g.yaml", key) || c.Checked("data/groups/nami-a/h.yaml", key) {
		t.Error("the cache file does not keep what was checked")
	}
	c.SetChecked("data/groups/nami-a/h.yaml", key) // a change for the journal alone
	if err := c.WriteFile(file, "prog"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(file + ".journal"); err != nil {
		t.Fatalf("no journal: %v", err)
	}
	changed := withFile(fsys, "data/groups/nami-a/g.yaml", "name: G2\n", old.Add(time.Minute))
	c = ReadCacheFile(file, "prog")
	ReadCached(changed, c)
	if c.Checked("data/groups/nami-a/g.yaml", key) {
		t.Error("a changed file is still known checked")
	}
	if !c.Checked("data/groups/nami-a/h.yaml", key) {
		t.Error("the journal does not keep what was checked")
	}
}

// readsAsFresh reports whether got and diags are what a read of fsys without a cache gives,
// catalogues aside (they are parsed each time and hold no comparable state).
func readsAsFresh(fsys fs.FS, got *Files, diags diag.List) bool {
	fresh, freshDiags := Read(fsys)
	g := *got
	g.Catalogs, fresh.Catalogs = nil, nil
	return reflect.DeepEqual(&g, fresh) && reflect.DeepEqual(diags, freshDiags)
}

// TestKeysGob: key positions come back from a cache file as they were, an empty set included,
// and a damaged one is refused rather than read as fewer keys.
func TestKeysGob(t *testing.T) {
	for _, k := range []Keys{
		{},
		{"": {1, 1}, "name": {1, 7}, markPlaceholder + "city": {9, 9}, "días": {120, 3}},
	} {
		b, err := k.GobEncode()
		if err != nil {
			t.Fatal(err)
		}
		var got Keys
		if err := got.GobDecode(b); err != nil {
			t.Fatalf("GobDecode(GobEncode(%v)): %v", k, err)
		}
		if !reflect.DeepEqual(got, k) {
			t.Errorf("GobDecode(GobEncode(%v)) = %v", k, got)
		}
		for i := range len(b) {
			var cut Keys
			if cut.GobDecode(b[:i]) == nil {
				t.Errorf("the first %d of %d bytes of %v decoded", i, len(b), k)
			}
		}
		if err := got.GobDecode(append(b, 0)); err == nil {
			t.Errorf("%v with a byte more decoded", k)
		}
	}
}
