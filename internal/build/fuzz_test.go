package build

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"sitegen/internal/check"
	"sitegen/internal/load"
	"sitegen/internal/site"
	"sitegen/internal/sitetest"
	"sitegen/internal/synth"
)

var (
	// startTag finds the start tags of a page; text inside them is markup, outside it is text.
	startTag = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	// badTag is a tag that runs script, styles inline or loads from elsewhere.
	badTag = regexp.MustCompile(`(?i)^<(script|img|iframe|object|embed|style)\b|\s(on[a-z]+|style)=|(href|src)="\s*(javascript|data|vbscript):`)
)

// FuzzMarkdown puts any text in a group's notes and in a guide of the shared fixture and runs
// the whole flow: whatever check lets through must build, in bounded time, into pages that
// carry no script, inline style or event handler of the text's.
func FuzzMarkdown(f *testing.F) {
	for _, seed := range []string{
		"Room *3*, [ask](mailto:a@b.org).",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1)) [y](//evil.example) ![i](https://t.example/x.png)",
		"| a | b |\n|:--|--:|\n| 1 | 2 |",
		"# h1\n\n## h2\n\n> > > quote\n\n- a\n  - b\n    - c",
		strings.Repeat("## a\n", 50),
		"`code` ``more`` *em* _em_ **strong** ~~x~~ <https://nami.org>",
		"a\x00b\u202ec",
	} {
		f.Add(seed)
	}
	fixture := sitetest.Fixture(f)
	templates, _ := fs.Sub(fixture, "templates")
	now := sitetest.Date(f, "2026-11-20")
	f.Fuzz(func(t *testing.T, text string) {
		notes := "notes: |\n"
		for _, line := range strings.Split(text, "\n") {
			notes += "  " + line + "\n"
		}
		fsys := sitetest.Set(fixture, "data/groups/nami-ohio/fuzz.yaml",
			"name: Fuzz\nattendance: online\nmeetings:\n  - day: monday\n    start: \"19:00\"\nonline: {link_public: false}\nverified: 2026-11-01\n"+notes)
		fsys = sitetest.Set(fsys, "content/guides/fuzz.md", "---\ntitle: Fuzz\n---\n"+text)
		files, diags := load.Read(fsys)
		diags = append(diags, check.Files(files, check.Options{Now: now})...)
		if diags.Errors() > 0 {
			return // check refuses it: the build never sees it
		}
		s := site.Build(files, site.Options{Now: now})
		p, err := Plan(s, templates)
		if err != nil {
			t.Fatalf("check passed but planning failed: %v", err)
		}
		for _, name := range []string{"groups/nami-ohio/fuzz/index.html", "guides/fuzz/index.html", "es/guides/fuzz/index.html"} {
			b, err := p.Files[name].Bytes()
			if err != nil {
				t.Fatalf("check passed but %s failed: %v", name, err)
			}
			main := b[bytes.Index(b, []byte(`<main`)):]
			for _, tag := range startTag.FindAll(main, -1) {
				if badTag.Match(tag) {
					t.Fatalf("%s carries the tag %s from the text %q", name, tag, text)
				}
			}
		}
	})
}

// FuzzBuild replaces one file of a generated site with any bytes: whatever check lets
// through must build.
func FuzzBuild(f *testing.F) {
	base := synth.Site(synth.Options{Groups: 30, Seed: 5, Catalogs: sitetest.Catalogs(f), Templates: templatesOf(f)})
	var names []string
	for name := range base {
		if strings.HasPrefix(name, "data/") || strings.HasPrefix(name, "content/") {
			names = append(names, name)
		}
	}
	for i, name := range names {
		if i%7 == 0 {
			f.Add(uint16(i), string(base[name].Data))
		}
	}
	f.Add(uint16(0), "title: [\n")
	f.Add(uint16(1), "name: \"\\x01\"\nlat: .nan\n")
	now := sitetest.Date(f, "2026-11-23")
	f.Fuzz(func(t *testing.T, which uint16, content string) {
		name := names[int(which)%len(names)]
		fsys := sitetest.Set(base, name, content)
		files, diags := load.Read(fsys)
		diags = append(diags, check.Files(files, check.Options{Now: now})...)
		if diags.Errors() > 0 || files.Site == nil {
			return
		}
		s := site.Build(files, site.Options{Now: now})
		templates, _ := fs.Sub(fsys, "templates")
		p, err := Plan(s, templates)
		if err != nil {
			t.Fatalf("check passed but planning failed with %s as %q: %v", name, content, err)
		}
		if _, err := p.Files.Files(); err != nil {
			t.Fatalf("check passed but the build failed with %s as %q: %v", name, content, err)
		}
	})
}

// templatesOf returns the repository's templates, by name under templates/.
func templatesOf(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for name, f := range sitetest.Sample(t) {
		if rel, ok := strings.CutPrefix(name, "templates/"); ok {
			out[rel] = f.Data
		}
	}
	return out
}
