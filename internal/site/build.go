package site

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/load"
	"sitegen/internal/words"
)

// Options are the settings of one build of the model.
type Options struct {
	Now     civil.Date
	BaseURL string // overrides data/site.yaml's base_url when not empty
	// FileDates are the dates of data files, by path from the site's root
	// ("data/trainings/x.yaml"); trainings take theirs as Published and Updated.
	FileDates map[string]FileDates
	// BuildID names the program that builds (a hash of its executable), so that a new
	// version of sitegen makes every page again; "" for none.
	BuildID string
}

// Build turns checked files into the site's model. It must be given only files that package
// check found free of errors: it does not validate again, and it panics on nothing but
// programming errors. Private and ended groups and trainings are left out here.
func Build(f *load.Files, opts Options) *Site {
	sf := f.Site
	zone := zones{}.get
	s := &Site{
		Title:          sf.Title,
		BaseURL:        cmp.Or(opts.BaseURL, sf.BaseURL),
		Language:       cmp.Or(sf.Language, "en"),
		Location:       zone(sf.Timezone, time.UTC),
		StaleAfterDays: 365,
		EditURL:        sf.EditURL,
		Now:            opts.Now,
		Sums:           f.Sums,
		BuildID:        opts.BuildID,
	}
	if !strings.HasSuffix(s.BaseURL, "/") {
		s.BaseURL += "/"
	}
	if sf.StaleAfterDays != nil {
		s.StaleAfterDays = *sf.StaleAfterDays
	}
	if sf.Helpline != nil {
		s.Helpline = lineOf(sf.Helpline)
	}
	if sf.Crisis != nil {
		s.Crisis = lineOf(sf.Crisis)
	}
	for _, t := range sf.Translations {
		if s.TitleIn == nil {
			s.TitleIn = map[string]string{}
		}
		s.TitleIn[t.Lang] = t.Fields["title"]
	}
	s.Catalogs = map[string]*words.Catalog{}
	for _, c := range f.Catalogs {
		s.Catalogs[c.Lang()] = c
	}
	s.Languages = []string{s.Language}
	for _, l := range sf.Languages {
		if l != s.Language {
			s.Languages = append(s.Languages, l)
		}
	}

	bySlug := map[string]*Affiliate{}
	for _, la := range f.Affiliates {
		a := &Affiliate{
			Slug: la.Slug, Name: la.Name, Kind: la.Kind, State: la.State,
			Website: la.Website, Email: la.Email, Phone: la.Phone,
			Location: zone(la.Timezone, s.Location),
			Counties: la.Counties, About: la.About, Editors: la.Editors, Source: la.Path,
		}
		a.Lines = linesOf(la.Translations, fieldLine{"about", la.Keys})
		for _, t := range la.Translations {
			if a.AboutIn == nil {
				a.AboutIn = map[string]string{}
			}
			a.AboutIn[t.Lang] = t.Fields["about"]
		}
		if ad := la.Address; ad != nil {
			a.Address = &Address{ad.Street, ad.City, ad.State, ad.PostalCode}
		}
		if ch := la.Champions; ch != nil {
			a.Champions = &Champions{Wanted: ch.Wanted != nil && *ch.Wanted, Tasks: ch.Tasks, Contact: ch.Contact}
		}
		bySlug[a.Slug] = a
		s.Affiliates = append(s.Affiliates, a)
	}
	for _, la := range f.Affiliates {
		if la.Parent != "" {
			a, p := bySlug[la.Slug], bySlug[la.Parent]
			a.Parent = p
			p.Children = append(p.Children, a)
		}
	}

	for _, lg := range f.Groups {
		if lg.Status == "ended" || lg.Public != nil && !*lg.Public {
			continue
		}
		a := bySlug[lg.Affiliate]
		g := &Group{
			ID: lg.Affiliate + "/" + lg.Slug, Slug: lg.Slug, Affiliate: a,
			Name: lg.Name, Program: cmp.Or(lg.Program, "connection"),
			Status: cmp.Or(lg.Status, "active"), Attendance: lg.Attendance,
			Location: zone(lg.Timezone, a.Location), Audience: lg.Audience,
			Notes: lg.Notes, Verified: lg.Verified, Starts: lg.Starts, Source: lg.Path,
		}
		g.Language = cmp.Or(lg.Language, defaultLanguage(g.Program))
		for _, m := range lg.Meetings {
			g.Meetings = append(g.Meetings, meetingOf(m))
		}
		if lg.Location != nil {
			g.Place = placeOf(lg.Location)
		}
		if o := lg.Online; o != nil {
			public := o.LinkPublic != nil && *o.LinkPublic
			g.Online = &Online{Platform: o.Platform, LinkPublic: public, Instructions: o.Instructions}
			if public {
				g.Online.JoinURL = o.JoinURL // never copied otherwise: see the package comment
			}
		}
		if c := lg.Contact; c != nil {
			g.Contact = Contact{c.Email, c.Phone}
		}
		g.Text = textOf(lg.Translations)
		g.Lines = linesOf(lg.Translations, fieldLine{"notes", lg.Keys}, fieldLine{"directions", locationKeys(lg.Location)}, fieldLine{"instructions", onlineKeys(lg.Online)})
		g.Skip = slices.Clone(lg.Skip)
		slices.SortFunc(g.Skip, civil.Date.Compare)
		g.listState = g.ListState()
		a.Groups = append(a.Groups, g)
		s.Groups = append(s.Groups, g)
	}

	for _, lt := range f.Trainings {
		if lt.Public != nil && !*lt.Public {
			continue
		}
		h := bySlug[lt.Host]
		t := &Training{
			Slug: lt.Slug, Title: lt.Title, Kind: lt.Kind, Program: cmp.Or(lt.Program, "connection"),
			Host: h, Start: lt.Start, End: lt.End, Location: zone(lt.Timezone, h.Location),
			Attendance: lt.Attendance, Status: cmp.Or(lt.Status, "open"),
			Setting: cmp.Or(lt.Setting, "community"), Notes: lt.Notes, Source: lt.Path,
		}
		t.Language = cmp.Or(lt.Language, defaultLanguage(t.Program))
		if d, ok := opts.FileDates[lt.Path]; ok {
			t.Published, t.Updated = d.Created, d.Changed
		}
		if lt.Daily != nil {
			t.Daily = &Daily{lt.Daily.Start, lt.Daily.End}
		}
		if lt.Location != nil {
			t.Place = placeOf(lt.Location)
		}
		if ap := lt.Application; ap != nil {
			t.Application = &Application{Deadline: ap.Deadline, URL: ap.URL, Contact: ap.Contact, Screening: ap.Screening != nil && *ap.Screening}
		}
		if lt.Seats != nil {
			t.Seats = *lt.Seats
		}
		t.Text = textOf(lt.Translations)
		t.Lines = linesOf(lt.Translations, fieldLine{"notes", lt.Keys}, fieldLine{"directions", locationKeys(lt.Location)})
		h.Trainings = append(h.Trainings, t)
		s.Trainings = append(s.Trainings, t)
	}

	var translated []*Page
	for _, lp := range f.Pages {
		p := &Page{
			Slug: lp.Slug, Guide: lp.Guide, Title: lp.Title, Summary: lp.Summary, Updated: lp.Updated,
			Blocks: lp.Blocks, Body: lp.Body, BodyLine: lp.BodyLine, Source: lp.Path,
			Lang: cmp.Or(lp.Lang, s.Language),
		}
		if lp.Order != nil {
			p.Order = *lp.Order
		}
		switch {
		case lp.Lang != "" && lp.Lang != s.Language:
			translated = append(translated, p)
		case lp.Guide:
			s.Guides = append(s.Guides, p)
		case lp.Slug == "index":
			s.Home = p
		default:
			s.Pages = append(s.Pages, p)
		}
	}
	if s.Home == nil {
		s.Home = &Page{Slug: "index", Title: s.Title, Lang: s.Language}
	}
	// A page in another language is a version of the site's page of the same address.
	byPath := map[string]*Page{s.Home.Path(): s.Home}
	for _, p := range append(slices.Clone(s.Guides), s.Pages...) {
		byPath[p.Path()] = p
	}
	for _, t := range translated {
		if p, ok := byPath[t.Path()]; ok {
			if p.Translations == nil {
				p.Translations = map[string]*Page{}
			}
			p.Translations[t.Lang] = t
		}
	}
	sortSite(s)
	return s
}

