package load

import (
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// sampleMapFS copies the sample site's data/ and content/ into memory, every file with the
// same modification time.
func sampleMapFS(t *testing.T) fstest.MapFS {
	t.Helper()
	root := os.DirFS("../..")
	m := fstest.MapFS{}
	mod := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, dir := range []string{"data", "content"} {
		err := fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(root, p)
			if err != nil {
				return err
			}
			m[p] = &fstest.MapFile{Data: b, Mode: 0o644, ModTime: mod}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// firstGroup returns the path of the sample's first group file.
func firstGroup(t *testing.T, m fstest.MapFS) string {
	t.Helper()
	for p := range m {
		if strings.HasPrefix(p, "data/groups/") && strings.HasSuffix(p, ".yaml") {
			return p
		}
	}
	t.Fatal("the sample has no group file")
	return ""
}

func TestReadCachedMatchesRead(t *testing.T) {
	m := sampleMapFS(t)
	group := firstGroup(t, m)
	later := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	c := NewCache()
	tests := []struct {
		name       string
		change     func()
		wantParsed int // values that are not those of the previous read; -1: not counted
	}{
		{"first read parses everything", func() {}, -1},
		{"second read parses nothing", func() {}, 0},
		{"an edit is parsed again", func() {
			f := m[group]
			m[group] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), "name:", "name: Renamed", 1)), Mode: 0o644, ModTime: later}
		}, 1},
		{"a broken file reports as Read does", func() {
			m[group] = &fstest.MapFile{Data: []byte("name: [unclosed\n"), Mode: 0o644, ModTime: later.Add(time.Second)}
		}, -1},
		{"a forgotten file is parsed again even with the same size and time", func() {
			f := m[group]
			m[group] = &fstest.MapFile{Data: []byte("name: {unclosed\n"), Mode: 0o644, ModTime: f.ModTime}
			c.Forget(group)
		}, -1},
		{"a removed file leaves the cache", func() { delete(m, group) }, 0},
	}
	var prev *Files
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.change()
			got, gotDiags := ReadCached(m, c)
			want, wantDiags := Read(m)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ReadCached(sample) files differ from Read(sample)")
			}
			if !reflect.DeepEqual(gotDiags, wantDiags) {
				t.Errorf("ReadCached(sample) diagnostics = %v, want %v", gotDiags, wantDiags)
			}
			if n := countFiles(m); c.Len() != n {
				t.Errorf("cache holds %d files, want %d", c.Len(), n)
			}
			if tt.wantParsed >= 0 && prev != nil {
				if n := parsedAgain(prev, got); n != tt.wantParsed {
					t.Errorf("ReadCached parsed %d files again, want %d", n, tt.wantParsed)
				}
			}
			prev = got
		})
	}
}

func TestReadCachedNilCache(t *testing.T) {
	m := sampleMapFS(t)
	got, gotDiags := ReadCached(m, nil)
	want, wantDiags := Read(m)
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags, wantDiags) {
		t.Errorf("ReadCached(sample, nil) differs from Read(sample)")
	}
}

func countFiles(m fstest.MapFS) int {
	n := 0
	for p := range m {
		if strings.HasSuffix(p, ".yaml") && strings.HasPrefix(p, "data/") || strings.HasSuffix(p, ".md") && strings.HasPrefix(p, "content/") {
			n++
		}
	}
	return n
}

// parsedAgain counts the values of cur that are not the very values of prev.
func parsedAgain(prev, cur *Files) int {
	old := map[any]bool{prev.Site: true}
	for _, a := range prev.Affiliates {
		old[a] = true
	}
	for _, g := range prev.Groups {
		old[g] = true
	}
	for _, tr := range prev.Trainings {
		old[tr] = true
	}
	for _, p := range prev.Pages {
		old[p] = true
	}
	n := 0
	count := func(v any) {
		if !old[v] {
			n++
		}
	}
	count(cur.Site)
	for _, a := range cur.Affiliates {
		count(a)
	}
	for _, g := range cur.Groups {
		count(g)
	}
	for _, tr := range cur.Trainings {
		count(tr)
	}
	for _, p := range cur.Pages {
		count(p)
	}
	return n
}
