package render

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	_ "time/tzdata" // the test site's zones, whatever the machine has

	"sitegen/internal/civil"
	"sitegen/internal/site"
)

// XSS payloads placed in every kind of text the site publishes.
const (
	xssScript = `<script>alert(1)</script>`
	xssImg    = `<img src=x onerror=alert(1)>`
	xssAttr   = `" onmouseover="alert(1)`
	xssLink   = `[click me](javascript:alert(1))`
)

const xssAll = xssScript + " " + xssImg + " " + xssAttr + " " + xssLink

func loc(t *testing.T, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q) = %v", name, err)
	}
	return l
}

func date(t *testing.T, s string) civil.Date {
	t.Helper()
	d, err := civil.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// testSite returns a site with two states, affiliates with a parent, groups of every kind,
// upcoming, past and correctional trainings, three guides with blocks, and about/privacy; its
// texts carry XSS payloads.
func testSite(t *testing.T) *site.Site {
	t.Helper()
	ny, den := loc(t, "America/New_York"), loc(t, "America/Denver")
	yes := true
	s := &site.Site{
		Title:    "NAMI Connection Groups",
		BaseURL:  "https://example.org/connection/",
		Language: "en",
		Location: ny,
		Helpline: site.Line{Name: "NAMI HelpLine", Phone: "1-800-950-6264", Text: `Text "helpline" to 62640`, URL: "https://www.nami.org/help"},
		Crisis:   site.Line{Name: "988 Suicide & Crisis Lifeline", Phone: "988", Text: "988"},
		EditURL:  "https://git.example.org/edit/main/",
		Now:      date(t, "2026-11-20"),
	}
	ohio := &site.Affiliate{Slug: "nami-ohio", Name: "NAMI Ohio", Kind: "state-organization", State: "OH",
		Email: "programs@oh.example.org", Phone: "614-555-0190", Website: "https://oh.example.org/",
		Location: ny, About: "Ohio's state organization. " + xssAll, Source: "data/affiliates/nami-ohio.yaml"}
	lake := &site.Affiliate{Slug: "nami-lakeshore", Name: "NAMI Lakeshore", Kind: "affiliate", State: "OH",
		Parent: ohio, Email: "help@lakeshore.example.org", Location: ny, Counties: []string{"Cuyahoga", "Lake"},
		Champions: &site.Champions{Wanted: true, Tasks: []string{"locations", "promotion"}},
		Address:   &site.Address{Street: "1 Main St", City: "Lakewood", State: "OH", PostalCode: "44107"},
		Source:    "data/affiliates/nami-lakeshore.yaml"}
	nm := &site.Affiliate{Slug: "nami-new-mexico", Name: "NAMI New Mexico", Kind: "state-organization", State: "NM",
		Email: "info@nm.example.org", Location: den, Source: "data/affiliates/nami-new-mexico.yaml"}
	sandia := &site.Affiliate{Slug: "nami-sandia", Name: "NAMI Sandia", Kind: "affiliate", State: "NM", Parent: nm,
		Phone: "505-555-0101", Location: den,
		Champions: &site.Champions{Wanted: true, Tasks: []string{"transportation", "materials"}, Contact: "champions@sandia.example.org"},
		Source:    "data/affiliates/nami-sandia.yaml"}
	ohio.Children = []*site.Affiliate{lake}
	nm.Children = []*site.Affiliate{sandia}
	s.Affiliates = []*site.Affiliate{nm, sandia, ohio, lake}

	clock := func(h, m int) civil.Clock { return civil.Clock{Hour: h, Minute: m} }
	active := &site.Group{ID: "nami-lakeshore/tuesday-evening", Slug: "tuesday-evening", Affiliate: lake,
		Name: "Lakewood Tuesday " + xssScript, Program: "connection", Language: "en", Status: "active",
		Attendance: "in-person", Location: ny,
		Meetings: []site.Meeting{{Day: time.Tuesday, Start: clock(18, 30), End: clock(20, 0)}},
		Place: &site.Place{Name: "Lakewood Library " + xssImg, Street: "15425 Detroit Ave", City: "Lakewood",
			State: "OH", PostalCode: "44107", HasCoords: true, Lat: 41.4819, Lon: -81.8, Accessible: &yes,
			Directions: "Room 2, upstairs. " + xssLink},
		Notes:    "Bring a friend. " + xssAll,
		Audience: []string{"young-adults", "veterans"},
		Verified: date(t, "2026-10-01"), Source: "data/groups/nami-lakeshore/tuesday-evening.yaml"}
	paused := &site.Group{ID: "nami-lakeshore/paused-thursday", Slug: "paused-thursday", Affiliate: lake,
		Name: "Paused Thursday Group", Program: "connection", Language: "en", Status: "paused",
		Attendance: "in-person", Location: ny,
		Meetings: []site.Meeting{{Day: time.Thursday, Start: clock(10, 0), End: clock(11, 30)}},
		Place:    &site.Place{Name: "Church Hall", Street: "2 Elm St", City: "Euclid", State: "OH", PostalCode: "44123"},
		Verified: date(t, "2026-09-01"), Source: "data/groups/nami-lakeshore/paused-thursday.yaml"}
	private := &site.Group{ID: "nami-lakeshore/online-private", Slug: "online-private", Affiliate: lake,
		Name: "Online Private Link", Program: "connection", Language: "en", Status: "active", Attendance: "online",
		Location: ny, Meetings: []site.Meeting{{Day: time.Monday, Start: clock(19, 0), End: clock(20, 30), Weeks: []int{1, 3}}},
		Online:   &site.Online{Platform: "Zoom", Instructions: "Write to us for the link. " + xssAll},
		Contact:  site.Contact{Email: "online@lakeshore.example.org"},
		Verified: date(t, "2026-10-15"), Source: "data/groups/nami-lakeshore/online-private.yaml"}
	public := &site.Group{ID: "nami-ohio/statewide-online", Slug: "statewide-online", Affiliate: ohio,
		Name: "Statewide Online", Program: "connection", Language: "en", Status: "active", Attendance: "online",
		Location: ny, Meetings: []site.Meeting{{Day: time.Wednesday, Start: clock(12, 0), End: clock(13, 30)}},
		Online:   &site.Online{Platform: "Jitsi", JoinURL: "https://meet.example.com/public-room", LinkPublic: true},
		Verified: date(t, "2026-11-01"), Source: "data/groups/nami-ohio/statewide-online.yaml"}
	hybrid := &site.Group{ID: "nami-sandia/conexion-albuquerque", Slug: "conexion-albuquerque", Affiliate: sandia,
		Name: "Conexión Albuquerque", Program: "conexion", Language: "es", Status: "active", Attendance: "hybrid",
		Location: den, Meetings: []site.Meeting{{Day: time.Saturday, Start: clock(10, 0), End: clock(11, 30)}},
		Place:    &site.Place{Name: "Centro Comunitario", Street: "500 Central Ave SW", City: "Albuquerque", State: "NM", PostalCode: "87102"},
		Online:   &site.Online{Platform: "Zoom"},
		Starts:   date(t, "2026-12-05"),
		Verified: date(t, "2026-11-10"), Source: "data/groups/nami-sandia/conexion-albuquerque.yaml"}
	lake.Groups = []*site.Group{private, paused, active}
	ohio.Groups = []*site.Group{public}
	sandia.Groups = []*site.Group{hybrid}
	s.Groups = []*site.Group{hybrid, private, paused, active, public}

	upcoming := &site.Training{Slug: "oh-facilitator-2026-12", Title: "Ohio Facilitator Training " + xssScript,
		Kind: "facilitator", Program: "connection", Language: "en", Host: ohio,
		Start: date(t, "2026-12-04"), End: date(t, "2026-12-06"), Daily: &site.Daily{Start: clock(9, 0), End: clock(16, 30)},
		Location: ny, Attendance: "in-person",
		Place:       &site.Place{Name: "NAMI Ohio Office", Street: "1100 E Broad St", City: "Columbus", State: "OH", PostalCode: "43205"},
		Application: &site.Application{Deadline: date(t, "2026-11-27"), URL: "https://oh.example.org/apply", Contact: "train@oh.example.org", Screening: true},
		Status:      "open", Setting: "community", Seats: 16, Notes: "Lunch provided. " + xssAll,
		Source: "data/trainings/oh-facilitator-2026-12.yaml"}
	correctional := &site.Training{Slug: "nm-correctional-2027-02", Title: "Correctional Facilitator Training",
		Kind: "facilitator", Program: "connection", Language: "en", Host: nm,
		Start: date(t, "2027-02-10"), End: date(t, "2027-02-12"), Location: den, Attendance: "online",
		Status: "full", Setting: "correctional", Source: "data/trainings/nm-correctional-2027-02.yaml"}
	past := &site.Training{Slug: "oh-trainer-2026-03", Title: "Ohio Trainer Training", Kind: "trainer",
		Program: "connection", Language: "en", Host: ohio, Start: date(t, "2026-03-01"), End: date(t, "2026-03-03"),
		Location: ny, Attendance: "online", Status: "open", Setting: "community",
		Source: "data/trainings/oh-trainer-2026-03.yaml"}
	ohio.Trainings = []*site.Training{past, upcoming}
	nm.Trainings = []*site.Training{correctional}
	s.Trainings = []*site.Training{past, upcoming, correctional}

	s.Home = &site.Page{Slug: "index", Title: "Find a NAMI Connection group", Summary: "Free peer-led groups.",
		Body: "# Welcome\n\nNAMI Connection groups are free. " + xssAll + "\n", Source: "content/index.md"}
	s.Guides = []*site.Page{
		{Slug: "before-you-train", Title: "Before You Train", Summary: "What facilitators should know.", Order: 1,
			Body:   "## Who can train\n\nPeople in recovery. " + xssAll + "\n\n### Correctional settings\n\nMore.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
			Blocks: []string{"facilitator-trainings", "state-organizations"}, Source: "content/guides/before-you-train.md"},
		{Slug: "champions", Title: "Connection Champions", Summary: "Help groups run.", Order: 2,
			Body: "## What champions do\n\nThey help.\n", Blocks: []string{"champion-calls"}, Source: "content/guides/champions.md"},
		{Slug: "starting-a-group", Title: "Starting a Group", Summary: "How a group begins.", Order: 3,
			Body: "## Steps\n\nAsk your affiliate.\n", Blocks: []string{"state-organizations"}, Source: "content/guides/starting-a-group.md"},
	}
	s.Pages = []*site.Page{
		{Slug: "about", Title: "About", Summary: "About this site.", Body: "We list groups. See [the finder](/groups/).\n", Source: "content/about.md"},
		{Slug: "privacy", Title: "Privacy", Summary: "We do not track you.", Body: "No cookies.\n", Source: "content/privacy.md"},
	}
	return s
}

func templatesFS() fs.FS { return os.DirFS("../../templates") }

func renderSite(t *testing.T, s *site.Site) map[string][]byte {
	t.Helper()
	out, err := Pages(s, templatesFS())
	if err != nil {
		t.Fatalf("Pages() = %v", err)
	}
	return out
}

func htmlPages(out map[string][]byte) []string {
	var paths []string
	for p := range out {
		if strings.HasSuffix(p, ".html") {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths
}

func TestPaths(t *testing.T) {
	out := renderSite(t, testSite(t))
	want := []string{
		"index.html", "groups/index.html", "groups/oh/index.html", "groups/nm/index.html",
		"groups/nami-lakeshore/tuesday-evening/index.html", "groups/nami-lakeshore/paused-thursday/index.html",
		"groups/nami-lakeshore/online-private/index.html", "groups/nami-ohio/statewide-online/index.html",
		"groups/nami-sandia/conexion-albuquerque/index.html",
		"affiliates/index.html", "affiliates/nami-ohio/index.html", "affiliates/nami-lakeshore/index.html",
		"affiliates/nami-new-mexico/index.html", "affiliates/nami-sandia/index.html",
		"trainings/index.html", "trainings/oh-facilitator-2026-12/index.html",
		"trainings/nm-correctional-2027-02/index.html", "trainings/oh-trainer-2026-03/index.html",
		"guides/before-you-train/index.html", "guides/champions/index.html", "guides/starting-a-group/index.html",
		"search/index.html", "about/index.html", "privacy/index.html", "404.html",
	}
	for _, p := range want {
		if _, ok := out[p]; !ok {
			t.Errorf("Pages() has no %s", p)
		}
	}
	if got := len(htmlPages(out)); got != len(want) {
		t.Errorf("Pages() wrote %d pages, want %d: %q", got, len(want), htmlPages(out))
	}
	css := regexp.MustCompile(`^assets/site\.[0-9a-f]{10}\.css$`)
	n := 0
	for p := range out {
		if css.MatchString(p) {
			n++
			if !bytes.Contains(out["index.html"], []byte(`href="/connection/`+p+`"`)) {
				t.Errorf("index.html does not link the stylesheet %s", p)
			}
		}
	}
	if n != 1 {
		t.Errorf("Pages() wrote %d stylesheets, want 1", n)
	}
}

// tag is one start tag of a page, as scanTags finds it.
type tag struct {
	name  string
	attrs map[string]string // values with entities left as written
	body  string            // contents, for script elements
}

// scanTags returns the start tags of an HTML document; it skips comments, the doctype, end
// tags and text, and keeps the raw contents of script elements.
func scanTags(t *testing.T, doc string) []tag {
	t.Helper()
	var tags []tag
	for i := 0; i < len(doc); {
		lt := strings.IndexByte(doc[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := doc[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest, "-->")
			if end < 0 {
				t.Fatalf("unclosed comment at %d", i)
			}
			i += end + 3
			continue
		case strings.HasPrefix(rest, "<!"), strings.HasPrefix(rest, "</"):
			i += strings.IndexByte(rest, '>') + 1
			continue
		case len(rest) < 2 || !isLetter(rest[1]):
			i++
			continue
		}
		j := 1
		for j < len(rest) && !isSpace(rest[j]) && rest[j] != '>' && rest[j] != '/' {
			j++
		}
		tg := tag{name: strings.ToLower(rest[1:j]), attrs: map[string]string{}}
		for {
			for j < len(rest) && (isSpace(rest[j]) || rest[j] == '/') {
				j++
			}
			if j >= len(rest) {
				t.Fatalf("unclosed tag at %d", i)
			}
			if rest[j] == '>' {
				j++
				break
			}
			k := j
			for k < len(rest) && !isSpace(rest[k]) && rest[k] != '=' && rest[k] != '>' {
				k++
			}
			name, val := strings.ToLower(rest[j:k]), ""
			j = k
			if j < len(rest) && rest[j] == '=' {
				j++
				if q := rest[j]; q == '"' || q == '\'' {
					end := strings.IndexByte(rest[j+1:], q)
					val = rest[j+1 : j+1+end]
					j += end + 2
				} else {
					k := j
					for k < len(rest) && !isSpace(rest[k]) && rest[k] != '>' {
						k++
					}
					val, j = rest[j:k], k
				}
			}
			tg.attrs[name] = val
		}
		i += j
		if tg.name == "script" {
			end := strings.Index(doc[i:], "</script")
			if end < 0 {
				t.Fatalf("unclosed script at %d", i)
			}
			tg.body = doc[i : i+end]
			i += end
		}
		tags = append(tags, tg)
	}
	return tags
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func TestEveryPage(t *testing.T) {
	s := testSite(t)
	out := renderSite(t, s)
	for _, p := range htmlPages(out) {
		t.Run(p, func(t *testing.T) {
			doc := string(out[p])
			tags := scanTags(t, doc)
			h1 := 0
			for _, tg := range tags {
				if tg.name == "h1" {
					h1++
				}
				checkTag(t, tg)
			}
			if h1 != 1 {
				t.Errorf("%s has %d h1, want 1", p, h1)
			}
			for _, bad := range []string{"<style", "<script>alert", "<img", "javascript:alert"} {
				if strings.Contains(strings.ToLower(doc), bad) {
					t.Errorf("%s contains %q", p, bad)
				}
			}
			for _, want := range []string{
				`<html lang="en">`, `<meta name="viewport"`, `<meta name="description" content="`,
				`<meta property="og:title"`, `<meta property="og:description"`, `<meta property="og:type"`,
				`<meta property="og:site_name" content="NAMI Connection Groups">`,
				`<link rel="alternate" type="application/json"`, `href="/connection/api/groups.json"`,
				`type="application/atom+xml"`, `href="/connection/trainings/feed.xml"`,
				`<a class="skip" href="#main">`, `<main id="main"`, `<nav aria-label="Main">`, `<footer`,
				`href="tel:988"`, `href="tel:&#43;18009506264"`, `href="sms:62640?body=helpline"`,
				`href="/connection/about/"`, `href="/connection/privacy/"`,
			} {
				if !strings.Contains(doc, want) {
					t.Errorf("%s lacks %s", p, want)
				}
			}
			if crisis, header := strings.Index(doc, `class="crisis"`), strings.Index(doc, `<header`); crisis < 0 || crisis > header {
				t.Errorf("%s: the crisis banner does not come before the header", p)
			}
			canonical := `<link rel="canonical" href="https://example.org/connection/`
			if p == "404.html" {
				if strings.Contains(doc, canonical) {
					t.Errorf("404.html has a canonical link")
				}
			} else {
				folder := strings.TrimSuffix(p, "index.html")
				if !strings.Contains(doc, canonical+folder+`">`) {
					t.Errorf("%s lacks canonical link to %s", p, folder)
				}
			}
		})
	}
}

// checkTag fails when tg carries inline style or script, an event handler, a javascript:
// link, or loads anything from another host.
func checkTag(t *testing.T, tg tag) {
	t.Helper()
	for name, val := range tg.attrs {
		if name == "style" || strings.HasPrefix(name, "on") {
			t.Errorf("<%s> has attribute %s=%q", tg.name, name, val)
		}
		if name == "href" || name == "src" || name == "action" {
			low := strings.ToLower(strings.TrimSpace(val))
			if strings.HasPrefix(low, "javascript:") || strings.HasPrefix(low, "data:") || strings.HasPrefix(low, "vbscript:") {
				t.Errorf("<%s %s=%q>", tg.name, name, val)
			}
			u, err := url.Parse(strings.ReplaceAll(val, "&amp;", "&"))
			if err != nil {
				t.Errorf("<%s %s=%q>: %v", tg.name, name, val, err)
				continue
			}
			switch {
			case u.Scheme == "" && u.Host == "" && !strings.HasPrefix(val, "/connection/") && !strings.HasPrefix(val, "#"):
				t.Errorf("<%s %s=%q> is not under the base path", tg.name, name, val)
			case u.Host != "" && u.Host != "example.org" && !(tg.name == "a" && name == "href"):
				t.Errorf("<%s %s=%q> loads from another host", tg.name, name, val)
			}
		}
	}
	switch tg.name {
	case "style", "iframe", "object", "embed", "img":
		t.Errorf("page has a <%s>", tg.name)
	case "script":
		typ := tg.attrs["type"]
		switch {
		case typ == "application/ld+json":
			if strings.Contains(tg.body, "<") {
				t.Errorf("JSON-LD contains '<': %s", tg.body)
			}
		case typ == "module" && tg.attrs["src"] != "" && strings.TrimSpace(tg.body) == "":
		default:
			t.Errorf("inline or untyped <script %v>%s</script>", tg.attrs, tg.body)
		}
	}
}

// hrefs returns the href values of the <a> tags of doc.
func hrefs(t *testing.T, doc string) []string {
	t.Helper()
	var out []string
	for _, tg := range scanTags(t, doc) {
		if tg.name == "a" {
			out = append(out, tg.attrs["href"])
		}
	}
	return out
}

func TestGroupPages(t *testing.T) {
	out := renderSite(t, testSite(t))
	tests := []struct {
		name    string
		path    string
		want    []string
		notWant []string
	}{
		{
			name: "active",
			path: "groups/nami-lakeshore/tuesday-evening/index.html",
			want: []string{
				"Every Tuesday, 6:30–8:00 pm Eastern Time",
				`<time datetime="2026-11-24T18:30:00-05:00">Tuesday, November 24, 2026, 6:30 pm EST</time>`,
				"Tuesday, December 1, 2026, 6:30 pm EST", "Tuesday, December 8, 2026, 6:30 pm EST",
				`href="/connection/groups/nami-lakeshore/tuesday-evening/group.ics"`,
				`href="/connection/affiliates/nami-lakeshore/"`,
				"NAMI Connection", "15425 Detroit Ave", "Lakewood, OH 44107", "Wheelchair accessible: yes",
				"https://www.openstreetmap.org/?mlat=41.481900&amp;mlon=-81.800000",
				"Young adults", "Veterans", "Last confirmed", "October 1, 2026",
				`href="https://git.example.org/edit/main/data/groups/nami-lakeshore/tuesday-evening.yaml"`,
				"Other groups of NAMI Lakeshore", "Paused Thursday Group",
				`href="mailto:help@lakeshore.example.org"`,
			},
			notWant: []string{"Tuesday, December 15"},
		},
		{
			name:    "paused",
			path:    "groups/nami-lakeshore/paused-thursday/index.html",
			want:    []string{"This group is paused and is not meeting right now."},
			notWant: []string{`class="next"`, "<time datetime=\"2026-11-26", "Add to calendar", "Every Thursday"},
		},
		{
			name: "online, link on request",
			path: "groups/nami-lakeshore/online-private/index.html",
			want: []string{"Platform: Zoom", "Ask for the link:", `href="mailto:online@lakeshore.example.org"`,
				"Write to us for the link.", "First and third Monday, 7:00–8:30 pm Eastern Time", "Monday, December 7, 2026, 7:00 pm EST"},
			notWant: []string{"Join the meeting", "meet.example.com"},
		},
		{
			name:    "online, public link",
			path:    "groups/nami-ohio/statewide-online/index.html",
			want:    []string{`href="https://meet.example.com/public-room"`, "Join the meeting", `href="mailto:programs@oh.example.org"`, `href="tel:&#43;16145550190"`},
			notWant: []string{"Ask for the link"},
		},
		{
			name: "hybrid, Spanish, starting",
			path: "groups/nami-sandia/conexion-albuquerque/index.html",
			want: []string{`<main id="main" lang="es">`, "NAMI Conexión", "Todos los sábados, 10:00–11:30 hora de la Montaña",
				"Primera reunión: sábado, 5 de diciembre de 2026, 10:00 MST", "Centro Comunitario", "Pida el enlace:", "Idioma: Español"},
			notWant: []string{"sábado, 28 de noviembre"},
		},
		{
			name: "state list",
			path: "groups/oh/index.html",
			want: []string{"<h1>Groups in Ohio</h1>", `<li class="group is-paused">`, ">Paused</strong>",
				"Paused: not meeting right now", "Statewide Online", "Online", "Lakewood Library"},
			notWant: []string{"Every Thursday"},
		},
		{
			name: "state list, starting",
			path: "groups/nm/index.html",
			want: []string{"Starting December 5, 2026", `lang="es"`, "Centro Comunitario, Albuquerque, and online", "in Spanish"},
		},
		{
			name: "finder",
			path: "groups/index.html",
			want: []string{`<form class="finder" action="/connection/groups/" method="get"`, `<label for="q">`,
				`<input id="q" name="q" type="search"`, `<select id="f-state" name="state">`, `<option value="nm">New Mexico</option>`,
				`name="day"`, `<option value="tuesday">Tuesday</option>`, `name="time"`, `<option value="evening">`,
				`name="attendance"`, `<option value="hybrid">`, `name="language"`, `<option value="es">Spanish</option>`,
				`name="program"`, `<option value="conexion">`, `name="audience"`, `<option value="veterans">`,
				`<div id="results" aria-live="polite"></div>`,
				`<a href="/connection/groups/oh/">Ohio</a> (4 groups)`, `<a href="/connection/groups/nm/">New Mexico</a> (1 group)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := string(out[tt.path])
			for _, w := range tt.want {
				if !strings.Contains(doc, w) {
					t.Errorf("%s lacks %q", tt.path, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(doc, w) {
					t.Errorf("%s contains %q", tt.path, w)
				}
			}
		})
	}
}

func TestOtherPages(t *testing.T) {
	out := renderSite(t, testSite(t))
	tests := []struct {
		name    string
		path    string
		want    []string
		notWant []string
	}{
		{
			name: "home",
			path: "index.html",
			want: []string{"<h1>Find a NAMI Connection group</h1>", "<h2 id=\"welcome\">Welcome</h2>",
				`action="/connection/groups/"`, `name="q"`, `<label for="q">`,
				"Ohio Facilitator Training", "Correctional Facilitator Training",
				`href="/connection/guides/champions/"`, "Help groups run."},
			notWant: []string{"Ohio Trainer Training"},
		},
		{
			name: "trainings, upcoming before past",
			path: "trainings/index.html",
			want: []string{"December 4–6, 2026", "February 10–12, 2027", "March 1–3, 2026", "Full", "Open",
				"for groups in correctional settings", `href="/connection/trainings/trainings.ics"`},
		},
		{
			name: "training",
			path: "trainings/oh-facilitator-2026-12/index.html",
			want: []string{"Facilitator training", "December 4–6, 2026", "9:00 am–4:30 pm EST", "NAMI Ohio Office",
				`href="/connection/affiliates/nami-ohio/"`, "Open", "16", "Apply by November 27, 2026",
				`href="https://oh.example.org/apply"`, `href="mailto:train@oh.example.org"`, "Applicants are screened.",
				`<script type="application/ld+json">`, `"@type": "Event"`, "Lunch provided.",
				`href="/connection/trainings/trainings.ics"`,
				`href="https://git.example.org/edit/main/data/trainings/oh-facilitator-2026-12.yaml"`},
			notWant: []string{"before-you-train"},
		},
		{
			name: "correctional training",
			path: "trainings/nm-correctional-2027-02/index.html",
			want: []string{`href="/connection/guides/before-you-train/"`, "Full", "Online", "For groups in correctional settings"},
		},
		{
			name: "past training",
			path: "trainings/oh-trainer-2026-03/index.html",
			want: []string{"This training has ended."},
		},
		{
			name: "affiliates",
			path: "affiliates/index.html",
			want: []string{"<h2>New Mexico</h2>", "<h2>Ohio</h2>", "NAMI Ohio</a> (state organization)"},
		},
		{
			name: "affiliate with parent and champion call",
			path: "affiliates/nami-lakeshore/index.html",
			want: []string{`part of <a href="/connection/affiliates/nami-ohio/">NAMI Ohio</a>`, "Counties served: Cuyahoga, Lake.",
				"Become a Connection Champion", "Securing group locations", "Promoting groups in the community",
				"Lakewood Tuesday", "Suggest a correction", "1 Main St"},
		},
		{
			name: "state organization",
			path: "affiliates/nami-ohio/index.html",
			want: []string{`href="/connection/affiliates/nami-lakeshore/"`, "Ohio Facilitator Training", "Past trainings",
				`href="https://oh.example.org/"`, "Statewide Online"},
			notWant: []string{"Become a Connection Champion"},
		},
		{
			name: "guide with blocks",
			path: "guides/before-you-train/index.html",
			want: []string{`<nav class="toc" aria-label="Contents">`, `<a href="#who-can-train">Who can train</a>`,
				`<h2 id="who-can-train">Who can train</h2>`, `<h3 id="correctional-settings">`, "<table>",
				`<h2 id="list-facilitator-trainings">Upcoming facilitator trainings</h2>`, "Ohio Facilitator Training",
				`<h2 id="list-state-organizations">State organizations</h2>`, "NAMI New Mexico", `href="mailto:info@nm.example.org"`},
		},
		{
			name: "champion calls",
			path: "guides/champions/index.html",
			want: []string{"NAMI Lakeshore", "NAMI Sandia", `href="mailto:champions@sandia.example.org"`,
				"Helping facilitators with transportation", "Keeping resource materials and refreshments stocked",
				`href="mailto:help@lakeshore.example.org"`},
		},
		{
			name: "search",
			path: "search/index.html",
			want: []string{`action="/connection/search/"`, `<label for="q">`, `name="q"`, `<div id="results" aria-live="polite"></div>`},
		},
		{
			name: "about",
			path: "about/index.html",
			want: []string{"<h1>About</h1>", "We list groups.", `<a href="/connection/groups/">the finder</a>`},
		},
		{
			name: "404",
			path: "404.html",
			want: []string{`<meta name="robots" content="noindex">`, `href="/connection/groups/"`, `href="tel:988"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := string(out[tt.path])
			for _, w := range tt.want {
				if !strings.Contains(doc, w) {
					t.Errorf("%s lacks %q", tt.path, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(doc, w) {
					t.Errorf("%s contains %q", tt.path, w)
				}
			}
		})
	}
}

func TestNoFacilitatorTrainings(t *testing.T) {
	s := testSite(t)
	s.Trainings = nil
	out := renderSite(t, s)
	doc := string(out["guides/before-you-train/index.html"])
	if want := "No trainings are scheduled right now; ask your state organization."; !strings.Contains(doc, want) {
		t.Errorf("guide without trainings lacks %q", want)
	}
}

func TestXSS(t *testing.T) {
	out := renderSite(t, testSite(t))
	// The payloads must appear only as text: escaped, or dropped by Markdown. (TestEveryPage
	// checks that no tag has an on* attribute; escaped text may read "onerror=".)
	for _, p := range htmlPages(out) {
		doc := strings.ToLower(string(out[p]))
		for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript:`, "onmouseover=\"alert"} {
			if strings.Contains(doc, bad) {
				t.Errorf("%s contains %q", p, bad)
			}
		}
	}
	// Where a name is shown, it is shown escaped.
	if doc := string(out["groups/nami-lakeshore/tuesday-evening/index.html"]); !strings.Contains(doc, "Lakewood Tuesday &lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("group page does not show its name escaped")
	}
	if doc := string(out["trainings/index.html"]); !strings.Contains(doc, "Ohio Facilitator Training &lt;script&gt;") {
		t.Errorf("trainings page does not show the title escaped")
	}
	// The JSON-LD keeps the title but cannot end its script element.
	doc := string(out["trainings/oh-facilitator-2026-12/index.html"])
	if !strings.Contains(doc, `Ohio Facilitator Training \u003cscript\u003ealert(1)\u003c/script\u003e`) {
		t.Errorf("JSON-LD does not carry the escaped title")
	}
}

func TestDeterministic(t *testing.T) {
	a := renderSite(t, testSite(t))
	b := renderSite(t, testSite(t))
	if len(a) != len(b) {
		t.Fatalf("two renders wrote %d and %d files", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between two renders", p)
		}
	}
}

func TestBasePathRoot(t *testing.T) {
	s := testSite(t)
	s.BaseURL = "https://groups.example.net/"
	out := renderSite(t, s)
	doc := string(out["index.html"])
	for _, want := range []string{`href="/groups/"`, `<link rel="canonical" href="https://groups.example.net/">`} {
		if !strings.Contains(doc, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	if strings.Contains(doc, "/connection/") {
		t.Errorf("index.html links under the old base path")
	}
}

// templatesWith returns the real templates with some files replaced.
func templatesWith(t *testing.T, files map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(templatesFS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templatesFS(), p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, text := range files {
		m[p] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		text string
	}{
		{name: "parse error in a page", file: "pages/group.html", text: "{{define \"main\"}}\n{{if}}\n{{end}}"},
		{name: "execution error in a page", file: "pages/guide.html", text: "{{define \"main\"}}<h1>{{.Nope}}</h1>{{end}}"},
		{name: "parse error in a partial", file: "lists.html", text: "{{define \"groups\"}}{{range}}{{end}}"},
		{name: "unknown function", file: "pages/404.html", text: "{{define \"main\"}}{{nosuch 1}}{{end}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Pages(testSite(t), templatesWith(t, map[string]string{tt.file: tt.text}))
			if err == nil || !strings.Contains(err.Error(), tt.file) {
				t.Errorf("Pages() with a broken %s = %v, want an error naming it", tt.file, err)
			}
		})
	}
}

func TestAssets(t *testing.T) {
	fsys := templatesWith(t, map[string]string{"finder.js": "export {};\n", "search.js": "export const x = 1;\n"})
	out, err := Pages(testSite(t), fsys)
	if err != nil {
		t.Fatalf("Pages() = %v", err)
	}
	var finder, search string
	for p := range out {
		switch {
		case strings.HasPrefix(p, "assets/finder."):
			finder = p
		case strings.HasPrefix(p, "assets/search."):
			search = p
		}
	}
	if !regexp.MustCompile(`^assets/finder\.[0-9a-f]{10}\.js$`).MatchString(finder) {
		t.Fatalf("finder script written as %q", finder)
	}
	if got := string(out[finder]); got != "export {};\n" {
		t.Errorf("%s = %q, want the file's content", finder, got)
	}
	tag := `<script type="module" src="/connection/` + finder + `"></script>`
	if !strings.Contains(string(out["groups/index.html"]), tag) {
		t.Errorf("groups/index.html lacks %s", tag)
	}
	if !strings.Contains(string(out["search/index.html"]), search) {
		t.Errorf("search/index.html does not load %s", search)
	}
	if strings.Contains(string(out["index.html"]), "<script") {
		t.Errorf("index.html loads a script")
	}
}

func TestSpanishGroupListsOthersInSiteLanguage(t *testing.T) {
	s := testSite(t)
	for _, g := range s.Groups {
		if g.Slug == "online-private" {
			g.Language = "es"
		}
	}
	out := renderSite(t, s)
	doc := string(out["groups/nami-lakeshore/online-private/index.html"])
	for _, want := range []string{`<main id="main" lang="es">`, "Otros grupos de NAMI Lakeshore", `<div lang="en"><ul class="groups">`, "Primer y tercer lunes"} {
		if !strings.Contains(doc, want) {
			t.Errorf("Spanish group page lacks %q", want)
		}
	}
	if state := string(out["groups/oh/index.html"]); !strings.Contains(state, `lang="es">Online Private Link</a>`) {
		t.Errorf("state list does not mark the Spanish group's name with its language")
	}
}