func sortSite(s *Site) {
	byName := func(a, b *Affiliate) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Slug, b.Slug))
	}
	slices.SortFunc(s.Affiliates, func(a, b *Affiliate) int {
		return cmp.Or(strings.Compare(a.State, b.State), cmp.Compare(stateRank(b), stateRank(a)), byName(a, b))
	})
	groupOrder := func(a, b *Group) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	}
	slices.SortFunc(s.Groups, func(a, b *Group) int {
		return cmp.Or(strings.Compare(a.Affiliate.State, b.Affiliate.State), byName(a.Affiliate, b.Affiliate), groupOrder(a, b))
	})
	trainingOrder := func(a, b *Training) int {
		return cmp.Or(a.Start.Compare(b.Start), strings.Compare(a.Title, b.Title), strings.Compare(a.Slug, b.Slug))
	}
	slices.SortFunc(s.Trainings, trainingOrder)
	for _, a := range s.Affiliates {
		slices.SortFunc(a.Children, byName)
		slices.SortFunc(a.Groups, groupOrder)
		slices.SortFunc(a.Trainings, trainingOrder)
	}
	pageOrder := func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.Title, b.Title), strings.Compare(a.Slug, b.Slug))
	}
	slices.SortFunc(s.Guides, pageOrder)
	slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.Slug, b.Slug) })
}

