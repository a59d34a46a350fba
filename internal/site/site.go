// Package site is the model of the published site: every affiliate, published group, published
// training and page as Go values, with defaults applied, references resolved and everything
// private already left out. It is built from checked data files by [Build] and read by the
// renderers; nothing in it needs further validation.
//
// Privacy by construction: groups and trainings with `public: false` or `status: ended` never
// enter a Site, and an online group's join link is kept only when its `link_public` is true, so
// no renderer can publish them by mistake.
package site

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/links"
	"sitegen/internal/markdown"
	"sitegen/internal/words"
)

// Site is the whole published site.
type Site struct {
	Title string // data/site.yaml title
	// TitleIn is the title in other languages (data/site.yaml LANG: title), by language.
	TitleIn  map[string]string
	BaseURL  string // base_url or --base-url, always ending in "/"
	Language string // the site's own language: its pages are at the root
	// Languages are the interface languages, Language first: each other one has a copy of
	// every page under /LANG/ (data/site.yaml languages; default Language alone).
	Languages []string
	// Catalogs are the translation catalogues by language (i18n/LANG.yaml); every language
	// of Languages has one.
	Catalogs map[string]*words.Catalog
	// Location is the site's default time zone (data/site.yaml timezone).
	Location       *time.Location
	Helpline       Line // shown on every page
	Crisis         Line // shown on every page
	StaleAfterDays int
	// EditURL, when not empty, is the prefix to which a file's path in the repository is
	// appended to link "Suggest a correction".
	EditURL string
	// Now is the build date (--now, SOURCE_DATE_EPOCH or today): it decides which trainings
	// are upcoming and which meetings come next.
	Now civil.Date
	// Sums are the SHA-256 of every source file read, by path (load.Files.Sums), and BuildID
	// names the program that builds (site.Options.BuildID): with them a build knows which
	// pages' inputs are unchanged.
	Sums    map[string][32]byte
	BuildID string

	Affiliates []*Affiliate // sorted by state, then name
	Groups     []*Group     // published groups, sorted by state, affiliate name, name
	Trainings  []*Training  // published trainings, sorted by start date, then title
	Home       *Page        // content/index.md; never nil after Build
	Guides     []*Page      // content/guides/*.md, sorted by order, then title
	Pages      []*Page      // other plain pages (about, privacy), sorted by slug

	markdownOnce  sync.Once
	converter     *markdown.Converter
	markdownCache sync.Map // Markdown source → *markdownEntry
}

// markdownEntry is a Markdown text as converted, and where it was first written.
type markdownEntry struct {
	result *markdown.Result
	source string
}

// MarkdownLinks returns the links of every Markdown text converted so far, with where each
// is written, sorted: a build checks its links after rendering every page.
func (s *Site) MarkdownLinks() []links.Source {
	var out []links.Source
	s.markdownCache.Range(func(_, v any) bool {
		e := v.(*markdownEntry)
		for _, l := range e.result.Links {
			out = append(out, links.Source{File: e.source, Line: l.Line, Dest: l.Dest})
		}
		return true
	})
	slices.SortFunc(out, func(a, b links.Source) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), strings.Compare(a.Dest, b.Dest))
	})
	return out
}

// Words returns the catalogue of lang, or of the site's language when lang has none.
func (s *Site) Words(lang string) *words.Catalog {
	if c, ok := s.Catalogs[lang]; ok {
		return c
	}
	return s.Catalogs[s.Language]
}

// TitleFor returns the site's title as pages in lang give it.
func (s *Site) TitleFor(lang string) string {
	if t := s.TitleIn[lang]; t != "" {
		return t
	}
	return s.Title
}

