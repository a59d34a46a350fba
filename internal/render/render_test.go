package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	_ "time/tzdata" // the test site's zones, whatever the machine has

	"sitegen/internal/site"
	"sitegen/internal/sitetest"
)

// testSite returns the shared fixture (package sitetest), built as of 2026-11-20: its texts
// carry XSS payloads.
func testSite(t *testing.T) *site.Site {
	t.Helper()
	return sitetest.Build(t, sitetest.Fixture(t), sitetest.Date(t, "2026-11-20"))
}

// Pages renders every page of s with the templates of templates.
func Pages(s *site.Site, templates fs.FS) (map[string][]byte, error) {
	p, err := Plan(s, templates)
	if err != nil {
		return nil, err
	}
	return p.Files.Files()
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
	// Every page again in Spanish, under es/.
	for _, p := range want {
		want = append(want, "es/"+p)
	}
	for _, p := range want {
		if _, ok := out[p]; !ok {
			t.Errorf("Pages() has no %s", p)
		}
	}
	// Every page once per language: home, finder, affiliates, trainings, search, 404, and
	// one per state with groups, group, affiliate, training, guide and plain page.
	s := testSite(t)
	states := map[string]bool{}
	for _, g := range s.Groups {
		states[g.ListState()] = true
	}
	perLanguage := 6 + len(states) + len(s.Groups) + len(s.Affiliates) + len(s.Trainings) + len(s.Guides) + len(s.Pages)
	if got := len(htmlPages(out)); got != perLanguage*len(s.Languages) {
		t.Errorf("Pages() wrote %d pages, want %d: %q", got, perLanguage*len(s.Languages), htmlPages(out))
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
			lang, nav, base := "en", "Main", "/connection/"
			if strings.HasPrefix(p, "es/") {
				lang, nav, base = "es", "Principal", "/connection/es/"
			}
			wants := []string{
				`<html lang="` + lang + `">`, `<meta name="viewport"`, `<meta name="description" content="`,
				`<meta property="og:title"`, `<meta property="og:description"`, `<meta property="og:type"`,
				`<meta property="og:site_name" content="NAMI Connection Groups">`,
				`<link rel="alternate" type="application/json"`, `href="/connection/api/groups.json"`,
				`type="application/atom+xml"`, `href="/connection/trainings/feed.xml"`,
				`<a class="skip" href="#main">`, `<main id="main"`, `<nav aria-label="` + nav + `">`, `<footer`,
				`href="tel:988"`, `href="tel:&#43;18009506264"`,
				`href="` + base + `about/"`, `href="` + base + `privacy/"`, `data-home="` + base + `"`,
			}
			if lang == "en" {
				wants = append(wants, `href="sms:62640?body=helpline"`, `href="sms:988"`)
			} else {
				wants = append(wants, "llame\u00a0al\u00a0988\u00a0y\u00a0marque\u00a0el\u00a02", `href="sms:988?body=AYUDA"`)
			}
			for _, want := range wants {
				if !strings.Contains(doc, want) {
					t.Errorf("%s lacks %s", p, want)
				}
			}
			if crisis, header := strings.Index(doc, `class="crisis"`), strings.Index(doc, `<header`); crisis < 0 || crisis > header {
				t.Errorf("%s: the crisis banner does not come before the header", p)
			}
			canonical := `<link rel="canonical" href="https://example.org/connection/`
			if strings.HasSuffix(p, "404.html") {
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
		case typ == "application/json" && tg.attrs["id"] == "words":
			// Data for the scripts, which browsers never run.
			if strings.Contains(tg.body, "<") {
				t.Errorf("the scripts' words contain '<': %s", tg.body)
			}
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
	tests := []pageWant{
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
			name: "hybrid, Spanish, starting, on an English page",
			path: "groups/nami-sandia/conexion-albuquerque/index.html",
			want: []string{`<h1 lang="es">Conexión Albuquerque</h1>`, "NAMI Conexión", "Every Saturday, 10:00–11:30 am Mountain Time",
				"First meeting: Saturday, December 5, 2026, 10:00 am MST", "Centro Comunitario", "Ask for the link:", "Language: Spanish",
				`<link rel="alternate" hreflang="es" href="https://example.org/connection/es/groups/nami-sandia/conexion-albuquerque/">`,
				`<link rel="alternate" hreflang="x-default" href="https://example.org/connection/groups/nami-sandia/conexion-albuquerque/">`,
				`<a href="/connection/es/groups/nami-sandia/conexion-albuquerque/" hreflang="es" lang="es">Español</a>`},
			notWant: []string{"Saturday, November 28", `<main id="main" lang=`},
		},
		{
			name: "the same in Spanish",
			path: "es/groups/nami-sandia/conexion-albuquerque/index.html",
			want: []string{`<html lang="es">`, "<h1>Conexión Albuquerque</h1>", "Cada sábado, 10:00–11:30\u00a0a.\u00a0m., hora de la montaña",
				"Primera reunión: sábado, 5 de diciembre de 2026, 10:00\u00a0a.\u00a0m. MST", "Pida el enlace:", "Idioma: español",
				`href="/connection/es/groups/nami-sandia/conexion-albuquerque/group.ics"`, `href="/connection/es/affiliates/nami-sandia/"`,
				`<a href="/connection/groups/nami-sandia/conexion-albuquerque/" hreflang="en" lang="en">English</a>`},
		},
		{
			name: "a translated note in Spanish",
			path: "es/groups/nami-lakeshore/tuesday-evening/index.html",
			want: []string{"Traiga a un amigo.", "Cada martes, 6:30–8:00\u00a0p.\u00a0m., hora del este", "Adultos jóvenes",
				`<h1 lang="en">Lakewood Tuesday &lt;script&gt;alert(1)&lt;/script&gt;</h1>`, "Otros grupos de NAMI Lakeshore"},
			notWant: []string{"Bring a friend"},
		},
		{
			name: "state list",
			path: "groups/oh/index.html",
			want: []string{"<h1>Groups in Ohio</h1>", `<li class="group card is-paused">`, ">Paused</strong>",
				"Not meeting right now", "Statewide Online", "Online", "Lakewood Library",
				// On paper, each group's address and whom to ask (from 2026-12-05).
				`<span class="print-only">15425 Detroit Ave, Lakewood, OH 44107</span>`},
			notWant: []string{"Every Thursday"},
		},
		{
			name: "state list, starting",
			path: "groups/nm/index.html",
			want: []string{"Starting December 5, 2026", `lang="es"`, "Centro Comunitario, Albuquerque, NM, and online", "in Spanish"},
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
		{
			name: "finder in Spanish",
			path: "es/groups/index.html",
			want: []string{`<form class="finder" action="/connection/es/groups/" method="get"`, `<option value="nm">Nuevo México</option>`,
				`<option value="tuesday">Martes</option>`, `<option value="es">Español</option>`, "(1 grupo)", "(4 grupos)",
				`<script type="application/json" id="words">`},
		},
	}
	checkPages(t, out, tests)
}

func TestOtherPages(t *testing.T) {
	out := renderSite(t, testSite(t))
	tests := []pageWant{
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
			want: []string{"This training has ended.", `Hosted by NAMI Ohio. This training has ended.">`},
			// Its status (until 2026-12-05 "Status: Open" under "This training has ended.").
			notWant: []string{"<dt>Status</dt>", "<dd>Open</dd>", "Apply"},
		},
		{
			name: "affiliates",
			path: "affiliates/index.html",
			want: []string{"<h2>New Mexico</h2>", "<h2>Ohio</h2>", "NAMI Ohio</a> (state organization)"},
		},
		{
			name: "affiliate with parent and champion call",
			path: "affiliates/nami-lakeshore/index.html",
			want: []string{`, part of <a href="/connection/affiliates/nami-ohio/">NAMI Ohio</a>`, "Counties served: Cuyahoga and Lake.",
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
			// With the other languages' home pages: a host serves it for their missing
			// addresses too (until 2026-12-05 it had no way to the Spanish pages).
			want: []string{`<meta name="robots" content="noindex">`, `href="/connection/groups/"`, `href="tel:988"`,
				`<a href="/connection/es/" hreflang="es" lang="es">Español</a></nav>`},
		},
		{
			name: "guide translated",
			path: "es/guides/champions/index.html",
			want: []string{"<h1>Connection Champions en español</h1>", "Ayudan.", "Afiliadas que buscan Connection Champions",
				"Ayudar a los facilitadores con el transporte", `<nav class="toc" aria-label="Contenido">`},
		},
		{
			name: "guide not translated",
			path: "es/guides/starting-a-group/index.html",
			want: []string{"Esta página todavía no está traducida al español.", `<a href="/connection/guides/starting-a-group/" hreflang="en">`,
				`<h1 lang="en">Starting a Group</h1>`},
			notWant: []string{"Ask your affiliate."},
		},
		{
			name: "affiliate about in Spanish",
			path: "es/affiliates/nami-ohio/index.html",
			want: []string{"La organización estatal de Ohio.", "Organización estatal de NAMI en Ohio", "Capacitaciones pasadas"},
		},
	}
	checkPages(t, out, tests)
}

func TestNoFacilitatorTrainings(t *testing.T) {
	fsys := sitetest.Fixture(t)
	for name := range fsys {
		if strings.HasPrefix(name, "data/trainings/") {
			delete(fsys, name)
		}
	}
	out := renderSite(t, sitetest.Build(t, fsys, sitetest.Date(t, "2026-11-20")))
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
	s := sitetest.Build(t, sitetest.Fixture(t), sitetest.Date(t, "2026-11-20"), func(o *site.Options) { o.BaseURL = "https://groups.example.net/" })
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
	const finderJS = "export function greet(name) {\n  const greeting = \"¡Hola, \" + name;\n  return greeting;\n}\n"
	fsys := templatesWith(t, map[string]string{"finder.js": finderJS, "search.js": "export const x = 1;\n"})
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
	// Minified: the exported name kept, a local one shortened, the text as written.
	if got := string(out[finder]); len(got) >= len(finderJS) || !strings.Contains(got, "export") || !strings.Contains(got, "greet") || strings.Contains(got, "greeting") || !strings.Contains(got, `"¡Hola, "`) {
		t.Errorf("%s = %q, want %q minified", finder, got, finderJS)
	}
	// Named by its source: the name is the same whichever version of the minifier runs.
	sum := sha256.Sum256([]byte(finderJS))
	if want := "assets/finder." + hex.EncodeToString(sum[:])[:10] + ".js"; finder != want {
		t.Errorf("finder script written as %s, want %s", finder, want)
	}
	tag := `<script type="module" src="/connection/` + finder + `"></script>`
	if !strings.Contains(string(out["groups/index.html"]), tag) {
		t.Errorf("groups/index.html lacks %s", tag)
	}
	if !strings.Contains(string(out["search/index.html"]), search) {
		t.Errorf("search/index.html does not load %s", search)
	}
	// The home page loads its own small module only: no words, no search data.
	home := string(out["index.html"])
	if n := strings.Count(home, "<script"); n != 1 || !regexp.MustCompile(`<script type="module" src="/connection/assets/home\.[0-9a-f]{10}\.js"></script>`).MatchString(home) {
		t.Errorf("index.html loads %d scripts, want home.js alone", n)
	}
	if strings.Contains(home, "manifest.json") {
		t.Errorf("index.html preloads the search index")
	}
}

func TestLanguageOfContent(t *testing.T) {
	out := renderSite(t, testSite(t))
	// On English pages a Spanish group's name is marked as Spanish, in every list.
	if state := string(out["groups/nm/index.html"]); !strings.Contains(state, `lang="es">Conexión Albuquerque</a>`) {
		t.Errorf("state list does not mark the Spanish group's name with its language")
	}
	// On Spanish pages an English group's name is marked as English.
	if state := string(out["es/groups/oh/index.html"]); !strings.Contains(state, `lang="en">Paused Thursday Group</a>`) {
		t.Errorf("Spanish state list does not mark the English group's name")
	}
	// No page marks its main content with another language: the interface is the page's.
	for _, p := range htmlPages(out) {
		if strings.Contains(string(out[p]), `<main id="main" lang=`) {
			t.Errorf("%s marks its main element with a language", p)
		}
	}
}

func TestMissingCatalogue(t *testing.T) {
	fsys := sitetest.Fixture(t)
	s := sitetest.Build(t, fsys, sitetest.Date(t, "2026-11-20"))
	delete(s.Catalogs, "es")
	if _, err := Pages(s, templatesFS()); err == nil || !strings.Contains(err.Error(), "i18n/es.yaml") {
		t.Errorf("Pages() without a Spanish catalogue = %v, want an error naming i18n/es.yaml", err)
	}
}

// hasAll fails t unless doc, the file at path, contains every string of want and none of
// notWant.
func hasAll(t *testing.T, path, doc string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(doc, w) {
			t.Errorf("%s lacks %q", path, w)
		}
	}
	for _, w := range notWant {
		if strings.Contains(doc, w) {
			t.Errorf("%s contains %q", path, w)
		}
	}
}

// pageWant is what a page must contain, and must not.
type pageWant struct {
	name    string
	path    string
	want    []string
	notWant []string
}

// checkPages checks each page of tests in out, in a subtest of its name.
func checkPages(t *testing.T, out map[string][]byte, tests []pageWant) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hasAll(t, tt.path, string(out[tt.path]), tt.want, tt.notWant)
		})
	}
}
