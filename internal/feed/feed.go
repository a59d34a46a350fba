// Package feed writes the site's machine-readable files: the Meeting Guide feed of groups
// (/api/groups.json), the trainings as JSON (/api/trainings.json) and as an Atom feed
// (/trainings/feed.xml), the schema.org Event JSON-LD of a training page, the sitemap and
// robots.txt.
//
// Every function is pure: it reads only the model it is given (never the wall clock; the build
// date is [site.Site.Now]) and sorts whatever it lists, so two calls on the same model give the
// same bytes. Privacy comes from the model: a [site.Site] holds no private or ended group or
// training, and an online group's join link only when its link is public; this package adds no
// other source of data.
package feed

import (
	"time"

	"sitegen/internal/site"
	"sitegen/internal/words"
)

// groupURL returns the absolute address of g's page.
func groupURL(s *site.Site, g *site.Group) string { return s.URL(g.Path()) }

// trainingURL returns the absolute address of t's page.
func trainingURL(s *site.Site, t *site.Training) string { return s.URL(t.Path()) }

// affiliateURL returns the absolute address of a's page.
func affiliateURL(s *site.Site, a *site.Affiliate) string { return s.URL(a.Path()) }

// zoneOf returns loc, or the site's zone when loc is nil, or UTC when both are.
func zoneOf(s *site.Site, loc *time.Location) *time.Location {
	switch {
	case loc != nil:
		return loc
	case s.Location != nil:
		return s.Location
	}
	return time.UTC
}

// words returns the catalogue feeds are written in: the site's own language's.
func siteWords(s *site.Site) *words.Catalog { return s.Words(s.Language) }

// plainText returns Markdown source md as plain text: feeds and calendars carry text, not
// Markdown (see markdown.Result.Text).
func plainText(s *site.Site, md string) string { return s.PlainText(md) }
