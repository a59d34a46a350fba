package output

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// readTree returns the files under dir by slash path, without sitegen's marker.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		if rel != markerName {
			got[filepath.ToSlash(rel)] = string(b)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func stringFiles(m map[string]string) Files {
	f := Files{}
	for k, v := range m {
		f[k] = []byte(v)
	}
	return f
}

func write(t *testing.T, dest string, m map[string]string) Stats {
	t.Helper()
	st, err := Write(dest, stringFiles(m), Options{})
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return st
}

func equalTree(t *testing.T, what, dir string, want map[string]string) {
	t.Helper()
	if got := readTree(t, dir); !maps.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// inodes returns each file's identity, to tell a file left alone from one written again.
func inodes(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	out := map[string]os.FileInfo{}
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			st, _ := os.Stat(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = st
		}
		return nil
	})
	return out
}

func TestWriteReplacesWholeTree(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, map[string]string{"index.html": "one", "old/index.html": "gone soon"})
	want := map[string]string{"index.html": "two", "a/b/c.txt": "deep"}
	write(t, dest, want)
	equalTree(t, "published tree", dest, want)
	equalTree(t, "second tree", filepath.Join(storeDir(dest), "next"), want)
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 2 {
		t.Errorf("left %d entries beside the output, want public/ and its store", len(entries))
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); err == nil {
		t.Errorf("the emptied folder old/ is still there")
	}
}

func TestRebuildWritesOnlyWhatChanged(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "home", "groups/a/index.html": "A", "groups/b/index.html": "B", "x.css": "css"}
	if st := write(t, dest, site); st.Written != 4 || st.Unchanged {
		t.Errorf("first build: %+v, want 4 files written", st)
	}
	// The first build made the second tree too, of links to the published files.
	next := filepath.Join(storeDir(dest), "next")
	equalTree(t, "second tree after the first build", next, site)
	before, beforeNext := inodes(t, dest), inodes(t, next)
	st := write(t, dest, site)
	if !st.Unchanged || st.Written != 0 || st.Removed != 0 {
		t.Errorf("no-change rebuild: %+v, want unchanged", st)
	}
	for dir, was := range map[string]map[string]os.FileInfo{dest: before, next: beforeNext} {
		now := inodes(t, dir)
		if len(now) != len(was) {
			t.Errorf("no-change rebuild: %s holds %d files, had %d", dir, len(now), len(was))
		}
		for name, fi := range now {
			if !os.SameFile(fi, was[name]) || fi.ModTime() != was[name].ModTime() {
				t.Errorf("no-change rebuild touched %s in %s", name, dir)
			}
		}
	}

	changed := maps.Clone(site)
	changed["groups/b/index.html"] = "B2"
	delete(changed, "x.css")
	changed["y.css"] = "css2"
	st = write(t, dest, changed)
	if st.Unchanged || st.Written != 2 || st.Removed != 1 {
		t.Errorf("rebuild with one change, one new and one removed file: %+v, want 2 written, 1 removed", st)
	}
	equalTree(t, "published tree", dest, changed)
	equalTree(t, "second tree", filepath.Join(storeDir(dest), "next"), changed)

	// The second tree is now up to date: a further change writes that file alone, build
	// after build, with files shared between the trees by hard links left alone.
	for i, name := range []string{"index.html", "groups/a/index.html", "index.html", "y.css"} {
		changed[name] = fmt.Sprint("v", i)
		if st := write(t, dest, changed); st.Written != 1 || st.Removed != 0 {
			t.Errorf("build %d: %+v, want 1 written", i+4, st)
		}
		equalTree(t, "published tree", dest, changed)
		equalTree(t, "second tree", filepath.Join(storeDir(dest), "next"), changed)
	}
}

