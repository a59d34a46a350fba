package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"sitegen/internal/diag"
)

// smallSite is a valid site's files, to which each test adds what it is about.
func smallSite() fstest.MapFS {
	files := map[string]string{
		"data/site.yaml": "title: T\nbase_url: https://t.example.org/\ntimezone: America/New_York\n" +
			"helpline: {name: H, phone: 1-800-950-6264}\ncrisis: {name: C, phone: \"988\"}\n",
		"data/affiliates/nami-ohio.yaml":  "name: NAMI Ohio\nkind: state-organization\nstate: OH\nemail: i@ohio.example.org\n",
		"data/groups/nami-ohio/tues.yaml": "name: Tuesday\nattendance: online\nmeetings:\n  - day: tuesday\n    start: \"18:30\"\nonline:\n  link_public: false\nverified: 2026-11-01\n",
		"content/index.md":                "---\ntitle: Home\n---\n",
		"templates/base.html":             "<!doctype html>{{block \"main\" .}}{{end}}\n",
		"templates/site.css":              "body{}\n",
	}
	fsys := fstest.MapFS{}
	for name, s := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(s), Mode: 0o644}
	}
	return fsys
}

// writeSite writes fsys to a new folder and returns it.
func writeSite(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range fsys {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// errorsAt returns the messages of the diagnostics at path p.
func errorsAt(l diag.List, p string) []string {
	var out []string
	for _, d := range l {
		if d.Path == p {
			out = append(out, d.Message)
		}
	}
	return out
}

// TestDevices reports character devices by their mode, as fs.FS shows them (a device that
// never ends its data grew the build's memory without bound).
func TestDevices(t *testing.T) {
	fsys := smallSite()
	fsys["templates/zero.css"] = &fstest.MapFile{Mode: fs.ModeDevice | fs.ModeCharDevice | 0o666}
	fsys["data/groups/nami-ohio/tty.yaml"] = &fstest.MapFile{Mode: fs.ModeDevice | fs.ModeCharDevice | 0o666}
	_, diags := Read(fsys)
	for _, p := range []string{"templates/zero.css", "data/groups/nami-ohio/tty.yaml"} {
		if got := strings.Join(errorsAt(diags, p), "; "); !strings.Contains(got, "a character device, not a file") {
			t.Errorf("%s: reported %q", p, got)
		}
	}
}

// TestTemplateLinks links a template asset to a private group's file: before, the build
// published the whole YAML as assets/print.<hash>.css. Links in templates/ must stay inside
// templates/; one that does is fine.
func TestTemplateLinks(t *testing.T) {
	fsys := smallSite()
	fsys["data/groups/nami-ohio/jail.yaml"] = &fstest.MapFile{Data: []byte("name: Inside\npublic: false\n")}
	fsys["templates/css/print.css"] = &fstest.MapFile{Data: []byte("p{}\n")}
	dir := writeSite(t, fsys)
	links := map[string]string{
		"templates/leak.css":   "../data/groups/nami-ohio/jail.yaml",
		"templates/css/up.css": "../../data/site.yaml",
		"templates/same.css":   "css/print.css",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, diags := Read(root.FS())
	for _, p := range []string{"templates/leak.css", "templates/css/up.css"} {
		if got := strings.Join(errorsAt(diags, p), "; "); !strings.Contains(got, "symbolic link points outside templates/") {
			t.Errorf("%s: reported %q, want the link refused", p, got)
		}
	}
	if got := errorsAt(diags, "templates/same.css"); len(got) > 0 {
		t.Errorf("a link inside templates/ was refused: %v", got)
	}
	templates, _ := fs.Sub(root.FS(), "templates")
	files, _ := Walk(templates, ".")
	if strings.Contains(strings.Join(files, " "), "leak.css") {
		t.Errorf("Walk(templates) lists the link to a data file: %v", files)
	}
	if b, err := ReadFile(templates, "leak.css"); err == nil {
		t.Errorf("ReadFile(templates, leak.css) read %q", b)
	}
	if b, err := ReadFile(templates, "same.css"); err != nil || string(b) != "p{}\n" {
		t.Errorf("ReadFile(templates, same.css) = %q, %v; want the linked file", b, err)
	}
}

// TestTemplateSize refuses a template file larger than data files may be.
func TestTemplateSize(t *testing.T) {
	fsys := smallSite()
	fsys["templates/huge.css"] = &fstest.MapFile{Data: make([]byte, MaxFileSize+1)}
	_, diags := Read(fsys)
	if got := strings.Join(errorsAt(diags, "templates/huge.css"), "; "); !strings.Contains(got, "larger than") {
		t.Errorf("templates/huge.css: reported %q, want it too large", got)
	}
	if _, err := ReadFile(fsys, "templates/huge.css"); err == nil {
		t.Error("ReadFile read a file larger than MaxFileSize")
	}
}

// countingFS counts the folders read and the files opened through it.
type countingFS struct {
	fs.FS
	ops *atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	c.ops.Add(1)
	return c.FS.Open(name)
}

func (c countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.ops.Add(1)
	return fs.ReadDir(c.FS, name)
}

// TestDeepFolders nests empty folders far below data/, content/ and templates/ (6,000 of them
// took over a minute): the walk stops at the depth budget, so its cost is the same for any
// depth beyond it, and the folder is reported once.
func TestDeepFolders(t *testing.T) {
	ops := func(depth int) (int64, diag.List) {
		fsys := smallSite()
		for _, top := range []string{"data/groups", "content", "templates"} {
			fsys[top+"/"+strings.Repeat("d/", depth)+"x.yaml"] = &fstest.MapFile{Data: []byte("x: 1\n")}
		}
		var n atomic.Int64
		_, diags := Read(countingFS{fsys, &n})
		return n.Load(), diags
	}
	n1, diags := ops(50)
	n4, _ := ops(200)
	if n1 != n4 {
		t.Errorf("reading folders 50 deep took %d operations, 200 deep %d: want the same", n1, n4)
	}
	var deep []string
	for _, d := range diags {
		if strings.Contains(d.Message, "nested more than") {
			deep = append(deep, d.Path)
		}
	}
	if len(deep) != 3 {
		t.Errorf("deep folders reported at %v, want once under each of data/, content/, templates/", deep)
	}
}

// TestFolderNamedLikeAFile: a data or content file replaced by a folder of its name, empty
// or not, is an error at its path; its group or page went without a word before.
func TestFolderNamedLikeAFile(t *testing.T) {
	for _, p := range []string{"data/groups/nami-ohio/gone.yaml", "data/trainings/gone.yml", "content/gone.md", "content/guides/full.md"} {
		t.Run(p, func(t *testing.T) {
			fsys := smallSite()
			fsys[p] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
			if strings.HasSuffix(p, "full.md") {
				delete(fsys, p)
				fsys[p+"/inside.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\n---\nx\n")}
			}
			_, diags := Read(fsys)
			if got := strings.Join(errorsAt(diags, p), "; "); !strings.Contains(got, "a folder, not a file") {
				t.Errorf("%s: errors %q, want one saying it is a folder", p, got)
			}
		})
	}
}

// TestBudgets lowers the file and folder budgets: beyond them the walk stops with one error.
func TestBudgets(t *testing.T) {
	fsys := smallSite()
	for i := range 40 {
		fsys[fmt.Sprintf("data/groups/nami-ohio/g%02d.yaml", i)] = &fstest.MapFile{Data: []byte("name: G\n")}
		fsys[fmt.Sprintf("content/f%02d/x.txt", i)] = &fstest.MapFile{Data: []byte("x")}
	}
	for _, tt := range []struct {
		name string
		lim  limits
		want string
	}{
		{"files", limits{files: 20, folders: 100, depth: 8}, "more than 20 files in the site"},
		{"folders", limits{files: 1000, folders: 10, depth: 8}, "more than 10 folders in the site"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files, diags := read(fsys, tt.lim, nil)
			n := 0
			for _, d := range diags {
				if strings.Contains(d.Message, tt.want) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d errors %q, want 1 (diagnostics: %d)", n, tt.want, len(diags))
			}
			if len(files.Groups) > tt.lim.files {
				t.Errorf("read %d groups beyond the budget of %d files", len(files.Groups), tt.lim.files)
			}
		})
	}
	if _, diags := Read(fsys); diags.Errors() > 40 {
		t.Errorf("under the default budgets: %d errors", diags.Errors())
	}
}

// errIO is the error of a failing disk.
var errIO = errors.New("input/output error")

// failingFS fails every open of a file under data/groups/ with an I/O error, as a failing
// disk would.
type failingFS struct{ fs.FS }

func (f failingFS) Open(name string) (fs.File, error) {
	if strings.HasPrefix(name, "data/groups/") && strings.HasSuffix(name, ".yaml") {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errIO}
	}
	return f.FS.Open(name)
}

func (f failingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.FS, name) }

// TestReadErrorsCollapse reads a site whose every group fails with the same error: a few lines
// name files, and one counts the rest, however many there are.
func TestReadErrorsCollapse(t *testing.T) {
	for _, n := range []int{10, 400} {
		fsys := smallSite()
		for i := range n {
			fsys[fmt.Sprintf("data/groups/nami-ohio/g%03d.yaml", i)] = &fstest.MapFile{Data: []byte("name: G\n")}
		}
		_, diags := Read(failingFS{fsys})
		var lines []string
		for _, d := range diags {
			if strings.Contains(d.Message, errIO.Error()) {
				lines = append(lines, d.String())
			}
		}
		if len(lines) != maxSameReadError+1 || !strings.Contains(lines[len(lines)-1], fmt.Sprintf("this file and %d more before it", n-maxSameReadError)) {
			t.Errorf("%d failing files: %d lines:\n%s\nwant %d and a count", n+1, len(lines), strings.Join(lines, "\n"), maxSameReadError+1)
		}
	}
}
