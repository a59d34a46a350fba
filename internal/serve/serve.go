// Package serve is the dev server of sitegen serve: it builds the site into memory, serves
// it over HTTP, rebuilds when a source file changes, and makes open pages reload.
//
// Every build is an immutable snapshot swapped in atomically, so that a request gets the
// whole old build or the whole new one, never a mix. Responses come only from the snapshot in
// memory, never from disk, so no request can reach a file outside the site: paths holding
// "..", "." segments, backslashes or NUL (encoded or not) are 404.
//
// When a rebuild fails, the server keeps the last good build and adds to every HTML response
// an overlay listing the problems as PATH:LINE:COL: message, in plain HTML with a stylesheet
// of the dev server, so that it shows even with scripts blocked; the same problems are
// printed to the terminal. The live-reload script tag is added to HTML responses as they are
// served (package livereload); the files built carry neither.
package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/diag"
	"sitegen/internal/livereload"
	"sitegen/internal/load"
	"sitegen/internal/output"
	"sitegen/internal/search"
	"sitegen/internal/site"
	"sitegen/internal/watch"
)

// Options configure a [Server].
type Options struct {
	// Root is the site's folder on disk, holding data/, content/ and templates/.
	Root string
	// Build are the build's settings; BaseURL should be the server's own address, so that
	// the site's links lead back to it.
	Build build.Options
	// Log receives the terminal's messages: each rebuild, and the problems found. Nil
	// discards them.
	Log io.Writer
	// Watch makes the server watch Root and rebuild on every change until Close.
	Watch bool
	// Debounce is how long the folders must be quiet before a rebuild (default
	// watch.DefaultDebounce).
	Debounce time.Duration
	// FileDates, when set, reads Build.FileDates again (the site's git history): before a
	// rebuild for a change under data/trainings/, so that a training edited since the server
	// started is dated as a build would date it, by its file, not by its last commit.
	FileDates func() map[string]site.FileDates
}

// Server serves a site from memory. It is an http.Handler; its lifetime ends with
// [Server.Close].
type Server struct {
	opts     Options
	fsys     fs.FS                     // Root, opened so that symbolic links cannot lead out of it
	cache    *load.Cache               // files parsed by earlier builds; guarded by mu
	sizes    search.Sizes              // the search index's files weighed by earlier builds
	dates    map[string]site.FileDates // Options.FileDates' latest reading; guarded by mu
	current  atomic.Pointer[snapshot]
	hub      *livereload.Hub
	watcher  *watch.Watcher // nil unless Options.Watch
	mu       sync.Mutex     // serialises rebuilds
	rebuilds atomic.Int64
	epoch    string // this server's start, in base 36: the prefix of its builds' ids
	builds   int    // the builds swapped in so far; guarded by mu
	// pageProblems are the problems of pages that could not be made, each with its page,
	// logged during the build pageBuild: not logged again until the next build.
	pageMu       sync.Mutex
	pageBuild    string
	pageProblems map[string]bool
	stop         chan struct{} // closed by Close
	stopped      chan struct{} // closed when the watch loop has ended
	once         sync.Once
}

// snapshot is one build as served. It is never modified once published; its files are
// made on first request (output.Lazy), once.
type snapshot struct {
	id    string      // "mipx1a2b-1", "…-2": the server's start and the build's number, counting swaps
	files output.Plan // the last good build's files; nil when no build ever succeeded
	// inputs are what the files were made from: when a rebuild reads the same, no output
	// byte can differ, and pages need not reload.
	inputs *inputs
	// problems are the diagnostics of the latest rebuild when it failed, shown in the
	// overlay; empty when files are its result.
	problems diag.List
	overlay  string // the overlay's HTML, "" when problems is empty
	variant  string // what was injected into HTML, part of its ETag
}

// inputs are everything a build's output is a function of.
type inputs struct {
	files     *load.Files // parsed data and content (positions included)
	templates [32]byte    // SHA-256 of every template file's path and bytes
}

// same reports whether a and b are the same inputs. Files a cache returned unchanged are the
// same pointers, so the comparison costs little even at national scale.
func (a *inputs) same(b *inputs) bool {
	return a != nil && b != nil && a.templates == b.templates && reflect.DeepEqual(a.files, b.files)
}

// Result says what one rebuild did.
type Result struct {
	Build    string    // the id of the build served after it
	Changed  bool      // whether what is served changed (and pages were told to reload)
	Problems diag.List // every diagnostic, errors and warnings
	Failed   bool      // whether the build failed (the last good build is kept)
	Took     time.Duration
}

