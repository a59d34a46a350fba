package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/output"
	"sitegen/internal/sitetest"
)

var now = civil.Date{Year: 2026, Month: 11, Day: 23}

// sampleSite returns the repository's sample site (data, content, catalogues, templates) in
// memory, as package sitetest reads it.
func sampleSite(t *testing.T) fstest.MapFS {
	t.Helper()
	return sitetest.Sample(t)
}

// buildAll checks and renders fsys, failing the test on any error or warning.
func buildAll(t *testing.T, fsys fstest.MapFS) output.Files {
	t.Helper()
	files, diags := renderSite(t, fsys, Options{Now: now})
	for _, d := range diags {
		t.Errorf("unexpected diagnostic: %s", d)
	}
	return files
}

// renderSite checks and renders fsys with opts, failing the test on any error, and returns
// the files and what check said.
func renderSite(t *testing.T, fsys fstest.MapFS, opts Options) (output.Files, diag.List) {
	t.Helper()
	s, diags := Check(fsys, opts)
	if s == nil {
		t.Fatalf("check failed:\n%v", diags)
	}
	tmpl, err := fs.Sub(fsys, "templates")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(s, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	return files, diags
}

// TestPrivacy builds the sample site plus private and ended groups and trainings whose every
// field carries a unique marker, and scans every byte of the output for the markers. It also
// gives a non-public join link a marker, and checks a public one is published.
func TestPrivacy(t *testing.T) {
	fsys := sampleSite(t)
	// A place's lines, in a group's file and a training's.
	const place = `location:
  name: Place %[1]s
  street: 1 %[1]s Street
  city: City%[1]s
  state: NM
  postal_code: "87101"
`
	group := func(marker, extra string) []byte {
		return []byte(fmt.Sprintf(`name: Group %[1]s
attendance: hybrid
%[2]s
meetings:
  - day: tuesday
    start: "18:30"
`+place+`  lat: 35.1
  lon: -106.6
  directions: Directions %[1]s
online:
  platform: Platform%[1]s
  join_url: https://meet.example.org/%[1]s
  link_public: true
  instructions: Instructions %[1]s
contact:
  email: %[1]s@example.org
  phone: "505-555-0199"
notes: Notes %[1]s
verified: 2026-11-01
`, marker, extra))
	}
	training := func(marker, extra string) []byte {
		return []byte(fmt.Sprintf(`title: Training %[1]s
kind: facilitator
host: nami-land-of-enchantment
start: 2027-02-05
end: 2027-02-07
attendance: in-person
%[2]s
`+place+`application: {contact: %[1]s@example.org, url: https://apply.example.org/%[1]s, screening: true}
notes: Notes %[1]s
`, marker, extra))
	}
	fsys["data/groups/nami-sandia-foothills/private-marker.yaml"] = &fstest.MapFile{Data: group("zqprivategroupzq", "public: false")}
	fsys["data/groups/nami-sandia-foothills/ended-marker.yaml"] = &fstest.MapFile{Data: group("zqendedgroupzq", "status: ended")}
	fsys["data/trainings/private-marker.yaml"] = &fstest.MapFile{Data: training("zqprivatetrainingzq", "public: false")}
	fsys["data/groups/nami-sandia-foothills/link-private.yaml"] = &fstest.MapFile{Data: bytes.Replace(
		group("linkprivate", ""), []byte("https://meet.example.org/linkprivate\n  link_public: true"), []byte("https://meet.example.org/zqjoinprivatezq\n  link_public: false"), 1)}
	fsys["data/groups/nami-sandia-foothills/link-public.yaml"] = &fstest.MapFile{Data: group("zqjoinpubliczq", "")}
	files := buildAll(t, fsys)

	markers := []string{"zqprivategroupzq", "zqendedgroupzq", "zqprivatetrainingzq", "zqjoinprivatezq", "private-marker", "ended-marker"}
	for _, name := range files.Paths() {
		body := strings.ToLower(string(files[name]))
		for _, m := range markers {
			if strings.Contains(name, m) || strings.Contains(body, m) {
				t.Errorf("%s contains %q", name, m)
			}
		}
	}
	if !bytes.Contains(files["groups/nami-sandia-foothills/link-public/index.html"], []byte("https://meet.example.org/zqjoinpubliczq")) {
		t.Error("the public join link is missing from its group page")
	}
	if !bytes.Contains(files["api/groups.json"], []byte("https://meet.example.org/zqjoinpubliczq")) {
		t.Error("the public join link is missing from the Meeting Guide feed")
	}
	// Counts must not reveal private or ended groups: New Mexico's count grows by exactly
	// the two public test groups.
	plain := buildAll(t, sampleSite(t))
	nm := regexp.MustCompile(`href="/groups/nm/">[^<]*</a> \((\d+) groups?\)`)
	before, after := nm.FindSubmatch(plain["groups/index.html"]), nm.FindSubmatch(files["groups/index.html"])
	if before == nil || after == nil {
		t.Fatal("no count of New Mexico's groups on /groups/")
	}
	var b, a int
	fmt.Sscan(string(before[1]), &b)
	fmt.Sscan(string(after[1]), &a)
	if a != b+2 {
		t.Errorf("New Mexico's count went from %d to %d with two public and two hidden groups added, want %d", b, a, b+2)
	}
}

// TestDeterministic builds the sample site twice and compares every byte.
func TestDeterministic(t *testing.T) {
	a := buildAll(t, sampleSite(t))
	b := buildAll(t, sampleSite(t))
	if len(a) != len(b) {
		t.Fatalf("builds wrote %d and %d files", len(a), len(b))
	}
	for name, body := range a {
		if !bytes.Equal(body, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

var (
	inlineScriptRE = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)
	styleRE        = regexp.MustCompile(`(?i)<style\b|\sstyle\s*=`)
	handlerRE      = regexp.MustCompile(`(?i)<[^>]+\son[a-z]+\s*=`)
	srcHrefRE      = regexp.MustCompile(`(?i)<(script|link|img|iframe|source|audio|video|embed|object)\b[^>]*\s(src|href|data)\s*=\s*"([^"]*)"`)
	cssURLRE       = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")]*)|@import\s+['"]([^'"]*)`)
)

// TestNoInlineCodeNoOtherHosts scans every page of the sample site: no inline script (JSON
// data blocks aside: JSON-LD and the finder's words) or style, no event-handler attribute,
// and nothing loaded from another host, in HTML or CSS.
func TestNoInlineCodeNoOtherHosts(t *testing.T) {
	files := buildAll(t, sampleSite(t))
	pages := 0
	for _, name := range files.Paths() {
		body := string(files[name])
		switch {
		case strings.HasSuffix(name, ".html"):
			pages++
			for _, m := range inlineScriptRE.FindAllStringSubmatch(body, -1) {
				attrs, content := m[1], m[2]
				if strings.Contains(attrs, `type="application/ld+json"`) || strings.Contains(attrs, `type="application/json"`) {
					// Data, which browsers never run: JSON-LD, and the words of the finder's
					// scripts from the catalogue. Nothing in it may end the element early.
					if strings.Contains(content, "<") {
						t.Errorf("%s: a data block holds an unescaped <: %q", name, content)
					}
					continue
				}
				if strings.TrimSpace(content) != "" || !strings.Contains(attrs, "src=") {
					t.Errorf("%s: inline script %q", name, m[0])
				}
			}
			if loc := styleRE.FindStringIndex(body); loc != nil {
				t.Errorf("%s: inline style at %q", name, body[loc[0]:min(len(body), loc[0]+60)])
			}
			if m := handlerRE.FindString(body); m != "" {
				t.Errorf("%s: event handler attribute in %q", name, m)
			}
			for _, m := range srcHrefRE.FindAllStringSubmatch(body, -1) {
				tag, u := strings.ToLower(m[1]), m[3]
				if tag == "link" && regexp.MustCompile(`rel="(canonical|alternate)"`).MatchString(m[0]) {
					continue // addresses of this page and its feeds, never fetched by the page
				}
				if strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
					t.Errorf("%s: <%s> loads %s from another host", name, tag, u)
				}
			}
		case strings.HasSuffix(name, ".css") || strings.HasSuffix(name, ".js"):
			for _, m := range cssURLRE.FindAllStringSubmatch(body, -1) {
				if u := m[1] + m[2]; strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
					t.Errorf("%s loads %s from another host", name, u)
				}
			}
			if strings.HasSuffix(name, ".js") && regexp.MustCompile(`https?://`).MatchString(body) {
				t.Errorf("%s names another host", name)
			}
		}
	}
	if pages < 40 {
		t.Errorf("only %d pages written, want the whole sample site", pages)
	}
}

// TestEveryAddress checks that the sample build writes every address of the spec.
func TestEveryAddress(t *testing.T) {
	files := buildAll(t, sampleSite(t))
	want := []string{
		"index.html", "groups/index.html", "groups/nm/index.html", "groups/az/index.html", "groups/oh/index.html",
		"groups/nami-sandia-foothills/nob-hill-tuesday/index.html", "groups/nami-sandia-foothills/nob-hill-tuesday/group.ics",
		"affiliates/index.html", "affiliates/nami-sandia-foothills/index.html",
		"trainings/index.html", "trainings/nm-facilitator-2027-02/index.html",
		"trainings/trainings.ics", "trainings/feed.xml",
		"guides/becoming-a-facilitator/index.html", "guides/becoming-a-champion/index.html", "guides/before-you-train/index.html",
		"search/index.html", "about/index.html", "privacy/index.html",
		"api/groups.json", "api/trainings.json", "sitemap.xml", "robots.txt", "404.html",
		// The site's other language: every page, and the calendars those pages link.
		"es/index.html", "es/groups/index.html", "es/groups/nm/index.html",
		"es/groups/nami-sandia-foothills/nob-hill-tuesday/index.html", "es/groups/nami-sandia-foothills/nob-hill-tuesday/group.ics",
		"es/trainings/index.html", "es/trainings/trainings.ics", "es/search/index.html", "es/404.html",
	}
	for _, w := range want {
		if _, ok := files[w]; !ok {
			t.Errorf("missing %s", w)
		}
	}
	for _, g := range []string{"sunland-park-monday", "west-mesa-detention-center"} {
		for name := range files {
			if strings.Contains(name, g) {
				t.Errorf("%s is written, but its group is ended or private", name)
			}
		}
	}
}

// TestLoadDropsTheModelOfRefusedFiles: the model, made while the files are checked, is not
// returned when the check refuses them, even when making it failed on what it was given
// (a group in the folder of no affiliate).
func TestLoadDropsTheModelOfRefusedFiles(t *testing.T) {
	fsys := sampleSite(t)
	var moved string
	for p, f := range fsys {
		if strings.HasPrefix(p, "data/groups/") && strings.HasSuffix(p, ".yaml") {
			moved = "data/groups/nami-nowhere/" + path.Base(p)
			fsys[moved] = f
			break
		}
	}
	files, s, diags := Load(fsys, Options{Now: now}, nil)
	if s != nil || files == nil {
		t.Errorf("Load returned a model (%v) of files the check refused", s != nil)
	}
	reported := false
	for _, d := range diags {
		reported = reported || d.Path == moved && d.Severity == diag.Error
	}
	if !reported {
		t.Errorf("Load did not report %s:\n%v", moved, diags)
	}
	if s, _ := Check(sampleSite(t), Options{Now: now}); s == nil {
		t.Fatal("the sample site has no model")
	}
}
