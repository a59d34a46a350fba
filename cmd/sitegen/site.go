package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/diag"
	"sitegen/internal/load"
	"sitegen/internal/output"
	"sitegen/internal/review"
	"sitegen/internal/search"

	_ "time/tzdata" // zones validate and convert the same on every machine
)

// openSource opens the site root as a file system that cannot be left through symbolic links.
func openSource(dir string) (fs.FS, error) {
	if err := siteRoot(dir); err != nil {
		return nil, err
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("source folder: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("source %s is not a folder", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return root.FS(), nil
}

// prepare parses the build date and opens the source; a failure is a usage error.
func (e *env) prepare(cmd string) (fs.FS, build.Options, int) {
	now, err := e.now()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen %s: %v\n", cmd, err)
		return nil, build.Options{}, exitUsage
	}
	fsys, err := openSource(e.source)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen %s: %v\n", cmd, err)
		return nil, build.Options{}, exitUsage
	}
	return fsys, build.Options{Now: now, BaseURL: e.baseURL, FileDates: e.fileDates(cmd)}, exitOK
}

func (e *env) report(diags diag.List) {
	if len(diags) > 0 || e.format == "json" {
		if err := diags.Write(e.stdout, e.format); err != nil {
			fmt.Fprintf(e.stderr, "sitegen: %v\n", err)
		}
	}
}

func runCheck(e *env, args []string) int {
	only, code := e.siteFiles("check", args)
	if code != exitOK {
		return code
	}
	// A short batch run whose garbage is parsed YAML: collecting less often saves about a
	// third of a national check (BenchmarkCheck10k: 0.76 s → 0.50 s), within the memory
	// limit.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	defer e.limitMemory()()
	fsys, opts, code := e.prepare("check")
	if code != exitOK {
		return code
	}
	if e.stale {
		return e.reportStale(fsys, opts)
	}
	listed := e.listAhead(fsys)
	program := build.Executable()
	cache := e.parseCache(program)
	defer e.collectLater(cache)()
	diags, ok := e.checkedBefore(cache, listed, opts)
	if !ok {
		var files *load.Files
		files, diags = build.Diagnose(fsys, opts, cache)
		diags = append(diags, e.checkCodeOwners(fsys, files, diags)...).Sort()
		if cache != nil {
			cache.Remember(checkKey(fsys, files.Key, opts), load.Memo{Diags: diags})
		}
	}
	e.keepParseCache(cache, program)
	if only != nil {
		// The whole site is checked (a file's problems may be another's: a slug taken twice),
		// and the files named are reported, with a word on the others.
		var mine diag.List
		for _, d := range diags {
			if within(d.Path, only) {
				mine = append(mine, d)
			}
		}
		if others := len(diags) - len(mine); others > 0 && e.format == "text" {
			fmt.Fprintf(e.stderr, "sitegen check: %s in other files of the site (run sitegen check without files to see them)\n", diag.Count(others, "problem", "problems"))
		}
		diags = mine
	}
	e.report(diags)
	if diags.Failed(e.strict) {
		return exitSite
	}
	return exitOK
}

// siteFiles returns the files and folders args name, as paths in the site's folder
// ("data/groups/nami-olentangy/clintonville.yaml"), or nil for none; a path outside the
// site, or one that does not exist, is a usage error.
func (e *env) siteFiles(cmd string, args []string) ([]string, int) {
	if len(args) == 0 {
		return nil, exitOK
	}
	root, err := filepath.Abs(e.source)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen %s: %v\n", cmd, err)
		return nil, exitUsage
	}
	var out []string
	for _, a := range args {
		abs, err := filepath.Abs(a)
		if err == nil {
			_, err = os.Stat(abs)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "sitegen %s: %s: no such file in the site's folder %s (to check another site, use -s DIR)\n", cmd, a, e.source)
			return nil, exitUsage
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			fmt.Fprintf(e.stderr, "sitegen %s: %s is not in the site's folder %s (use -s DIR for the site's folder)\n", cmd, a, e.source)
			return nil, exitUsage
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out, exitOK
}

// within reports whether the site path p is one of paths, or in a folder of them.
func within(p string, paths []string) bool {
	for _, q := range paths {
		if q == "." || p == q || strings.HasPrefix(p, q+"/") {
			return true
		}
	}
	return false
}

