package render

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/schedule"
	"sitegen/internal/site"
)

// groupItem is a group as lists show it: name, schedule, place, and whether it meets.
type groupItem struct {
	G        *site.Group
	Lang     string   // the group's language when it is not the site's, for its name's lang
	Schedule []string // every meeting in words
	Where    string   // "Library, Lakewood", "Online", or "Library, Lakewood, and online"
	Paused   bool
	Starting string // the date of the first meeting, when it is after the build date
}

// groupItem returns g as lists show it, in the site's language.
func (r *renderer) groupItem(g *site.Group) groupItem {
	if it, ok := r.items.Load(g); ok {
		return it.(groupItem)
	}
	it := groupItem{
		G:        g,
		Schedule: r.describe(g, r.s.Language),
		Where:    Where(g),
		Paused:   g.Paused(),
	}
	if g.Language != r.s.Language {
		it.Lang = g.Language
	}
	if !g.Starts.IsZero() && g.Starts.After(r.s.Now) {
		it.Starting = shortDate(r.s.Language, g.Starts)
	}
	r.items.Store(g, it)
	return it
}

// describe returns g's meetings in words, in lang, with the zone abbreviation of the build
// date's season.
func (r *renderer) describe(g *site.Group, lang string) []string {
	loc := g.Location
	if loc == nil {
		loc = time.UTC
	}
	ref := r.s.Now.At(civil.Clock{Hour: 12}, loc)
	out := make([]string, len(g.Meetings))
	for i, m := range g.Meetings {
		out[i] = schedule.Describe(m, loc, lang, ref)
	}
	return out
}

// Where says where g meets, briefly, as lists of groups show it: "Library, Columbus",
// "Online", or "Library, Columbus, and online".
func Where(g *site.Group) string {
	place := ""
	if g.Place != nil {
		place = strings.Join(nonEmpty(g.Place.Name, g.Place.City), ", ")
	}
	switch {
	case g.Attendance == "online" || place == "" && g.Online != nil:
		return "Online"
	case g.Attendance == "hybrid":
		return place + ", and online"
	}
	return place
}

// stateGroups is one state's published groups.
type stateGroups struct {
	Code   string // lowercase USPS code
	Name   string
	Groups []*site.Group // by affiliate name, then name
}

