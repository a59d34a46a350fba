package build

import (
	"strings"
	"testing"

	"sitegen/internal/headers"
)

// TestHeadersFile builds the sample site, at the root of its host and under a base path, and
// reads its _headers as a host would: every file gets the security headers once, and one
// Cache-Control, immutable exactly for the assets and the search index's hashed files.
func TestHeadersFile(t *testing.T) {
	for _, base := range []string{"", "https://example.org/connection/"} {
		t.Run("base "+base, func(t *testing.T) {
			fsys := sampleSite(t)
			files, _ := renderSite(t, fsys, Options{Now: now, BaseURL: base})
			b, ok := files[headers.FileName]
			if !ok {
				t.Fatalf("the build writes no %s", headers.FileName)
			}
			rules := parseHeaders(t, string(b))
			prefix := "/"
			if base != "" {
				prefix = "/connection/"
			}
			if len(rules) == 0 || rules[0].Path != prefix+"*" {
				t.Fatalf("the first rule is not %s*: %v", prefix, rules)
			}
			immutable := 0
			for name := range files {
				if name == headers.FileName || name == headers.RedirectsName {
					continue // the host's own files, never served
				}
				addr := prefix + name
				got := map[string][]string{}
				for _, r := range rules {
					if headers.Match(r.Path, addr) {
						for _, h := range r.Headers {
							got[h.Name] = append(got[h.Name], h.Value)
						}
					}
				}
				for _, h := range headers.Security {
					if v := got[h.Name]; len(v) != 1 || v[0] != h.Value {
						t.Errorf("%s: %s %q, want [%q]", addr, h.Name, v, h.Value)
					}
				}
				want := headers.Revalidate
				if strings.HasPrefix(name, "assets/") || strings.HasPrefix(name, "search/") && name != "search/manifest.json" && name != "search/index.html" {
					want = headers.Immutable
					immutable++
				}
				if cc := got["Cache-Control"]; len(cc) != 1 || cc[0] != want {
					t.Errorf("%s: Cache-Control %q, want [%q]", addr, cc, want)
				}
			}
			if immutable < 10 {
				t.Errorf("only %d files are cached as immutable", immutable)
			}
		})
	}
}

// parseHeaders reads a _headers file: a path on a line of its own, then its headers indented.
func parseHeaders(t *testing.T, src string) []headers.Rule {
	t.Helper()
	var rules []headers.Rule
	for i, line := range strings.Split(src, "\n") {
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#"):
		case line[0] == ' ':
			name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok || len(rules) == 0 {
				t.Fatalf("_headers:%d: %q is not a header of a rule", i+1, line)
			}
			r := &rules[len(rules)-1]
			r.Headers = append(r.Headers, headers.Header{Name: name, Value: value})
		case line[0] == '/':
			rules = append(rules, headers.Rule{Path: line})
		default:
			t.Fatalf("_headers:%d: %q is neither a path nor a header", i+1, line)
		}
	}
	return rules
}
