//go:build unix

package load

import (
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sitegen/internal/diag"
)

// TestIrregularFiles puts named pipes and a socket under data/, content/ and templates/ of a
// real folder, as the command opens it. A read of a pipe waits for a writer forever: check,
// build and the dev server hung on one. Each must be reported at its path, never opened, and
// render's reader (Walk, ReadFile) must refuse them too.
func TestIrregularFiles(t *testing.T) {
	dir := writeSite(t, smallSite())
	pipes := []string{"data/groups/nami-ohio/pipe.yaml", "content/pipe.md", "templates/print.css", "data/affiliates/nami-pipe.yaml"}
	for _, p := range pipes {
		if err := syscall.Mkfifo(filepath.Join(dir, filepath.FromSlash(p)), 0o644); err != nil {
			t.Skipf("cannot make a named pipe here: %v", err)
		}
	}
	sock := filepath.Join(dir, "templates", "s.css")
	if ln, err := net.Listen("unix", sock); err == nil {
		defer ln.Close()
	} else {
		t.Logf("no socket: %v", err)
		sock = ""
	}
	// A symbolic link to a pipe is no way around the rule.
	if err := os.Symlink("pipe.yaml", filepath.Join(dir, "data/groups/nami-ohio/link.yaml")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()

	done := make(chan diag.List, 1)
	go func() {
		_, diags := Read(root.FS())
		done <- diags
	}()
	var diags diag.List
	select {
	case diags = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Read did not return: it opened a named pipe")
	}
	for _, p := range pipes {
		if got := strings.Join(errorsAt(diags, p), "; "); !strings.Contains(got, "a named pipe (FIFO), not a file") {
			t.Errorf("%s: reported %q, want it named a named pipe", p, got)
		}
	}
	if got := strings.Join(errorsAt(diags, "data/groups/nami-ohio/link.yaml"), "; "); !strings.Contains(got, "symbolic link to a named pipe") {
		t.Errorf("link to a pipe: reported %q", got)
	}
	if sock != "" {
		if got := strings.Join(errorsAt(diags, "templates/s.css"), "; "); !strings.Contains(got, "a socket, not a file") {
			t.Errorf("socket: reported %q", got)
		}
	}

	templates, err := fs.Sub(root.FS(), "templates")
	if err != nil {
		t.Fatal(err)
	}
	files, problems := Walk(templates, ".")
	if len(problems) == 0 || strings.Contains(strings.Join(files, " "), "print.css") {
		t.Errorf("Walk(templates) = %v, %v; want print.css refused", files, problems)
	}
	if _, err := ReadFile(templates, "print.css"); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("ReadFile(templates, print.css) = %v, want a refusal naming the pipe", err)
	}
}