// New builds the site once and returns a server of it, watching for changes when
// opts.Watch is set. A site that fails to build is not an error: the server shows the
// problems until a change fixes them. The error is for a Root that cannot be opened or
// watched.
func New(opts Options) (*Server, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root, err := os.OpenRoot(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("source folder: %w", err)
	}
	s := &Server{
		opts:    opts,
		fsys:    root.FS(),
		cache:   load.NewCache(),
		stop:    make(chan struct{}),
		stopped: make(chan struct{}),
	}
	// Builds are numbered from this server's start, so that a page left open across a
	// restart, which knows a build of the server before, reloads: its "1" is not this one's.
	s.epoch = strconv.FormatInt(time.Now().UnixMilli(), 36)
	s.current.Store(&snapshot{id: s.epoch + "-0", variant: "r"})
	s.hub = livereload.NewHub(s.epoch + "-0")
	if opts.Watch {
		// Watch before the first build, so that no change made during it is lost.
		s.watcher, err = watch.New(opts.Root, []string{"data", "content", "i18n", "templates"}, opts.Debounce)
		if err != nil {
			return nil, fmt.Errorf("watching %s: %w", opts.Root, err)
		}
		go s.watchLoop()
	} else {
		close(s.stopped)
	}
	s.Rebuild(nil)
	return s, nil
}

// Close stops watching and ends every live-reload stream. Call it before the
// http.Server's Shutdown, which waits for streams to end. It may be called more than once.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		close(s.stop)
		if s.watcher != nil {
			err = s.watcher.Close()
		}
		<-s.stopped
		s.hub.Close()
	})
	return err
}

// Rebuilds returns how many builds the server has run, the first one included.
func (s *Server) Rebuilds() int { return int(s.rebuilds.Load()) }

// Build returns the id of the build being served.
func (s *Server) Build() string { return s.current.Load().id }

func (s *Server) watchLoop() {
	defer close(s.stopped)
	for {
		select {
		case <-s.stop:
			return
		case paths := <-s.watcher.Changes():
			s.Rebuild(paths)
		case err := <-s.watcher.Errors():
			fmt.Fprintf(s.opts.Log, "watching: %v; reading every file again\n", err)
			s.Rebuild(nil)
		}
	}
}

// Rebuild builds the site again after the files at changed (slash-separated paths relative to
// Root) changed, reusing what earlier builds parsed of the others; nil changed means not
// known, and every file is read again. It swaps the result in when it differs from what is
// served, and then tells open pages to reload. It prints what it did and the problems found
// to the log.
func (s *Server) Rebuild(changed []string) Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	s.rebuilds.Add(1)
	if changed == nil {
		s.cache = load.NewCache()
	} else {
		s.cache.Forget(changed...)
	}
	// The first build has Build.FileDates, read as the server started.
	trainings := func(p string) bool { return strings.HasPrefix(p, "data/trainings/") }
	if s.opts.FileDates != nil && (changed == nil && s.rebuilds.Load() > 1 || slices.ContainsFunc(changed, trainings)) {
		s.dates = s.opts.FileDates()
	}
	old := s.current.Load()

	files, in, problems := s.build()
	res := Result{Problems: problems, Failed: files == nil}
	next := &snapshot{files: old.files, inputs: old.inputs, variant: "r"}
	if res.Failed {
		next.problems = problems
		lead := leadNoBuild
		if old.files != nil {
			lead = leadLastGood
		}
		next.overlay = overlayHTML(problems, lead)
		sum := sha256.Sum256([]byte(next.overlay))
		next.variant = "e" + hex.EncodeToString(sum[:4])
	} else if !in.same(old.inputs) {
		next.files, next.inputs = files, in
	}
	res.Changed = next.variant != old.variant || next.inputs != old.inputs
	if res.Changed {
		s.builds++
		next.id = s.epoch + "-" + strconv.Itoa(s.builds)
		s.current.Store(next)
		s.hub.Reload(next.id)
	}
	res.Build = s.current.Load().id
	res.Took = time.Since(start)
	s.report(res, len(next.files))
	return res
}

// report prints what a rebuild did.
func (s *Server) report(res Result, files int) {
	w := s.opts.Log
	ms := res.Took.Milliseconds()
	if len(res.Problems) > 0 {
		_ = res.Problems.Write(w, "text")
	}
	switch {
	case res.Failed && files == 0:
		fmt.Fprintf(w, "build failed (%d errors) in %d ms: no build has succeeded yet, and the pages show the problems\n", res.Problems.Errors(), ms)
	case res.Failed:
		fmt.Fprintf(w, "build failed (%d errors) in %d ms: the pages show the problems and keep the last good build\n", res.Problems.Errors(), ms)
	case res.Changed:
		fmt.Fprintf(w, "built %d files in %d ms (build %s): pages reload\n", files, ms, res.Build)
	default:
		fmt.Fprintf(w, "built in %d ms: nothing changed\n", ms)
	}
}

