package scaffold_test

import (
	"os"
	"regexp"
	"slices"
	"testing"
	"testing/fstest"

	"sitegen/internal/check"
	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/load"
	"sitegen/internal/scaffold"
)

var today = civil.Date{Year: 2026, Month: 11, Day: 23}

// site is a small valid site into which a new file is placed.
func site() fstest.MapFS {
	files := map[string]string{
		"data/site.yaml": "title: T\nbase_url: https://t.example.org/\ntimezone: America/New_York\n" +
			"helpline: {name: H, phone: 1-800-950-6264}\ncrisis: {name: C, phone: \"988\"}\n",
		"data/affiliates/nami-ohio.yaml":     "name: NAMI Ohio\nkind: state-organization\nstate: OH\nemail: i@ohio.example.org\n",
		"data/affiliates/nami-franklin.yaml": "name: NAMI Franklin\nkind: affiliate\nstate: OH\nparent: nami-ohio\nemail: h@franklin.example.org\n",
		"content/index.md":                   "---\ntitle: Home\n---\n",
	}
	fsys := fstest.MapFS{}
	for name, s := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(s)}
	}
	// Every site has its catalogue: the repository's.
	en, err := os.ReadFile("../../i18n/en.yaml")
	if err != nil {
		panic(err)
	}
	fsys["i18n/en.yaml"] = &fstest.MapFile{Data: en}
	return fsys
}

func check1(t *testing.T, fsys fstest.MapFS) diag.List {
	t.Helper()
	files, diags := load.Read(fsys)
	return append(diags, check.Files(files, check.Options{Now: today})...).Sort()
}

var fillRE = regexp.MustCompile(`^fill in ([a-z_ ]+): `)

// TestNewFilesFailUntilFilledIn places each new file in a site unchanged: check must fail on
// it with one "fill in" error for every value only the editor knows, naming the key, and
// nothing else, so that no made-up day, time, date or place is ever published.
func TestNewFilesFailUntilFilledIn(t *testing.T) {
	tests := []struct {
		name string
		path string
		src  []byte
		want []string // the keys reported, in file order
	}{
		{"group", "data/groups/nami-franklin/new.yaml", scaffold.Group("nami-franklin", "OH", today),
			[]string{"name", "day", "start", "end", "location name", "location street", "location city", "location postal_code", "verified"}},
		{"affiliate", "data/affiliates/nami-new.yaml", scaffold.Affiliate(), []string{"name", "state"}},
		{"training", "data/trainings/new.yaml", scaffold.Training("", today),
			[]string{"title", "host", "start", "end", "location name", "location street", "location city", "location state", "location postal_code"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := site()
			fsys[tt.path] = &fstest.MapFile{Data: tt.src}
			var got []string
			for _, d := range check1(t, fsys) {
				m := fillRE.FindStringSubmatch(d.Message)
				if d.Path != tt.path || d.Severity != diag.Error || m == nil {
					t.Errorf("unexpected diagnostic: %s", d)
					continue
				}
				got = append(got, m[1])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("placeholders reported %q, want %q", got, tt.want)
			}
		})
	}
}
