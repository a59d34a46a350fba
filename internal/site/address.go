package site

import (
	"path"
	"strings"
)

// The site's addresses, each written once: every package that writes or links a file asks
// the model for its path. Paths are relative to the site's root, without a leading slash;
// a page's ends in "/" (its file is PATH+"index.html"). Pages in another language than the
// site's own are under that language's folder: [Site.In].

// Path returns the address of g's page: "groups/AFFILIATE/SLUG/".
func (g *Group) Path() string { return "groups/" + g.ID + "/" }

// CalendarPath returns the address of g's calendar file.
func (g *Group) CalendarPath() string { return g.Path() + "group.ics" }

// Path returns the address of a's page: "affiliates/SLUG/".
func (a *Affiliate) Path() string { return "affiliates/" + a.Slug + "/" }

// Path returns the address of t's page: "trainings/SLUG/".
func (t *Training) Path() string { return "trainings/" + t.Slug + "/" }

// Path returns the address of p: "" for the home page, "guides/SLUG/" for a guide,
// "SLUG/" for another page.
func (p *Page) Path() string {
	switch {
	case p.Slug == "index":
		return ""
	case p.Guide:
		return "guides/" + p.Slug + "/"
	}
	return p.Slug + "/"
}

// StatePath returns the address of the list of a state's groups: "groups/oh/".
func StatePath(code string) string { return "groups/" + strings.ToLower(code) + "/" }

// The addresses of the site's fixed pages and files.
const (
	FinderPath        = "groups/"
	AffiliatesPath    = "affiliates/"
	TrainingsPath     = "trainings/"
	SearchPath        = "search/"
	NotFoundPath      = "404.html"
	TrainingsCalendar = "trainings/trainings.ics"
	TrainingsFeed     = "trainings/feed.xml"
	GroupsJSON        = "api/groups.json"
	TrainingsJSON     = "api/trainings.json"
	SearchManifest    = "search/manifest.json"
	Sitemap           = "sitemap.xml"
	Robots            = "robots.txt"
	AssetsDir         = "assets/"
)

// In returns the address of the page at p (as the methods above give it) in lang: p itself
// in the site's language, "es/"+p in another.
func (s *Site) In(lang, p string) string {
	if lang == "" || lang == s.Language {
		return p
	}
	return lang + "/" + p
}

// URL returns the absolute address of p.
func (s *Site) URL(p string) string { return s.BaseURL + p }

// Reserved returns the top-level names that a plain page's slug may not take, because the
// site's own addresses use them, languages included.
func (s *Site) Reserved() []string { return Reserved(s.Languages) }

// Reserved returns the top-level names of the site's own addresses, for a site whose
// interface speaks languages.
func Reserved(languages []string) []string {
	names := []string{"index", "404", "guides"}
	for _, p := range []string{FinderPath, AffiliatesPath, TrainingsPath, SearchPath, NotFoundPath,
		GroupsJSON, TrainingsJSON, Sitemap, Robots, AssetsDir} {
		first, _, _ := strings.Cut(p, "/")
		first = strings.TrimSuffix(first, path.Ext(first))
		names = append(names, first)
	}
	names = append(names, languages...)
	return names
}

// ElementIDs returns the element ids the site's templates give elements (the main content,
// the finder's results, the words of the scripts, a guide's lists): no Markdown heading may
// take one.
func ElementIDs() []string {
	return []string{"main", "results", "q", "contents", "guides", "words",
		"list-facilitator-trainings", "list-state-organizations", "list-champion-calls",
		"calendar", "share-url"}
}
