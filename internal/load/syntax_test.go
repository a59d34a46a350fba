package load

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestExplainSyntaxQuietOnValid runs the syntax explainer over every file of the golden corpus
// and the sample site that the parser accepts: it must find no mistake in any of them, so that
// what it reports on a refused file is never a false alarm about an earlier, valid line.
func TestExplainSyntaxQuietOnValid(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../data/*/*.yaml", "../../data/*/*/*.yaml", "../../data/*.yaml"} {
		names, _ := filepath.Glob(pattern)
		files = append(files, names...)
	}
	sources := map[string][]byte{}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sources[name] = b
	}
	archives, _ := filepath.Glob("../check/testdata/*.txtar")
	for _, name := range archives {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var cur string
		var buf []byte
		flush := func() {
			if strings.HasSuffix(cur, ".yaml") {
				sources[name+":"+cur] = buf
			}
			buf = nil
		}
		for _, line := range bytes.SplitAfter(b, []byte("\n")) {
			s := strings.TrimSuffix(string(line), "\n")
			if strings.HasPrefix(s, "-- ") && strings.HasSuffix(s, " --") && len(s) > 6 {
				flush()
				cur = strings.TrimSpace(s[3 : len(s)-3])
				continue
			}
			buf = append(buf, line...)
		}
		flush()
	}
	valid := 0
	for name, src := range sources {
		var n yaml.Node
		if yaml.Unmarshal(src, &n) != nil {
			continue
		}
		valid++
		if p, ok := explainSyntax(src); ok {
			t.Errorf("%s: valid YAML, yet explainSyntax reports line %d:%d: %s", name, p.line, p.col, p.msg)
		}
	}
	if valid < 100 {
		t.Errorf("only %d valid files in the corpus; the corpus is not being read", valid)
	}
}

// TestExplainSyntaxValidForms checks forms that look like mistakes but are valid YAML: the
// explainer must let them pass.
func TestExplainSyntaxValidForms(t *testing.T) {
	tests := []struct{ name, src string }{
		{"block scalar", "notes: |\n  Room: 3\n  - not a list\n   \tand a tab\nname: x\n"},
		{"folded plain", "notes: first line\n  second line\nname: x\n"},
		{"quoted over lines", "notes: \"first\n  second\"\nname: x\n"},
		{"flow over lines", "counties: [a,\n  b]\nname: x\n"},
		{"compact list", "meetings:\n- day: monday\n  start: \"18:00\"\nname: x\n"},
		{"nested list", "meetings:\n  - day: monday\n    weeks:\n      - 1\n  - day: friday\nname: x\n"},
		{"comments", "# head\nname: x # a note\n  # indented comment\nkind: y\n"},
		{"url value", "website: https://example.org/a:b\n"},
		{"quoted key", "\"name\": x\n'kind': y\n"},
		{"document marker", "---\nname: x\n"},
		{"empty item", "list:\n  -\n  - a\n"},
		{"tab after colon", "name:\tx\n"},
		{"crlf", "name: x\r\nkind: y\r\n"},
		{"anchor on an item", "meetings:\n  - &tue\n    day: tuesday\n  - *tue\n"},
		{"anchor on a value", "base: &b {kind: x, state: AZ}\n"},
		{"block scalar in item", "meetings:\n  - notes: |\n      text: here\n    day: monday\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n yaml.Node
			if err := yaml.Unmarshal([]byte(tt.src), &n); err != nil {
				t.Fatalf("not valid YAML: %v", err)
			}
			if p, ok := explainSyntax([]byte(tt.src)); ok {
				t.Errorf("explainSyntax(%q) = %d:%d %q, want nothing", tt.src, p.line, p.col, p.msg)
			}
		})
	}
}

// TestExplainSyntaxAfterMarker: a line after a document marker with text ("--- s") begins the
// document, as after "---" alone. explainSyntax took the marker for the first line, and the
// line after it found no block to line up with: an index out of range (FuzzFrontMatter).
func TestExplainSyntaxAfterMarker(t *testing.T) {
	for _, src := range []string{"--- s\nsummary: [unclosed\n", "---\n--- s\nsummary: [unclosed\n", "%YAML 1.2\n--- x\ntitle: \"open\n"} {
		p, ok := explainSyntax([]byte(src))
		if !ok || p.line < 2 || p.msg == "" {
			t.Errorf("explainSyntax(%q) = %v, %d:%d %q, want the problem of the line after the marker", src, ok, p.line, p.col, p.msg)
		}
	}
}
