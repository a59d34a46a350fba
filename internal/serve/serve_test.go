package serve

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/livereload"
	"sitegen/internal/output"
	"sitegen/internal/site"
	"sitegen/internal/sitetest"
)

// The group the tests edit, and its page.
const (
	groupFile = "data/groups/nami-sandia-foothills/nob-hill-tuesday.yaml"
	groupPage = "/groups/nami-sandia-foothills/nob-hill-tuesday/"
	oldName   = "Nob Hill Tuesday Evening"
)

// now is a build date at which the sample site is valid.
var now = civil.Date{Year: 2026, Month: 11, Day: 23}

// copySite copies the sample site's data/, content/, i18n/ and templates/ into a new folder,
// as real files, and returns it.
func copySite(t testing.TB) string {
	t.Helper()
	dst := t.TempDir()
	src := os.DirFS("../..")
	for _, dir := range []string{"data", "content", "i18n", "templates"} {
		copyTree(t, src, dir, dst, "")
	}
	return dst
}

// copyTree copies the folder dir of src to dst, with prefix before every path.
func copyTree(t testing.TB, src fs.FS, dir, dst, prefix string) {
	t.Helper()
	err := fs.WalkDir(src, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dst, filepath.FromSlash(prefix+p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// start runs a watching dev server of the site in dir on a real socket, and returns it with
// its address ("http://127.0.0.1:PORT").
func start(t testing.TB, dir string, debounce time.Duration) (*Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	s, err := New(Options{
		Root:     dir,
		Build:    build.Options{Now: now, BaseURL: base + "/"},
		Watch:    true,
		Debounce: debounce,
	})
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: s}
	go hs.Serve(ln)
	t.Cleanup(func() {
		s.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := hs.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	})
	return s, base
}

// event is one Server-Sent Event.
type event struct{ name, data string }

// listen opens the reload stream and returns its events, after the first ("hello").
func listen(t testing.TB, base string) <-chan event {
	t.Helper()
	resp, err := http.Get(base + livereload.EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	events := make(chan event, 100)
	go func() {
		defer close(events)
		r := bufio.NewReader(resp.Body)
		var ev event
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case line == "" && ev.name != "":
				events <- ev
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
		}
	}()
	if ev := wait(t, events); ev.name != "hello" {
		t.Fatalf("first event = %v, want hello", ev)
	}
	return events
}

// wait returns the next event.
func wait(t testing.TB, events <-chan event) event {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatal("the reload stream ended")
		}
		return ev
	case <-time.After(2 * time.Minute): // a 10,000-group rebuild on a loaded machine
		t.Fatal("no reload event within 2 minutes")
	}
	return event{}
}

// waitReload waits for the next reload event and returns its build id.
func waitReload(t testing.TB, events <-chan event) string {
	t.Helper()
	ev := wait(t, events)
	if ev.name != "reload" {
		t.Fatalf("event = %v, want a reload", ev)
	}
	return ev.data
}

type response struct {
	status int
	header http.Header
	body   string
}

func get(t testing.TB, url string) response {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(b)}
}

