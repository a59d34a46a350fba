package check_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"

	"golang.org/x/tools/txtar"

	"sitegen/internal/check"
	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/golden"
	"sitegen/internal/load"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar from the current output")

// testNow is the build date of every golden case.
var testNow = civil.Date{Year: 2026, Month: 11, Day: 23}

// baseSite returns a small site that checks clean: a site file, two state organizations in
// different time zones, a local affiliate, a group, a training, a home page, a plain page and
// a guide. Each golden case starts from it and replaces or adds files.
func baseSite() fstest.MapFS {
	files := map[string]string{
		"data/site.yaml": `title: Test Directory
base_url: https://groups.example.org/
timezone: America/New_York
helpline: {name: NAMI HelpLine, phone: 1-800-950-6264}
crisis: {name: 988 Lifeline, phone: "988"}
`,
		"data/affiliates/nami-ohio.yaml": `name: NAMI Ohio
kind: state-organization
state: OH
email: info@ohio.example.org
`,
		"data/affiliates/nami-arizona.yaml": `name: NAMI Arizona
kind: state-organization
state: AZ
timezone: America/Phoenix
phone: "602-555-0100"
`,
		"data/affiliates/nami-franklin.yaml": `name: NAMI Franklin
kind: affiliate
state: OH
parent: nami-ohio
email: hello@franklin.example.org
`,
		"data/groups/nami-franklin/tuesday-evening.yaml": `name: Tuesday Evening Connection
attendance: in-person
meetings:
  - day: tuesday
    start: "18:30"
location:
  name: Main Library
  street: 96 S Grant Ave
  city: Columbus
  state: OH
  postal_code: "43215"
  lat: 39.96
  lon: -82.99
verified: 2026-11-01
`,
		"data/trainings/oh-facilitator.yaml": `title: Facilitator Training
kind: facilitator
host: nami-ohio
start: 2027-02-05
end: 2027-02-07
attendance: online
`,
		"content/index.md":                         "---\ntitle: Find a group\n---\nFree, weekly, peer-led groups.\n",
		"content/about.md":                         "---\ntitle: About\nsummary: Who keeps this directory.\n---\nAbout us.\n",
		"content/guides/becoming-a-facilitator.md": "---\ntitle: Becoming a facilitator\norder: 1\nblocks: [facilitator-trainings]\n---\n## Training\n",
	}
	fsys := fstest.MapFS{}
	for name, s := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(s), Mode: 0o644}
	}
	// The site's catalogue, as every site has one: the repository's.
	en, err := os.ReadFile("../../i18n/en.yaml")
	if err != nil {
		panic(err)
	}
	fsys["i18n/en.yaml"] = &fstest.MapFile{Data: en, Mode: 0o644}
	return fsys
}

// run loads and checks fsys as the command does, returning every diagnostic sorted.
func run(t *testing.T, fsys fstest.MapFS) diag.List {
	t.Helper()
	files, diags := load.Read(fsys)
	return append(diags, check.Files(files, check.Options{Now: testNow})...).Sort()
}

func text(t *testing.T, l diag.List) string {
	t.Helper()
	var b bytes.Buffer
	if err := l.Write(&b, "text"); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestBaseSiteIsClean(t *testing.T) {
	if got := text(t, run(t, baseSite())); got != "" {
		t.Fatalf("the base site has problems:\n%s", got)
	}
}

// TestGolden runs every testdata/*.txtar case: the base site with the archive's files on top
// (and the files named by "delete: PATH" comment lines removed; "grow: PATH SIZE" pads a file
// with comment lines to SIZE bytes), compared with the archive's "want" file.
func TestGolden(t *testing.T) {
	golden.Run(t, 40, *update, func(t *testing.T, a *txtar.Archive) map[string]string {
		fsys := baseSite()
		for _, f := range a.Files {
			if f.Name != "want" {
				fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
			}
		}
		applyDirectives(t, fsys, string(a.Comment))
		return map[string]string{"want": text(t, run(t, fsys))}
	})
}

// applyDirectives carries out the "delete:" and "grow:" lines of an archive's comment.
func applyDirectives(t *testing.T, fsys fstest.MapFS, comment string) {
	t.Helper()
	for _, line := range strings.Split(comment, "\n") {
		switch {
		case strings.HasPrefix(line, "delete: "):
			p := strings.TrimSpace(strings.TrimPrefix(line, "delete: "))
			if _, ok := fsys[p]; !ok {
				t.Fatalf("delete: %s is not a file of the case", p)
			}
			delete(fsys, p)
		case strings.HasPrefix(line, "bom: "):
			file := fileOf(t, fsys, strings.TrimPrefix(line, "bom: "))
			file.Data = append([]byte("\ufeff"), file.Data...)
		case strings.HasPrefix(line, "encode: "):
			f := strings.Fields(strings.TrimPrefix(line, "encode: "))
			if len(f) != 2 {
				t.Fatalf("encode: want PATH ENCODING, got %q", line)
			}
			file := fileOf(t, fsys, f[0])
			file.Data = encode(t, string(file.Data), f[1])
		case strings.HasPrefix(line, "grow: "):
			f := strings.Fields(strings.TrimPrefix(line, "grow: "))
			if len(f) != 2 {
				t.Fatalf("grow: want PATH SIZE, got %q", line)
			}
			size, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatal(err)
			}
			file, ok := fsys[f[0]]
			if !ok {
				t.Fatalf("grow: %s is not a file of the case", f[0])
			}
			data := bytes.Clone(file.Data)
			for len(data) < size {
				data = append(data, "# padding\n"...)
			}
			// Exactly size bytes, ending in a line feed; a cut "# padd" is still a comment.
			data = append(data[:size-1], '\n')
			file.Data = data
		}
	}
}

