// Hugoconv converts a sitegen site into an equivalent Hugo site, so that bench/hugo.sh can time
// `sitegen build` and `hugo` on the same data.
//
// Usage:
//
//	go run ./bench/hugoconv -s SITE -now 2026-11-23 -o HUGODIR [-plain]
//
// With -plain it writes the same content with plain layouts instead of the theme: each page
// is its title and its Markdown body in a bare HTML document, and Hugo writes nothing else (no
// calendars, feeds, index or sitemap). That is the floor of what Hugo takes for these groups:
// reading, parsing and rendering the same files into one page each.
//
// It reads SITE with our own loader, checker and model (build.Check), and writes HUGODIR:
// hugo.toml, content/ (one Markdown file per published group, affiliate, state, guide and
// page), data/zones.yaml (the iCalendar VTIMEZONE block of every zone in use), static/ (the
// stylesheet) and a hand-made theme in layouts/.
//
// # What each side does
//
// Both sides read one text file per group (YAML for us, YAML front matter for Hugo), parse it,
// render Markdown (the group's notes, directions, online instructions; the affiliates' about
// text; the guides and pages) and execute Go templates to write, to disk:
//
//   - one HTML page per published group, with the crisis banner, header, navigation and
//     footer, its schedule, next three meetings, place, contact, audience, notes, and the list
//     of the other groups of its affiliate (each item: name, schedule, where);
//   - its calendar file (groups/AFFILIATE/SLUG/group.ics): a VCALENDAR with the zone's
//     VTIMEZONE and one recurring VEVENT per meeting;
//   - one page per state listing its groups by affiliate, one page per affiliate listing its
//     groups, the list of affiliates, the finder page (states with counts), the home page, the
//     guides, the search page and the 404 page;
//   - api/groups.json (one Meeting Guide entry per meeting), a search index in JSON, the
//     sitemap with last-modified dates and robots.txt.
//
// What differs, on purpose or by nature:
//
//   - Words that need our Go code (schedules in words, the next meetings, dates in words, map
//     links, the page's description) are computed here, in Go, and stored in the front matter:
//     Hugo only prints them. Our build computes them while it renders, so Hugo does a little
//     less work there. Likewise the iCalendar fields (DTSTART, RRULE, the escaped LOCATION and
//     DESCRIPTION) are prepared here; Hugo's template assembles them and does not fold long
//     lines.
//   - We write the finder's search index as about 260 small JSON files sharded by state and
//     filter; Hugo writes one JSON file with every group.
//   - Hugo copies the stylesheet from static/; we hash our assets and rewrite module imports.
//   - Hugo's list items are rendered with `partial`, not `partialCached`, as our renderer
//     executes the item template every time too.
//   - Trainings: the generated site has none, so no training pages exist on either side.
package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"sitegen/internal/build"
	"sitegen/internal/civil"
	"sitegen/internal/ics"
	"sitegen/internal/render"
	"sitegen/internal/schedule"
	"sitegen/internal/site"
)

func main() {
	src := flag.String("s", ".", "sitegen site to read")
	now := flag.String("now", "2026-11-23", "build date, as for sitegen build --now")
	out := flag.String("o", "", "Hugo site folder to write (must not exist)")
	plain := flag.Bool("plain", false, "plain layouts: each page its title and body, nothing else")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "hugoconv: -o is required")
		os.Exit(2)
	}
	if err := run(*src, *now, *out, *plain); err != nil {
		fmt.Fprintln(os.Stderr, "hugoconv:", err)
		os.Exit(1)
	}
}

func run(src, now, out string, plain bool) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s already exists", out)
	}
	d, err := civil.ParseDate(now)
	if err != nil {
		return err
	}
	s, diags := build.Check(os.DirFS(src), build.Options{Now: d})
	if s == nil {
		return fmt.Errorf("the site has %d errors", diags.Errors())
	}
	w := &writer{root: out, s: s}
	w.zones()
	w.groups()
	w.states()
	w.affiliates()
	w.pages()
	if plain {
		w.plain()
		return w.err
	}
	w.config()
	w.theme()
	css, err := os.ReadFile(filepath.Join(src, "templates", "site.css"))
	if err == nil {
		w.file("static/assets/site.css", string(css))
	}
	return w.err
}

// writer writes the Hugo site's files, keeping the first error.
type writer struct {
	root string
	s    *site.Site
	err  error
}