// TestSecondTreeShares: the first build fills the second tree (many files, so that several
// goroutines link them): each file is the published one, linked, and stays so through a
// change; the two trees' manifests are one file, which the next build reads as both.
func TestSecondTreeShares(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	site := map[string]string{}
	for i := range 2000 {
		site[fmt.Sprintf("groups/g%d/index.html", i)] = fmt.Sprint("page ", i)
		site[fmt.Sprintf("groups/g%d/group.ics", i)] = fmt.Sprint("calendar ", i)
	}
	write(t, dest, site)
	next := filepath.Join(storeDir(dest), "next")
	// The first build links the second tree, and the two manifests are one file.
	equalTree(t, "second tree after the first build", next, site)
	if s := (&store{dir: storeDir(dest)}); !s.sameManifest("a", "b") {
		t.Errorf("the trees' manifests are two files after the first build")
	}
	site["groups/g7/index.html"] = "changed"
	if st := write(t, dest, site); st.Written != 1 {
		t.Errorf("first change: %+v, want 1 written", st)
	}
	equalTree(t, "published tree", dest, site)
	equalTree(t, "second tree", next, site)
	published := inodes(t, dest)
	for name, fi := range inodes(t, next) {
		if name != markerName && !os.SameFile(fi, published[name]) {
			t.Errorf("second tree's %s is not the published file", name)
		}
	}
	s := &store{dir: storeDir(dest)}
	if !s.sameManifest("a", "b") {
		t.Errorf("the trees' manifests are two files after a change")
	}
	w, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w.prev == nil || len(w.stageMan) != len(site) || len(w.prev) != len(site) {
		t.Errorf("Open read %d and %d files in the manifests, want %d", len(w.prev), len(w.stageMan), len(site))
	}
	w.Close()

	// A manifest written again (as after a build with new keys) is a file of its own: the
	// next build reads each tree's.
	tree := readMarker(dest)
	m, build := s.readManifest(tree)
	if err := s.writeManifest(tree, m, build+"x"); err != nil {
		t.Fatal(err)
	}
	if s.sameManifest("a", "b") {
		t.Errorf("a manifest written again is still the other tree's")
	}
	site["groups/g8/index.html"] = "changed too"
	if st := write(t, dest, site); st.Written != 1 {
		t.Errorf("next change: %+v, want 1 written", st)
	}
	equalTree(t, "published tree", dest, site)
	equalTree(t, "second tree", next, site)
}

func TestRepairsSecondTreeOfUnknownState(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "v1", "a.html": "a", "b/index.html": "b"}
	write(t, dest, site)
	site["index.html"] = "v2"
	write(t, dest, site)
	// As after a kill while next/ was being changed: its manifest is gone, and it holds a
	// stray file and a half-written one.
	next := filepath.Join(storeDir(dest), "next")
	os.Remove(filepath.Join(storeDir(dest), readMarker(next)+".sum"))
	os.WriteFile(filepath.Join(next, "stray.html"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(next, "a.html"+tmpSuffix), []byte("half"), 0o644)
	site["index.html"] = "v3"
	if st := write(t, dest, site); st.Written != 1 {
		t.Errorf("build: %+v, want 1 written", st)
	}
	equalTree(t, "published tree", dest, site)
	equalTree(t, "second tree", next, site)
}

// TestLeftoverLinksNeverWriteThrough: a run killed between a link's two steps (link to a
// temporary name, rename) leaves in next/, or beside a manifest, a temporary name that is a
// hard link to a published file. Writing that name again must make a new file, not write
// through the link into the published site or its manifest.
func TestLeftoverLinksNeverWriteThrough(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "v1", "a.html": "a"}
	write(t, dest, site)
	site["a.html"] = "a2"
	write(t, dest, site)
	store := storeDir(dest)
	next := filepath.Join(store, "next")
	published, stage := readMarker(dest), readMarker(next)
	// As mirror leaves next/ when killed: its manifest removed, a link half made.
	os.Remove(filepath.Join(store, stage+".sum"))
	if err := os.Link(filepath.Join(dest, "index.html"), filepath.Join(next, "index.html"+tmpSuffix)); err != nil {
		t.Skip("no hard links here:", err)
	}
	// As linkManifest leaves the store when killed.
	manifest := filepath.Join(store, published+".sum")
	before, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Link(manifest, filepath.Join(store, stage+".sum"+tmpSuffix)); err != nil {
		t.Fatal(err)
	}

	// A build that fails after writing the changed page leaves the site as it was.
	w, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put("index.html", []byte("v2, never published")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	equalTree(t, "published tree after a failed build", dest, site)

	// A build that succeeds writes next/'s manifest beside the published one's link.
	site["index.html"] = "v3"
	write(t, dest, site)
	equalTree(t, "published tree", dest, site)
	equalTree(t, "second tree", next, site)
	if after, err := os.ReadFile(filepath.Join(store, stage+".sum")); err != nil || bytes.Equal(after, before) {
		t.Errorf("the new site's manifest is the old one's (%v)", err)
	}
	site["a.html"] = "a4"
	if st := write(t, dest, site); st.Written != 1 {
		t.Errorf("the build after: %+v, want 1 written", st)
	}
	equalTree(t, "published tree after", dest, site)
}