// build runs the data flow of build.Check and build.Plan, with the loader's cache, and
// renders one page of each template to find template errors before pages are told to
// reload; every other page is rendered when first requested. It returns nil files when the
// site has errors, with every diagnostic.
func (s *Server) build() (output.Plan, *inputs, diag.List) {
	loaded, m, diags := s.check()
	if m == nil {
		return nil, nil, diags
	}
	templates, err := fs.Sub(s.fsys, "templates")
	if err == nil {
		_, err = fs.Stat(templates, "base.html")
	}
	if err != nil {
		diags.Add("templates/base.html", 0, 0, diag.Error, "%v", err)
		return nil, nil, diags.Sort()
	}
	in := &inputs{files: loaded}
	if in.templates, err = hashTree(templates); err != nil {
		diags.Add("templates", 0, 0, diag.Error, "%v", err)
		return nil, nil, diags.Sort()
	}
	planned, err := build.PlanSized(m, templates, &s.sizes)
	if err == nil {
		// One page of each template, made side by side; the first failure in the samples'
		// order is the one said.
		errs := make([]error, len(planned.Samples))
		var wg sync.WaitGroup
		for i, name := range planned.Samples {
			wg.Go(func() { _, errs[i] = planned.Files[name].Bytes() })
		}
		wg.Wait()
		for _, e := range errs {
			if e != nil {
				err = e
				break
			}
		}
	}
	if err != nil {
		return nil, nil, append(diags, templateProblem(err)).Sort()
	}
	return planned.Files, in, diags
}

// check is build.Load reading through the server's cache.
func (s *Server) check() (*load.Files, *site.Site, diag.List) {
	opts := s.opts.Build
	if s.dates != nil {
		opts.FileDates = s.dates
	}
	return build.Load(s.fsys, opts, s.cache)
}

