package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"
	"unicode"

	"sitegen/internal/schedule"
	"sitegen/internal/site"
	"sitegen/internal/words"
)

// groupItem is a group as lists show it: name, schedule, place, and whether it meets.
type groupItem struct {
	G        *site.Group
	URL      string   // its page in the list's language
	Lang     string   // the group's language when it is not the list's, for its name's lang
	Schedule []string // every meeting in words
	Where    string   // "Library, Lakewood, OH", "Online", or "Library, Lakewood, OH, and online"
	Paused   bool
	Starting string // the date of the first meeting, when it is after the build date
}

// groupItem returns g as lists in language l show it, made once per group and language: a
// group is listed on its state's page, its affiliate's and every sibling group's page.
func (r *renderer) groupItem(l *lang, g *site.Group) groupItem {
	if it, ok := l.data.Load(g); ok {
		return it.(groupItem)
	}
	it := groupItem{
		G:        g,
		URL:      r.link(l, g.Path()),
		Schedule: r.describe(g, l.w),
		Where:    Where(g, l.w),
		Paused:   g.Paused(),
	}
	if g.Language != l.code {
		it.Lang = g.Language
	}
	if !g.Starts.IsZero() && g.Starts.After(r.s.Now) {
		it.Starting = l.w.Date(g.Starts)
	}
	l.data.Store(g, it)
	return it
}

// describe returns g's meetings in words, naming the zone as it is said in the build date's
// year.
func (r *renderer) describe(g *site.Group, w *words.Catalog) []string {
	out := make([]string, len(g.Meetings))
	for i, m := range g.Meetings {
		out[i] = schedule.Describe(m, g.Location, w, r.s.Now.Year)
	}
	return out
}

// Where says where g meets, briefly, as lists of groups and the finder show it: "Library,
// Columbus, OH", "Online", or "Library, Columbus, OH, and online". templates/results.js says
// the same; both are tested with testdata/shared/where.json.
func Where(g *site.Group, w *words.Catalog) string {
	place := ""
	if g.Place != nil {
		place = strings.Join(nonEmpty(g.Place.Name, g.Place.City, g.Place.State), ", ")
	}
	switch {
	case g.Attendance == "online" || place == "":
		return w.T("where.online")
	case g.Attendance == "hybrid":
		return w.T("where.hybrid", "place", place)
	}
	return place
}

// occurrence is a meeting date in words, with its machine-readable time.
type occurrence struct {
	Words    string
	DateTime string // RFC 3339, for <time datetime>
}

// groupData is the data of a group's page.
type groupData struct {
	groupItem
	AffiliateURL string
	Next         []occurrence
	FirstMeeting string // the first meeting in words, when it is after the build date
	Contact      site.Contact
	Accessible   string // "yes", "no", or "" when not stated
	MapURL       string
	Directions   *directions // nil for a group that meets online only
	Calendar     string      // address of the group's calendar in the page's language
	Calendars    []calendarLink
	Report       template.URL // an e-mail about a wrong listing, "" when there is no address
	Edit         string
	StateURL     string // the list of the group's state, and its name, for the breadcrumb
	StateName    string
	Expect       *text // "What to expect at your first meeting", when the site has the page
	Notes        template.HTML
	Way          template.HTML // the place's directions (Markdown): how to find the room
	Instructions template.HTML
	Others       []groupItem
}

// groups plans every group's page; each page's data is prepared only when the page is
// rendered, since at national scale they are most of the site.
func (r *renderer) groups(l *lang) error {
	for _, g := range r.s.Groups {
		if err := r.planKeyed(l, outPath(r.s.In(l.code, g.Path())), "pages/group.html", r.keys.Group(g, l.code, "page"), func() (*page, error) {
			return r.groupPage(l, g)
		}); err != nil {
			return err
		}
	}
	return nil
}

