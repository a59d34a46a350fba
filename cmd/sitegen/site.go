package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/diag"
	"sitegen/internal/load"
	"sitegen/internal/output"

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
	if len(args) > 0 {
		fmt.Fprintf(e.stderr, "sitegen check: unexpected argument %q (use -s DIR for the site's folder)\n", args[0])
		return exitUsage
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
	program := build.Executable()
	cache := e.parseCache(program)
	files, _, diags := build.Load(fsys, opts, cache)
	e.keepParseCache(cache, program)
	diags = append(diags, e.checkCodeOwners(fsys, files, diags)...).Sort()
	e.report(diags)
	if diags.Failed(e.strict) {
		return exitSite
	}
	return exitOK
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
	_, s, diags := build.Load(fsys, opts, cache)
	// The cache is written while the site is: nothing after load changes what was parsed.
	kept := make(chan struct{})
	go func() {
		defer close(kept)
		e.keepParseCache(cache, program)
	}()
	defer func() { <-kept }()
	e.report(diags)
	if s == nil || diags.Failed(e.strict) {
		fmt.Fprintf(e.stderr, "sitegen build: %d errors, %d warnings; %s was left as it was\n", diags.Errors(), diags.Warnings(), dest)
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
	w, err := output.Open(dest, outOpts)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen build: %v\n", err)
		if errors.Is(err, output.ErrUnsafe) {
			return exitUsage
		}
		return exitSite
	}
	defer w.Close()
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
	fmt.Fprintf(e.stdout, "built %d pages (%d files; %s): %d groups, %d affiliates, %d trainings, %d warnings in %d ms → %s\n",
		pages, stats.Files, changes, len(s.Groups), len(s.Affiliates), len(s.Trainings), diags.Warnings(), time.Since(start).Milliseconds(), dest)
	return exitOK
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
	abs, err := filepath.Abs(e.source)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, hex.EncodeToString(sum[:8])+".gob")
}