// byState returns the states that have published groups, by name, with their groups.
func (r *renderer) byState() []stateGroups {
	m := map[string][]*site.Group{}
	for _, g := range r.s.Groups {
		st := g.ListState()
		m[st] = append(m[st], g)
	}
	out := make([]stateGroups, 0, len(m))
	for code, gs := range m {
		sort.SliceStable(gs, func(i, j int) bool {
			a, b := gs[i], gs[j]
			if a.Affiliate.Name != b.Affiliate.Name {
				return a.Affiliate.Name < b.Affiliate.Name
			}
			if a.Name != b.Name {
				return a.Name < b.Name
			}
			return a.ID < b.ID
		})
		out = append(out, stateGroups{Code: code, Name: stateName(code), Groups: gs})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// affiliateGroups is one affiliate's groups in a state's list.
type affiliateGroups struct {
	Affiliate *site.Affiliate
	Groups    []groupItem
}

// option is one choice of a select.
type option struct {
	Value, Label string
	Count        int // groups, where it is shown
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

func (r *renderer) finder() error {
	states := r.byState()
	d := finderData{Total: len(r.s.Groups)}
	stateOpts := make([]option, len(states))
	for i, st := range states {
		stateOpts[i] = option{Value: st.Code, Label: st.Name, Count: len(st.Groups)}
	}
	d.States = stateOpts
	var days []option
	for _, wd := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday,
		time.Friday, time.Saturday, time.Sunday} {
		days = append(days, option{Value: strings.ToLower(wd.String()), Label: wd.String()})
	}
	langs := map[string]bool{}
	audiences := map[string]bool{}
	for _, g := range r.s.Groups {
		langs[g.Language] = true
		for _, a := range g.Audience {
			audiences[a] = true
		}
	}
	var langOpts []option
	for _, l := range sortedKeys(langs) {
		langOpts = append(langOpts, option{Value: l, Label: languageName(l)})
	}
	var audOpts []option
	for _, a := range []string{"young-adults", "veterans", "lgbtq", "bipoc", "women", "men", "seniors"} {
		if audiences[a] {
			audOpts = append(audOpts, option{Value: a, Label: audienceWords(a)})
		}
	}
	d.Filters = []filter{
		{Name: "state", Label: "State", Options: stateOpts},
		{Name: "day", Label: "Day", Options: days},
		{Name: "time", Label: "Time of day", Options: []option{
			{Value: "morning", Label: "Morning (before noon)"},
			{Value: "afternoon", Label: "Afternoon (noon to 5 pm)"},
			{Value: "evening", Label: "Evening (after 5 pm)"},
		}},
		{Name: "attendance", Label: "Attendance", Options: []option{
			{Value: "in-person", Label: "In person"},
			{Value: "online", Label: "Online"},
			{Value: "hybrid", Label: "Hybrid (in person and online)"},
		}},
		{Name: "language", Label: "Language", Options: langOpts},
		{Name: "program", Label: "Program", Options: []option{
			{Value: "connection", Label: "NAMI Connection"},
			{Value: "conexion", Label: "NAMI Conexión (in Spanish)"},
		}},
		{Name: "audience", Label: "For", Options: audOpts},
	}
	pg := r.newPage("groups/", "Find a group",
		fmt.Sprintf("Find a free NAMI Connection recovery support group near you or online: %d groups in %d states.", len(r.s.Groups), len(states)), d)
	pg.scripts("finder.js")
	if len(pg.Scripts) > 0 {
		pg.Fetches = []string{r.link("search/manifest.json")}
	}
	return r.render("groups/index.html", "pages/finder.html", pg)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// stateData is the data of a state's page.
type stateData struct {
	Code, Name string
	Affiliates []affiliateGroups
}

func (r *renderer) states() error {
	for _, st := range r.byState() {
		d := stateData{Code: st.Code, Name: st.Name}
		for _, g := range st.Groups {
			if n := len(d.Affiliates); n == 0 || d.Affiliates[n-1].Affiliate != g.Affiliate {
				d.Affiliates = append(d.Affiliates, affiliateGroups{Affiliate: g.Affiliate})
			}
			last := &d.Affiliates[len(d.Affiliates)-1]
			last.Groups = append(last.Groups, r.groupItem(g))
		}
		n := len(st.Groups)
		desc := fmt.Sprintf("%d NAMI Connection recovery support %s in %s: when and where they meet.",
			n, plural(n, "group", "groups"), st.Name)
		pg := r.newPage(statePath(st.Code), "Groups in "+st.Name, desc, d)
		if err := r.render(statePath(st.Code)+"index.html", "pages/state.html", pg); err != nil {
			return err
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// occurrence is a meeting date in words, with its machine-readable time.
type occurrence struct {
	Words    string
	DateTime string // RFC 3339, for <time datetime>
}

// groupData is the data of a group's page.
type groupData struct {
	groupItem
	Schedule     []string // in the group's language
	Next         []occurrence
	FirstMeeting string // the first meeting in words, when it is after the build date
	Contact      site.Contact
	Accessible   string // "yes", "no", or "" when not stated
	MapURL       string
	Calendar     string // address of group.ics
	Verified     string
	Edit         string
	Others       []groupItem
}

// groups plans every group's page; each page's data is prepared only when the page is
// rendered, since at national scale they are most of the site.
func (r *renderer) groups() error {
	for _, g := range r.s.Groups {
		if err := r.plan(groupPath(g)+"index.html", "pages/group.html", func() (*page, error) {
			return r.groupPage(g), nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// groupPage returns the data of g's page.
func (r *renderer) groupPage(g *site.Group) *page {
	loc := g.Location
	if loc == nil {
		loc = time.UTC
	}
	lang := g.Language
	d := groupData{
		groupItem: r.groupItem(g),
		Schedule:  r.describe(g, lang),
		Contact:   g.ContactOrAffiliate(),
		MapURL:    mapURL(g.Place),
		Calendar:  r.link(groupPath(g) + "group.ics"),
		Verified:  shortDate(lang, g.Verified),
		Edit:      r.editURL(g.Source),
	}
	if !g.Paused() {
		for _, o := range schedule.Next(g, r.s.Now.In(loc), 3) {
			d.Next = append(d.Next, occurrence{Words: timeWords(lang, o.Start), DateTime: o.Start.Format(time.RFC3339)})
		}
		if !g.Starts.IsZero() && g.Starts.After(r.s.Now) {
			d.FirstMeeting = dateWords(lang, g.Starts)
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
			d.Others = append(d.Others, r.groupItem(o))
		}
	}
	desc := programName(g.Program) + " recovery support group"
	if g.Place != nil && g.Place.City != "" {
		desc += " in " + g.Place.City + ", " + g.Place.State
	}
	if g.Attendance != "in-person" {
		desc += " online"
	}
	if g.Paused() {
		desc += " (paused)"
	} else if len(d.Schedule) > 0 {
		desc += ": " + strings.Join(d.Schedule, "; ")
	}
	desc += ". Free, peer-led, for adults living with a mental health condition."
	pg := r.newPage(groupPath(g), g.Name, desc, d)
	pg.Lang = lang
	return pg
}