func stateRank(a *Affiliate) int {
	if a.IsState() {
		return 1
	}
	return 0
}

func defaultLanguage(program string) string {
	if program == "conexion" {
		return "es"
	}
	return "en"
}

// zones holds the time zones one Build has loaded, by name: time.LoadLocation reads and
// parses the zone's file on every call, and a national directory names the same few zones
// for thousands of groups.
type zones map[string]*time.Location

// get returns the zone named name, or fallback for no name.
func (z zones) get(name string, fallback *time.Location) *time.Location {
	if name == "" {
		return fallback
	}
	if loc, ok := z[name]; ok {
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return fallback // unreachable for checked files
	}
	z[name] = loc
	return loc
}

func lineOf(l *load.Line) Line {
	out := Line{Name: l.Name, Phone: l.Phone, Text: l.Text, URL: l.URL, Option: l.Option}
	for _, t := range l.Translations {
		if out.Translations == nil {
			out.Translations = map[string]Line{}
		}
		// A translation gives what differs; the number and the address are the line's own
		// unless it gives others. What to text and what to press are the language's own:
		// a service may take texts in one language only.
		tl := Line{Name: cmp.Or(t.Name, l.Name), Phone: cmp.Or(t.Phone, l.Phone), Text: t.Text,
			URL: cmp.Or(t.URL, l.URL), Option: t.Option}
		out.Translations[t.Lang] = tl
	}
	return out
}

// textOf returns a file's translations by language and field.
func textOf(ts []*load.Translation) map[string]map[string]string {
	if len(ts) == 0 {
		return nil
	}
	out := map[string]map[string]string{}
	for _, t := range ts {
		out[t.Lang] = t.Fields
	}
	return out
}

func meetingOf(m *load.Meeting) Meeting {
	mt := Meeting{Start: m.Start, Overnight: m.Overnight != nil && *m.Overnight}
	for i, d := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		if d == m.Day {
			mt.Day = time.Weekday(i)
		}
	}
	if m.Keys.Has("end") {
		mt.End = m.End
	} else {
		mt.End = m.Start.AddMinutes(90)
	}
	if mt.End.Minutes() < mt.Start.Minutes() {
		mt.Overnight = true
	}
	mt.Weeks = slices.Clone(m.Weeks)
	slices.SortFunc(mt.Weeks, func(a, b int) int {
		if a == -1 || b == -1 {
			return cmp.Compare(b, a) // -1, the last week, sorts after every other
		}
		return cmp.Compare(a, b)
	})
	return mt
}

func placeOf(l *load.Location) *Place {
	p := &Place{
		Name: l.Name, Street: l.Street, City: l.City, State: l.State, PostalCode: l.PostalCode,
		Accessible: l.Accessible, Directions: l.Directions,
	}
	if l.Lat != nil && l.Lon != nil {
		p.HasCoords, p.Lat, p.Lon = true, *l.Lat, *l.Lon
	}
	return p
}

// fieldLine is a text field and the keys of the mapping that holds it.
type fieldLine struct {
	field string
	keys  load.Keys
}

// linesOf returns the line of each text field and of each translation's fields, by
// "field" and "lang.field".
func linesOf(ts []*load.Translation, fields ...fieldLine) map[string]int {
	out := map[string]int{}
	for _, f := range fields {
		if f.keys != nil && f.keys.Has(f.field) {
			out[f.field] = f.keys.At(f.field).Line
		}
	}
	for _, t := range ts {
		for field := range t.Fields {
			out[t.Lang+"."+field] = t.Keys.At(field).Line
		}
	}
	return out
}

// locationKeys and onlineKeys return the keys of a block, nil when there is none.
func locationKeys(l *load.Location) load.Keys {
	if l == nil {
		return nil
	}
	return l.Keys
}

func onlineKeys(o *load.Online) load.Keys {
	if o == nil {
		return nil
	}
	return o.Keys
}
