package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"sitegen/internal/site"
	"sitegen/internal/sitetest"
)

// buildDate is the build date of the shared test site (package sitetest).
const buildDate = "2026-11-20"

// fileDates are the dates the site's history gives some of the fixture's training files:
// feeds date their entries by them. The other trainings have none.
func fileDates(t *testing.T) map[string]site.FileDates {
	t.Helper()
	denver := loadZone(t, "America/Denver")
	utc := func(y int, m time.Month, d, h, min, sec int) time.Time {
		return time.Date(y, m, d, h, min, sec, 0, time.UTC)
	}
	return map[string]site.FileDates{
		"data/trainings/ny-facilitator-2027-04.yaml": {Created: utc(2026, 1, 5, 15, 4, 5), Changed: utc(2026, 10, 10, 9, 30, 0)},
		// A date in another zone: the feed gives it in UTC.
		"data/trainings/co-conexion-online-2027-05.yaml": {Created: time.Date(2026, 9, 1, 18, 0, 0, 0, denver), Changed: time.Date(2026, 9, 1, 18, 0, 0, 0, denver)},
		// The latest change of all, to a training that has ended.
		"data/trainings/oh-trainer-2026-03.yaml":     {Created: utc(2025, 8, 1, 0, 0, 0), Changed: utc(2026, 11, 18, 11, 0, 0)},
		"data/trainings/ny-cancelled-2026-11.yaml":   {Created: utc(2025, 12, 1, 0, 0, 0), Changed: utc(2026, 11, 15, 0, 0, 0)},
		"data/trainings/oh-facilitator-2026-12.yaml": {Created: utc(2026, 6, 1, 12, 0, 0), Changed: utc(2026, 6, 1, 12, 0, 0)},
	}
}

// buildOn returns the site of fsys as built on day (YYYY-MM-DD), its trainings dated by
// [fileDates].
func buildOn(t *testing.T, fsys fstest.MapFS, day string) *site.Site {
	t.Helper()
	dates := fileDates(t)
	return sitetest.Build(t, fsys, sitetest.Date(t, day), func(o *site.Options) { o.FileDates = dates })
}

// testSite returns the shared test site (package sitetest) as built on its build date: groups
// and trainings of every kind the feeds treat differently.
func testSite(t *testing.T) *site.Site {
	t.Helper()
	return buildOn(t, sitetest.Fixture(t), buildDate)
}

// spanishFixture returns the shared test site with Spanish as the site's own language: its
// feeds are written in Spanish. What the fixture gives in Spanish (es: blocks, content/es/)
// becomes what it gives in English, the site's other language.
func spanishFixture(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, f := range sitetest.Fixture(t) {
		if rest, ok := strings.CutPrefix(name, "content/es/"); ok {
			name = "content/en/" + rest
		}
		if strings.HasPrefix(name, "data/") {
			text := strings.ReplaceAll(string(f.Data), "\nes:\n", "\nen:\n")
			text = strings.ReplaceAll(text, "\n  es:\n", "\n  en:\n")
			f = &fstest.MapFile{Data: []byte(text), Mode: f.Mode}
		}
		fsys[name] = f
	}
	yaml := string(fsys["data/site.yaml"].Data)
	es := strings.Replace(yaml, "language: en\nlanguages: [en, es]\n", "language: es\nlanguages: [es, en]\n", 1)
	if es == yaml {
		t.Fatal("the fixture's data/site.yaml does not say language: en, languages: [en, es]")
	}
	return sitetest.Set(fsys, "data/site.yaml", es)
}

// without returns fsys less the files whose names start with prefix.
func without(fsys fstest.MapFS, prefix string) fstest.MapFS {
	out := fstest.MapFS{}
	for name, f := range fsys {
		if !strings.HasPrefix(name, prefix) {
			out[name] = f
		}
	}
	return out
}

// loadZone returns the time zone named name.
func loadZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time.LoadLocation(%q): %v", name, err)
	}
	return loc
}

// referenceDir returns the folder of the Meeting Guide schemas and type codes the tests check
// the feed against: testdata/reference/meeting-guide at the root of the repository, copied
// there with its licence and source (see its README.md).
func referenceDir(t *testing.T) string {
	t.Helper()
	ref := filepath.Join("..", "..", "testdata", "reference", "meeting-guide")
	if _, err := os.Stat(filepath.Join(ref, "meeting.schema.json")); err != nil {
		t.Fatalf("Meeting Guide reference files missing: %v", err)
	}
	return ref
}

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"empty", "  \n", ""},
		{"emphasis", "Bring **a friend** and *coffee*.", "Bring a friend and coffee."},
		{"link", "See [the map](https://example.org/map).", "See the map (https://example.org/map)."},
		{"link same as text", "[https://x.org](https://x.org)", "https://x.org"},
		{"mailto", "[a@b.org](mailto:a@b.org)", "a@b.org"},
		{"autolink", "<https://x.org/a>", "https://x.org/a"},
		{"raw html dropped", "Hi <b>there</b>", "Hi there"},
		{"entities and escapes", "Tom &amp; Jerry \\*not bold\\*", "Tom & Jerry *not bold*"},
		{"paragraphs", "One\ntwo.\n\nThree.", "One two.\nThree."},
		{"list", "- one\n- two", "- one\n- two"},
		{"ordered", "3. c\n4. d", "3. c\n4. d"},
		{"heading", "# Title\n\nText", "Title\nText"},
	}
	s := testSite(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plainText(s, tt.md); got != tt.want {
				t.Errorf("plainText(%q) = %q, want %q", tt.md, got, tt.want)
			}
		})
	}
}
