package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEditKeepingSizeAndTime: an edit of the same size whose file gets its old modification
// time back (cp -p, rsync -t, touch -r) is read again: until 2026-12-06 the cache kept the
// old group, and a build published its old time.
func TestEditKeepingSizeAndTime(t *testing.T) {
	dir := t.TempDir()
	m := sampleMapFS(t)
	for p, f := range m {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	group := filepath.Join(dir, filepath.FromSlash(firstGroup(t, m)))
	old := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	if err := os.Chtimes(group, old, old); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(dir)
	c := NewCache()
	before, _ := ReadCached(fsys, c)
	src, err := os.ReadFile(group)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond) // a status change time of its own
	// The name's first letter changed: the same size.
	at := strings.Index(string(src), "name: ") + len("name: ")
	if at < len("name: ") || src[at] == 'Z' || src[at] == '"' {
		t.Fatalf("the group's file does not start its name with a letter other than Z:\n%s", src)
	}
	edited := string(src[:at]) + "Z" + string(src[at+1:])
	if err := os.WriteFile(group, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(group, old, old); err != nil {
		t.Fatal(err)
	}
	after, _ := ReadCached(fsys, c)
	want, _ := Read(fsys)
	if n := parsedAgain(before, after); n != 1 {
		t.Errorf("ReadCached parsed %d files again after an edit that kept the size and time, want 1", n)
	}
	if len(after.Groups) != len(want.Groups) {
		t.Fatalf("%d groups cached, %d read", len(after.Groups), len(want.Groups))
	}
	for i := range want.Groups {
		if after.Groups[i].Name != want.Groups[i].Name {
			t.Errorf("cached group %s is named %q, read %q", want.Groups[i].Path, after.Groups[i].Name, want.Groups[i].Name)
		}
	}
}
