package headers

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"sitegen/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar from the current output")

func TestNamedByHash(t *testing.T) {
	content := []byte("body { color: black }\n")
	sum := sha256.Sum256(content)
	h := hex.EncodeToString(sum[:])
	tests := []struct {
		name string
		want bool
	}{
		{"assets/site." + h[:10] + ".css", true},
		{"search/g/oh-0." + h[:8] + ".json", true},
		{"search/site." + h + ".json", true},
		{"assets/site." + h[:7] + ".css", false},                   // too short to count as a hash
		{"assets/site." + strings.ToUpper(h[:10]) + ".css", false}, // hashes are lowercase
		{"assets/site.0123456789.css", false},                      // a hash, but not of this content
		{"assets/site.css", false},
		{"search/manifest.json", false},
		{h[:10] + ".css", false}, // no name before the hash
		{"assets/site." + h[:10], false},
		{"groups/oh/index.html", false},
	}
	for _, tt := range tests {
		if got := NamedByHash(tt.name, content); got != tt.want {
			t.Errorf("NamedByHash(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	for _, tt := range tests {
		// HashLike only looks at the name: every name NamedByHash accepts, and the one whose
		// hash is of other content, look hashed.
		want := tt.want || tt.name == "assets/site.0123456789.css"
		if got := HashLike(tt.name); got != want {
			t.Errorf("HashLike(%q) = %v, want %v", tt.name, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/groups/oh/", true},
		{"/assets/*", "/assets/site.0123456789.css", true},
		{"/assets/*", "/assets", false},
		{"/assets/*", "/assetsx/a", false},
		{"/", "/", true},
		{"/", "/index.html", false},
		{"/search/", "/search/index.html", false},
		{"/connection/*", "/groups/", false},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.path); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

// TestGolden runs every testdata/*.txtar case: the "base" section is the base path, "files"
// lists the output's files one a line ("hashed" after a name marks a file named by its
// content's hash), and "want" is the _headers file. Each case is also checked with
// checkRules, whatever its want section says.
func TestGolden(t *testing.T) {
	golden.Run(t, 4, *update, func(t *testing.T, a *txtar.Archive) map[string]string {
		base, _ := golden.File(a, "base")
		base = strings.TrimSpace(base)
		files, _ := golden.File(a, "files")
		var paths, hashedPaths []string
		for _, line := range strings.Split(files, "\n") {
			f := strings.Fields(line)
			if len(f) == 0 {
				continue
			}
			paths = append(paths, f[0])
			if len(f) > 1 && f[1] == "hashed" {
				hashedPaths = append(hashedPaths, f[0])
			}
		}
		hashed := func(p string) bool { return slices.Contains(hashedPaths, p) }
		rules := Rules(base, paths, hashed)
		checkRules(t, rules, base, paths, hashed)
		return map[string]string{"want": string(Format(rules))}
	})
}

// TestManyFiles checks that the number of rules depends on the layout, not on the number of
// files: Cloudflare Pages reads at most 100 rules.
func TestManyFiles(t *testing.T) {
	var paths []string
	for i := range 20000 {
		paths = append(paths, fmt.Sprintf("groups/aff-%d/group-%d/index.html", i%500, i), fmt.Sprintf("groups/aff-%d/group-%d/group.ics", i%500, i))
		paths = append(paths, fmt.Sprintf("search/g/st-%d.%08x.json", i, i))
	}
	paths = append(paths, "index.html", "search/index.html", "search/manifest.json")
	hashed := func(p string) bool { return strings.HasPrefix(p, "search/g/") }
	rules := Rules("/", paths, hashed)
	checkRules(t, rules, "/", paths, hashed)
	if len(rules) > 20 {
		t.Errorf("%d rules for %d files, want a handful", len(rules), len(paths))
	}
}

// checkRules checks what a host would send for every file of paths (and the folder address
// of every index.html): the security headers exactly once each, and exactly one
// Cache-Control, Immutable for hashed files and Revalidate for the others.
func checkRules(t *testing.T, rules []Rule, base string, paths []string, hashed func(string) bool) {
	t.Helper()
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	if len(rules) > 100 {
		t.Errorf("%d rules; Cloudflare Pages reads at most 100", len(rules))
	}
	for _, p := range paths {
		if p == FileName {
			continue // the host reads it and serves nothing there
		}
		want := Revalidate
		if hashed(p) {
			want = Immutable
		}
		addrs := []string{base + p}
		if strings.HasSuffix(p, "index.html") {
			addrs = append(addrs, base+strings.TrimSuffix(p, "index.html"))
		}
		for _, addr := range addrs {
			got := map[string][]string{}
			for _, r := range rules {
				if Match(r.Path, addr) {
					for _, h := range r.Headers {
						got[h.Name] = append(got[h.Name], h.Value)
					}
				}
			}
			if cc := got["Cache-Control"]; len(cc) != 1 || cc[0] != want {
				t.Errorf("%s: Cache-Control %q, want [%q]", addr, cc, want)
			}
			for _, h := range Security {
				if v := got[h.Name]; len(v) != 1 || v[0] != h.Value {
					t.Errorf("%s: %s %q, want [%q]", addr, h.Name, v, h.Value)
				}
			}
		}
	}
}

// TestREADME: the README quotes the headers the site is served with; it must quote these.
func TestREADME(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range append(slices.Clone(Security), Header{"Cache-Control", Immutable}, Header{"Cache-Control", Revalidate}) {
		if !strings.Contains(string(b), "`"+h.Name+": "+h.Value+"`") {
			t.Errorf("README.md does not quote `%s: %s`", h.Name, h.Value)
		}
	}
}

func TestRedirects(t *testing.T) {
	tests := []struct {
		base  string
		paths []string
		want  string // the rules, without the comment
	}{
		{"/", []string{"404.html", "index.html"}, ""},
		{"/", []string{"404.html", "es/404.html", "es/index.html"}, "/es/*  /es/404.html  404\n"},
		{"/connection/", []string{"404.html", "es/404.html"}, "/connection/es/*  /connection/es/404.html  404\n"},
		// The deepest first: Netlify applies the first rule that matches.
		{"", []string{"es/404.html", "es/mx/404.html", "fr/404.html"}, "/es/mx/*  /es/mx/404.html  404\n/es/*  /es/404.html  404\n/fr/*  /fr/404.html  404\n"},
	}
	for _, tt := range tests {
		b := Redirects(tt.base, tt.paths)
		if tt.want == "" {
			if b != nil {
				t.Errorf("Redirects(%q, %q) = %q, want none", tt.base, tt.paths, b)
			}
			continue
		}
		_, rules, _ := strings.Cut(string(b), "\n")
		if !strings.HasPrefix(string(b), "# ") || rules != tt.want {
			t.Errorf("Redirects(%q, %q) = %q, want the rules %q after a comment", tt.base, tt.paths, b, tt.want)
		}
		// Each rule's target is a page of the site, served for the folder's missing paths.
		for _, line := range strings.Split(strings.TrimSpace(rules), "\n") {
			f := strings.Fields(line)
			if len(f) != 3 || f[2] != "404" || !Match(f[0], strings.TrimSuffix(f[1], "404.html")+"missing/") {
				t.Errorf("rule %q: not a 404 rule for its folder", line)
			}
		}
	}
}
