package review

import (
	"bytes"
	"flag"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/golden"
	"sitegen/internal/load"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar from the current output")

// TestGolden runs every testdata/*.txtar case. The archive's files (data/…, and
// .github/CODEOWNERS when the case has one) are a site; a "now: YYYY-MM-DD" line in the
// comment sets the date (default 2026-11-23). The want sections are what [CodeOwners]
// writes given the site's file ("want codeowners"), what [CheckCodeOwners] reports about the
// site's file ("want check"), and the [Stale] report as text and JSON.
func TestGolden(t *testing.T) {
	golden.Run(t, 6, *update, func(t *testing.T, a *txtar.Archive) map[string]string {
		now := civil.Date{Year: 2026, Month: 11, Day: 23}
		for _, line := range strings.Split(string(a.Comment), "\n") {
			if v, ok := strings.CutPrefix(line, "now: "); ok {
				d, err := civil.ParseDate(strings.TrimSpace(v))
				if err != nil {
					t.Fatal(err)
				}
				now = d
			}
		}
		fsys := fstest.MapFS{}
		for _, f := range a.Files {
			if !strings.HasPrefix(f.Name, "want ") {
				fsys[f.Name] = &fstest.MapFile{Data: f.Data}
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

		return got
	})
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
