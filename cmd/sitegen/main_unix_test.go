//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipeDoesNotHang puts a named pipe in templates/ and one in data/: check and build
// report them and end (they waited forever before).
func TestNamedPipeDoesNotHang(t *testing.T) {
	dir := copySample(t)
	for _, p := range []string{"templates/print.css", "data/groups/nami-olentangy/pipe.yaml"} {
		if err := syscall.Mkfifo(filepath.Join(dir, filepath.FromSlash(p)), 0o644); err != nil {
			t.Skipf("cannot make a named pipe: %v", err)
		}
	}
	for _, args := range [][]string{{"check"}, {"build", "-d", filepath.Join(t.TempDir(), "out")}} {
		done := make(chan result, 1)
		go func() { done <- sitegen(t, append(args, "-s", dir, "--now", sampleNow)...) }()
		select {
		case r := <-done:
			if r.code != exitSite || !strings.Contains(r.stdout, "templates/print.css: error: a named pipe (FIFO), not a file") || !strings.Contains(r.stdout, "pipe.yaml: error: a named pipe") {
				t.Errorf("sitegen %s = %d, stdout %q; want 1 and both pipes named", args[0], r.code, r.stdout)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("sitegen %s did not end: it opened a named pipe", args[0])
		}
	}
}
