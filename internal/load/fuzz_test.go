package load_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"sitegen/internal/check"
	"sitegen/internal/civil"
	"sitegen/internal/load"
)

// fuzzSite is a small valid site into which each fuzz input is placed as one more file.
func fuzzSite() fstest.MapFS {
	files := map[string]string{
		"data/site.yaml": "title: Fuzz\nbase_url: https://fuzz.example.org/\ntimezone: America/New_York\n" +
			"helpline: {name: HelpLine, phone: 1-800-950-6264}\ncrisis: {name: Lifeline, phone: \"988\"}\n",
		"data/affiliates/nami-ohio.yaml":     "name: NAMI Ohio\nkind: state-organization\nstate: OH\nemail: info@ohio.example.org\n",
		"data/affiliates/nami-franklin.yaml": "name: NAMI Franklin\nkind: affiliate\nstate: OH\nparent: nami-ohio\nemail: hi@franklin.example.org\n",
		"data/groups/nami-franklin/tuesday.yaml": "name: Tuesday\nattendance: online\nmeetings:\n  - day: tuesday\n    start: \"18:30\"\n" +
			"online:\n  link_public: false\nverified: 2026-11-01\n",
		"data/trainings/oh-facilitator.yaml": "title: Training\nkind: facilitator\nhost: nami-ohio\nstart: 2027-02-05\nend: 2027-02-07\nattendance: online\n",
		"content/index.md":                   "---\ntitle: Home\n---\nWelcome.\n",
	}
	fsys := fstest.MapFS{}
	for name, s := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(s), Mode: 0o644}
	}
	return fsys
}

// seeds returns the files of the golden corpus (internal/check/testdata/*.txtar) and of the
// sample site whose names end in ext.
func seeds(t testing.TB, ext string) [][]byte {
	t.Helper()
	var out [][]byte
	archives, _ := filepath.Glob("../check/testdata/*.txtar")
	for _, name := range archives {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ext) {
				out = append(out, f.Data)
			}
		}
	}
	for _, pattern := range []string{"../../data/*/*" + ext, "../../data/*/*/*" + ext, "../../content/*" + ext, "../../content/*/*" + ext} {
		names, _ := filepath.Glob(pattern)
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no seed files ending in %s", ext)
	}
	return out
}

// readAndCheck places data at name in the fuzz site, loads and checks it, and asserts that
// every diagnostic about that file points inside it.
func readAndCheck(t *testing.T, name string, data []byte) {
	fsys := fuzzSite()
	fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	files, diags := load.Read(fsys)
	diags = append(diags, check.Files(files, check.Options{Now: civil.Date{Year: 2026, Month: 11, Day: 23}})...)
	lines := bytes.Split(data, []byte("\n"))
	// YAML also breaks lines at a lone CR, NEL, LS and PS; so do some editors. Positions
	// may count those lines; columns are checked only in files without them.
	unusual := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n").Replace(string(data))
	maxLine := max(len(lines), strings.Count(unusual, "\n")+1)
	plain := unusual == strings.ReplaceAll(string(data), "\r\n", "\n")
	runes := map[int]int{} // line → its length in characters
	for _, d := range diags {
		if d.Path != name {
			continue
		}
		if d.Message == "" {
			t.Errorf("%s: empty message", d.Position())
		}
		if d.Line < 0 || d.Col < 0 || d.Line == 0 && d.Col != 0 {
			t.Errorf("%s: impossible position: %s", d.Position(), d)
			continue
		}
		if d.Line == 0 {
			continue
		}
		if d.Line > maxLine {
			t.Errorf("%s: line %d, but the file has %d lines: %s", d.Position(), d.Line, maxLine, d)
			continue
		}
		if !plain || d.Line > len(lines) {
			continue
		}
		n, ok := runes[d.Line]
		if !ok {
			n = utf8.RuneCount(lines[d.Line-1])
			runes[d.Line] = n
		}
		if d.Col > n+1 {
			t.Errorf("%s: column %d, but line %d has %d characters: %s", d.Position(), d.Col, d.Line, n, d)
		}
	}
	if diags.Errors() == 0 && files.Site == nil {
		t.Errorf("no error, yet no site")
	}
}

// FuzzRead feeds arbitrary bytes as a group file to the loader and every rule of check: nothing
// may panic, and every diagnostic about the file points at a line and column inside it.
func FuzzRead(f *testing.F) {
	for _, s := range seeds(f, ".yaml") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		readAndCheck(t, "data/groups/nami-franklin/fuzz.yaml", data)
	})
}

// FuzzFrontMatter feeds arbitrary bytes as a Markdown page: the front-matter split, its YAML
// and the page rules must not panic, and positions are lines of the .md file.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range seeds(f, ".md") {
		f.Add(s)
	}
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\r\ntitle: x\r\n---\r\nbody"))
	f.Add([]byte("---"))
	f.Fuzz(func(t *testing.T, data []byte) {
		readAndCheck(t, "content/about.md", data)
	})
}
