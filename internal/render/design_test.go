package render

import (
	"bytes"
	"compress/gzip"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"sitegen/internal/sitetest"
)

// samplePages renders the repository's sample site as the browser tests build it.
func samplePages(t *testing.T) map[string][]byte {
	t.Helper()
	return renderSite(t, sitetest.Build(t, sitetest.Sample(t), sitetest.Date(t, "2026-11-23")))
}

// hrefAfter returns the address, unescaped, of the first link of doc whose text (after an
// icon, if any) is text.
func hrefAfter(t *testing.T, doc, text string) string {
	t.Helper()
	re := regexp.MustCompile(`<a(?: class="[^"]*")? href="([^"]*)"[^>]*>(?:<svg[^>]*><use href="[^"]*"/></svg>)?` + regexp.QuoteMeta(text) + `<`)
	m := re.FindStringSubmatch(doc)
	if m == nil {
		t.Fatalf("no link %q", text)
	}
	return html.UnescapeString(m[1])
}

func TestGroupPageActions(t *testing.T) {
	out := samplePages(t)
	doc := string(out["groups/nami-sandia-foothills/nob-hill-tuesday/index.html"])

	// Directions: a geo: URI for phones, OpenStreetMap's directions for computers.
	if got, want := hrefAfter(t, doc, "Open in your maps app"), "geo:35.077200,-106.606700?q=35.077200,-106.606700%28St.%20Brigid%20Community%20Church%2C%20Fellowship%20Hall%29"; got != want {
		t.Errorf("maps app link = %q, want %q", got, want)
	}
	if got, want := hrefAfter(t, doc, "Directions on OpenStreetMap"), "https://www.openstreetmap.org/directions?to=35.077200%2C-106.606700"; got != want {
		t.Errorf("directions link = %q, want %q", got, want)
	}
	for _, want := range []string{`<li class="only-touch"><a class="button button-primary" href="geo:`, `<li class="only-pointer"><a class="button button-primary" href="https://www.openstreetmap.org/directions?to=`,
		`href="tel:&#43;15055550142"`, `href="mailto:groups@sandia.example.org"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("group page lacks %s", want)
		}
	}

	// Calendars: the .ics file, Google's with its recurrence, Outlook's with the next meeting.
	if got := hrefAfter(t, doc, "Calendar file (.ics) for Apple Calendar, Outlook and others"); got != "/groups/nami-sandia-foothills/nob-hill-tuesday/group.ics" {
		t.Errorf("calendar file link = %q", got)
	}
	g, err := url.Parse(hrefAfter(t, doc, "Google Calendar"))
	if err != nil {
		t.Fatal(err)
	}
	q := g.Query()
	if g.Host != "calendar.google.com" || q.Get("action") != "TEMPLATE" || q.Get("text") != "Nob Hill Tuesday Evening" ||
		q.Get("dates") != "20261124T183000/20261124T200000" || q.Get("ctz") != "America/Denver" ||
		q.Get("recur") != "RRULE:FREQ=WEEKLY;BYDAY=TU" || !strings.Contains(q.Get("location"), "3800 Silver Ave SE, Albuquerque, NM 87108") ||
		!strings.Contains(q.Get("details"), "https://connection.example.org/groups/nami-sandia-foothills/nob-hill-tuesday/") {
		t.Errorf("Google Calendar link = %s", g)
	}
	o, err := url.Parse(hrefAfter(t, doc, "Outlook.com"))
	if err != nil {
		t.Fatal(err)
	}
	q = o.Query()
	if o.Host != "outlook.live.com" || q.Get("subject") != "Nob Hill Tuesday Evening" ||
		q.Get("startdt") != "2026-11-24T18:30:00-07:00" || q.Get("enddt") != "2026-11-24T20:00:00-07:00" {
		t.Errorf("Outlook link = %s", o)
	}

	// Reporting a wrong listing: an e-mail to the affiliate with the group written in; the
	// editors' link stays, labelled for them.
	r, err := url.Parse(hrefAfter(t, doc, "Report a wrong listing"))
	if err != nil {
		t.Fatal(err)
	}
	q, err = url.ParseQuery(r.RawQuery)
	if err != nil {
		t.Fatal(err)
	}
	if r.Scheme != "mailto" || r.Opaque != "groups@sandia.example.org" || q.Get("subject") != "Wrong listing: Nob Hill Tuesday Evening" ||
		!strings.Contains(q.Get("body"), "“Nob Hill Tuesday Evening” (St. Brigid Community Church, Fellowship Hall, 3800 Silver Ave SE, Albuquerque, NM 87108)") ||
		!strings.Contains(q.Get("body"), "\r\n") || strings.Contains(r.RawQuery, "+") {
		t.Errorf("report link = %s (query %v)", r, q)
	}
	if !strings.Contains(doc, `<p class="editors noprint">For editors: <a href="https://git.example.org/nami/connection-site/edit/main/data/groups/nami-sandia-foothills/nob-hill-tuesday.yaml">`) {
		t.Error("the edit link is not there, labelled for editors")
	}

	// Share: a button the script shows, and the address in a field without it.
	for _, want := range []string{`<li class="share" data-copy="Copy link" data-copied="Link copied." data-failed="`,
		`<input id="share-url" type="url" readonly value="https://connection.example.org/groups/nami-sandia-foothills/nob-hill-tuesday/">`,
		`src="/assets/share.`} {
		if !strings.Contains(doc, want) {
			t.Errorf("group page lacks %s", want)
		}
	}

	// What to expect at a first meeting, from content/first-meeting.md, in each language.
	if !strings.Contains(doc, "<h2>What to expect at your first meeting</h2>") || !strings.Contains(doc, "You do not have to talk.") {
		t.Error("group page lacks the first meeting's text")
	}
	es := string(out["es/groups/nami-sandia-foothills/nob-hill-tuesday/index.html"])
	if !strings.Contains(es, "<h2>Qué esperar en su primera reunión</h2>") || !strings.Contains(es, "No tiene que hablar.") ||
		!strings.Contains(es, ">Informar de un dato incorrecto</a>") || !strings.Contains(es, "Dato%20incorrecto%3A%20Nob%20Hill") {
		t.Error("the Spanish group page lacks the first meeting's text or the report in Spanish")
	}

	// A paused group offers no calendar.
	paused := string(out["groups/nami-saguaro-valley/conexion-south-tucson/index.html"])
	if strings.Contains(paused, "calendar.google.com") || strings.Contains(paused, `href="#calendar"`) {
		t.Error("the paused group's page offers to add its meetings to a calendar")
	}
	// An online group has no directions.
	online := string(out["groups/nami-buckeye-state/statewide-online-evening/index.html"])
	if strings.Contains(online, "geo:") || strings.Contains(online, "openstreetmap.org/directions") {
		t.Error("the online group's page gives directions")
	}
}