// edit rewrites the file rel of the site in dir with f applied to its content.
func edit(t testing.TB, dir, rel string, f func(string) string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(f(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(name string) func(string) string {
	return func(s string) string {
		s = "\n" + s
		i := strings.Index(s, "\nname: ")
		j := strings.Index(s[i+1:], "\n")
		return (s[:i] + "\nname: " + name + s[i+1+j:])[1:]
	}
}

func TestRenameBreakFix(t *testing.T) {
	dir := copySite(t)
	_, base := start(t, dir, 100*time.Millisecond)
	events := listen(t, base)

	r := get(t, base+groupPage)
	if r.status != 200 || !strings.Contains(r.body, html.EscapeString(oldName)) {
		t.Fatalf("GET %s: status %d, want 200 and the name %q", groupPage, r.status, oldName)
	}

	// Rename the group: the new name is served, after a reload event.
	edit(t, dir, groupFile, rename("Nob Hill Renamed Group"))
	id := waitReload(t, events)
	r = get(t, base+groupPage)
	if !strings.Contains(r.body, "Nob Hill Renamed Group") || strings.Contains(r.body, oldName) {
		t.Errorf("GET %s after the rename: the page does not show only the new name", groupPage)
	}
	if got := r.header.Get("X-Sitegen-Build"); got != id {
		t.Errorf("GET %s: build %q, want %q as in the reload event", groupPage, got, id)
	}
	if strings.Contains(r.body, "sitegen-overlay") {
		t.Errorf("GET %s: an overlay while the site builds", groupPage)
	}

	// Break the file: the last good build stays, with the overlay naming the place.
	good, err := os.ReadFile(filepath.Join(dir, groupFile))
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(string(good), "\n") + 1
	edit(t, dir, groupFile, func(s string) string { return s + "colour: blue\n" })
	waitReload(t, events)
	where := fmt.Sprintf("%s:%d:1: ", groupFile, line)
	for _, page := range []string{groupPage, "/", "/no-such-page/"} {
		r = get(t, base+page)
		for _, want := range []string{
			`<link rel="stylesheet" href="/_sitegen/overlay.css">`,
			`<div id="sitegen-overlay" role="alert">`,
			where + "unknown key &#34;colour&#34;",
		} {
			if !strings.Contains(r.body, want) {
				t.Errorf("GET %s with a broken file: the page does not hold %q", page, want)
			}
		}
		if strings.Contains(r.body, "<style") || strings.Contains(r.body, "style=") {
			t.Errorf("GET %s: the overlay uses inline style", page)
		}
	}
	if r := get(t, base+groupPage); !strings.Contains(r.body, "Nob Hill Renamed Group") {
		t.Errorf("GET %s with a broken file: not the last good build", groupPage)
	}
	if r := get(t, base+overlayCSSPath); r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") {
		t.Errorf("GET %s: status %d, type %q; want 200 text/css", overlayCSSPath, r.status, r.header.Get("Content-Type"))
	}

	// Fix it: a reload, and the overlay is gone.
	if err := os.WriteFile(filepath.Join(dir, groupFile), good, 0o644); err != nil {
		t.Fatal(err)
	}
	waitReload(t, events)
	r = get(t, base+groupPage)
	if strings.Contains(r.body, "sitegen-overlay") || strings.Contains(r.body, "overlay.css") {
		t.Errorf("GET %s after the fix: the overlay is still there", groupPage)
	}
	if !strings.Contains(r.body, "Nob Hill Renamed Group") {
		t.Errorf("GET %s after the fix: the name is gone", groupPage)
	}
}

func TestBrokenTemplateShowsItsLine(t *testing.T) {
	dir := copySite(t)
	_, base := start(t, dir, 100*time.Millisecond)
	events := listen(t, base)
	edit(t, dir, "templates/pages/group.html", func(s string) string { return "{{if}}\n" + s })
	waitReload(t, events)
	r := get(t, base+groupPage)
	if want := "templates/pages/group.html:1:"; !strings.Contains(r.body, want) {
		t.Errorf("GET %s with a broken template: the overlay does not hold %q", groupPage, want)
	}
}

// TestTrainingDatesReadAgain: a training edited while the server runs is dated as a build
// dates it, from the history read again, not from the history read as the server started
// (until 2026-12-06 the preview's feed kept the training's last commit date).
func TestTrainingDatesReadAgain(t *testing.T) {
	dir := copySite(t)
	const training = "data/trainings/az-champion-orientation-2027-01.yaml"
	at := func(day int) map[string]site.FileDates {
		d := time.Date(2026, 11, day, 12, 0, 0, 0, time.UTC)
		return map[string]site.FileDates{training: {Created: d, Changed: d}}
	}
	reads := 0
	s, err := New(Options{Root: dir, Build: build.Options{Now: now, BaseURL: "http://127.0.0.1:1/", FileDates: at(1)},
		FileDates: func() map[string]site.FileDates { reads++; return at(20) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	feed := func() string {
		w := &recorder{header: http.Header{}}
		s.ServeHTTP(w, httptest.NewRequest("GET", "http://127.0.0.1:1/trainings/feed.xml", nil))
		return w.body.String()
	}
	if got := feed(); reads != 0 || !strings.Contains(got, "2026-11-01T12:00:00Z") { // New built it
		t.Fatalf("first build: %d readings of the history, feed:\n%s", reads, got)
	}
	edit(t, dir, "data/groups/nami-olentangy/clintonville-men.yaml", rename("Not A Training"))
	s.Rebuild([]string{"data/groups/nami-olentangy/clintonville-men.yaml"})
	if reads != 0 {
		t.Errorf("a group's change read the history again")
	}
	edit(t, dir, training, func(s string) string { return s + "# edited\n" })
	s.Rebuild([]string{training})
	if got := feed(); reads != 1 || !strings.Contains(got, "2026-11-20T12:00:00Z") {
		t.Errorf("after the training's change: %d readings of the history, feed:\n%s", reads, got)
	}
}

// TestNeverBuiltSaysSo: a site that has never built says so in the log, not that its pages
// keep the last good build (until 2026-12-06 it did, though there was none).
func TestNeverBuiltSaysSo(t *testing.T) {
	dir := copySite(t)
	broken := func(s string) string { return strings.Replace(s, "day: ", "day: funday #", 1) }
	edit(t, dir, "data/groups/nami-olentangy/clintonville-men.yaml", broken)
	var log sitetest.Log
	s, err := New(Options{Root: dir, Build: build.Options{Now: now, BaseURL: "http://127.0.0.1:1/"}, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if res := s.Rebuild(nil); !res.Failed {
		t.Fatal("the broken site built")
	}
	if got := log.String(); !strings.Contains(got, "no build has succeeded yet") || strings.Contains(got, "last good build") {
		t.Errorf("the log of a site never built:\n%s", got)
	}
}

// TestTemplateFailingOnSomePages: a template that fails on some pages only (the hybrid
// groups') passes the build, which renders one page of each template; the page is made when
// asked for. Its error is then said in the log and on the page, as this page's, not as a
// build that never succeeded (until 2026-12-05 the log said "built" and nothing more, and
// the page "No build has succeeded yet").
func TestTemplateFailingOnSomePages(t *testing.T) {
	dir := copySite(t)
	edit(t, dir, "templates/pages/group.html", func(s string) string {
		return strings.Replace(s, "{{- $d := .Data}}{{$g := $d.G}}\n", "{{- $d := .Data}}{{$g := $d.G}}\n{{if eq $g.Attendance \"hybrid\"}}{{index $g.Name 999}}{{end}}\n", 1)
	})
	var log sitetest.Log
	s, err := New(Options{Root: dir, Build: build.Options{Now: now, BaseURL: "http://127.0.0.1:1/"}, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if res := s.Rebuild(nil); res.Failed {
		t.Fatalf("the build failed: %v", res.Problems)
	}
	page := "/groups/nami-olentangy/german-village-hybrid/"
	other := "/es" + page
	for _, page := range []string{page, other, page, other} {
		w := &recorder{header: http.Header{}}
		s.ServeHTTP(w, httptest.NewRequest("GET", "http://127.0.0.1:1"+page, nil))
		body := w.body.String()
		if w.status != http.StatusInternalServerError || !strings.Contains(body, "This page could not be made") || !strings.Contains(body, "templates/pages/group.html:3:") {
			t.Errorf("GET %s: %d, without its problem:\n%s", page, w.status, body)
		}
		if strings.Contains(body, "No build has succeeded") {
			t.Errorf("GET %s: says no build has succeeded", page)
		}
	}
	// Said once for each page in the log, at the template's line, with the page.
	if got := strings.Count(log.String(), "(this page could not be made)"); got != 2 || !strings.Contains(log.String(), page+": templates/pages/group.html:3:") || !strings.Contains(log.String(), other+": templates/pages/group.html:3:") {
		t.Errorf("the log says it %d times:\n%s", got, log.String())
	}
}

// TestBuildIDsDifferAcrossRestarts: a page left open while the server restarts knows a build
// of the server before; the new server's first build must not have its id, or the page would
// not reload (until 2026-12-05 both were "1").
func TestBuildIDsDifferAcrossRestarts(t *testing.T) {
	dir := copySite(t)
	ids := map[string]bool{}
	for range 2 {
		s, err := New(Options{Root: dir, Build: build.Options{Now: now, BaseURL: "http://127.0.0.1:1/"}})
		if err != nil {
			t.Fatal(err)
		}
		s.Rebuild(nil)
		ids[s.Build()] = true
		s.Close()
		time.Sleep(2 * time.Millisecond)
	}
	if len(ids) != 2 {
		t.Errorf("two servers served the same build id: %v", ids)
	}
}

func TestSavePatternsRebuildOnce(t *testing.T) {
	dir := copySite(t)
	s, base := start(t, dir, 100*time.Millisecond)
	events := listen(t, base)
	file := filepath.Join(dir, filepath.FromSlash(groupFile))
	content := func(name string) []byte {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		return []byte(rename(name)(string(b)))
	}
	write := func(p string, b []byte) {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	move := func(from, to string) {
		if err := os.Rename(from, to); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		save func(b []byte)
	}{
		{"write in place", func(b []byte) { write(file, b) }},
		{"write a temporary file and rename it over", func(b []byte) {
			write(file+".tmp", b)
			move(file+".tmp", file)
		}},
		{"vim with backup and swap files", func(b []byte) {
			dir := filepath.Dir(file)
			write(filepath.Join(dir, "4913"), nil)
			os.Remove(filepath.Join(dir, "4913"))
			write(filepath.Join(dir, ".nob-hill-tuesday.yaml.swp"), []byte("swap"))
			move(file, file+"~")
			write(file, b)
			os.Remove(file + "~")
			os.Remove(filepath.Join(dir, ".nob-hill-tuesday.yaml.swp"))
		}},
		{"truncate, then write in two parts", func(b []byte) {
			f, err := os.OpenFile(file, os.O_WRONLY|os.O_TRUNC, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			f.Write(b[:len(b)/2])
			f.Sync()
			f.Write(b[len(b)/2:])
			f.Close()
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := s.Rebuilds()
			name := fmt.Sprintf("Save Pattern Group %d", i)
			tt.save(content(name))
			waitReload(t, events)
			if r := get(t, base+groupPage); !strings.Contains(r.body, name) {
				t.Errorf("GET %s after the save: the new name %q is not served", groupPage, name)
			}
			// A sentinel change: its rebuild comes after any other the save caused.
			write(file, content(name+" sentinel"))
			waitReload(t, events)
			if got := s.Rebuilds() - before; got != 2 {
				t.Errorf("the save and a sentinel change caused %d rebuilds, want 2", got)
			}
		})
	}
}

func TestNoReloadWithoutChange(t *testing.T) {
	dir := copySite(t)
	s, base := start(t, dir, 100*time.Millisecond)
	events := listen(t, base)
	b := s.Build()
	// A comment changes no output byte: a rebuild, but no reload.
	edit(t, dir, groupFile, func(s string) string { return s + "# a comment\n" })
	edit(t, dir, "data/site.yaml", func(s string) string { return s }) // and a sentinel rebuild with no change either
	deadline := time.Now().Add(20 * time.Second)
	for s.Rebuilds() < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if s.Rebuilds() < 2 {
		t.Fatal("no rebuild within 20 s of the edit")
	}
	if got := s.Build(); got != b {
		t.Errorf("build id = %q after a change of no output byte, want %q still", got, b)
	}
	// Then one change that does show: its reload must be the first event.
	edit(t, dir, groupFile, rename("Changed After Comment"))
	if id := waitReload(t, events); id == b || id != s.Build() {
		t.Errorf("reload event for build %q, want a new build, the one served (%q)", id, s.Build())
	}
}

func TestPaths(t *testing.T) {
	dir := copySite(t)
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "leak.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc", filepath.Join(dir, "etc")); err != nil {
		t.Fatal(err)
	}
	_, base := start(t, dir, 0)
	addr := strings.TrimPrefix(base, "http://")
	tests := []struct {
		name       string
		target     string // the request target, as sent
		wantStatus int
		wantType   string
	}{
		{"home", "/", 200, "text/html; charset=utf-8"},
		{"index.html", "/index.html", 200, "text/html; charset=utf-8"},
		{"group page", groupPage, 200, "text/html; charset=utf-8"},
		{"folder without slash", strings.TrimSuffix(groupPage, "/"), 301, ""},
		{"calendar", groupPage + "group.ics", 200, "text/calendar; charset=utf-8"},
		{"feed", "/api/groups.json", 200, "application/json"},
		{"sitemap", "/sitemap.xml", 200, "application/xml"},
		{"atom", "/trainings/feed.xml", 200, "application/atom+xml"},
		{"robots", "/robots.txt", 200, "text/plain; charset=utf-8"},
		{"reload script", livereload.ScriptPath, 200, "text/javascript; charset=utf-8"},
		{"missing page", "/no-such-page/", 404, "text/html; charset=utf-8"},
		{"dot dot", "/../data/site.yaml", 404, ""},
		{"dot dot inside", "/groups/../../data/site.yaml", 404, ""},
		{"encoded dots", "/%2e%2e/data/site.yaml", 404, ""},
		{"encoded dots, upper case", "/%2E%2E/%2E%2E/etc/passwd", 404, ""},
		{"encoded slashes", "/groups/..%2f..%2fdata%2fsite.yaml", 404, ""},
		{"encoded backslashes", "/..%5c..%5cdata%5csite.yaml", 404, ""},
		{"backslash", `/groups\..\index.html`, 404, ""},
		{"NUL", "/index.html%00", 404, ""},
		{"NUL folder", "/%00/", 404, ""},
		{"dot segment", "/./index.html", 404, ""},
		{"empty segment", "//etc/passwd", 404, ""},
		{"source file", "/data/site.yaml", 404, ""},
		{"template", "/templates/base.html", 404, ""},
		{"symlink out of the site", "/leak.txt", 404, ""},
		{"symlinked folder", "/etc/passwd", 404, ""},
		{"dev server dot dot", "/_sitegen/../data/site.yaml", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, header, body := rawGet(t, addr, tt.target)
			if status != tt.wantStatus {
				t.Errorf("GET %s: status %d, want %d", tt.target, status, tt.wantStatus)
			}
			if tt.wantType != "" && header.Get("Content-Type") != tt.wantType {
				t.Errorf("GET %s: Content-Type %q, want %q", tt.target, header.Get("Content-Type"), tt.wantType)
			}
			if strings.Contains(body, "root:") || strings.Contains(body, "base_url") {
				t.Errorf("GET %s: the body leaks a file outside the built site", tt.target)
			}
		})
	}
}

// TestNotFoundInItsLanguage checks that a missing address is answered with the 404 page
// nearest to it, as Cloudflare Pages and the rule sitegen writes in _redirects for Netlify
// answer it: a Spanish visitor is told in Spanish. Until 2026-12-06 every address got the
// English page.
func TestNotFoundInItsLanguage(t *testing.T) {
	_, base := start(t, copySite(t), 0)
	addr := strings.TrimPrefix(base, "http://")
	tests := []struct{ target, lang string }{
		{"/no-such-page/", "en"},
		{"/groups/no/such.ics", "en"},
		{"/es/no-existe/", "es"},
		{"/es/groups/no/existe.ics", "es"},
		{"/esx/", "en"},
	}
	for _, tt := range tests {
		status, _, body := rawGet(t, addr, tt.target)
		if status != http.StatusNotFound || !strings.Contains(body, `<html lang="`+tt.lang+`"`) {
			t.Errorf("GET %s: status %d, want 404 with the page in %q:\n%.300s", tt.target, status, tt.lang, body)
		}
	}

}

// rawGet sends a request target exactly as given, which an http.Client would not always do.
func rawGet(t *testing.T, addr, target string) (int, http.Header, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// TestConcurrentRequestsSeeOneBuild fetches pages from many goroutines while the site is
// rebuilt, and checks that every response is one whole page of one build: it ends the page,
// and its bytes are those its ETag names.
func TestConcurrentRequestsSeeOneBuild(t *testing.T) {
	dir := copySite(t)
	_, base := start(t, dir, 20*time.Millisecond)
	events := listen(t, base)
	pages := []string{"/", groupPage, "/groups/", "/affiliates/", "/no-such-page/", "/api/groups.json"}

	done := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var problems []string
	var checked int
	fail := func(format string, args ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				page := pages[(w+i)%len(pages)]
				resp, err := client.Get(base + page)
				if err != nil {
					fail("GET %s: %v", page, err)
					return
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					fail("GET %s: %v", page, err)
					return
				}
				if resp.StatusCode != 200 {
					continue // the 404 page has no ETag; its completeness is checked below
				}
				body := string(b)
				etag := strings.Trim(resp.Header.Get("ETag"), `"`)
				sum, variant, _ := strings.Cut(etag, "-")
				if strings.HasSuffix(page, "/") {
					if !strings.HasSuffix(strings.TrimSpace(body), "</html>") {
						fail("GET %s: the page does not end with </html>", page)
					}
					if variant != "r" || strings.Count(body, livereload.Tag) != 1 {
						fail("GET %s: ETag %q, want one reload tag and no overlay", page, etag)
					}
					body = strings.Replace(body, livereload.Tag, "", 1)
				}
				h := sha256.Sum256([]byte(body))
				if got := hex.EncodeToString(h[:10]); got != sum {
					fail("GET %s: ETag %q, but the body's hash is %s", page, etag, got)
				}
				mu.Lock()
				checked++
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < 4; i++ {
		edit(t, dir, groupFile, rename(fmt.Sprintf("Concurrent Group %d", i)))
		waitReload(t, events)
	}
	close(done)
	wg.Wait()
	if len(problems) > 0 {
		t.Errorf("%d problems, the first: %s", len(problems), problems[0])
	}
	if checked == 0 {
		t.Error("no response was checked")
	}
	if r := get(t, base+"/no-such-page/"); r.status != 404 || !strings.HasSuffix(strings.TrimSpace(r.body), "</html>") {
		t.Errorf("GET /no-such-page/: status %d, want 404 and a whole page", r.status)
	}
}

func TestBuildMatchesBuildPackage(t *testing.T) {
	dir := copySite(t)
	opts := build.Options{Now: now, BaseURL: "http://127.0.0.1:1313/"}
	s, err := New(Options{Root: dir, Build: opts})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fsys := os.DirFS(dir)
	m, diags := build.Check(fsys, opts)
	if m == nil {
		t.Fatalf("build.Check(sample) failed: %v", diags)
	}
	sub, _ := fs.Sub(fsys, "templates")
	want, err := build.Render(m, sub)
	if err != nil {
		t.Fatal(err)
	}
	served := func() output.Files {
		t.Helper()
		files, err := s.current.Load().files.Files()
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	if got := served(); !reflect.DeepEqual(got, want) {
		t.Errorf("the dev server's build of the sample differs from build.Check and build.Render")
	}
	// A second build reads through the cache, and must still agree.
	files, in, problems := s.build()
	if files == nil {
		t.Fatalf("cached rebuild failed: %v", problems)
	}
	if !in.same(s.current.Load().inputs) {
		t.Error("a cached rebuild of unchanged files does not count as the same inputs")
	}
	if got, err := files.Files(); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("the dev server's rebuild of the sample differs from build.Check and build.Render (err %v)", err)
	}
}

func TestFirstBuildFails(t *testing.T) {
	dir := copySite(t)
	edit(t, dir, "data/site.yaml", func(s string) string { return s + "colour: blue\n" })
	s, err := New(Options{Root: dir, Build: build.Options{Now: now, BaseURL: "http://127.0.0.1:1313/"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	req, _ := http.NewRequest("GET", "/", nil)
	rec := &recorder{header: http.Header{}}
	s.ServeHTTP(rec, req)
	if rec.status != 404 || !strings.Contains(rec.body.String(), "data/site.yaml:") || !strings.Contains(rec.body.String(), livereload.Tag) {
		t.Errorf("GET / with no good build: status %d, body %q; want 404 with the overlay and the reload tag", rec.status, rec.body.String())
	}
}

// recorder is the least http.ResponseWriter.
type recorder struct {
	header http.Header
	status int
	body   strings.Builder
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(s int)   { r.status = s }
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = 200
	}
	return r.body.Write(b)
}

func TestSitePath(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"/", "index.html", true},
		{"/groups/", "groups/index.html", true},
		{"/assets/site.css", "assets/site.css", true},
		{"/groups", "groups", true},
		{"/../x", "", false},
		{"/a/./b", "", false},
		{"/a//b", "", false},
		{`/a\b`, "", false},
		{"/a\x00b", "", false},
		{"/a\nb", "", false},
		{"x", "", false},
	}
	for _, tt := range tests {
		got, ok := sitePath(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("sitePath(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestTemplateProblem(t *testing.T) {
	tests := []struct {
		err  string
		want diag.Diagnostic
	}{
		{"render: template: pages/group.html:12: unexpected EOF",
			diag.Diagnostic{Path: "templates/pages/group.html", Line: 12, Message: "unexpected EOF"}},
		{`render groups/a/b/index.html: template: pages/group.html:3:7: executing "main" at <.X>: can't evaluate field X`,
			diag.Diagnostic{Path: "templates/pages/group.html", Line: 3, Col: 7, Message: `executing "main" at <.X>: can't evaluate field X`}},
		{"render: templates: base.html is missing",
			diag.Diagnostic{Path: "templates", Message: "render: templates: base.html is missing"}},
	}
	for _, tt := range tests {
		if got := templateProblem(fmt.Errorf("%s", tt.err)); got != tt.want {
			t.Errorf("templateProblem(%q) = %+v, want %+v", tt.err, got, tt.want)
		}
	}
}
