// Package sitetest builds sites for tests the way a build does: the files of a site go through
// load, check and site.Build, so that a test sees the model the renderers get, never one made
// by hand. The site is a txtar archive (golang.org/x/tools/txtar) holding data/ and content/
// files; the repository's own i18n/ and templates/ are added where the archive has none.
//
// testdata/site.txtar is the shared fixture: six states and territories (with and without
// daylight saving time), affiliates with a parent, groups and trainings of every kind the
// renderers, feeds, calendars and the index treat differently, guides with blocks, and texts
// that carry XSS payloads.
package sitetest

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"sitegen/internal/check"
	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/load"
	"sitegen/internal/site"
)

// Root returns the repository's root folder.
func Root(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("sitetest: cannot find the repository")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Archive reads the txtar archive at file (relative to the repository's root, or absolute)
// as a site, with the repository's i18n/ and templates/ where the archive has none.
func Archive(t testing.TB, file string) fstest.MapFS {
	t.Helper()
	if !filepath.IsAbs(file) {
		file = filepath.Join(Root(t), file)
	}
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	addDir(t, fsys, "i18n")
	addDir(t, fsys, "templates")
	return fsys
}

// Fixture returns the shared fixture, testdata/site.txtar.
func Fixture(t testing.TB) fstest.MapFS {
	t.Helper()
	return Archive(t, filepath.Join("internal", "sitetest", "testdata", "site.txtar"))
}

// Sample returns the repository's sample site: data/, content/, i18n/ and templates/.
func Sample(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, dir := range []string{"data", "content", "i18n", "templates"} {
		addDir(t, fsys, dir)
	}
	return fsys
}

// addDir copies the repository's folder dir into fsys, unless fsys has files under it.
func addDir(t testing.TB, fsys fstest.MapFS, dir string) {
	t.Helper()
	for name := range fsys {
		if strings.HasPrefix(name, dir+"/") {
			return
		}
	}
	root := Root(t)
	err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b, Mode: 0o644}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Build reads, checks and models the site fsys as of now, failing the test on any error
// (warnings are allowed). Options other than Now may be set in opts.
func Build(t testing.TB, fsys fs.FS, now civil.Date, opts ...func(*site.Options)) *site.Site {
	t.Helper()
	files, diags := load.Read(fsys)
	diags = append(diags, check.Files(files, check.Options{Now: now})...)
	if diags.Errors() > 0 || files.Site == nil {
		t.Fatalf("the test site has errors:\n%s", errorLines(diags))
	}
	o := site.Options{Now: now}
	for _, f := range opts {
		f(&o)
	}
	return site.Build(files, o)
}

// Date parses d (YYYY-MM-DD), failing the test if it is not a date.
func Date(t testing.TB, d string) civil.Date {
	t.Helper()
	c, err := civil.ParseDate(d)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Set returns fsys with the file name set to text (a copy; fsys is unchanged).
func Set(fsys fstest.MapFS, name, text string) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = v
	}
	out[path.Clean(name)] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
	return out
}

func errorLines(diags diag.List) string {
	var b strings.Builder
	for _, d := range diags {
		if d.Severity == diag.Error {
			b.WriteString(d.String() + "\n")
		}
	}
	return b.String()
}

// Catalogs returns the repository's catalogues by language, for synth.Options.Catalogs.
func Catalogs(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, f := range Sample(t) {
		if lang, ok := strings.CutPrefix(name, "i18n/"); ok {
			out[strings.TrimSuffix(lang, ".yaml")] = f.Data
		}
	}
	return out
}

// Group returns the group of s with the given ID, failing the test when s has none.
func Group(t testing.TB, s *site.Site, id string) *site.Group {
	t.Helper()
	for _, g := range s.Groups {
		if g.ID == id {
			return g
		}
	}
	t.Fatalf("no group %q in the test site", id)
	return nil
}

// Training returns the training of s with the given slug, failing the test when s has none.
func Training(t testing.TB, s *site.Site, slug string) *site.Training {
	t.Helper()
	for _, tr := range s.Trainings {
		if tr.Slug == slug {
			return tr
		}
	}
	t.Fatalf("no training %q in the test site", slug)
	return nil
}

// Location loads the time zone name, failing the test when it cannot.
func Location(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Log is a log that a server's goroutines may write while a test reads it.
type Log struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p to the log.
func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String returns what the log holds.
func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
