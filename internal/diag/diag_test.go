package diag

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"plain", Diagnostic{Path: "data/a.yaml", Line: 3, Col: 7, Message: "day \"x\" is wrong"}, `data/a.yaml:3:7: error: day "x" is wrong`},
		{"whole file", Diagnostic{Path: "data/a.yaml", Severity: Warning, Message: "m"}, "data/a.yaml: warning: m"},
		{"line feed in path", Diagnostic{Path: "data/a\nb.yaml", Line: 1, Message: "m"}, `"data/a\nb.yaml":1: error: m`},
		{"escape in path", Diagnostic{Path: "data/\x1b[31mred.yaml", Message: "m"}, `"data/\x1b[31mred.yaml": error: m`},
		{"quote in path", Diagnostic{Path: `data/"q".yaml`, Message: "m"}, `"data/\"q\".yaml": error: m`},
		{"bidi in path", Diagnostic{Path: "data/\u202eevil.yaml", Message: "m"}, `"data/\u202eevil.yaml": error: m`},
		{"not UTF-8 in path", Diagnostic{Path: "data/\xff.yaml", Message: "m"}, `"data/\xff.yaml": error: m`},
		{"accents are fine", Diagnostic{Path: "content/café.md", Message: "é"}, "content/café.md: error: é"},
		{"line feed in message", Diagnostic{Path: "p", Message: "a\nb\x1b[2J"}, `p: error: a\nb\x1b[2J`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestWriteOneLineEach writes hostile paths and messages in every format: each problem stays
// one line of the text and GitHub formats, carries no terminal escape, and JSON keeps the path.
func TestWriteOneLineEach(t *testing.T) {
	l := List{
		{Path: "data/x\ndata/fake.yaml:1:1: error: forged", Line: 2, Col: 3, Message: "one\ntwo"},
		{Path: "data/\x1b]0;title\x07.yaml", Line: 1, Message: "\x1b[31mred"},
	}
	for _, format := range []string{"text", "github"} {
		var b bytes.Buffer
		if err := l.Write(&b, format); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if n := strings.Count(out, "\n"); n != len(l) {
			t.Errorf("%s: %d lines for %d problems:\n%s", format, n, len(l), out)
		}
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("%s: a terminal control reaches the output: %q", format, out)
		}
	}
	var b bytes.Buffer
	if err := l.Write(&b, "json"); err != nil {
		t.Fatal(err)
	}
	var got []struct{ Path string }
	if err := json.Unmarshal(b.Bytes(), &got); err != nil || len(got) != 2 || got[0].Path != l[0].Path {
		t.Errorf("json = %s (%v), want the paths as they are", b.String(), err)
	}
}

// TestGitHubPointsAtTheLine keeps annotations at the same file, line and column as the text.
func TestGitHubPointsAtTheLine(t *testing.T) {
	l := List{{Path: "data/groups/a/b.yaml", Line: 4, Col: 10, Message: `day "Tues": did you mean "tuesday"?`}}
	var b bytes.Buffer
	if err := l.Write(&b, "github"); err != nil {
		t.Fatal(err)
	}
	want := "::error file=data/groups/a/b.yaml,line=4,col=10::day \"Tues\": did you mean \"tuesday\"?\n"
	if b.String() != want {
		t.Errorf("github = %q, want %q", b.String(), want)
	}
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 warnings"}, {1, "1 warning"}, {2, "2 warnings"}} {
		if got := Count(tc.n, "warning", "warnings"); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