// TestGroupPageWeight: a group's page, with its stylesheet, icons and script, stays under
// 30 KB compressed, as a phone on a slow connection gets it.
func TestGroupPageWeight(t *testing.T) {
	out := samplePages(t)
	gz := func(b []byte) int {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		w.Write(b)
		w.Close()
		return buf.Len()
	}
	assets := regexp.MustCompile(`(?:href|src)="/(assets/[^"]+\.(?:css|js|svg))"`)
	const limit = 30 << 10
	heaviest, path := 0, ""
	for p, b := range out {
		if !strings.HasPrefix(strings.TrimPrefix(p, "es/"), "groups/") || strings.Count(p, "/") < 3 || !strings.HasSuffix(p, "/index.html") {
			continue
		}
		total := gz(b)
		for _, m := range assets.FindAllSubmatch(b, -1) {
			a, ok := out[string(m[1])]
			if !ok {
				t.Fatalf("%s loads %s, which the build does not write", p, m[1])
			}
			total += gz(a)
		}
		if total > heaviest {
			heaviest, path = total, p
		}
	}
	if path == "" {
		t.Fatal("no group page found")
	}
	t.Logf("heaviest group page: %s, %.1f KB gzip with its stylesheet, icons and script", path, float64(heaviest)/1024)
	if heaviest > limit {
		t.Errorf("%s weighs %d bytes gzip with its assets, more than %d", path, heaviest, limit)
	}
}

func TestStateListByTownAndDay(t *testing.T) {
	out := renderSite(t, mapSite(t))
	doc := string(out["groups/nm/index.html"])
	// Towns by name (Española and Espanola are one), each town's groups by day and time,
	// online groups apart, paused groups last.
	order := []string{
		`<h2 id="town-albuquerque">`, ">Same Building Monday<", ">Exact Tuesday<",
		`<h2 id="town-espanola">`, ">ZIP Only Wednesday<", ">Accentless Saturday<",
		`<h2 id="town-santa-fe">`, ">Misplaced Thursday<", ">Unknown ZIP Friday<",
		`<h2 id="online">`, ">Online Monday<",
		`<h2 id="paused">`, ">Paused Sunday<",
	}
	main := doc[strings.Index(doc, `<div class="state-lists">`):]
	last := -1
	for _, s := range order {
		i := strings.Index(main, s)
		if i < 0 {
			t.Fatalf("state list lacks %s", s)
		}
		if i < last {
			t.Errorf("state list has %s out of order", s)
		}
		last = i
	}
	if n := strings.Count(main, `<h2 id="town-`); n != 3 {
		t.Errorf("state list has %d towns, want 3", n)
	}
	for _, want := range []string{`<a href="#town-espanola">Española</a>`, `<li class="group card is-paused">`, ">Paused</strong>",
		"8 groups · 3 towns"} {
		if !strings.Contains(doc, want) {
			t.Errorf("state list lacks %s", want)
		}
	}
	if strings.Count(main, `class="group card`) != 8 {
		t.Errorf("state list shows %d groups, want each of the 8 once", strings.Count(main, `class="group card`))
	}
}

