package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"
	"unicode"

	"sitegen/internal/schedule"
	"sitegen/internal/site"
	"sitegen/internal/vocab"
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

// groupItem returns g as lists in language l show it.
func (r *renderer) groupItem(l *lang, g *site.Group) groupItem {
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

// stateGroups is one state's published groups.
type stateGroups struct {
	Code   string // lowercase USPS code
	Groups []*site.Group
}

// byState returns the states that have published groups, by code, with their groups, by
// affiliate name, then name.
func (r *renderer) byState() []stateGroups {
	m := map[string][]*site.Group{}
	for _, g := range r.s.Groups {
		st := g.ListState()
		m[st] = append(m[st], g)
	}
	out := make([]stateGroups, 0, len(m))
	for code, gs := range m {
		slices.SortStableFunc(gs, func(a, b *site.Group) int {
			return cmp.Or(strings.Compare(a.Affiliate.Name, b.Affiliate.Name), strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
		})
		out = append(out, stateGroups{Code: code, Groups: gs})
	}
	slices.SortFunc(out, func(a, b stateGroups) int { return strings.Compare(a.Code, b.Code) })
	return out
}

// sortByName sorts states by their name in language w, as pages list them.
func sortByName[T any](items []T, w *words.Catalog, code func(T) string) {
	slices.SortStableFunc(items, func(a, b T) int {
		return strings.Compare(foldName(w.Label("state", strings.ToUpper(code(a)))), foldName(w.Label("state", strings.ToUpper(code(b)))))
	})
}

// unaccented removes the accents of the letters state names have in Spanish.
var unaccented = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U")

// foldName is a state name as it sorts: without accents ("Míchigan" among the M's).
func foldName(s string) string { return unaccented.Replace(s) }

// affiliateGroups is one affiliate's groups in a state's list.
type affiliateGroups struct {
	Affiliate *site.Affiliate
	URL       string
	Groups    []groupItem
}

// option is one choice of a select.
type option struct {
	Value, Label string
	URL          string // a state's list, for the states
	Count        int    // groups, where it is shown
}

// filter is one select of the finder's form.
type filter struct {
	Name, Label string
	Options     []option
}

// finderData is the data of the finder page.
type finderData struct {
	States  []option // value: lowercase code; Count: groups
	Filters []filter
	Total   int
}

// Filters returns the names of the finder's filters, in the order of its form and its URL.
// templates/search-index.js lists the same; both are tested with testdata/shared/filters.json.
func Filters() []string {
	return []string{"state", "day", "time", "attendance", "language", "program", "audience"}
}

func (r *renderer) finder(l *lang) error {
	w := l.w
	states := r.byState()
	sortByName(states, w, func(s stateGroups) string { return s.Code })
	d := finderData{Total: len(r.s.Groups)}
	for _, st := range states {
		d.States = append(d.States, option{Value: st.Code, Label: w.Label("state", strings.ToUpper(st.Code)),
			URL: r.link(l, site.StatePath(st.Code)), Count: len(st.Groups)})
	}
	langs := map[string]bool{}
	audiences := map[string]bool{}
	for _, g := range r.s.Groups {
		langs[g.Language] = true
		for _, a := range g.Audience {
			audiences[a] = true
		}
	}
	values := map[string][]string{
		"state":      nil,
		"day":        vocab.Days(),
		"time":       vocab.TimesOfDay(),
		"attendance": vocab.Attendances(),
		"program":    vocab.Programs(),
	}
	for _, a := range vocab.Audiences() {
		if audiences[a] {
			values["audience"] = append(values["audience"], a)
		}
	}
	values["language"] = slices.Sorted(func(yield func(string) bool) {
		for l := range langs {
			if !yield(l) {
				return
			}
		}
	})
	labels := map[string]func(string) string{
		"day":        func(v string) string { return w.Label("day", v) },
		"time":       func(v string) string { return w.Label("time-of-day", v) },
		"attendance": func(v string) string { return w.Label("attendance", v) },
		"program":    func(v string) string { return w.Label("program", v) },
		"audience":   func(v string) string { return w.Label("audience", v) },
		"language":   func(v string) string { return languageName(w, v) },
	}
	for _, name := range Filters() {
		f := filter{Name: name, Label: w.T("filter." + name)}
		if name == "state" {
			f.Options = d.States
		}
		for _, v := range values[name] {
			// A choice of a list starts with a capital, as "Any" does, in every language.
			f.Options = append(f.Options, option{Value: v, Label: words.Capitalize(labels[name](v))})
		}
		d.Filters = append(d.Filters, f)
	}
	pg := r.newPage(l, site.FinderPath, "groups", w.T("title.finder"),
		w.N("desc.finder", len(r.s.Groups), "states", w.N("desc.states", len(states))), d)
	if err := pg.scripts("finder.js"); err != nil {
		return err
	}
	return r.render("pages/finder.html", pg)
}

// stateData is the data of a state's page.
type stateData struct {
	Code, Name string
	Affiliates []affiliateGroups
}

func (r *renderer) states(l *lang) error {
	w := l.w
	for _, st := range r.byState() {
		name := w.Label("state", strings.ToUpper(st.Code))
		d := stateData{Code: st.Code, Name: name}
		for _, g := range st.Groups {
			if n := len(d.Affiliates); n == 0 || d.Affiliates[n-1].Affiliate != g.Affiliate {
				d.Affiliates = append(d.Affiliates, affiliateGroups{Affiliate: g.Affiliate, URL: r.link(l, g.Affiliate.Path())})
			}
			last := &d.Affiliates[len(d.Affiliates)-1]
			last.Groups = append(last.Groups, r.groupItem(l, g))
		}
		pg := r.newPage(l, site.StatePath(st.Code), "groups", w.T("title.state", "state", name),
			w.N("desc.state", len(st.Groups), "state", name), d)
		if err := r.render("pages/state.html", pg); err != nil {
			return err
		}
	}
	return nil
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
	Calendar     string // address of the group's calendar in the page's language
	Edit         string
	Notes        template.HTML
	Directions   template.HTML
	Instructions template.HTML
	Others       []groupItem
}

// groups plans every group's page; each page's data is prepared only when the page is
// rendered, since at national scale they are most of the site.
func (r *renderer) groups(l *lang) error {
	for _, g := range r.s.Groups {
		if err := r.plan(l, outPath(r.s.In(l.code, g.Path())), "pages/group.html", func() (*page, error) {
			return r.groupPage(l, g)
		}); err != nil {
			return err
		}
	}
	return nil
}

// groupPage returns the data of g's page in language l.
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
		Calendar:     r.link(l, g.CalendarPath()),
		Edit:         r.editURL(g.Source),
	}
	var err error
	for _, f := range []struct {
		field string
		into  *template.HTML
	}{{"notes", &d.Notes}, {"directions", &d.Directions}, {"instructions", &d.Instructions}} {
		if *f.into, err = r.markdownHTML(g.TextIn(l.code, f.field), g.Source, g.TextLine(l.code, f.field)); err != nil {
			return nil, err
		}
	}
	if !g.Paused() {
		for _, o := range schedule.Next(g, r.s.Now.In(loc), 3) {
			d.Next = append(d.Next, occurrence{Words: w.DateTime(o.Start), DateTime: o.Start.Format(time.RFC3339)})
		}
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
	return r.newPage(l, g.Path(), "groups", g.Name, desc, d), nil
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
