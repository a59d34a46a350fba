package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// debounce is longer than in use, so that a loaded machine running -race still sees each
// save's events as one burst.
const debounce = 100 * time.Millisecond

func write(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, from), filepath.Join(root, to)); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, rel string) {
	t.Helper()
	if err := os.Remove(filepath.Join(root, rel)); err != nil {
		t.Fatal(err)
	}
}

// next waits for the watcher's next batch.
func next(t *testing.T, w *Watcher) []string {
	t.Helper()
	select {
	case b := <-w.Changes():
		return b
	case err := <-w.Errors():
		t.Fatalf("watcher error: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no batch of changes within 10 s")
	}
	return nil
}

func TestSavePatternsGiveOneBatch(t *testing.T) {
	root := t.TempDir()
	write(t, root, "data/groups/a/g.yaml", "name: A\n")
	write(t, root, "content/index.md", "---\ntitle: Home\n---\n")
	write(t, root, "public/index.html", "built\n")
	w, err := New(root, []string{"data", "content", "templates"}, debounce)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	tests := []struct {
		name string
		save func()
		want []string // must all be in the one batch
	}{
		{"write in place", func() {
			write(t, root, "data/groups/a/g.yaml", "name: B\n")
		}, []string{"data/groups/a/g.yaml"}},
		{"write a temporary file and rename it over", func() {
			write(t, root, "data/groups/a/g.yaml.tmp-123", "name: C\n")
			rename(t, root, "data/groups/a/g.yaml.tmp-123", "data/groups/a/g.yaml")
		}, []string{"data/groups/a/g.yaml"}},
		{"vim: test file, backup, swap, write", func() {
			write(t, root, "data/groups/a/4913", "")
			remove(t, root, "data/groups/a/4913")
			write(t, root, "data/groups/a/.g.yaml.swp", "swap")
			rename(t, root, "data/groups/a/g.yaml", "data/groups/a/g.yaml~")
			write(t, root, "data/groups/a/g.yaml", "name: D\n")
			remove(t, root, "data/groups/a/g.yaml~")
			remove(t, root, "data/groups/a/.g.yaml.swp")
		}, []string{"data/groups/a/g.yaml"}},
		{"emacs: lock file, auto-save, write", func() {
			write(t, root, "content/.#index.md", "lock")
			write(t, root, "content/#index.md#", "auto")
			write(t, root, "content/index.md", "---\ntitle: Welcome\n---\n")
			remove(t, root, "content/#index.md#")
			remove(t, root, "content/.#index.md")
		}, []string{"content/index.md"}},
		{"several files at once", func() {
			write(t, root, "data/groups/a/g.yaml", "name: E\n")
			write(t, root, "content/index.md", "---\ntitle: Hello\n---\n")
			write(t, root, "data/site.yaml", "title: T\n")
		}, []string{"content/index.md", "data/groups/a/g.yaml", "data/site.yaml"}},
		{"a folder created later, with a file", func() {
			write(t, root, "data/groups/new/h.yaml", "name: H\n")
		}, []string{"data/groups/new/h.yaml"}},
		{"a file in the folder created later", func() {
			write(t, root, "data/groups/new/h.yaml", "name: I\n")
		}, []string{"data/groups/new/h.yaml"}},
		{"a watched folder created later", func() {
			write(t, root, "templates/pages/home.html", "{{define \"main\"}}{{end}}")
		}, []string{"templates/pages/home.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.save()
			got := next(t, w)
			for _, p := range tt.want {
				if !slices.Contains(got, p) {
					t.Errorf("batch = %q, want it to hold %q", got, p)
				}
			}
			for _, p := range got {
				if Ignored(p) {
					t.Errorf("batch = %q, holds the ignored %q", got, p)
				}
			}
			// Had the save given a second batch, it would come before (or with) the
			// sentinel's: the sentinel alone proves the save was exactly one batch.
			write(t, root, "data/sentinel.yaml", tt.name)
			if got := next(t, w); !slices.Equal(got, []string{"data/sentinel.yaml"}) {
				t.Errorf("batch after the save = %q, want only the sentinel", got)
			}
		})
	}
}

func TestIgnoredOnlyChangesGiveNoBatch(t *testing.T) {
	root := t.TempDir()
	write(t, root, "data/site.yaml", "title: T\n")
	w, err := New(root, []string{"data"}, debounce)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	write(t, root, "data/.site.yaml.swp", "swap")
	write(t, root, "data/site.yaml~", "backup")
	write(t, root, "data/4913", "")
	write(t, root, "public/index.html", "outside the watched folders")
	write(t, root, "data/sentinel.yaml", "x")
	if got := next(t, w); !slices.Equal(got, []string{"data/sentinel.yaml"}) {
		t.Errorf("batch = %q, want only the sentinel", got)
	}
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"data/groups/a/g.yaml", false},
		{"content/index.md", false},
		{"templates/site.css", false},
		{"data/groups/a/.g.yaml.swp", true},
		{"data/groups/a/g.yaml.swp", true},
		{"data/groups/a/g.yaml~", true},
		{"data/groups/a/4913", true},
		{"content/.#index.md", true},
		{"content/#index.md#", true},
		{"data/.git/HEAD", true},
		{"templates/base.html___jb_tmp___", true},
		{"data/site.yaml.crswap", true},
	}
	for _, tt := range tests {
		if got := Ignored(tt.path); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestCloseTwice(t *testing.T) {
	w, err := New(t.TempDir(), []string{"data"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("Close() = %v, want nil", err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close() = %v, want nil", err)
	}
}
