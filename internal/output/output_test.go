package output

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestWriteReplacesWholeTree(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, Files{"index.html": []byte("one"), "old/index.html": []byte("gone soon")}); err != nil {
		t.Fatal(err)
	}
	if err := Write(dest, Files{"index.html": []byte("two"), "a/b/c.txt": []byte("deep")}); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dest)
	want := map[string]string{"index.html": "two", "a/b/c.txt": "deep"}
	if len(got) != len(want) {
		t.Fatalf("tree = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("left %d entries beside the output, want only public/", len(entries))
	}
}

func TestWriteFailureKeepsPrevious(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, Files{"index.html": []byte("good")}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../escape.html", "/abs.html", "a//b", `a\b`} {
		if err := Write(dest, Files{"index.html": []byte("bad"), bad: []byte("x")}); err == nil {
			t.Errorf("Write(%q) succeeded, want an error", bad)
		}
	}
	got := readTree(t, dest)
	if len(got) != 1 || got["index.html"] != "good" {
		t.Errorf("after failed writes, tree = %v, want only the good index.html", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("left %d entries beside the output, want only public/", len(entries))
	}
}

func TestPlanMakesEachFileOnce(t *testing.T) {
	calls := 0
	var mu sync.Mutex
	l := NewLazy(func() ([]byte, error) {
		mu.Lock()
		calls++
		mu.Unlock()
		return []byte("page"), nil
	})
	p := Plan{"a/index.html": l, "b.txt": Ready([]byte("ready"))}
	for range 3 {
		files, err := p.Files()
		if err != nil {
			t.Fatal(err)
		}
		if string(files["a/index.html"]) != "page" || string(files["b.txt"]) != "ready" {
			t.Fatalf("Files() = %q", files)
		}
	}
	if calls != 1 {
		t.Errorf("the lazy file was made %d times, want 1", calls)
	}
	bad := Plan{"x": NewLazy(func() ([]byte, error) { return nil, errors.New("boom") })}
	if _, err := bad.Files(); err == nil || err.Error() != "boom" {
		t.Errorf("Files() error = %v, want boom", err)
	}
}