// hashTree returns a SHA-256 of the path and bytes of every file under fsys that the build
// reads, read by the same rules (load.Walk): a named pipe there would block a plain read
// forever.
func hashTree(fsys fs.FS) ([32]byte, error) {
	h := sha256.New()
	files, problems := load.Walk(fsys, ".")
	var err error
	if len(problems) > 0 {
		err = fmt.Errorf("%s: %s", problems[0].Path, problems[0].Message)
	}
	for _, p := range files {
		b, rerr := load.ReadFile(fsys, p)
		if err == nil {
			err = rerr
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum, err
}

// templateErrRE finds the template file, line and column in an error of html/template:
// "template: pages/group.html:12:5: executing …" or "template: base.html:3: unexpected …".
var templateErrRE = regexp.MustCompile(`template: ([^:\s]+\.html):(\d+)(?::(\d+))?: (.*)`)

// templateProblem turns a rendering error into a diagnostic at the template's line when the
// error tells it.
func templateProblem(err error) diag.Diagnostic {
	m := templateErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return diag.Diagnostic{Path: "templates", Severity: diag.Error, Message: err.Error()}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return diag.Diagnostic{Path: "templates/" + m[1], Line: line, Col: col, Severity: diag.Error, Message: m[4]}
}

// notFound returns the 404.html nearest to name, as Cloudflare Pages and Netlify's rule in
// _redirects serve it: es/404.html for a missing es/groups/x/, so that a Spanish visitor
// is told in Spanish. found is false when the site has none.
func notFound(files output.Plan, name string) (string, *output.Lazy, bool) {
	dir := path.Dir(strings.TrimSuffix(name, "/"))
	for {
		page := path.Join(dir, "404.html")
		if f, ok := files[page]; ok {
			return page, f, true
		}
		if dir == "." || dir == "/" {
			return "404.html", nil, false
		}
		dir = path.Dir(dir)
	}
}

// ServeHTTP serves the current build, and the dev server's own files under /_sitegen/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowedHost(r.Host) {
		// A page of another site whose name was made to resolve to this computer (DNS
		// rebinding) would otherwise read the preview, and its overlay of file paths and
		// values, as its own origin.
		http.Error(w, fmt.Sprintf("sitegen serve answers only for %s, not for host %q: open the address sitegen printed", s.opts.Build.BaseURL, r.Host), http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := sitePath(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if strings.HasPrefix(name, "_sitegen/") {
		if r.URL.Path == overlayCSSPath {
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			http.ServeContent(w, r, "overlay.css", time.Time{}, strings.NewReader(overlayCSS))
			return
		}
		s.hub.ServeHTTP(w, r)
		return
	}
	snap := s.current.Load() // one snapshot for the whole request
	status := http.StatusOK
	file, found := snap.files[name]
	if !found {
		if _, dir := snap.files[name+"/index.html"]; dir {
			target := r.URL.Path + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		status = http.StatusNotFound
		name, file, found = notFound(snap.files, name)
		if !found {
			file = output.Ready([]byte(fallbackPage))
		}
	}
	body, err := file.Bytes()
	if err != nil {
		// A template that fails on this page only: say so where the page would be, and in
		// the log, where the build said it had built (once per problem and build).
		status, name = http.StatusInternalServerError, "error.html"
		body = []byte(failedPage)
		problem := templateProblem(err)
		if s.firstPageProblem(snap.id, r.URL.Path+": "+problem.Position()+": "+problem.Message) {
			fmt.Fprintf(s.opts.Log, "%s: %s: error: %s (this page could not be made)\n", r.URL.Path, problem.Position(), problem.Message)
		}
		snap = &snapshot{id: snap.id, overlay: overlayHTML(diag.List{problem}, leadThisPage), variant: "x"}
	}
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Sitegen-Build", snap.id)
	digest := sha256.Sum256(body)
	sum := hex.EncodeToString(digest[:10])
	if path.Ext(name) == ".html" {
		body = livereload.Inject(body, snap.overlay+livereload.Tag)
		sum += "-" + snap.variant
	}
	if status != http.StatusOK {
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return
	}
	h.Set("ETag", `"`+sum+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

// allowedHost reports whether a request's Host names this server: the host of the address
// it serves at (Options.Build.BaseURL), and when that is this computer (a loopback address, or
// "localhost" for a server listening on every address) the names of this computer: localhost,
// 127.0.0.1 and [::1]. A server listening on every address is also reached by the addresses
// of this computer's networks (a phone on the same network), so any IP address is allowed
// then: DNS rebinding needs a name, never an address. A request without Host (HTTP/1.0) is
// not a browser's.
func (s *Server) allowedHost(host string) bool {
	if host == "" {
		return true
	}
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.TrimSuffix(strings.ToLower(strings.Trim(name, "[]")), ".")
	served := ""
	if u, err := url.Parse(s.opts.Build.BaseURL); err == nil {
		served = strings.ToLower(u.Hostname())
	}
	if name == served {
		return true
	}
	servedIP := net.ParseIP(served)
	local := served == "localhost" || servedIP != nil && servedIP.IsLoopback()
	if local && (name == "localhost" || name == "127.0.0.1" || name == "::1") {
		return true
	}
	return served == "localhost" && net.ParseIP(name) != nil
}

// firstPageProblem reports whether problem (a page's, with its address) is new in build id,
// and records it.
func (s *Server) firstPageProblem(id, problem string) bool {
	s.pageMu.Lock()
	defer s.pageMu.Unlock()
	if s.pageBuild != id {
		s.pageBuild, s.pageProblems = id, map[string]bool{}
	}
	if s.pageProblems[problem] {
		return false
	}
	s.pageProblems[problem] = true
	return true
}

// failedPage is served, under the overlay, for a page that could not be made.
const failedPage = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>This page could not be made</title>
<body>
<h1>This page could not be made</h1>
</body>
</html>
`

// fallbackPage is served for a miss when the site has no 404.html (no build succeeded yet).
const fallbackPage = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Not found</title>
<body>
<h1>Not found</h1>
</body>
</html>
`

// sitePath maps a request's decoded URL path to the path of a built file, "index.html" for a
// folder. It refuses, as ok false, any path that could name something outside the site:
// ".." or "." segments, empty segments, backslashes and control characters such as NUL.
func sitePath(urlPath string) (name string, ok bool) {
	if !strings.HasPrefix(urlPath, "/") {
		return "", false
	}
	name = urlPath[1:]
	for _, r := range name {
		if r == '\\' || r < 0x20 || r == 0x7f {
			return "", false
		}
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	return name, true
}

// contentType returns the Content-Type of a built file, by its extension.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".xml":
		if strings.HasSuffix(name, "feed.xml") {
			return "application/atom+xml"
		}
		return "application/xml"
	case ".ics":
		return "text/calendar; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".webp":
		return "image/webp"
	case ".ico":
		return "image/x-icon"
	case ".webmanifest":
		return "application/manifest+json"
	case ".woff2":
		return "font/woff2"
	}
	return "application/octet-stream"
}