func TestFailedBuildKeepsPrevious(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	good := map[string]string{"index.html": "good", "a.html": "a"}
	write(t, dest, good)
	write(t, dest, map[string]string{"index.html": "good", "a.html": "a2"}) // makes next/
	good = map[string]string{"index.html": "good", "a.html": "a2"}
	for _, bad := range []string{"../escape.html", "/abs.html", "a//b", `a\b`, ".sitegen", "x.sitegen-tmp"} {
		if _, err := Write(dest, Files{"index.html": []byte("bad"), bad: []byte("x")}, Options{}); err == nil {
			t.Errorf("Write(%q) succeeded, want an error", bad)
		}
	}
	// A build that stops before Commit (a template fails halfway) leaves the site as it was.
	w, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Put("index.html", []byte("half"))
	w.Put("new.html", []byte("half"))
	w.Close()
	equalTree(t, "published tree after failed builds", dest, good)
	// And the next build repairs the half-written second tree.
	next := map[string]string{"index.html": "good3"}
	write(t, dest, next)
	equalTree(t, "published tree", dest, next)
	equalTree(t, "second tree", filepath.Join(storeDir(dest), "next"), next)
}

func TestOneErrorForAFullDisk(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	w, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	first := w.Put("../x", nil)
	for i := range 100 {
		if err := w.Put(fmt.Sprintf("p%d.html", i), []byte("x")); err != first {
			t.Fatalf("Put after an error = %v, want the first error %v", err, first)
		}
	}
	if _, err := w.Commit(); err != first {
		t.Errorf("Commit = %v, want the first error", err)
	}
}

func TestRefusesForeignDestination(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "mine")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "thesis.tex"), []byte("years of work"), 0o644)
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	link := filepath.Join(dir, "link")
	os.Symlink(foreign, link)
	empty := filepath.Join(dir, "empty")
	os.MkdirAll(empty, 0o755)

	for _, dest := range []string{foreign, file, link} {
		_, err := Write(dest, Files{"index.html": []byte("x")}, Options{})
		if !errors.Is(err, ErrUnsafe) {
			t.Errorf("Write(%s) = %v, want a refusal", filepath.Base(dest), err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "thesis.tex")); string(b) != "years of work" {
		t.Errorf("the foreign folder was changed")
	}
	if _, err := Write(empty, Files{"index.html": []byte("x")}, Options{}); err != nil {
		t.Errorf("Write(empty folder) = %v, want it used", err)
	}
	// A store folder sitegen did not make is refused too.
	odd := filepath.Join(dir, "odd")
	os.MkdirAll(storeDir(odd), 0o755)
	os.WriteFile(filepath.Join(storeDir(odd), "notes.txt"), []byte("mine"), 0o644)
	if _, err := Write(odd, Files{"index.html": []byte("x")}, Options{}); !errors.Is(err, ErrUnsafe) {
		t.Errorf("Write(beside a foreign .odd.sitegen) = %v, want a refusal", err)
	}
	// Inside a published site, or its store: the next build of that site would move the
	// nested one out as files it did not make (until 2026-12-05, -d public/sub was used).
	if _, err := Write(empty, Files{"index.html": []byte("x")}, Options{}); err != nil {
		t.Fatal(err)
	}
	// And a store's name before any build made it (-d .public.sitegen): the build beside it
	// would then find its store taken (until 2026-12-06).
	for _, dest := range []string{filepath.Join(empty, "sub"), filepath.Join(empty, "a", "b"), filepath.Join(storeDir(empty), "x"), storeDir(filepath.Join(dir, "never")), filepath.Join(storeDir(filepath.Join(dir, "nor")), "site")} {
		if _, err := Write(dest, Files{"index.html": []byte("x")}, Options{}); !errors.Is(err, ErrUnsafe) {
			t.Errorf("Write(%s) = %v, want a refusal", dest, err)
		}
	}
}