// Speaks reports whether lang is one of the site's interface languages.
func (s *Site) Speaks(lang string) bool {
	for _, l := range s.Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Line is a phone line shown on every page: the crisis line or the NAMI HelpLine.
type Line struct {
	Name  string
	Phone string
	Text  string // what to text, and to which number, if the line takes texts
	URL   string
	// Option is what to press after calling for this language's service ("2"); "" for none.
	Option string
	// Translations are the line as pages in other languages give it, by language.
	Translations map[string]Line
}

// In returns the line as pages in lang give it.
func (l Line) In(lang string) Line {
	if t, ok := l.Translations[lang]; ok {
		return t
	}
	return l
}

// Address is a postal address.
type Address struct {
	Street, City, State, PostalCode string
}

// Affiliate is a NAMI affiliate or state organization (data/affiliates/SLUG.yaml).
type Affiliate struct {
	Slug     string
	Name     string
	Kind     string // "affiliate" or "state-organization"
	State    string // USPS code, uppercase
	Parent   *Affiliate
	Website  string
	Email    string
	Phone    string
	Address  *Address
	Location *time.Location // timezone, or the site's
	Counties []string
	// Champions is nil when the file has no champions block.
	Champions *Champions
	About     string   // Markdown
	Editors   []string // git host user names
	// AboutIn is About in other languages, by language (the file's LANG: about).
	AboutIn map[string]string
	// Lines gives the line of about ("about", "es.about") in the file, for messages.
	Lines  map[string]int
	Source string // path of the file, e.g. data/affiliates/nami-ohio.yaml

	Children  []*Affiliate // affiliates whose parent this is, by name
	Groups    []*Group     // its published groups, by name
	Trainings []*Training  // published trainings it hosts, by start
}

// IsState reports whether a is a state organization.
func (a *Affiliate) IsState() bool { return a.Kind == "state-organization" }

// Champions is an affiliate's call for Connection Champions.
type Champions struct {
	Wanted  bool
	Tasks   []string // of locations, transportation, materials, promotion
	Contact string   // e-mail; may be empty
}

// Group is one published support group (data/groups/AFFILIATE/SLUG.yaml).
type Group struct {
	ID         string // "AFFILIATE/SLUG": stable, used in URLs, UIDs and feeds
	Slug       string
	Affiliate  *Affiliate
	Name       string
	Program    string // "connection" or "conexion"
	Language   string // BCP 47 primary tag: "en", "es", ...
	Status     string // "active" or "paused" (ended groups are never in a Site)
	Attendance string // "in-person", "online" or "hybrid"
	Meetings   []Meeting
	Location   *time.Location // timezone, or the affiliate's
	Place      *Place         // nil for online groups
	Online     *Online        // nil for in-person groups
	Contact    Contact        // the group's own; see [Group.ContactOrAffiliate]
	Audience   []string
	Notes      string // Markdown
	// Text holds the group's notes, directions and online instructions in other languages,
	// by language and field: Text["es"]["notes"] (the file's LANG: block).
	Text map[string]map[string]string
	// Lines gives the line of each text field in the file ("notes", "directions",
	// "instructions", and "es.notes" and the like for translations), for messages.
	Lines    map[string]int
	Verified civil.Date // last confirmed
	Starts   civil.Date // zero when not set
	Skip     []civil.Date
	Source   string // path of the file

	listState string // ListState, worked out once by Build
}

// ListState returns the lowercase USPS code of the state whose list shows g (/groups/oh/):
// the state where it meets, or, for an online group, its affiliate's state. The state pages,
// the finder's index and its state filter all use it, so they always agree.
func (g *Group) ListState() string {
	if g.listState != "" {
		return g.listState // sorting and grouping ask for it thousands of times
	}
	if g.Place != nil && g.Place.State != "" {
		return strings.ToLower(g.Place.State)
	}
	return strings.ToLower(g.Affiliate.State)
}

// Paused reports whether the group is paused: it is listed, never shown as meeting.
func (g *Group) Paused() bool { return g.Status == "paused" }

// ContactOrAffiliate returns the group's contact, or the affiliate's e-mail and phone when the
// group has none of its own.
func (g *Group) ContactOrAffiliate() Contact {
	if g.Contact.Email != "" || g.Contact.Phone != "" {
		return g.Contact
	}
	return Contact{Email: g.Affiliate.Email, Phone: g.Affiliate.Phone}
}

// Meeting is one weekly or monthly meeting of a group, in the group's time zone.
type Meeting struct {
	Day   time.Weekday
	Start civil.Clock
	End   civil.Clock // start + 90 minutes when not given
	// Overnight is true when the meeting ends after midnight (End before Start).
	Overnight bool
	// Weeks lists the weeks of the month (1-5, -1 for the last), sorted with -1 last;
	// empty means every week.
	Weeks []int
}

// Place is where a group or training meets in person.
type Place struct {
	Name, Street, City, State, PostalCode string
	HasCoords                             bool
	Lat, Lon                              float64
	// Accessible is nil when not stated.
	Accessible *bool
	Directions string // Markdown
}

// Online says how to join a group or training online.
type Online struct {
	Platform string
	// JoinURL is empty unless the file says link_public: true.
	JoinURL      string
	LinkPublic   bool
	Instructions string // Markdown
}

// Contact is an e-mail address and a phone number, either possibly empty.
type Contact struct {
	Email, Phone string
}

// Training is one published training event (data/trainings/SLUG.yaml).
type Training struct {
	Slug       string
	Title      string
	Kind       string // "facilitator", "trainer" or "champion-orientation"
	Program    string
	Language   string
	Host       *Affiliate
	Start, End civil.Date
	// Daily is nil when the file gives no daily hours.
	Daily       *Daily
	Location    *time.Location // timezone, or the host's
	Attendance  string         // "in-person" or "online"
	Place       *Place         // nil for online trainings
	Application *Application   // nil when not given
	Status      string         // "open", "full", "cancelled" or "postponed"
	Setting     string         // "community" or "correctional"
	Seats       int            // 0 when not given
	Notes       string         // Markdown
	// Text holds the training's notes and directions in other languages, as Group.Text.
	Text map[string]map[string]string
	// Lines gives the line of each text field in the file, as Group.Lines.
	Lines  map[string]int
	Source string
	// Published and Updated are when the training's file was first added and last changed
	// (see [FileDates]); zero when not known. Feeds date its entry by them, never by the
	// build date, so that a rebuild of the same data on another day changes no entry.
	Published, Updated time.Time
}

// FileDates are when a data file was first added to the site and last changed: from the git
// history of the site when the command can read it, else the file's modification time.
type FileDates struct {
	Created, Changed time.Time
}

// Upcoming reports whether t has not ended before now.
func (t *Training) Upcoming(now civil.Date) bool { return !t.End.Before(now) }

// Daily is a training's daily hours.
type Daily struct {
	Start, End civil.Clock
}

// Application says how to apply for a training.
type Application struct {
	Deadline  civil.Date // zero when not given
	URL       string
	Contact   string // e-mail
	Screening bool
}

// Page is a Markdown page: the home text, a guide or a plain page.
type Page struct {
	Slug    string // file name without .md; "index" for the home page
	Guide   bool   // under content/guides/
	Title   string
	Summary string
	Order   int
	Updated civil.Date // zero when not given
	// Blocks names data lists a guide asks to show after its text:
	// "facilitator-trainings", "state-organizations", "champion-calls".
	Blocks []string
	// Body is the Markdown after the front matter; BodyLine is the line of the file on which it
	// starts, so that Markdown problems can be reported at their real line.
	Body     string
	BodyLine int
	Source   string
	// Lang is the language the page is written in.
	Lang string
	// Translations are the page's versions in the site's other languages (content/LANG/),
	// by language; a language without one shows a notice and a link to this page.
	Translations map[string]*Page
}

// In returns the version of p written in lang, and whether there is one.
func (p *Page) In(lang string) (*Page, bool) {
	if p.Lang == lang {
		return p, true
	}
	t, ok := p.Translations[lang]
	return t, ok
}

// TextLine returns the line of the file on which field of lang starts, as TextIn chooses it.
func (g *Group) TextLine(lang, field string) int { return textLine(g.Text, g.Lines, lang, field) }

// TextLine returns the line of the file on which field of lang starts, as TextIn chooses it.
func (t *Training) TextLine(lang, field string) int { return textLine(t.Text, t.Lines, lang, field) }

func textLine(text map[string]map[string]string, lines map[string]int, lang, field string) int {
	if text[lang][field] != "" {
		return lines[lang+"."+field]
	}
	return lines[field]
}

// TextIn returns g's notes, directions or online instructions (field "notes", "directions"
// or "instructions") as pages in lang show them: the file's LANG: text when it has one, else
// the text written for everyone.
func (g *Group) TextIn(lang, field string) string {
	if t := g.Text[lang][field]; t != "" {
		return t
	}
	switch field {
	case "notes":
		return g.Notes
	case "directions":
		if g.Place != nil {
			return g.Place.Directions
		}
	case "instructions":
		if g.Online != nil {
			return g.Online.Instructions
		}
	}
	return ""
}

// TextIn returns t's notes or directions as pages in lang show them, as Group.TextIn does.
func (t *Training) TextIn(lang, field string) string {
	if s := t.Text[lang][field]; s != "" {
		return s
	}
	switch field {
	case "notes":
		return t.Notes
	case "directions":
		if t.Place != nil {
			return t.Place.Directions
		}
	}
	return ""
}

// AboutFor returns a's about as pages in lang show it.
func (a *Affiliate) AboutFor(lang string) string {
	if s := a.AboutIn[lang]; s != "" {
		return s
	}
	return a.About
}

// Markdown returns the Markdown text src (from the file source, starting on its line line)
// in every form the site uses, parsing it once per build whatever the number of pages,
// feeds and calendars that show it: notes repeat across groups and languages. A text beyond
// the Markdown limits, which check refuses before any build, is an error naming the file.
func (s *Site) Markdown(src, source string, line int) (*markdown.Result, error) {
	if e, ok := s.markdownCache.Load(src); ok {
		return e.(*markdownEntry).result, nil
	}
	m, err := s.markdownConverter().Render(src, max(line, 1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	s.markdownCache.Store(src, &markdownEntry{result: m, source: source})
	return m, nil
}

// PlainText returns Markdown source src as plain text, for feeds and calendars; a text
// that cannot be converted is given as written.
func (s *Site) PlainText(src string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	m, err := s.Markdown(src, "", 1)
	if err != nil {
		return strings.TrimSpace(src)
	}
	return m.Text
}

func (s *Site) markdownConverter() *markdown.Converter {
	s.markdownOnce.Do(func() {
		base := "/"
		if u, err := url.Parse(s.BaseURL); err == nil && u.Path != "" {
			base = u.Path
		}
		s.converter = markdown.New(markdown.Options{BasePath: base, ReservedIDs: ElementIDs()})
	})
	return s.converter
}