// checkedBefore returns what the last check found, when the cache of parsed files knows that
// no file changed since and that check was of the same date and CODEOWNERS file.
func (e *env) checkedBefore(cache *load.Cache, listed *listing, opts build.Options) (diag.List, bool) {
	if cache == nil || listed == nil {
		return nil, false
	}
	site, ok := cache.UnchangedListed(listed.wait())
	if !ok {
		return nil, false
	}
	m, ok := cache.Recall(checkKey(listed.fsys, site, opts))
	return m.Diags, ok
}

// checkKey names a whole check: the site's files (load.Files.Key), the date and base URL it
// is checked for, and the CODEOWNERS file its editors are compared with.
func checkKey(fsys fs.FS, site [32]byte, opts build.Options) [32]byte {
	h := sha256.New()
	h.Write([]byte("check\x00"))
	h.Write(site[:])
	fmt.Fprintf(h, "%s\x00%s\x00", opts.Now, opts.BaseURL)
	if b, err := fs.ReadFile(fsys, review.CodeOwnersPath); err == nil {
		h.Write(b)
	} else {
		h.Write([]byte("\x00no codeowners"))
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func runBuild(e *env, args []string) int {
	defer e.limitMemory()()
	if len(args) > 0 {
		fmt.Fprintf(e.stderr, "sitegen build: unexpected argument %q (use -s DIR for the site's folder)\n", args[0])
		return exitUsage
	}
	if e.baseURL != "" && !strings.HasPrefix(e.baseURL, "http://") && !strings.HasPrefix(e.baseURL, "https://") {
		fmt.Fprintf(e.stderr, "sitegen build: --base-url %q must start with http:// or https://\n", e.baseURL)
		return exitUsage
	}
	start := time.Now()
	fsys, opts, code := e.prepare("build")
	if code != exitOK {
		return code
	}
	listed := e.listAhead(fsys)
	// A new version of sitegen makes every page again, whatever the keys of their inputs.
	program := build.Executable()
	opts.BuildID = program
	dest := e.destination
	if dest == "" {
		dest = filepath.Join(e.source, "public")
	}
	// Refuse a destination that would take the source with it before doing anything else.
	outOpts := output.Options{Source: e.source}
	for _, d := range []string{"data", "content", "i18n", "templates", ".git"} {
		outOpts.Protect = append(outOpts.Protect, filepath.Join(e.source, d))
	}
	if err := output.Check(dest, outOpts); err != nil {
		fmt.Fprintf(e.stderr, "sitegen build: %v\n", err)
		return exitUsage
	}
	cache := e.parseCache(program)
	defer e.collectLater(cache)()
	if code, done := e.builtBefore(cache, listed, opts, dest, start); done {
		return code
	}
	go search.Prepare(e.gazetteerCacheFile(), program) // what the site does not change, made (or read) while it is loaded
	// The destination is opened (waiting for any other build to it, reading what it holds)
	// while the site is loaded too.
	dst := openDestination(dest, outOpts)
	defer dst.close()
	files, s, diags := build.Load(fsys, opts, cache)
	// The cache is written while the site is: nothing after load changes what was parsed.
	kept := make(chan struct{})
	go func() {
		defer close(kept)
		e.keepParseCache(cache, program)
	}()
	defer func() { <-kept }()
	e.report(diags)
	if s == nil || diags.Failed(e.strict) {
		fmt.Fprintf(e.stderr, "sitegen build: %s, %s; %s was left as it was\n", diag.Count(diags.Errors(), "error", "errors"), diag.Count(diags.Warnings(), "warning", "warnings"), dest)
		return exitSite
	}
	templates, err := fs.Sub(fsys, "templates")
	if err == nil {
		_, err = fs.Stat(templates, "base.html")
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen build: templates/base.html: %v; %s was left as it was\n", err, dest)
		return exitSite
	}
	plan, err := build.Plan(s, templates)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen build: %v; %s was left as it was\n", err, dest)
		return exitSite
	}
	w, err := dst.wait()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen build: %v\n", err)
		if errors.Is(err, output.ErrUnsafe) {
			return exitUsage
		}
		return exitSite
	}
	key := buildKey(fsys, files.Key, opts)
	w.SetBuild(hex.EncodeToString(key[:]))
	// Pages are rendered and written as they are made: the site is never all in memory. Their
	// links are checked on the way; a broken one publishes nothing.
	broken, err := build.Write(s, plan, templates, w)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen build: %v; %s was left as it was\n", err, dest)
		return exitSite
	}
	if len(broken) > 0 {
		e.report(broken)
		fmt.Fprintf(e.stderr, "sitegen build: %d broken links; %s was left as it was\n", len(broken), dest)
		return exitSite
	}
	stats, err := w.Commit()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen build: %v\n", err)
		return exitSite
	}
	if stats.Behind != nil {
		fmt.Fprintf(e.stderr, "sitegen build: warning: the new site is published in %s, but the copy of the previous one that the next build starts from could not be brought up to date: %v; the next build that changes something makes it again\n", dest, stats.Behind)
	}
	for _, name := range stats.LeftOut {
		fmt.Fprintf(e.stderr, "sitegen build: note: %s was not made by the build, so the site leaves it out; it was moved to %s\n",
			filepath.Join(dest, filepath.FromSlash(name)), filepath.Join(stats.LeftOutTo, filepath.FromSlash(name)))
	}
	pages := 0
	for name := range plan.Files {
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	changes := "nothing changed"
	if !stats.Unchanged {
		changes = fmt.Sprintf("%d written, %d removed, %d not made again", stats.Written, stats.Removed, stats.Kept)
	}
	sum := buildSummary{Pages: pages, Files: stats.Files, Groups: len(s.Groups), Affiliates: len(s.Affiliates), Trainings: len(s.Trainings)}
	e.printBuilt(sum, changes, diags, start, dest)
	if cache != nil {
		<-kept // the cache is written again with what the build found
		if note, err := json.Marshal(sum); err == nil {
			cache.Remember(key, load.Memo{Diags: diags, Note: string(note)})
			e.keepParseCache(cache, program)
		}
	}
	return exitOK
}