func TestRefusesDestinationAroundSource(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	var protect []string
	for _, d := range []string{"data/groups/x", "content", "templates"} {
		os.MkdirAll(filepath.Join(src, d), 0o755)
	}
	for _, d := range []string{"data", "content", "templates"} {
		protect = append(protect, filepath.Join(src, d))
	}
	os.WriteFile(filepath.Join(src, "data", "site.yaml"), []byte("title: x\n"), 0o644)
	os.Symlink(filepath.Join(src, "data"), filepath.Join(root, "alias"))
	opts := Options{Source: src, Protect: protect}

	for _, dest := range []string{
		src, root, filepath.Dir(root),
		filepath.Join(src, "data"), filepath.Join(src, "data", "groups"), filepath.Join(src, "data", "new"),
		filepath.Join(src, "content"), filepath.Join(src, "templates", "out"),
		filepath.Join(root, "alias", "out"), // the data folder under another name
		filepath.Join(src, "data", "..", "data"),
	} {
		if _, err := Write(dest, Files{"index.html": []byte("x")}, opts); !errors.Is(err, ErrUnsafe) {
			t.Errorf("Write(%s) = %v, want a refusal", dest, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(src, "data", "site.yaml")); string(b) != "title: x\n" {
		t.Fatalf("the source was changed")
	}
	for _, dest := range []string{filepath.Join(src, "public"), filepath.Join(root, "out")} {
		if _, err := Write(dest, Files{"index.html": []byte("x")}, opts); err != nil {
			t.Errorf("Write(%s) = %v, want it allowed", dest, err)
		}
	}
}

func TestRecoversInterruptedSwap(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "v1"}
	write(t, dest, site)
	write(t, dest, map[string]string{"index.html": "v2"})
	// Killed between the two renames of a non-atomic swap: the site is in the store.
	if err := os.Rename(dest, filepath.Join(storeDir(dest), "old")); err != nil {
		t.Fatal(err)
	}
	w, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	equalTree(t, "restored site", dest, map[string]string{"index.html": "v2"})
	write(t, dest, map[string]string{"index.html": "v3"})
	equalTree(t, "next site", dest, map[string]string{"index.html": "v3"})
}

func TestRemovesOldLeftovers(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	for _, d := range []string{".public.new-123", ".public.new-456.old"} {
		os.MkdirAll(filepath.Join(dir, d, "groups", "private"), 0o755)
		os.WriteFile(filepath.Join(dir, d, "groups", "private", "index.html"), []byte("a group made private since"), 0o644)
	}
	// Folders sitegen never made, though their names start the same (until 2026-12-05 they
	// were deleted).
	for _, d := range []string{".public.new-backup-2026", ".public.new-", ".public.new-12a"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
		os.WriteFile(filepath.Join(dir, d, "notes.txt"), []byte("my only copy"), 0o644)
	}
	write(t, dest, map[string]string{"index.html": "x"})
	entries, _ := os.ReadDir(dir)
	var left []string
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != ".public.sitegen" {
			left = append(left, e.Name())
		}
	}
	if want := []string{".public.new-", ".public.new-12a", ".public.new-backup-2026"}; !slices.Equal(left, want) {
		t.Errorf("beside the output: %v, want %v", left, want)
	}
}

