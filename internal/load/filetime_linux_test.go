package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEditKeepingSizeAndTime: an edit of the same size whose file gets its old modification
// time back (cp -p, rsync -t, touch -r) is read again, that time past or ahead of the clock:
// until 2026-12-06 the cache kept the old group, and a build published its old time.
func TestEditKeepingSizeAndTime(t *testing.T) {
	tests := []struct {
		name string
		old  time.Time
	}{
		{"a past time", time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)},
		{"a time ahead of the clock", time.Now().Add(time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { editKeepingSizeAndTime(t, tt.old) })
	}
}

func editKeepingSizeAndTime(t *testing.T, old time.Time) {
	m := sampleMapFS(t)
	dir := writeSite(t, m)
	group := filepath.Join(dir, filepath.FromSlash(firstGroup(t, m)))
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
	// A status change time of its own, on file systems that keep whole seconds too.
	first, err := os.Stat(group)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(3 * time.Second); ; {
		time.Sleep(10 * time.Millisecond)
		probe := filepath.Join(dir, "probe")
		if err := os.WriteFile(probe, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(probe)
		if err != nil {
			t.Fatal(err)
		}
		if !fileTime(st).Equal(fileTime(first)) || time.Now().After(deadline) {
			break
		}
	}
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
