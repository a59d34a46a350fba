//go:build unix

package serve

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sitegen/internal/build"
)

// TestNamedPipeInTemplates adds named pipes to templates/ of a served site, one hidden (which
// the build skips) and one the build would read: each rebuild ends (the rebuild loop waited
// forever on a pipe before), the first succeeds and the second reports the pipe at its path.
func TestNamedPipeInTemplates(t *testing.T) {
	dir := copySite(t)
	s, err := New(Options{Root: dir, Build: build.Options{Now: now, BaseURL: "http://127.0.0.1:1313/"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rebuild := func(name string) Result {
		t.Helper()
		if err := syscall.Mkfifo(filepath.Join(dir, "templates", name), 0o644); err != nil {
			t.Skipf("cannot make a named pipe: %v", err)
		}
		done := make(chan Result, 1)
		go func() { done <- s.Rebuild(nil) }()
		select {
		case r := <-done:
			return r
		case <-time.After(60 * time.Second):
			t.Fatalf("the rebuild with templates/%s did not end: it opened the pipe", name)
		}
		return Result{}
	}
	if r := rebuild(".hidden.css"); r.Failed {
		t.Errorf("a hidden pipe failed the build: %v", r.Problems)
	}
	r := rebuild("print.css")
	var all []string
	for _, d := range r.Problems {
		all = append(all, d.String())
	}
	if !r.Failed || !strings.Contains(strings.Join(all, "\n"), "templates/print.css: error: a named pipe (FIFO), not a file") {
		t.Errorf("a pipe in templates/: failed %v, problems %v", r.Failed, r.Problems)
	}
}