// byHand adds text to the file at p, as an editor would after a build: its modification
// time is set after any build's.
func byHand(t *testing.T, p, text string) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	future := time.Now().Add(time.Minute)
	if err == nil {
		err = os.Chtimes(p, future, future)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestHandEditsDoNotLast: a file of the published site changed or removed by hand is made
// again by the next build, even when the published folder was deleted in between (the two
// trees share files by hard links, so the edit was in the second tree too); a file added by
// hand is left out of the site and moved aside, never deleted, and does not come back.
func TestHandEditsDoNotLast(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	site := map[string]string{"index.html": "home", "privacy/index.html": "privacy", "robots.txt": "robots", "a.html": "v1"}
	write(t, dest, site)
	write(t, dest, map[string]string{"index.html": "home", "privacy/index.html": "privacy", "robots.txt": "robots", "a.html": "v2"}) // next/ shares files now
	site["a.html"] = "v2"

	edited := filepath.Join(dest, "privacy", "index.html")
	byHand(t, edited, "<script>alert(1)</script>")
	if err := os.RemoveAll(dest); err != nil {
		t.Fatal(err)
	}
	st := write(t, dest, site)
	equalTree(t, "site built after an edit and the folder's removal", dest, site)
	if st.Written == 0 {
		t.Errorf("nothing written: %+v", st)
	}

	// twice builds the site two times, each with a change (so that the trees swap), and
	// checks the site after each and the second tree after both.
	n := 0
	twice := func(what string) {
		t.Helper()
		for range 2 {
			n++
			site["n.html"] = strconv.Itoa(n)
			write(t, dest, site)
			equalTree(t, what, dest, site)
		}
		equalTree(t, what+": the second tree", filepath.Join(dir, ".public.sitegen", "next"), site)
	}

	// Edited in place, with the folder kept; and removed.
	byHand(t, edited, "<script>alert(2)</script>")
	os.Remove(filepath.Join(dest, "robots.txt"))
	twice("site built after an edit and a removal")

	// Edited, or removed, and then no longer made (a group made private since): gone from
	// both trees (until the review of 2026-12-05 the edited page stayed published).
	byHand(t, filepath.Join(dest, "a.html"), "edited")
	delete(site, "a.html")
	twice("site without an edited page")
	os.RemoveAll(filepath.Join(dest, "privacy"))
	delete(site, "privacy/index.html")
	twice("site without a folder removed by hand")

	// Added: left out of every later site, and kept aside.
	os.WriteFile(filepath.Join(dest, "CNAME"), []byte("example.org"), 0o644)
	os.MkdirAll(filepath.Join(dest, "mine"), 0o755)
	os.WriteFile(filepath.Join(dest, "mine", "notes.txt"), []byte("notes"), 0o644)
	var to string
	for i, v := range []string{"v4", "v5", "v6"} {
		site["a.html"] = v
		st := write(t, dest, site)
		if want := []string{"CNAME", "mine/notes.txt"}; i == 0 && !slices.Equal(st.LeftOut, want) {
			t.Errorf("left out %v, want %v", st.LeftOut, want)
		}
		if i == 0 {
			to = st.LeftOutTo
		}
		if i > 0 && len(st.LeftOut) > 0 {
			t.Errorf("build %d left out %v again", i, st.LeftOut)
		}
		equalTree(t, "site after a file was added by hand", dest, site)
	}
	if filepath.Dir(to) != filepath.Join(dir, ".public.sitegen", "left-out") {
		t.Fatalf("left out to %q", to)
	}
	equalTree(t, "the files left out", to, map[string]string{"CNAME": "example.org", "mine/notes.txt": "notes"})

	// Added again, under a name that clashes with what was left out before: kept too, in a
	// folder of its own (until the review of 2026-12-05 the move failed after publishing,
	// and the next build deleted the file).
	os.WriteFile(filepath.Join(dest, "mine"), []byte("a file now"), 0o644)
	site["a.html"] = "v7"
	st = write(t, dest, site)
	if st.LeftOutTo == "" || st.LeftOutTo == to {
		t.Fatalf("left out to %q after %q", st.LeftOutTo, to)
	}
	equalTree(t, "the file left out second", st.LeftOutTo, map[string]string{"mine": "a file now"})
	equalTree(t, "the files left out first", to, map[string]string{"CNAME": "example.org", "mine/notes.txt": "notes"})
	equalTree(t, "the site", dest, site)
}

// TestBehindAfterPublishing: when the copy of the previous site cannot be brought up to date
// after the swap (here the store's left-out/ is a file, so a file added by hand cannot be
// moved there), the build has published all the same: it says so, with no error (until
// 2026-12-06 it failed, exit 1, with the new site already published), and the next build
// does not trust the copy.
func TestBehindAfterPublishing(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	site := map[string]string{"index.html": "home", "a.html": "v1", "b/c.html": "c"}
	write(t, dest, site)
	site["a.html"] = "v2"
	write(t, dest, site)
	if err := os.WriteFile(filepath.Join(dest, "CNAME"), []byte("example.org"), 0o644); err != nil {
		t.Fatal(err)
	}
	leftOut := filepath.Join(dir, ".public.sitegen", "left-out")
	if err := os.RemoveAll(leftOut); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(leftOut, []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	site["a.html"] = "v3"
	delete(site, "b/c.html")
	st := write(t, dest, site)
	if st.Behind == nil || !strings.Contains(st.Behind.Error(), "CNAME") {
		t.Fatalf("the copy left behind, and the file added by hand it still holds, not said: %v", st.Behind)
	}
	equalTree(t, "the site published", dest, site)
	if err := os.Remove(leftOut); err != nil {
		t.Fatal(err)
	}
	// The next builds, with and then without a change, publish exactly the site, and bring the
	// copy up to date again.
	for i, v := range []string{"v4", "v4", "v5"} {
		site["a.html"] = v
		st := write(t, dest, site)
		if st.Behind != nil {
			t.Errorf("build %d: %v", i, st.Behind)
		}
		equalTree(t, fmt.Sprintf("the site of build %d", i), dest, site)
	}
	equalTree(t, "next/", filepath.Join(dir, ".public.sitegen", "next"), site)
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

func TestPlanWriteToStopsAtFirstError(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, map[string]string{"index.html": "v1"})
	p := Plan{}
	for i := range 200 {
		p[fmt.Sprintf("p%03d.html", i)] = Ready([]byte("x"))
	}
	p["p100.html"] = NewLazy(func() ([]byte, error) { return nil, errors.New("template failed") })
	w, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WriteTo(w, nil); err == nil || err.Error() != "template failed" {
		t.Errorf("WriteTo = %v, want the template's error", err)
	}
	w.Close()
	equalTree(t, "site after a failed build", dest, map[string]string{"index.html": "v1"})
}

// The kill test runs builds in a child process and kills it at random moments: the
// destination must always be one complete site, and the next build must repair the rest.

const killEnv = "SITEGEN_OUTPUT_KILL_DEST"

func killSite(version int) map[string]string {
	m := map[string]string{}
	for i := range 200 {
		m[fmt.Sprintf("groups/g%03d/index.html", i)] = fmt.Sprintf("group %d v%d", i, version)
	}
	m["index.html"] = fmt.Sprintf("home v%d", version)
	if version%2 == 0 {
		m["even/index.html"] = "even"
	}
	return m
}

func TestKillChild(t *testing.T) {
	dest := os.Getenv(killEnv)
	if dest == "" {
		t.Skip("run by TestKilledBuildsLeaveACompleteSite")
	}
	os.WriteFile(dest+".started", nil, 0o644)
	for v := 1; ; v++ {
		if _, err := Write(dest, stringFiles(killSite(v)), Options{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.WriteFile(dest+".version", []byte(strconv.Itoa(v)), 0o644)
	}
}

func TestKilledBuildsLeaveACompleteSite(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	dest := filepath.Join(t.TempDir(), "public")
	start := time.Now()
	write(t, dest, killSite(0))
	build := time.Since(start) // kills land before, during and after the child's builds
	rng := rand.New(rand.NewPCG(1, 2))
	completed := 0
	for round := range 10 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
		cmd.Env = append(os.Environ(), killEnv+"="+dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(time.Millisecond) {
			if _, err := os.Stat(dest + ".started"); err == nil || time.Now().After(deadline) {
				break
			}
		}
		os.Remove(dest + ".started")
		wait := time.Duration(rng.Int64N(int64(4 * build)))
		if round == 9 && completed == 0 {
			// On a busy machine every kill may have come before a build finished: one comes
			// after, so that the test tests something.
			wait = 8*build + 500*time.Millisecond
		}
		time.Sleep(wait)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		// Open repairs an interrupted swap; until then the tree may be in the store.
		w, err := Open(dest, Options{})
		if err != nil {
			t.Fatalf("round %d: Open after a kill: %v", round, err)
		}
		w.Close()
		got := readTree(t, dest)
		v, _ := strconv.Atoi(got["index.html"][len("home v"):])
		if want := killSite(v); !maps.Equal(got, want) {
			t.Fatalf("round %d: after a kill the site is not one complete build (home says v%d; %d files, want %d)", round, v, len(got), len(want))
		}
		if v > 0 {
			completed++
		}
	}
	if completed == 0 {
		t.Errorf("no build finished before its kill: the test tested nothing")
	}
	final := killSite(1000)
	write(t, dest, final)
	equalTree(t, "site after the kills", dest, final)
	equalTree(t, "second tree after the kills", filepath.Join(storeDir(dest), "next"), final)
}

// TestPlanKeepsFilesOfSameKey: a file whose key the published one was made with is not made
// again and stays as it is; a new key, or none, makes it again; the manifest carries keys
// from one build to the next, through a build that changed nothing.
func TestPlanKeepsFilesOfSameKey(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	made := map[string]int{}
	var mu sync.Mutex
	file := func(name, key, text string) *Lazy {
		return NewKeyedLazy(key, func() ([]byte, error) {
			mu.Lock()
			made[name]++
			mu.Unlock()
			return []byte(text), nil
		})
	}
	build := func(p Plan) Stats {
		t.Helper()
		w, err := Open(dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		if err := p.WriteTo(w, nil); err != nil {
			t.Fatal(err)
		}
		st, err := w.Commit()
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	build(Plan{"a.html": file("a.html", "k1", "A1"), "b.html": file("b.html", "", "B1"), "c.html": file("c.html", "k3", "C1")})
	// Same keys: a and c are kept as published (though their makers would now give other
	// bytes: the key is trusted), b has no key and is made again.
	st := build(Plan{"a.html": file("a.html", "k1", "A2"), "b.html": file("b.html", "", "B1"), "c.html": file("c.html", "k3", "C2")})
	if made["a.html"] != 1 || made["c.html"] != 1 || made["b.html"] != 2 {
		t.Errorf("files made: %v, want a and c once, b twice", made)
	}
	if st.Kept != 2 || !st.Unchanged {
		t.Errorf("stats = %+v, want 2 kept and nothing changed", st)
	}
	equalTree(t, "site", dest, map[string]string{"a.html": "A1", "b.html": "B1", "c.html": "C1"})
	// A new key makes a again; c is dropped.
	st = build(Plan{"a.html": file("a.html", "k1b", "A2"), "b.html": file("b.html", "", "B1")})
	if made["a.html"] != 2 || st.Written != 1 || st.Removed != 1 {
		t.Errorf("after a's key changed: made %v, stats %+v; want a made again, 1 written, 1 removed", made, st)
	}
	equalTree(t, "site", dest, map[string]string{"a.html": "A2", "b.html": "B1"})
	// Same bytes under a new key: nothing is written, but the manifest learns the key.
	build(Plan{"a.html": file("a.html", "k1c", "A2"), "b.html": file("b.html", "", "B1")})
	build(Plan{"a.html": file("a.html", "k1c", "A3"), "b.html": file("b.html", "", "B1")})
	if made["a.html"] != 3 {
		t.Errorf("a was made %d times, want 3: the key learned in a build that changed nothing was lost", made["a.html"])
	}
	equalTree(t, "site", dest, map[string]string{"a.html": "A2", "b.html": "B1"})
}

// TestBuilt: the name a build gives itself is what Built returns for the destination, after a
// build that changed files and after one that changed none; a build that names none, or an
// interrupted swap, makes it "".
func TestBuilt(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if got := Built(dest); got != "" {
		t.Errorf("Built of a missing destination = %q", got)
	}
	build := func(name string, files map[string]string) {
		t.Helper()
		w, err := Open(dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		for n, b := range files {
			if err := w.Put(n, []byte(b)); err != nil {
				t.Fatal(err)
			}
		}
		w.SetBuild(name)
		if _, err := w.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	site := map[string]string{"index.html": "v1"}
	build("k1", site)
	if got := Built(dest); got != "k1" {
		t.Errorf("Built = %q, want k1", got)
	}
	build("k2", site) // nothing changed but the name
	if got := Built(dest); got != "k2" {
		t.Errorf("after a build that changed no file, Built = %q, want k2", got)
	}
	build("k3", map[string]string{"index.html": "v2"})
	if got := Built(dest); got != "k3" {
		t.Errorf("after a build that changed a file, Built = %q, want k3", got)
	}
	build("", map[string]string{"index.html": "v3"})
	if got := Built(dest); got != "" {
		t.Errorf("after a build that named none, Built = %q, want none", got)
	}
	build("k4", map[string]string{"index.html": "v3"})
	if err := os.Mkdir(filepath.Join(storeDir(dest), "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Built(dest); got != "" {
		t.Errorf("with a swap to finish, Built = %q, want none", got)
	}
}

// TestParseManifest: a manifest is read as written, and any damage makes it unknown (nil), so
// that the next build repairs the tree instead of trusting it.
func TestParseManifest(t *testing.T) {
	sum := sumOf([]byte("x"))
	tests := []struct {
		name, text string
		want       manifest
		build      string
	}{
		{"files and keys", "build b1\n" + sum + " k1 a/index.html\n" + sum + " - b.css\n",
			manifest{"a/index.html": {sum, "k1"}, "b.css": {sum, ""}}, "b1"},
		{"no build named", sum + " - a\n", manifest{"a": {sum, ""}}, ""},
		{"empty", "", manifest{}, ""},
		{"cut short", sum + " - a\n" + sum + " - b", nil, ""},
		{"sum too short", sum[:30] + " - a\n", nil, ""},
		{"sum in capitals", strings.ToUpper(sum) + " - a\n", nil, ""},
		{"a name outside the tree", sum + " - ../a\n", nil, ""},
		{"no key", sum + " a\n", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, build := parseManifest(tt.text)
			if !reflect.DeepEqual(got, tt.want) || build != tt.build {
				t.Errorf("parseManifest(%q) = %v, %q; want %v, %q", tt.text, got, build, tt.want, tt.build)
			}
		})
	}
	// What writeManifest writes, parseManifest reads.
	s := &store{dir: t.TempDir()}
	m := manifest{"x/y.html": {sum, "key"}, "z": {sumOf(nil), ""}}
	if err := s.writeManifest("a", m, "b2"); err != nil {
		t.Fatal(err)
	}
	if got, build := s.readManifest("a"); !reflect.DeepEqual(got, m) || build != "b2" {
		t.Errorf("read back %v, %q; want %v, b2", got, build, m)
	}
}

// TestTakenBytesAreGone: once Take gave a file's bytes to the writer, asking for them again is
// an error, never an empty file that a caller could take for the file.
func TestTakenBytesAreGone(t *testing.T) {
	made := 0
	l := NewLazy(func() ([]byte, error) { made++; return []byte("page"), nil })
	if b, err := l.Bytes(); err != nil || string(b) != "page" {
		t.Fatalf("Bytes = %q, %v", b, err)
	}
	if b, err := l.Take(); err != nil || string(b) != "page" {
		t.Fatalf("Take = %q, %v", b, err)
	}
	if b, err := l.Bytes(); !errors.Is(err, errTaken) || b != nil {
		t.Errorf("Bytes after Take = %q, %v; want an error", b, err)
	}
	if _, err := l.Take(); !errors.Is(err, errTaken) {
		t.Errorf("second Take: %v, want an error", err)
	}
	if made != 1 {
		t.Errorf("made %d times, want 1", made)
	}
	failing := NewLazy(func() ([]byte, error) { return nil, errors.New("bad template") })
	failing.Take()
	if _, err := failing.Bytes(); err == nil || errors.Is(err, errTaken) {
		t.Errorf("a file that failed: %v, want its own error", err)
	}
}