// destination is an output.Writer being opened on another goroutine.
type destination struct {
	done chan struct{}
	w    *output.Writer
	err  error
}

// openDestination starts output.Open(dest, opts).
func openDestination(dest string, opts output.Options) *destination {
	d := &destination{done: make(chan struct{})}
	go func() {
		defer close(d.done)
		d.w, d.err = output.Open(dest, opts)
	}()
	return d
}

// wait returns what output.Open returned.
func (d *destination) wait() (*output.Writer, error) {
	<-d.done
	return d.w, d.err
}

// close waits for Open and releases the destination, whether the build used it or not.
func (d *destination) close() {
	if w, err := d.wait(); err == nil {
		w.Close()
	}
}

// buildSummary is what a build's summary line counts, kept with what it found so that a
// build of a site that did not change can say it again.
type buildSummary struct {
	Pages, Files, Groups, Affiliates, Trainings int
}

func (e *env) printBuilt(sum buildSummary, changes string, diags diag.List, start time.Time, dest string) {
	fmt.Fprintf(e.stdout, "built %s (%s; %s): %s, %s, %s, %s in %d ms → %s\n",
		diag.Count(sum.Pages, "page", "pages"), diag.Count(sum.Files, "file", "files"), changes, diag.Count(sum.Groups, "group", "groups"), diag.Count(sum.Affiliates, "affiliate", "affiliates"),
		diag.Count(sum.Trainings, "training", "trainings"), diag.Count(diags.Warnings(), "warning", "warnings"), time.Since(start).Milliseconds(), dest)
}

// builtBefore finishes a build at once when nothing it is made from changed since the build
// that made dest: the same files (as the cache of parsed files knows them, without reading
// them), templates, date, base URL, file history and sitegen executable. It says again what
// that build said, and reports whether it finished the build, with its exit code.
func (e *env) builtBefore(cache *load.Cache, listed *listing, opts build.Options, dest string, start time.Time) (int, bool) {
	if cache == nil || listed == nil {
		return 0, false
	}
	site, ok := cache.UnchangedListed(listed.wait())
	if !ok {
		return 0, false
	}
	key := buildKey(listed.fsys, site, opts)
	if output.Built(dest) != hex.EncodeToString(key[:]) {
		return 0, false
	}
	m, ok := cache.Recall(key)
	var sum buildSummary
	if !ok || json.Unmarshal([]byte(m.Note), &sum) != nil || m.Diags.Failed(e.strict) {
		return 0, false
	}
	e.report(m.Diags)
	e.printBuilt(sum, "nothing changed", m.Diags, start, dest)
	return exitOK, true
}

