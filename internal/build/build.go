// Package build runs the whole data flow of a site: load → check → model → render, and hands
// the result to package output (or to the dev server) to be written.
package build

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"sitegen/internal/check"
	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/feed"
	"sitegen/internal/ics"
	"sitegen/internal/load"
	"sitegen/internal/output"
	"sitegen/internal/render"
	"sitegen/internal/site"
)

// Options are the settings of one build.
type Options struct {
	// Now is the build date (--now); it must be set.
	Now civil.Date
	// BaseURL overrides data/site.yaml's base_url when not empty (--base-url).
	BaseURL string
}

// Check reads and checks the site rooted at fsys. It returns the site's model when there is
// no error (warnings allowed), and every problem found, sorted.
func Check(fsys fs.FS, opts Options) (*site.Site, diag.List) {
	files, diags := load.Read(fsys)
	diags = append(diags, check.Files(files, check.Options{Now: opts.Now})...).Sort()
	if opts.BaseURL != "" {
		if err := checkBaseURL(opts.BaseURL); err != nil {
			diags = append(diags, diag.Diagnostic{Path: "--base-url", Severity: diag.Error, Message: err.Error()})
		}
	}
	if diags.Errors() > 0 || files.Site == nil {
		return nil, diags
	}
	return site.Build(files, site.Options{Now: opts.Now, BaseURL: opts.BaseURL}), diags
}

func checkBaseURL(u string) error {
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") || len(u) < len("http://x") {
		return fmt.Errorf("%q must be an absolute http(s) URL", u)
	}
	return nil
}

// Render renders every file of the published site: pages and assets, calendars, feeds,
// machine-readable data, sitemap and robots.txt. templates is the site's templates/ folder.
func Render(s *site.Site, templates fs.FS) (output.Files, error) {
	pages, err := render.Pages(s, templates)
	if err != nil {
		return nil, err
	}
	files := output.Files(pages)
	add := func(name string, b []byte, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		files[name] = b
		return nil
	}
	for _, g := range s.Groups {
		var b strings.Builder
		err := ics.Group(&b, s, g)
		if err := add("groups/"+g.ID+"/group.ics", []byte(b.String()), err); err != nil {
			return nil, err
		}
	}
	var upcoming []*site.Training
	for _, t := range s.Trainings {
		if t.Upcoming(s.Now) {
			upcoming = append(upcoming, t)
		}
	}
	var cal strings.Builder
	err = ics.Trainings(&cal, s, upcoming)
	if err := add("trainings/trainings.ics", []byte(cal.String()), err); err != nil {
		return nil, err
	}
	mg, err := feed.MeetingGuide(s)
	if err := add("api/groups.json", mg, err); err != nil {
		return nil, err
	}
	tj, err := feed.TrainingsJSON(s)
	if err := add("api/trainings.json", tj, err); err != nil {
		return nil, err
	}
	atom, err := feed.Atom(s)
	if err := add("trainings/feed.xml", atom, err); err != nil {
		return nil, err
	}
	sm, err := feed.Sitemap(s.BaseURL, sitemapEntries(s, files))
	if err := add("sitemap.xml", sm, err); err != nil {
		return nil, err
	}
	files["robots.txt"] = feed.Robots(s.BaseURL)
	return files, nil
}

// sitemapEntries lists every HTML page written, with the date it last changed where the data
// tells it.
func sitemapEntries(s *site.Site, files output.Files) []feed.SitemapEntry {
	lastmod := map[string]civil.Date{"": s.Home.Updated}
	for _, g := range s.Groups {
		lastmod["groups/"+g.ID+"/"] = g.Verified
	}
	for _, p := range s.Guides {
		lastmod["guides/"+p.Slug+"/"] = p.Updated
	}
	for _, p := range s.Pages {
		lastmod[p.Slug+"/"] = p.Updated
	}
	var entries []feed.SitemapEntry
	for _, name := range files.Paths() {
		if path.Base(name) != "index.html" {
			continue
		}
		dir := strings.TrimSuffix(name, "index.html")
		entries = append(entries, feed.SitemapEntry{Path: dir, LastMod: lastmod[dir]})
	}
	return entries
}
