package links

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	c := New("/connection/")
	c.Page("index.html", []byte(`<a href="/connection/groups/">a</a> <link rel="stylesheet" href="/connection/assets/site.1.css">
<a href="/connection/">home</a> <a href="#main">skip</a> <a href="?q=x">q</a>
<a href="/connection/groupz/">bad</a> <a href="/elsewhere/">out</a> <a href="//evil.example/x">pr</a>
<a href="https://nami.org/help">ok</a> <a href="https://">nohost</a> <a href="mailto:a@b.org">m</a> <a href="mailto:nobody">m2</a>
<a href="tel:&#43;15055550100">t</a> <a href="tel:call-me">t2</a> <a href="sms:988?body=AYUDA">s</a>
<a href="geo:35.08,-106.65">g</a> <a href="geo:here">g2</a> <a href="javascript:alert(1)">j</a>
<script type="module" src="/connection/assets/finder.2.js"></script> <a href="/connection/groups/nm/#x">frag</a>
<a href="/connection/groups/%6Em/">escaped</a> <a href="/connection/a/../b/">dots</a>`))
	c.Page("es/index.html", []byte(`<a href="/connection/groupz/">bad again</a>`))
	files := map[string]bool{"index.html": true, "groups/index.html": true, "assets/site.1.css": true,
		"assets/finder.2.js": true, "groups/nm/index.html": true}
	sources := []Source{{File: "content/guides/x.md", Line: 12, Dest: "/groupz/"}, {File: "templates/layout.html", Line: 3, Dest: "elsewhere/"}}
	got := c.Check(func(name string) bool { return files[name] }, sources)
	want := map[string]string{
		"/connection/groupz/": "content/guides/x.md:12: link \"/connection/groupz/\" on es/index.html, index.html goes to no file of the site",
		"/elsewhere/":         "is outside the site's address /connection/",
		"//evil.example/x":    "leaves out the scheme",
		"https://":            "has no host",
		"mailto:nobody":       "is not an e-mail address",
		"tel:call-me":         "is not a phone number",
		"geo:here":            "is not a geo: position",
		"javascript:alert(1)": "uses javascript:",
		"/connection/a/../b/": "is not a well-formed address",
	}
	if len(got) != len(want) {
		for _, b := range got {
			t.Log(b.Error())
		}
		t.Fatalf("Check found %d broken links, want %d", len(got), len(want))
	}
	for _, b := range got {
		w, ok := want[b.Link]
		if !ok {
			t.Errorf("%q reported: %v", b.Link, b)
			continue
		}
		if !strings.Contains(b.Error(), w) {
			t.Errorf("%q: %q, want it to say %q", b.Link, b.Error(), w)
		}
	}
}

func TestTarget(t *testing.T) {
	c := New("/")
	for link, want := range map[string]string{
		"/": "index.html", "/groups/": "groups/index.html", "/404.html": "404.html",
		"/api/groups.json": "api/groups.json", "/es/groups/?q=x#r": "es/groups/index.html",
	} {
		if got, ok := c.Target(link); !ok || got != want {
			t.Errorf("Target(%q) = %q, %v; want %q", link, got, ok, want)
		}
	}
}

// TestManyPages: a link on many pages is kept once, with a few pages to name.
func TestManyPages(t *testing.T) {
	c := New("/")
	for i := range 1000 {
		c.Page(strings.Repeat("p", i%7+1)+".html", []byte(`<a href="/gone/">x</a>`))
	}
	got := c.Check(func(string) bool { return false }, nil)
	if len(got) != 1 || got[0].Count != 1000 || len(got[0].Pages) > maxPages {
		t.Fatalf("Check = %+v", got)
	}
	if !strings.Contains(got[0].Error(), "and 997 other pages") {
		t.Errorf("message %q does not count the other pages", got[0].Error())
	}
}

// TestLongLinks: a long link that leaves the site is judged on its page. A good one is not
// kept; a broken one is reported like any other, once per page that carries it.
func TestLongLinks(t *testing.T) {
	c := New("/")
	good := "https://calendar.example/render?text=" + strings.Repeat("x", maxKept)
	bad := "https//calendar.example/render?text=" + strings.Repeat("y", maxKept)
	inside := "/groups/" + strings.Repeat("z", maxKept) + "/"
	for _, p := range []string{"a.html", "b.html"} {
		c.Page(p, []byte(`<a href="`+good+`">g</a> <a href="`+bad+`">b</a> <a href="`+bad+`">again</a> <a href="`+inside+`">i</a> <a href="/x?a=1&amp;b=2">x</a>`))
	}
	if _, kept := c.links[good]; kept {
		t.Errorf("a long good link was kept")
	}
	got := c.Check(func(name string) bool { return name == "x" }, nil)
	if len(got) != 2 || got[0].Link != inside || got[1].Link != bad {
		t.Fatalf("Check = %+v, want the long link inside the site, then the malformed one", got)
	}
	for _, b := range got {
		if b.Count != 2 || len(b.Pages) != 2 {
			t.Errorf("%q: counted on %d pages (%v), want 2", b.Link, b.Count, b.Pages)
		}
	}
	if _, kept := c.links["/x?a=1&b=2"]; !kept {
		t.Errorf("a link with a character reference was not kept unescaped")
	}
}