// listing is a walk of the site's folders (load.List) made on another goroutine.
type listing struct {
	fsys fs.FS
	done chan struct{}
	l    *load.Listing
}

// listAhead starts listing the site's folders while the program's name is worked out and
// the cache read (a tenth of a build after one change is that walk), when there is a cache
// to compare them with; else it returns nil.
func (e *env) listAhead(fsys fs.FS) *listing {
	if e.parseCacheFile() == "" {
		return nil
	}
	l := &listing{fsys: fsys, done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.l = load.List(fsys)
	}()
	return l
}

// wait returns the listing.
func (l *listing) wait() *load.Listing {
	<-l.done
	return l.l
}

// buildKey names a build: the site's files (load.Files.Key), the templates, and the
// settings and history the build is given, including the program that builds.
func buildKey(fsys fs.FS, site [32]byte, opts build.Options) [32]byte {
	h := sha256.New()
	h.Write([]byte("build\x00"))
	h.Write(site[:])
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", opts.Now, opts.BaseURL, opts.BuildID)
	for _, p := range slices.Sorted(maps.Keys(opts.FileDates)) {
		d := opts.FileDates[p]
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00", p, d.Created.Unix(), d.Changed.Unix())
	}
	err := fs.WalkDir(fsys, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		fmt.Fprintf(h, "%s\x00%d\x00%v\x00", p, len(b), err)
		h.Write(b)
		return nil
	})
	if err != nil {
		fmt.Fprintf(h, "templates: %v", err)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// memoryLimit is the memory check and build hold themselves to unless GOMEMLIMIT says
// otherwise: the garbage collector works harder as they near it. A national build's live data
// is a few hundred megabytes at 100,000 groups; without a limit the heap was let grow to
// twice that and more (1.8 GB at its peak).
const memoryLimit = 1 << 30

// limitMemory sets the memory limit for a check or build and returns what puts it back.
func (e *env) limitMemory() func() {
	if e.getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(memoryLimit)
	return func() { debug.SetMemoryLimit(prev) }
}

// collectLater turns the garbage collector off, up to the memory limit, for a run that
// finds the site's files in cache: what such a run allocates is mostly the site it keeps to
// the end (the parsed files, the model, the index), so collecting each time the heap doubles
// found little garbage and cost a tenth of a build after a change. The memory limit still
// bounds the heap: near it, the collector runs as usual. A run with GOGC or GOMEMLIMIT set,
// or without a cache, is left as it is. It returns what undoes it.
func (e *env) collectLater(cache *load.Cache) func() {
	if cache == nil || cache.Len() == 0 || e.getenv("GOGC") != "" || e.getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(-1)
	return func() { debug.SetGCPercent(prev) }
}

// parseCache returns the cache of parsed files this site's last check or build kept (see
// load.ReadCacheFile) if it was kept by program (a hash of this executable). It is kept
// in the user's cache folder, one file per site folder; SITEGEN_CACHE names another folder,
// or is "off" to go without it.
func (e *env) parseCache(program string) *load.Cache {
	file := e.parseCacheFile()
	if file == "" {
		return nil
	}
	return load.ReadCacheFile(file, program)
}

// keepParseCache writes the cache back for the next run; a failure only costs that run time.
func (e *env) keepParseCache(c *load.Cache, program string) {
	if file := e.parseCacheFile(); c != nil && file != "" {
		if err := c.WriteFile(file, program); err != nil {
			fmt.Fprintf(e.stderr, "sitegen: note: the cache of parsed files could not be kept: %v\n", err)
		}
	}
}

func (e *env) parseCacheFile() string {
	dir := e.cacheDir()
	if dir == "" {
		return ""
	}
	abs, err := filepath.Abs(e.source)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, hex.EncodeToString(sum[:8])+".gob")
}

// gazetteerCacheFile is where builds keep the search index's gazetteer files (see
// search.Prepare), the same for every site; empty without a cache folder.
func (e *env) gazetteerCacheFile() string {
	if dir := e.cacheDir(); dir != "" {
		return filepath.Join(dir, "gazetteer.gob")
	}
	return ""
}

// cacheDir is the folder of the caches (see parseCache); empty when they are off.
func (e *env) cacheDir() string {
	dir := e.getenv("SITEGEN_CACHE")
	switch dir {
	case "off":
		return ""
	case "":
		d, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(d, "sitegen")
	}
	return dir
}