func TestHomeForSomeoneInDistress(t *testing.T) {
	out := samplePages(t)
	doc := string(out["index.html"])
	// The search and "Near me" first, then meetings one can join today and soon, then what
	// groups are, then trainings and guides.
	order := []string{`<form class="home-search" action="/groups/" method="get" role="search"`, `<input id="q" name="q" type="search"`,
		`href="/groups/?near=me"`, `<h2 id="guides">For volunteers and facilitators</h2>`, "<h3>Next trainings</h3>", "<h3>Guides</h3>"}
	soon := strings.Index(doc, "Online meetings today and soon")
	last := -1
	for i, s := range order {
		at := strings.Index(doc, s)
		if at < 0 {
			t.Fatalf("home lacks %s", s)
		}
		if at < last || (i < 3) != (at < soon) {
			t.Errorf("home has %s out of order", s)
		}
		last = at
	}
	// Hidden without script, which shows them: the finder's search needs its script.
	if !strings.Contains(doc, `role="search" aria-label="Find a group" hidden>`) || !strings.Contains(doc, `<p class="near" hidden>`) {
		t.Error("the home page's search is shown where no script can make it work")
	}
	// Meetings of groups one can join online only, with when they end for home.js.
	items := regexp.MustCompile(`<li class="card" data-end="[^"]+">\s*<time datetime="([^"]+)">[^<]+</time>\s*<a class="group-name" href="([^"]+)"`).FindAllStringSubmatch(doc, -1)
	if len(items) < 5 {
		t.Fatalf("home lists %d meetings today and soon, want at least 5", len(items))
	}
	for i, it := range items {
		if i > 0 && it[1] < items[i-1][1][:10] {
			t.Errorf("meeting %s listed after one on %s", it[1], items[i-1][1])
		}
		if strings.Contains(it[2], "nob-hill") || strings.Contains(it[2], "prescott") {
			t.Errorf("home lists the in-person group %s among online meetings", it[2])
		}
	}
	if !strings.HasPrefix(items[0][1], "2026-11-23") {
		t.Errorf("first meeting listed is on %s, want the build date", items[0][1])
	}
	// No postponed or cancelled training on the home page.
	if strings.Contains(doc, "Postponed") || strings.Contains(doc, "Cancelled") {
		t.Error("home lists a postponed or cancelled training")
	}
}

func TestIconsAndRootFiles(t *testing.T) {
	out := samplePages(t)
	doc := string(out["index.html"])
	// favicon.ico is at the root, where browsers that cannot show the SVG icon look without
	// a link; a link would make the others fetch it too.
	if strings.Contains(doc, `href="/favicon.ico"`) {
		t.Error("home links favicon.ico, which browsers showing the SVG icon would then fetch too")
	}
	for _, want := range []string{`<link rel="apple-touch-icon" href="/apple-touch-icon.png">`,
		`<svg class="icons" aria-hidden="true" focusable="false">`, `<symbol id="i-phone" viewBox="0 0 24 24">`} {
		if !strings.Contains(doc, want) {
			t.Errorf("home lacks %s", want)
		}
	}
	if !regexp.MustCompile(`<link rel="icon" href="/assets/icon\.[0-9a-f]{10}\.svg" type="image/svg\+xml">`).MatchString(doc) {
		t.Error("home does not link the SVG icon")
	}
	if ico := out["favicon.ico"]; len(ico) < 22 || !bytes.HasPrefix(ico, []byte{0, 0, 1, 0}) {
		t.Error("favicon.ico is missing or not an icon")
	}
	if png := out["apple-touch-icon.png"]; !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Error("apple-touch-icon.png is missing or not a PNG")
	}
	// Every icon used is in the sprite.
	used := regexp.MustCompile(`<use href="#(i-[a-z-]+)"/>`)
	for p, b := range out {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, m := range used.FindAllSubmatch(b, -1) {
			if !bytes.Contains(b, []byte(`<symbol id="`+string(m[1])+`"`)) {
				t.Errorf("%s uses icon %s, which its sprite lacks", p, m[1])
			}
		}
	}
}