func (w *writer) file(name, text string) {
	if w.err != nil {
		return
	}
	full := filepath.Join(w.root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(full, []byte(text), 0o644)
}

// page writes a Markdown file with YAML front matter.
func (w *writer) page(name string, front any, body string) {
	b, err := yaml.Marshal(front)
	if err != nil && w.err == nil {
		w.err = fmt.Errorf("%s: %w", name, err)
	}
	w.file(name, "---\n"+string(b)+"---\n"+body)
}

func (w *writer) config() {
	s := w.s
	cfg := fmt.Sprintf(`baseURL = %q
languageCode = %q
title = %q
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = true
# Both sides write plain files; neither minifies.

[outputFormats.Calendar]
baseName = "group"
[outputFormats.MeetingGuide]
mediaType = "application/json"
baseName = "groups"
path = "api"
isPlainText = true
notAlternative = true
[outputFormats.SearchIndex]
mediaType = "application/json"
baseName = "index"
path = "search"
isPlainText = true
notAlternative = true

[outputs]
home = ["HTML", "MeetingGuide", "SearchIndex"]
section = ["HTML"]
page = ["HTML"]

[markup.goldmark.renderer]
unsafe = false

[params]
crisisName = %q
crisisPhone = %q
crisisText = %q
helplineName = %q
helplinePhone = %q
helplineText = %q
`, s.BaseURL, s.Language, s.Title, s.Crisis.Name, s.Crisis.Phone, s.Crisis.Text,
		s.Helpline.Name, s.Helpline.Phone, s.Helpline.Text)
	w.file("hugo.toml", cfg)
}

// plain writes the configuration and layouts of the plain variant (see -plain).
func (w *writer) plain() {
	w.file("hugo.toml", fmt.Sprintf(`baseURL = %q
languageCode = %q
title = %q
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
`, w.s.BaseURL, w.s.Language, w.s.Title))
	const layout = `<!DOCTYPE html><html lang="{{ site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>
`
	w.file("layouts/_default/single.html", layout)
	w.file("layouts/_default/list.html", layout)
}

// zones writes data/zones.yaml: the VTIMEZONE block of every time zone a group uses, cut out
// of our own calendar file of one group in that zone.
func (w *writer) zones() {
	zones := map[string]string{}
	for _, g := range w.s.Groups {
		name := zoneOf(g).String()
		if _, ok := zones[name]; ok {
			continue
		}
		var b strings.Builder
		if err := ics.Group(&b, w.s, g, w.s.Language); err != nil {
			w.err = err
			return
		}
		text := b.String()
		i, j := strings.Index(text, "BEGIN:VTIMEZONE"), strings.Index(text, "END:VTIMEZONE")
		if i >= 0 && j > i {
			zones[name] = strings.ReplaceAll(text[i:j+len("END:VTIMEZONE")], "\r\n", "\n")
		}
	}
	b, err := yaml.Marshal(zones)
	if err != nil {
		w.err = err
		return
	}
	w.file("data/zones.yaml", string(b))
}

func zoneOf(g *site.Group) *time.Location {
	if g.Location != nil {
		return g.Location
	}
	return time.UTC
}

// item is a group as lists show it: the fields every list item prints.
type item struct {
	Lang     string   `yaml:"lang_attr,omitempty"`
	Schedule []string `yaml:"schedule_site"`
	Where    string   `yaml:"where"`
	Paused   bool     `yaml:"paused"`
	Starting string   `yaml:"starting,omitempty"`
	Conexion bool     `yaml:"conexion"`
	LangName string   `yaml:"lang_name_other,omitempty"`
}

type next struct {
	Words    string `yaml:"words"`
	DateTime string `yaml:"datetime"`
}

type place struct {
	Name       string `yaml:"name,omitempty"`
	Street     string `yaml:"street,omitempty"`
	City       string `yaml:"city"`
	State      string `yaml:"state"`
	PostalCode string `yaml:"postal_code"`
	Accessible string `yaml:"accessible,omitempty"`
	Directions string `yaml:"directions,omitempty"`
	MapURL     string `yaml:"map_url,omitempty"`
}

type online struct {
	Platform     string `yaml:"platform,omitempty"`
	JoinURL      string `yaml:"join_url,omitempty"`
	Instructions string `yaml:"instructions,omitempty"`
}

type contact struct {
	Email string `yaml:"email,omitempty"`
	Phone string `yaml:"phone,omitempty"`
	Tel   string `yaml:"tel,omitempty"`
}

// event is one meeting as the calendar file and the Meeting Guide feed need it.
type event struct {
	UID     string `yaml:"uid"`
	DTStart string `yaml:"dtstart"`
	DTEnd   string `yaml:"dtend"`
	RRule   string `yaml:"rrule"`
	Day     int    `yaml:"day"`
	Time    string `yaml:"time"`
	EndTime string `yaml:"end_time"`
}

type groupFront struct {
	Title         string   `yaml:"title"`
	Description   string   `yaml:"description"`
	Lastmod       string   `yaml:"lastmod"`
	Outputs       []string `yaml:"outputs"`
	GroupID       string   `yaml:"group_id"`
	Affiliate     string   `yaml:"affiliate"`
	AffiliateName string   `yaml:"affiliate_name"`
	AffiliateMail string   `yaml:"affiliate_email,omitempty"`
	State         string   `yaml:"state"`
	Program       string   `yaml:"program"`
	ProgramName   string   `yaml:"program_name"`
	Language      string   `yaml:"language"`
	LanguageName  string   `yaml:"language_name"`
	Attendance    string   `yaml:"attendance"`
	AttendWords   string   `yaml:"attendance_words"`
	Item          item     `yaml:"item"`
	Schedule      []string `yaml:"schedule"`
	Next          []next   `yaml:"next,omitempty"`
	FirstMeeting  string   `yaml:"first_meeting,omitempty"`
	Place         *place   `yaml:"place,omitempty"`
	Online        *online  `yaml:"online,omitempty"`
	Contact       contact  `yaml:"contact"`
	Audience      []string `yaml:"audience,omitempty"`
	Verified      string   `yaml:"verified"`
	VerifiedWords string   `yaml:"verified_words"`
	Edit          string   `yaml:"edit,omitempty"`
	TZ            string   `yaml:"tz"`
	Events        []event  `yaml:"events"`
	ICSLocation   string   `yaml:"ics_location,omitempty"`
	ICSDesc       string   `yaml:"ics_description"`
	Lat           float64  `yaml:"lat,omitempty"`
	Lon           float64  `yaml:"lon,omitempty"`
}

func (w *writer) groups() {
	s := w.s
	for _, a := range s.Affiliates {
		if len(a.Groups) > 0 {
			// A section that is never rendered, so that a group's page can list its siblings.
			w.page("content/groups/"+a.Slug+"/_index.md", map[string]any{
				"title":  a.Name,
				"_build": map[string]any{"render": "never", "list": "never"},
			}, "")
		}
	}
	for _, g := range s.Groups {
		w.page("content/groups/"+g.ID+".md", w.groupFront(g), g.Notes)
	}
}

func (w *writer) groupFront(g *site.Group) groupFront {
	s := w.s
	loc := zoneOf(g)
	describe := func(lang string) []string {
		out := make([]string, len(g.Meetings))
		for i, m := range g.Meetings {
			out[i] = schedule.Describe(m, loc, s.Words(lang), s.Now.Year)
		}
		return out
	}
	c := g.ContactOrAffiliate()
	f := groupFront{
		Title:         g.Name,
		Lastmod:       g.Verified.String(),
		Outputs:       []string{"HTML", "Calendar"},
		GroupID:       g.ID,
		Affiliate:     g.Affiliate.Slug,
		AffiliateName: g.Affiliate.Name,
		AffiliateMail: g.Affiliate.Email,
		State:         g.ListState(),
		Program:       g.Program,
		ProgramName:   s.Words(s.Language).Label("program", g.Program),
		Language:      g.Language,
		LanguageName:  s.Words(s.Language).Label("language", g.Language),
		Attendance:    g.Attendance,
		AttendWords:   s.Words(s.Language).Label("attendance", g.Attendance),
		Item: item{
			Schedule: describe(s.Language),
			Where:    render.Where(g, s.Words(s.Language)), // the same words as our lists
			Paused:   g.Paused(),
			Conexion: g.Program == "conexion",
		},
		Schedule:      describe(g.Language),
		Contact:       contact{Email: c.Email, Phone: c.Phone, Tel: tel(c.Phone)},
		Audience:      g.Audience,
		Verified:      g.Verified.String(),
		VerifiedWords: fmt.Sprintf("%s %d, %d", g.Verified.Month, g.Verified.Day, g.Verified.Year),
		TZ:            loc.String(),
	}
	if s.EditURL != "" {
		f.Edit = s.EditURL + g.Source
	}
	if g.Language != s.Language {
		f.Item.Lang = g.Language
		f.Item.LangName = s.Words(s.Language).Label("language", g.Language)
	}
	if !g.Starts.IsZero() && g.Starts.After(s.Now) {
		f.Item.Starting = fmt.Sprintf("%s %d, %d", g.Starts.Month, g.Starts.Day, g.Starts.Year)
	}
	if !g.Paused() {
		for _, o := range schedule.Next(g, s.Now.In(loc), 3) {
			f.Next = append(f.Next, next{Words: s.Words(s.Language).DateTime(o.Start), DateTime: o.Start.Format(time.RFC3339)})
		}
		if f.Item.Starting != "" && len(f.Next) > 0 {
			f.FirstMeeting = f.Next[0].Words
		}
	}
	if p := g.Place; p != nil {
		f.Place = &place{Name: p.Name, Street: p.Street, City: p.City, State: p.State,
			PostalCode: p.PostalCode, Directions: p.Directions}
		if p.Accessible != nil {
			f.Place.Accessible = "no"
			if *p.Accessible {
				f.Place.Accessible = "yes"
			}
		}
		if p.HasCoords {
			lat, lon := fmt.Sprintf("%.6f", p.Lat), fmt.Sprintf("%.6f", p.Lon)
			f.Place.MapURL = "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=17/" + lat + "/" + lon
			f.Lat, f.Lon = p.Lat, p.Lon
		}
		f.ICSLocation = icsEscape(strings.Join(nonEmpty(p.Name, p.Street, p.City+", "+p.State+" "+p.PostalCode), ", "))
	}
	if o := g.Online; o != nil {
		f.Online = &online{Platform: o.Platform, JoinURL: o.JoinURL, Instructions: o.Instructions}
	}
	desc := f.ProgramName + " recovery support group"
	if g.Place != nil && g.Place.City != "" {
		desc += " in " + g.Place.City + ", " + g.Place.State
	}
	if g.Attendance != "in-person" {
		desc += " online"
	}
	if g.Paused() {
		desc += " (paused)"
	} else if len(f.Schedule) > 0 {
		desc += ": " + strings.Join(f.Schedule, "; ")
	}
	f.Description = desc + ". Free, peer-led, for adults living with a mental health condition."
	pageURL := s.URL(g.Path())
	f.ICSDesc = icsEscape(strings.Join(append(f.Schedule, "Contact: "+c.Email, g.Affiliate.Name, pageURL), "\n"))
	first := s.Now
	if !g.Starts.IsZero() && g.Starts.After(first) {
		first = g.Starts
	}
	host := "sitegen"
	if u, err := url.Parse(s.BaseURL); err == nil {
		host = u.Host
	}
	for i, m := range g.Meetings {
		day := first
		for day.Weekday() != m.Day {
			day = day.AddDays(1)
		}
		start, end := schedule.Times(m, day, loc)
		rrule := "FREQ=WEEKLY;BYDAY=" + strings.ToUpper(m.Day.String()[:2])
		if len(m.Weeks) > 0 {
			var days []string
			for _, wk := range m.Weeks {
				days = append(days, fmt.Sprintf("%d%s", wk, strings.ToUpper(m.Day.String()[:2])))
			}
			rrule = "FREQ=MONTHLY;BYDAY=" + strings.Join(days, ",")
		}
		f.Events = append(f.Events, event{
			UID:     fmt.Sprintf("group-%s-m%d@%s", strings.ReplaceAll(g.ID, "/", "-"), i, host),
			DTStart: start.Format("20060102T150405"),
			DTEnd:   end.Format("20060102T150405"),
			RRule:   rrule,
			Day:     int(m.Day),
			Time:    m.Start.String(),
			EndTime: m.End.String(),
		})
	}
	return f
}

// stateAffiliate is one affiliate's groups on a state's page: the groups' content paths, for
// Hugo's site.GetPage (an index look-up), in the order our renderer lists them.
type stateAffiliate struct {
	Slug   string   `yaml:"slug"`
	Name   string   `yaml:"name"`
	Groups []string `yaml:"groups"`
}

// states writes one section per state. Which groups a state lists is decided here, as our
// renderer decides it in Go; the template fetches and prints each group.
func (w *writer) states() {
	byState := map[string][]*site.Group{}
	for _, g := range w.s.Groups {
		byState[g.ListState()] = append(byState[g.ListState()], g)
	}
	for code, gs := range byState {
		sort.SliceStable(gs, func(i, j int) bool {
			a, b := gs[i], gs[j]
			if a.Affiliate.Name != b.Affiliate.Name {
				return a.Affiliate.Name < b.Affiliate.Name
			}
			return a.Name < b.Name
		})
		var affs []stateAffiliate
		for _, g := range gs {
			if n := len(affs); n == 0 || affs[n-1].Slug != g.Affiliate.Slug {
				affs = append(affs, stateAffiliate{Slug: g.Affiliate.Slug, Name: g.Affiliate.Name})
			}
			last := &affs[len(affs)-1]
			last.Groups = append(last.Groups, "/groups/"+g.ID)
		}
		name := w.s.Words(w.s.Language).Label("state", strings.ToUpper(code))
		w.page("content/groups/"+code+"/_index.md", map[string]any{
			"title":       "Groups in " + name,
			"layout":      "state",
			"code":        code,
			"state_name":  name,
			"count":       len(gs),
			"affiliates":  affs,
			"description": fmt.Sprintf("%d NAMI Connection recovery support groups in %s: when and where they meet.", len(gs), name),
		}, "")
	}
	counts := byState
	w.page("content/groups/_index.md", map[string]any{
		"title":       "Find a group",
		"layout":      "finder",
		"description": fmt.Sprintf("Find a free NAMI Connection recovery support group near you or online: %d groups in %d states.", len(w.s.Groups), len(counts)),
	}, "")
}

func (w *writer) affiliates() {
	for _, a := range w.s.Affiliates {
		front := map[string]any{
			"title":       a.Name,
			"slug_id":     a.Slug,
			"state":       strings.ToLower(a.State),
			"state_name":  w.s.Words(w.s.Language).Label("state", a.State),
			"is_state":    a.IsState(),
			"email":       a.Email,
			"phone":       a.Phone,
			"tel":         tel(a.Phone),
			"website":     a.Website,
			"counties":    a.Counties,
			"description": a.Name + ": NAMI Connection recovery support groups.",
		}
		if a.Parent != nil {
			front["parent"] = map[string]string{"slug": a.Parent.Slug, "name": a.Parent.Name}
		}
		if a.Address != nil {
			front["address"] = map[string]string{"street": a.Address.Street, "city": a.Address.City,
				"state": a.Address.State, "postal_code": a.Address.PostalCode}
		}
		var children []map[string]string
		for _, c := range a.Children {
			children = append(children, map[string]string{"slug": c.Slug, "name": c.Name})
		}
		if children != nil {
			front["children"] = children
		}
		if c := a.Champions; c != nil && c.Wanted {
			front["champions"] = map[string]any{"tasks": c.Tasks, "contact": c.Contact}
		}
		w.page("content/affiliates/"+a.Slug+".md", front, a.About)
	}
	w.page("content/affiliates/_index.md", map[string]any{"title": "Affiliates",
		"description": "NAMI affiliates and state organizations that run Connection groups."}, "")
}

func (w *writer) pages() {
	s := w.s
	w.page("content/_index.md", map[string]any{"title": s.Home.Title, "description": s.Home.Summary}, s.Home.Body)
	for i, p := range s.Guides {
		w.page("content/guides/"+p.Slug+".md", map[string]any{"title": p.Title, "description": p.Summary,
			"weight": i + 1, "lastmod": dateOrEmpty(p.Updated)}, p.Body)
	}
	// We have no page listing the guides (the home page does): neither has Hugo.
	w.page("content/guides/_index.md", map[string]any{"title": "Guides",
		"_build": map[string]any{"render": "never"}}, "")
	for _, p := range s.Pages {
		w.page("content/"+p.Slug+".md", map[string]any{"title": p.Title, "description": p.Summary,
			"lastmod": dateOrEmpty(p.Updated)}, p.Body)
	}
	w.page("content/search.md", map[string]any{"title": "Search", "layout": "search",
		"description": "Search every group by name, place or affiliate."}, "")
	w.page("content/trainings/_index.md", map[string]any{"title": "Trainings",
		"description": "Facilitator trainings."}, "")
}

func dateOrEmpty(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func tel(phone string) string {
	var d strings.Builder
	for _, r := range phone {
		if r >= '0' && r <= '9' {
			d.WriteRune(r)
		}
	}
	switch n := d.Len(); {
	case n == 0:
		return ""
	case n == 10:
		return "tel:+1" + d.String()
	}
	return "tel:" + d.String()
}

func icsEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace(s)
}