// groupPage returns the data of g's page in language l. It may show only what g's key
// covers (see Keys): g, its affiliate, the affiliate's groups, and what every page shares.
func (r *renderer) groupPage(l *lang, g *site.Group) (*page, error) {
	w := l.w
	loc := g.Location
	if loc == nil {
		loc = time.UTC
	}
	d := groupData{
		groupItem:    r.groupItem(l, g),
		AffiliateURL: r.link(l, g.Affiliate.Path()),
		Contact:      g.ContactOrAffiliate(),
		MapURL:       mapURL(g.Place),
		Directions:   directionsTo(g.Place),
		Calendar:     r.link(l, g.CalendarPath()),
		Report:       r.reportLink(l, g),
		Edit:         r.editURL(g.Source),
		StateURL:     r.link(l, site.StatePath(g.ListState())),
		StateName:    w.Label("state", strings.ToUpper(g.ListState())),
	}
	if p := r.firstMeetingPage(); p != nil {
		t, err := r.text(l, p)
		if err != nil {
			return nil, err
		}
		if t.Original == nil && t.Body != "" {
			d.Expect = &t
		}
	}
	var err error
	for _, f := range []struct {
		field string
		into  *template.HTML
	}{{"notes", &d.Notes}, {"directions", &d.Way}, {"instructions", &d.Instructions}} {
		if *f.into, err = r.markdownHTML(g.TextIn(l.code, f.field), g.Source, g.TextLine(l.code, f.field)); err != nil {
			return nil, err
		}
	}
	if !g.Paused() {
		for _, o := range schedule.Next(g, r.s.Now.In(loc), 3) {
			d.Next = append(d.Next, occurrence{Words: w.DateTime(o.Start), DateTime: o.Start.Format(time.RFC3339)})
		}
		d.Calendars = r.calendarLinks(l, g, d.Schedule)
		if !g.Starts.IsZero() && g.Starts.After(r.s.Now) {
			d.FirstMeeting = w.LongDate(g.Starts)
			if len(d.Next) > 0 {
				d.FirstMeeting = d.Next[0].Words
			}
		}
	}
	if g.Place != nil && g.Place.Accessible != nil {
		d.Accessible = "no"
		if *g.Place.Accessible {
			d.Accessible = "yes"
		}
	}
	for _, o := range g.Affiliate.Groups {
		if o != g {
			d.Others = append(d.Others, r.groupItem(l, o))
		}
	}
	program := w.Label("program", g.Program)
	var what string
	switch {
	case g.Place != nil && g.Place.City != "" && g.Attendance == "hybrid":
		what = w.T("desc.group.hybrid", "program", program, "city", g.Place.City, "state", g.Place.State)
	case g.Place != nil && g.Place.City != "":
		what = w.T("desc.group.in", "program", program, "city", g.Place.City, "state", g.Place.State)
	case g.Attendance == "online":
		what = w.T("desc.group.online", "program", program)
	default:
		what = w.T("desc.group.nowhere", "program", program)
	}
	desc := w.T("desc.group.paused", "what", what)
	if !g.Paused() {
		// Mid-sentence, after a colon: "…: every Tuesday, …", "…: cada martes, …".
		lines := make([]string, len(d.Schedule))
		for i, line := range d.Schedule {
			lines[i] = lowerFirst(line)
		}
		desc = w.T("desc.group", "what", what, "schedule", strings.Join(lines, "; "))
	}
	pg := r.newPage(l, g.Path(), "groups", g.Name, desc, d)
	pg.enhance("share.js")
	return pg, nil
}

// FirstMeetingSlug is the slug of the plain page (content/first-meeting.md) whose text every
// group's page shows under "What to expect at your first meeting": editors change it as any
// page, in each language, and it is a page of its own too.
const FirstMeetingSlug = "first-meeting"

// firstMeetingPage returns the page content/first-meeting.md, or nil.
func (r *renderer) firstMeetingPage() *site.Page {
	for _, p := range r.s.Pages {
		if p.Slug == FirstMeetingSlug {
			return p
		}
	}
	return nil
}

// strconvFloat writes a coordinate with six decimals (about 10 cm).
func strconvFloat(f float64) string { return fmt.Sprintf("%.6f", f) }

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// lowerFirst returns s with its first letter in lower case, for words that start a list item
// but stand mid-sentence here.
func lowerFirst(s string) string {
	for i, r := range s {
		if i == 0 && unicode.IsUpper(r) {
			return string(unicode.ToLower(r)) + s[len(string(r)):]
		}
		break
	}
	return s
}