// fileOf returns the file p of a case, failing when there is none.
func fileOf(t *testing.T, fsys fstest.MapFS, p string) *fstest.MapFile {
	t.Helper()
	file, ok := fsys[strings.TrimSpace(p)]
	if !ok {
		t.Fatalf("%s is not a file of the case", p)
	}
	return file
}

// encode writes s in one of the encodings editors' programs save in.
func encode(t *testing.T, s, enc string) []byte {
	t.Helper()
	var out []byte
	switch enc {
	case "utf16le-bom", "utf16be":
		units := utf16.Encode([]rune(s))
		if enc == "utf16le-bom" {
			out = append(out, 0xFF, 0xFE)
		}
		for _, u := range units {
			if enc == "utf16be" {
				out = append(out, byte(u>>8), byte(u))
			} else {
				out = append(out, byte(u), byte(u>>8))
			}
		}
	case "windows1252":
		for _, r := range s {
			if r > 0xFF {
				t.Fatalf("%q has no Latin-1 byte", r)
			}
			out = append(out, byte(r))
		}
	default:
		t.Fatalf("unknown encoding %q", enc)
	}
	return out
}

// TestSymlinks writes the base site to a real folder, opened as the command opens it
// (os.OpenRoot), and links files under data/ and content/ inside and outside the site.
func TestSymlinks(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	for name, f := range baseSite() {
		writeFile(t, filepath.Join(dir, name), f.Data)
	}
	writeFile(t, filepath.Join(parent, "secret.yaml"), []byte("name: Outside\n"))
	// A CI checkout keeps its token in .git/config.
	writeFile(t, filepath.Join(dir, ".git", "config"), []byte("[http]\n\textraheader = AUTHORIZATION: basic SECRETTOKEN\n"))
	writeFile(t, filepath.Join(dir, "common", "monday.yaml"), []byte(`name: Monday Connection
attendance: online
meetings:
  - day: monday
    start: "19:00"
online:
  link_public: false
verified: 2026-11-01
`))
	links := []struct{ name, target string }{
		{"data/groups/nami-franklin/outside.yaml", "../../../../secret.yaml"},
		{"data/groups/nami-franklin/absolute.yaml", filepath.Join(parent, "secret.yaml")},
		{"data/groups/nami-franklin/monday.yaml", "../../../common/monday.yaml"},
		{"data/groups/nami-linked", "../../common"},
		{"content/privacy.md", "../../secret.yaml"},
		{"data/groups/nami-franklin/git.yaml", "../../../.git/config"},
		{"content/config.md", "../.git/config"},
		// Through a link to a link, and through a linked folder (until the review of
		// 2026-12-06, only the first link's own target was looked at).
		{"docs", "common"},
		{"common/n.md", "../.git/config"},
		{"content/chain.md", "../docs/n.md"},
		{"gitdir", ".git"},
		{"content/folder.md", "../gitdir/config"},
	}
	for _, l := range links {
		if err := os.Symlink(l.target, filepath.Join(dir, filepath.FromSlash(l.name))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	files, diags := load.Read(root.FS())
	diags = append(diags, check.Files(files, check.Options{Now: testNow})...).Sort()
	// The reader of templates and pages refuses them too.
	for _, p := range []string{"content/chain.md", "content/folder.md", "content/config.md"} {
		if b, err := load.ReadFile(root.FS(), p); err == nil || bytes.Contains(b, []byte("SECRETTOKEN")) {
			t.Errorf("load.ReadFile(%s) = %q, %v: want a refusal", p, b, err)
		}
	}
	want := `content/chain.md: error: symbolic link points into a hidden folder: sitegen reads no file there; copy the file here instead
content/config.md: error: symbolic link points into a hidden folder: sitegen reads no file there; copy the file here instead
content/folder.md: error: symbolic link points into a hidden folder: sitegen reads no file there; copy the file here instead
content/privacy.md: error: symbolic link points outside the site: copy the file here instead
data/groups/nami-franklin/absolute.yaml: error: symbolic link points outside the site: copy the file here instead
data/groups/nami-franklin/git.yaml: error: symbolic link points into a hidden folder: sitegen reads no file there; copy the file here instead
data/groups/nami-franklin/outside.yaml: error: symbolic link points outside the site: copy the file here instead
data/groups/nami-linked: error: symbolic link to a folder: use a real folder instead
`
	if got := text(t, diags); got != want {
		t.Errorf("diagnostics differ (-want +got):\n%s", golden.LineDiff(want, got))
	}
	var read []string
	for _, g := range files.Groups {
		read = append(read, g.Path)
		if g.Name == "Outside" {
			t.Errorf("read %s from outside the site", g.Path)
		}
	}
	if !slices.Contains(read, "data/groups/nami-franklin/monday.yaml") {
		t.Errorf("groups read = %v, want the link inside the site, data/groups/nami-franklin/monday.yaml, among them", read)
	}
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDuplicateNamesLinear gives one name to n and 4n groups of an affiliate: each file gets
// one error naming another (1,000 copies printed 999,000 lines before), so the report grows
// as the input does.
func TestDuplicateNamesLinear(t *testing.T) {
	lines := func(n int) diag.List {
		fsys := baseSite()
		group := fsys["data/groups/nami-franklin/tuesday-evening.yaml"].Data
		for i := range n {
			fsys[fmt.Sprintf("data/groups/nami-franklin/copy-%04d.yaml", i)] = &fstest.MapFile{Data: group}
		}
		return run(t, fsys)
	}
	for _, n := range []int{50, 200} {
		got := lines(n)
		if len(got) != n+1 {
			t.Errorf("%d copies of a group: %d diagnostics, want %d (one per file)", n+1, len(got), n+1)
		}
		want := fmt.Sprintf("and %d other files; give each group", n-1)
		for _, d := range got {
			if !strings.Contains(d.Message, "is also used by") || !strings.Contains(d.Message, want) {
				t.Errorf("%s, want it to name another file and count %d more", d, n-1)
				break
			}
		}
	}
}

// TestFieldBudgets writes names, addresses and notes at and just over their budgets: the
// longest allowed pass, one character more is an error at the value (60 groups with 240 KB
// names made 974 MB of output, each page listing its siblings).
func TestFieldBudgets(t *testing.T) {
	tests := []struct {
		name, old string
		field     string
		max       int
	}{
		{"group name", "name: Tuesday Evening Connection", "name: ", load.MaxName},
		{"street", "street: 96 S Grant Ave", "street: ", load.MaxLine},
		{"notes", "verified: 2026-11-01", "verified: 2026-11-01\nnotes: ", load.MaxNotes},
	}
	for _, tt := range tests {
		for _, n := range []int{tt.max, tt.max + 1} {
			t.Run(fmt.Sprintf("%s %d", tt.name, n), func(t *testing.T) {
				fsys := baseSite()
				f := fsys["data/groups/nami-franklin/tuesday-evening.yaml"]
				value := strings.Repeat("é", n) // characters, not bytes
				f.Data = []byte(strings.Replace(string(f.Data), tt.old, tt.field+value, 1))
				got := text(t, run(t, fsys))
				switch {
				case n == tt.max && got != "":
					t.Errorf("%d characters: %s", n, got)
				case n > tt.max && !strings.Contains(got, fmt.Sprintf("is %d characters long, more than the %d allowed", n, tt.max)):
					t.Errorf("%d characters: %q, want it refused", n, got)
				}
			})
		}
	}
}

// TestBaseURL is the rule of base_url and --base-url.
func TestBaseURL(t *testing.T) {
	for _, tt := range []struct {
		url string
		ok  bool
	}{
		{"https://groups.example.org/", true},
		{"https://example.org/groups/", true},
		{"http://127.0.0.1:1313/", true},
		{"https://example.org/?utm=1", false},
		{"https://example.org/#top", false},
		{`https://example.org/"onload="x`, false},
		{"https://example.org/it's/", false},
		{"ftp://example.org/", false},
		{"example.org", false},
		{"https://", false},
	} {
		if err := check.BaseURL(tt.url); (err == nil) != tt.ok {
			t.Errorf("BaseURL(%q) = %v, want ok %v", tt.url, err, tt.ok)
		}
	}
}

// TestFileNamesEscaped names files with a line feed and a terminal escape: the text report
// prints each problem on one line, with the name quoted and escaped.
func TestFileNamesEscaped(t *testing.T) {
	fsys := baseSite()
	group := fsys["data/groups/nami-franklin/tuesday-evening.yaml"].Data
	fsys["data/groups/nami-franklin/x\ndata/fake.yaml:1:1: error: forged.yaml"] = &fstest.MapFile{Data: group}
	fsys["data/groups/nami-franklin/\x1b[2J.yaml"] = &fstest.MapFile{Data: group}
	out := text(t, run(t, fsys))
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.HasPrefix(line, "data/fake.yaml") || strings.ContainsRune(line, 0x1b) {
			t.Errorf("a file name forged a line or sent an escape: %q", line)
		}
	}
	if !strings.Contains(out, `"data/groups/nami-franklin/\x1b[2J.yaml": error:`) {
		t.Errorf("the escape is not shown quoted:\n%s", out)
	}
}
