package review

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/load"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar from the current output")

// TestGolden runs every testdata/*.txtar case. The archive's files (data/…, and
// .github/CODEOWNERS when the case has one) are a site; a "now: YYYY-MM-DD" line in the
// comment sets the date (default 2026-11-23). The want sections are what [CodeOwners]
// writes given the site's file ("want codeowners"), what [CheckCodeOwners] reports about the
// site's file ("want check"), and the [Stale] report as text and JSON.
func TestGolden(t *testing.T) {
	names, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 6 {
		t.Fatalf("%d golden cases, want at least 6", len(names))
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(src)
			if strings.TrimSpace(a.comment) == "" {
				t.Errorf("%s has no comment describing the case", name)
			}
			now := civil.Date{Year: 2026, Month: 11, Day: 23}
			for _, line := range strings.Split(a.comment, "\n") {
				if v, ok := strings.CutPrefix(line, "now: "); ok {
					if now, err = civil.ParseDate(strings.TrimSpace(v)); err != nil {
						t.Fatal(err)
					}
				}
			}
			fsys := fstest.MapFS{}
			for _, n := range a.names {
				if !strings.HasPrefix(n, "want ") {
					fsys[n] = &fstest.MapFile{Data: []byte(a.sections[n])}
				}
			}
			if _, ok := fsys["data/site.yaml"]; !ok {
				fsys["data/site.yaml"] = &fstest.MapFile{Data: []byte("title: Test\n")}
			}
			files, diags := load.Read(fsys)
			if diags.Errors() > 0 {
				t.Fatalf("the case's files do not load:\n%v", diags)
			}
			var current []byte
			if f, ok := fsys[CodeOwnersPath]; ok {
				current = f.Data
			}
			got := map[string]string{
				"want codeowners": string(CodeOwners(current, files)),
				"want check":      diagText(t, CheckCodeOwners(fsys, files)),
			}
			report := Stale(files, now)
			var text, js bytes.Buffer
			if err := report.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			if err := report.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			got["want stale"], got["want stale.json"] = text.String(), js.String()

			// Whatever the case, what CodeOwners writes checks clean and is stable.
			fsys[CodeOwnersPath] = &fstest.MapFile{Data: []byte(got["want codeowners"])}
			if d := CheckCodeOwners(fsys, files); len(d) > 0 {
				t.Errorf("the file CodeOwners writes does not check clean:\n%s", diagText(t, d))
			}
			if again := string(CodeOwners([]byte(got["want codeowners"]), files)); again != got["want codeowners"] {
				t.Errorf("rewriting the file CodeOwners wrote changes it:\n%s", again)
			}

			if *update {
				for _, k := range []string{"want codeowners", "want check", "want stale", "want stale.json"} {
					a.set(k, got[k])
				}
				if err := os.WriteFile(name, a.format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for k, g := range got {
				want, ok := a.sections[k]
				if !ok {
					t.Errorf("%s has no %q section; run go test -update", name, k)
					continue
				}
				if g != want {
					t.Errorf("%s differs:\n--- want\n%s--- got\n%s", k, want, g)
				}
			}
		})
	}
}

func diagText(t *testing.T, l diag.List) string {
	t.Helper()
	var b bytes.Buffer
	if err := l.Write(&b, "text"); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHandles(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"jdoe"}, "@jdoe"},
		{[]string{"@jdoe", "jdoe", " asmith "}, "@jdoe @asmith"},
		{[]string{"nami-ohio/editors", ""}, "@nami-ohio/editors"},
	}
	for _, tt := range tests {
		if got := strings.Join(Handles(tt.in), " "); got != tt.want {
			t.Errorf("Handles(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// archive is a txtar archive: a comment, then sections each introduced by "-- NAME --".
type archive struct {
	comment  string
	names    []string
	sections map[string]string
}

func parseArchive(src []byte) *archive {
	a := &archive{sections: map[string]string{}}
	cur, started := "", false
	var b strings.Builder
	flush := func() {
		if !started {
			a.comment = b.String()
		} else {
			a.sections[cur] = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(string(src), "\n") {
		trimmed := strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			cur, started = trimmed[3:len(trimmed)-3], true
			a.names = append(a.names, cur)
			continue
		}
		b.WriteString(line)
	}
	flush()
	return a
}

func (a *archive) set(name, content string) {
	if _, ok := a.sections[name]; !ok {
		a.names = append(a.names, name)
	}
	a.sections[name] = content
}

func (a *archive) format() []byte {
	var b bytes.Buffer
	b.WriteString(a.comment)
	for _, n := range a.names {
		fmt.Fprintf(&b, "-- %s --\n%s", n, a.sections[n])
	}
	return b.Bytes()
}
