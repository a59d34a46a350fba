// Package build runs the whole data flow of a site: load → check → model → render, and hands
// the result to package output (or to the dev server) to be written.
package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"sitegen/internal/check"
	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/feed"
	"sitegen/internal/headers"
	"sitegen/internal/ics"
	"sitegen/internal/links"
	"sitegen/internal/load"
	"sitegen/internal/output"
	"sitegen/internal/render"
	"sitegen/internal/search"
	"sitegen/internal/site"
)

// Options are the settings of one build.
type Options struct {
	// Now is the build date (--now); it must be set.
	Now civil.Date
	// BaseURL overrides data/site.yaml's base_url when not empty (--base-url).
	BaseURL string
	// FileDates are the dates of the site's data files from its history, by path from the
	// site's root (see package history); nil when not known. A training file without them
	// is dated by its modification time in the file system.
	FileDates map[string]site.FileDates
	// BuildID names the program that builds, so that a new version of sitegen makes every
	// page again (see Executable); "" for none.
	BuildID string
}

// Executable returns a name of the running program: the SHA-256 of its file, or "" when it
// cannot be read.
func Executable() string {
	p, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Check reads and checks the site rooted at fsys. It returns the site's model when there is
// no error (warnings allowed), and every problem found, sorted.
func Check(fsys fs.FS, opts Options) (*site.Site, diag.List) {
	_, s, diags := Load(fsys, opts, nil)
	return s, diags
}

// Load is [Check] reading through cache (nil reads every file), also returning the files as
// read: the dev server keeps parsed files between rebuilds and compares them to know whether
// anything changed.
//
// The model is made while the files are checked, each on its own processor, and dropped when
// the check finds an error: checking and making the model each take a tenth of a build after
// one change, and neither changes the files.
func Load(fsys fs.FS, opts Options, cache *load.Cache) (*load.Files, *site.Site, diag.List) {
	files, diags := load.ReadCached(fsys, cache)
	model := func() *site.Site {
		return site.Build(files, site.Options{Now: opts.Now, BaseURL: opts.BaseURL, BuildID: opts.BuildID,
			FileDates: trainingDates(fsys, files, opts.FileDates)})
	}
	made := make(chan *site.Site, 1)
	if files.Site != nil && diags.Errors() == 0 {
		go func() {
			// site.Build may panic on files the check refuses; such a model is not used.
			defer func() {
				if recover() != nil {
					made <- nil
				}
			}()
			made <- model()
		}()
	} else {
		made <- nil
	}
	diags = checkFiles(files, diags, opts, cache)
	s := <-made
	if diags.Errors() > 0 || files.Site == nil {
		return files, nil, diags
	}
	if s == nil {
		s = model() // it failed on checked files: a bug, which this call reports
	}
	return files, s, diags
}

// Diagnose reads the site through cache (nil reads every file) and checks it, as [Load]
// does, without making the model: what `sitegen check` needs.
func Diagnose(fsys fs.FS, opts Options, cache *load.Cache) (*load.Files, diag.List) {
	files, diags := load.ReadCached(fsys, cache)
	return files, checkFiles(files, diags, opts, cache)
}

// checkFiles returns diags, what reading files found, with what checking them finds (and the
// base URL's check), sorted.
func checkFiles(files *load.Files, diags diag.List, opts Options, cache *load.Cache) diag.List {
	copts := check.Options{Now: opts.Now}
	if cache != nil {
		copts.Memo = cache // the groups found without a problem are not checked again
	}
	diags = append(diags, check.Files(files, copts)...).Sort()
	if opts.BaseURL != "" {
		if err := checkBaseURL(opts.BaseURL); err != nil {
			diags = append(diags, diag.Diagnostic{Path: "--base-url", Severity: diag.Error, Message: err.Error()})
		}
	}
	return diags
}

// trainingDates returns the dates of every training file: those of known (the site's history)
// where it has them, else the file's modification time as fsys gives it, to the second (a file
// changed since its last commit keeps its first date from known). A file system without
// modification times (an in-memory one) leaves the file undated.
func trainingDates(fsys fs.FS, files *load.Files, known map[string]site.FileDates) map[string]site.FileDates {
	out := make(map[string]site.FileDates, len(files.Trainings))
	for _, t := range files.Trainings {
		d := known[t.Path]
		if d.Changed.IsZero() {
			if st, err := fs.Stat(fsys, t.Path); err == nil && !st.ModTime().IsZero() {
				d.Changed = st.ModTime().UTC().Truncate(time.Second)
			}
			if d.Created.IsZero() || d.Created.After(d.Changed) {
				d.Created = d.Changed
			}
		}
		if !d.Changed.IsZero() {
			out[t.Path] = d
		}
	}
	return out
}

func checkBaseURL(u string) error { return check.BaseURL(u) }

// Render renders every file of the published site: pages and assets, calendars, feeds,
// machine-readable data, sitemap, robots.txt, the search index and the host's _headers.
// templates is the site's templates/ folder.
func Render(s *site.Site, templates fs.FS) (output.Files, error) {
	p, err := Plan(s, templates)
	if err != nil {
		return nil, err
	}
	return p.Files.Files()
}

// Plan prepares every file of the published site without making most of them: each page,
// calendar and feed is made when first asked for (see render.Plan). A build asks for all; the
// dev server only for what a browser requests.
func Plan(s *site.Site, templates fs.FS) (*render.Planned, error) {
	return PlanSized(s, templates, nil)
}

// PlanSized is [Plan] weighing the search index's files through sizes, which the dev server
// keeps from one build to the next (see search.Sizes).
func PlanSized(s *site.Site, templates fs.FS, sizes *search.Sizes) (*render.Planned, error) {
	// The search index is written from the model alone: while the pages are planned.
	type indexFiles struct {
		files map[string][]byte
		err   error
	}
	indexed := make(chan indexFiles, 1)
	go func() {
		files, err := search.WriteSized(s, sizes)
		indexed <- indexFiles{files, err}
	}()
	p, err := render.Plan(s, templates)
	if err != nil {
		<-indexed
		return nil, err
	}
	files := p.Files
	lazyKeyed := func(name, key string, make func() ([]byte, error)) {
		files[name] = output.NewKeyedLazy(key, func() ([]byte, error) {
			b, err := make()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			return b, nil
		})
	}
	lazy := func(name string, make func() ([]byte, error)) { lazyKeyed(name, "", make) }
	var upcoming []*site.Training
	for _, t := range s.Trainings {
		if t.Upcoming(s.Now) {
			upcoming = append(upcoming, t)
		}
	}
	zones := ics.NewTimezones()
	for _, lang := range s.Languages {
		for _, g := range s.Groups {
			lazyKeyed(s.In(lang, g.CalendarPath()), p.Keys.Group(g, lang, "calendar"), func() ([]byte, error) {
				var b bytes.Buffer
				err := zones.Group(&b, s, g, lang)
				return b.Bytes(), err
			})
		}
		lazy(s.In(lang, site.TrainingsCalendar), func() ([]byte, error) {
			var b bytes.Buffer
			err := ics.Trainings(&b, s, upcoming, lang)
			return b.Bytes(), err
		})
	}
	lazy(site.GroupsJSON, func() ([]byte, error) { return feed.MeetingGuide(s) })
	lazy(site.TrainingsJSON, func() ([]byte, error) { return feed.TrainingsJSON(s) })
	lazy(site.TrainingsFeed, func() ([]byte, error) { return feed.Atom(s) })
	// Every limit is checked here, while planning, before any page is rendered.
	maps, err := feed.Sitemaps(s.BaseURL, sitemapEntries(s, files.Paths()))
	if err != nil {
		return nil, err
	}
	for name, make := range maps {
		lazy(name, make)
	}
	files[site.Robots] = output.Ready(feed.Robots(s.BaseURL))
	index := <-indexed
	if index.err != nil {
		return nil, index.err
	}
	for name, b := range index.files {
		files[name] = output.Ready(b)
	}
	// Which files are named by a hash of their content is known before any file is written:
	// the writer forgets each file's bytes once written (output.Lazy.Take), so _headers
	// could not read them then, and would say otherwise from one build to the next.
	hashed := search.RecordsNamedByHash(index.files)
	for name := range p.Assets {
		hashed[name] = true // named by its source: not minified here to be hashed
	}
	for name, l := range files {
		if hashed[name] || !headers.HashLike(name) {
			continue
		}
		b, err := l.Bytes()
		if err != nil {
			return nil, err
		}
		hashed[name] = headers.NamedByHash(name, b)
	}
	if u, err := url.Parse(s.BaseURL); err == nil {
		if b := headers.Redirects(u.Path, files.Paths()); b != nil {
			files[headers.RedirectsName] = output.Ready(b)
		}
	}
	lazy(headers.FileName, func() ([]byte, error) { return headersFile(s.BaseURL, files, hashed) })
	return p, nil
}

// headersFile makes _headers for files, the site being published at baseURL; hashed names
// the files named by a hash of their content (see headers.NamedByHash), or of content that
// is not theirs alone (the search index's files of records, see search.RecordsNamedByHash).
func headersFile(baseURL string, files output.Plan, hashed map[string]bool) ([]byte, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	paths := make([]string, 0, len(files))
	for name := range files {
		if name != headers.FileName && name != headers.RedirectsName {
			paths = append(paths, name)
		}
	}
	return headers.Format(headers.Rules(u.Path, paths, func(name string) bool { return hashed[name] })), nil
}

// sitemapEntries lists every HTML page written, with the date it last changed where the data
// tells it.
func sitemapEntries(s *site.Site, paths []string) []feed.SitemapEntry {
	lastmod := map[string]civil.Date{}
	for _, lang := range s.Languages {
		lastmod[s.In(lang, s.Home.Path())] = s.Home.Updated
		for _, g := range s.Groups {
			lastmod[s.In(lang, g.Path())] = g.Verified
		}
		for _, p := range append(slices.Clone(s.Guides), s.Pages...) {
			lastmod[s.In(lang, p.Path())] = p.Updated
			if t, ok := p.In(lang); ok && t.Updated.After(p.Updated) {
				lastmod[s.In(lang, p.Path())] = t.Updated
			}
		}
	}
	var entries []feed.SitemapEntry
	for _, name := range paths {
		if path.Base(name) != "index.html" {
			continue
		}
		dir := strings.TrimSuffix(name, "index.html")
		entries = append(entries, feed.SitemapEntry{Path: dir, LastMod: lastmod[dir]})
	}
	return entries
}

// Write makes every file of the plan p of site s and gives it to w, checking the links of
// every page on the way: each address inside the site must name a file of the plan, each
// other a well-formed http(s), mailto, tel, sms or geo URL. A broken link is an error naming
// the Markdown file or template, and its line, that wrote it, when it can be found; then
// nothing is to be published. templates is the site's templates/ folder.
func Write(s *site.Site, p *render.Planned, templates fs.FS, w *output.Writer) (diag.List, error) {
	base := "/"
	if u, err := url.Parse(s.BaseURL); err == nil && u.Path != "" {
		base = u.Path
	}
	checker := links.New(base)
	err := p.Files.WriteTo(w, func(name string, b []byte) {
		if strings.HasSuffix(name, ".html") {
			checker.Page(name, b)
		}
	})
	if err != nil {
		return nil, err
	}
	sources := append(s.MarkdownLinks(), render.TemplateLinks(templates)...)
	var diags diag.List
	for _, b := range checker.Check(func(name string) bool { _, ok := p.Files[name]; return ok }, sources) {
		d := diag.Diagnostic{Path: "public/" + b.Pages[0], Severity: diag.Error, Message: b.Error()}
		if b.Source != nil {
			d.Path, d.Line = b.Source.File, b.Source.Line
			d.Message = fmt.Sprintf("link %q on %s %s", b.Link, strings.Join(b.Pages, ", "), b.Reason)
			if b.Count > len(b.Pages) {
				d.Message = fmt.Sprintf("link %q on %s and %d other pages %s", b.Link, strings.Join(b.Pages, ", "), b.Count-len(b.Pages), b.Reason)
			}
		}
		diags = append(diags, d)
	}
	return diags.Sort(), nil
}
