package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// sample is the repository's sample site, relative to this package.
const sample = "../.."

// sampleNow is the build date the sample site is written for; sampleEpoch is its
// SOURCE_DATE_EPOCH (2026-11-23 00:00 UTC).
const (
	sampleNow   = "2026-11-23"
	sampleEpoch = "1795392000"
)

// result is what one run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// sitegen runs the command line args with SOURCE_DATE_EPOCH unset.
func sitegen(t *testing.T, args ...string) result {
	t.Helper()
	return sitegenEnv(t, map[string]string{}, args...)
}

// sitegenEnv runs the command line args with the environment vars. Unless vars say
// otherwise, the cache of parsed files is kept in a folder of the test's own.
func sitegenEnv(t *testing.T, vars map[string]string, args ...string) result {
	t.Helper()
	if _, ok := vars["SITEGEN_CACHE"]; !ok {
		vars = maps.Clone(vars)
		if vars == nil {
			vars = map[string]string{}
		}
		vars["SITEGEN_CACHE"] = t.TempDir()
	}
	var stdout, stderr bytes.Buffer
	code := runEnv(args, &env{stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return vars[k] }})
	return result{code, stdout.String(), stderr.String()}
}

// copySample copies the sample site's data/, content/, i18n/ and templates/ to a new folder
// and returns it.
func copySample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, top := range []string{"data", "content", "i18n", "templates"} {
		err := filepath.WalkDir(filepath.Join(sample, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(sample, p)
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "node_modules" {
					return filepath.SkipDir
				}
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// hashTree returns every file and folder under dir with a hash of its bytes and its mode.
func hashTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			out[rel+"/"] = info.Mode().String()
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = fmt.Sprintf("%x %s", sha256.Sum256(b), info.Mode())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCheckSample(t *testing.T) {
	r := sitegen(t, "check", "-s", sample, "--now", sampleNow)
	if r.code != exitOK || r.stdout != "" || r.stderr != "" {
		t.Fatalf("sitegen check -s %s --now %s = %d, stdout %q, stderr %q; want 0 and no output", sample, sampleNow, r.code, r.stdout, r.stderr)
	}
}

// brokenGroup is a group file of the sample's nami-olentangy with one mistake: a day
// written "Tues", at line 4, column 10.
const brokenGroup = `name: Broken Test Group
attendance: online
meetings:
  - day: Tues
    start: "18:30"
online:
  link_public: false
  instructions: Write to us.
verified: 2026-11-20
`

const brokenLine = `data/groups/nami-olentangy/broken.yaml:4:10: error: day "Tues" is not one of monday, tuesday, wednesday, thursday, friday, saturday, sunday; did you mean "tuesday"?`

func TestCheckBroken(t *testing.T) {
	dir := copySample(t)
	writeFile(t, filepath.Join(dir, "data/groups/nami-olentangy/broken.yaml"), brokenGroup)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
	}{
		{"text", nil, exitSite, brokenLine + "\n"},
		{"text flag", []string{"--format", "text"}, exitSite, brokenLine + "\n"},
		{"github", []string{"--format", "github"}, exitSite,
			`::error file=data/groups/nami-olentangy/broken.yaml,line=4,col=10::day "Tues" is not one of monday, tuesday, wednesday, thursday, friday, saturday, sunday; did you mean "tuesday"?` + "\n"},
		{"strict", []string{"--strict"}, exitSite, brokenLine + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"check", "-s", dir, "--now", sampleNow}, tt.args...)
			r := sitegen(t, args...)
			if r.code != tt.wantCode || r.stdout != tt.wantStdout {
				t.Errorf("sitegen %q = %d, stdout %q; want %d, %q", args, r.code, r.stdout, tt.wantCode, tt.wantStdout)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		r := sitegen(t, "check", "-s", dir, "--now", sampleNow, "--format", "json")
		var got []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatalf("--format json printed %q: %v", r.stdout, err)
		}
		want := []map[string]any{{"path": "data/groups/nami-olentangy/broken.yaml", "line": 4.0, "col": 10.0, "severity": "error",
			"message": `day "Tues" is not one of monday, tuesday, wednesday, thursday, friday, saturday, sunday; did you mean "tuesday"?`}}
		if r.code != exitSite || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("sitegen check --format json = %d, %v; want 1, %v", r.code, got, want)
		}
	})
	t.Run("json clean", func(t *testing.T) {
		r := sitegen(t, "check", "-s", sample, "--now", sampleNow, "--format", "json")
		if r.code != exitOK || strings.TrimSpace(r.stdout) != "[]" {
			t.Errorf("sitegen check --format json on the sample = %d, %q; want 0, []", r.code, r.stdout)
		}
	})
}

func TestCheckManyProblems(t *testing.T) {
	dir := copySample(t)
	writeFile(t, filepath.Join(dir, "data/groups/nami-olentangy/broken.yaml"), brokenGroup)
	writeFile(t, filepath.Join(dir, "data/affiliates/nami-broken.yaml"), "name: NAMI Broken\nkind: affiliate\nstate: oh\n")
	writeFile(t, filepath.Join(dir, "content/guides/broken.md"), "---\ntitle: Broken\nordr: 1\n---\nBody.\n")
	r := sitegen(t, "check", "-s", dir, "--now", sampleNow)
	want := `content/guides/broken.md:3:1: error: unknown key "ordr" in front matter; did you mean "order"?
data/affiliates/nami-broken.yaml:3:8: error: state "oh" must be the uppercase USPS code "OH"
` + brokenLine + "\n"
	if r.code != exitSite || r.stdout != want {
		t.Errorf("sitegen check = %d, stdout:\n%s\nwant 1, stdout:\n%s", r.code, r.stdout, want)
	}
}

// TestCheckFiles: "sitegen check FILE…" checks the whole site and reports the files named
// (or those in the folders named), with a word on the others; until 2026-12-05 a file was an
// "unexpected argument".
func TestCheckFiles(t *testing.T) {
	dir := copySample(t)
	writeFile(t, filepath.Join(dir, "data/groups/nami-olentangy/broken.yaml"), brokenGroup)
	writeFile(t, filepath.Join(dir, "data/affiliates/nami-broken.yaml"), "name: NAMI Broken\nkind: affiliate\nstate: oh\n")
	for _, tt := range []struct {
		name      string
		files     []string
		code      int
		stdout    string
		elsewhere string
	}{
		{"the broken file", []string{"data/groups/nami-olentangy/broken.yaml"}, exitSite, brokenLine + "\n", "1 problem in other files"},
		{"its folder", []string{"data/groups/nami-olentangy"}, exitSite, brokenLine + "\n", "1 problem in other files"},
		{"a good file", []string{"data/groups/nami-olentangy/clintonville-men.yaml"}, exitOK, "", "2 problems in other files"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var args []string
			for _, f := range tt.files {
				args = append(args, filepath.Join(dir, f))
			}
			r := sitegen(t, append([]string{"check", "-s", dir, "--now", sampleNow}, args...)...)
			if r.code != tt.code || r.stdout != tt.stdout || !strings.Contains(r.stderr, tt.elsewhere) {
				t.Errorf("check %v = %d\nstdout:\n%s\nstderr:\n%s\nwant %d, stdout:\n%s", tt.files, r.code, r.stdout, r.stderr, tt.code, tt.stdout)
			}
		})
	}
	// A path outside the site, or none, is a usage error.
	for _, bad := range []string{t.TempDir(), filepath.Join(dir, "data/nope.yaml")} {
		if r := sitegen(t, "check", "-s", dir, "--now", sampleNow, bad); r.code != exitUsage {
			t.Errorf("check %s = %d, want %d: %s", bad, r.code, exitUsage, r.stderr)
		}
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string // a part of stderr
	}{
		{"no command", nil, exitUsage, "usage: sitegen COMMAND"},
		{"unknown command", []string{"chekc"}, exitUsage, `unknown command "chekc"; did you mean "check"?`},
		{"unknown command misspelled", []string{"chek"}, exitUsage, `unknown command "chek"; did you mean "check"?`},
		{"help unknown command", []string{"help", "biuld"}, exitUsage, `did you mean "build"?`},
		{"bad flag", []string{"check", "--nope"}, exitUsage, "flag provided but not defined: -nope"},
		{"bad now", []string{"check", "-s", sample, "--now", "2026-13-01"}, exitUsage, "--now"},
		{"bad now words", []string{"check", "-s", sample, "--now", "today"}, exitUsage, "--now"},
		{"bad format", []string{"check", "-s", sample, "--format", "xml"}, exitUsage, `--format must be text, github or json, not "xml"`},
		{"a site for a file", []string{"check", "site"}, exitUsage, `site: no such file in the site's folder . (to check another site, use -s DIR)`},
		{"missing source", []string{"check", "-s", "no/such/folder", "--now", sampleNow}, exitUsage, "no/such/folder"},
		{"build bad base url", []string{"build", "-s", sample, "--base-url", "example.org"}, exitUsage, "--base-url"},
		{"new without kind", []string{"new"}, exitUsage, "usage: sitegen new"},
		{"new unknown kind", []string{"new", "widget", "x", "-s", sample}, exitUsage, `unknown kind "widget"`},
		{"new group without affiliate", []string{"new", "group", "tuesday", "-s", sample}, exitUsage, "AFFILIATE/SLUG"},
		// The command they meant (until 2026-12-06 an example with an affiliate of no site).
		{"new group not slugs", []string{"new", "group", "nami-olentangy/Tuesday_Evening", "-s", sample}, exitUsage, "sitegen new group nami-olentangy/tuesday-evening\n"},
		{"new group without its slug", []string{"new", "group", "nami-olentangy/", "-s", sample}, exitUsage, "sitegen new group nami-olentangy/SLUG, SLUG the group's own name"},
		{"new affiliate not a slug", []string{"new", "affiliate", "NAMI Ohio", "-s", sample}, exitUsage, "not a slug: use lowercase letters, digits and single hyphens: sitegen new affiliate nami-ohio\n"},
		{"new training not a slug", []string{"new", "training", "OH_2027", "-s", sample}, exitUsage, "sitegen new training oh-2027\n"},
		{"help unknown", []string{"help", "nope"}, exitUsage, `unknown command "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sitegen(t, tt.args...)
			if r.code != tt.wantCode || !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("sitegen %q = %d, stderr %q; want %d and stderr containing %q", tt.args, r.code, r.stderr, tt.wantCode, tt.wantStderr)
			}
		})
	}
}

func TestInformational(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantStdout string // a part of stdout
	}{
		{"version", []string{"version"}, "sitegen "},
		{"help", []string{"help"}, "commands:"},
		{"help check", []string{"help", "check"}, "usage: sitegen check"},
		{"help new", []string{"help", "new"}, "refuses to overwrite"},
		{"-h", []string{"-h"}, "usage: sitegen COMMAND"},
		{"--help", []string{"--help"}, "usage: sitegen COMMAND"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sitegen(t, tt.args...)
			if r.code != exitOK || !strings.Contains(r.stdout, tt.wantStdout) {
				t.Errorf("sitegen %q = %d, stdout %q; want 0 and stdout containing %q", tt.args, r.code, r.stdout, tt.wantStdout)
			}
		})
	}
	if r := sitegen(t, "check", "-h"); r.code != exitOK || !strings.Contains(r.stderr, "-strict") {
		t.Errorf("sitegen check -h = %d, stderr %q; want 0 and the flags", r.code, r.stderr)
	}
}

// TestBuildDate checks where the build date comes from: --now, else SOURCE_DATE_EPOCH, else
// today. The sample's groups were verified on 2026-11-20, so a date before it is an error and
// a date years after it gives only stale warnings.
func TestBuildDate(t *testing.T) {
	tests := []struct {
		name     string
		vars     map[string]string
		args     []string
		wantCode int
		want     string // a part of stdout, or "" for none
	}{
		{"epoch", map[string]string{"SOURCE_DATE_EPOCH": sampleEpoch}, nil, exitOK, ""},
		{"epoch before verified", map[string]string{"SOURCE_DATE_EPOCH": "1767225600"}, nil, exitSite, "is in the future (today is 2026-01-01)"},
		{"now wins over epoch", map[string]string{"SOURCE_DATE_EPOCH": "1767225600"}, []string{"--now", sampleNow}, exitOK, ""},
		{"bad epoch", map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, nil, exitUsage, ""},
		{"stale is a warning", nil, []string{"--now", "2028-06-01"}, exitOK, "warning: verified"},
		{"stale under strict", nil, []string{"--now", "2028-06-01", "--strict"}, exitSite, "warning: verified"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"check", "-s", sample}, tt.args...)
			r := sitegenEnv(t, tt.vars, args...)
			if r.code != tt.wantCode {
				t.Errorf("sitegen %q with %v = %d (stdout %q, stderr %q), want %d", args, tt.vars, r.code, r.stdout, r.stderr, tt.wantCode)
			}
			if tt.want == "" && r.stdout != "" || !strings.Contains(r.stdout, tt.want) {
				t.Errorf("sitegen %q with %v printed %q, want %q", args, tt.vars, r.stdout, tt.want)
			}
			if strings.Contains(r.stdout, "error:") && tt.wantCode == exitOK {
				t.Errorf("sitegen %q printed errors but exited 0:\n%s", args, r.stdout)
			}
		})
	}
}

func TestBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "out")
	r := sitegen(t, "build", "-s", sample, "-d", dest, "--now", sampleNow)
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "built ") {
		t.Fatalf("sitegen build = %d, stdout %q, stderr %q; want 0 and a summary", r.code, r.stdout, r.stderr)
	}
	want := []string{"index.html"}
	guides, err := filepath.Glob(filepath.Join(sample, "content/guides/*.md"))
	if err != nil || len(guides) < 3 {
		t.Fatalf("sample guides = %v, %v; want at least 3", guides, err)
	}
	for _, g := range guides {
		want = append(want, "guides/"+strings.TrimSuffix(filepath.Base(g), ".md")+"/index.html")
	}
	for _, name := range want {
		b, err := os.ReadFile(filepath.Join(dest, name))
		if err != nil {
			t.Errorf("build did not write %s: %v", name, err)
			continue
		}
		if !bytes.Contains(b, []byte("<html")) {
			t.Errorf("%s is not an HTML page: %.200q", name, b)
		}
	}
	// The same build again gives the same bytes.
	before := hashTree(t, dest)
	if r := sitegen(t, "build", "-s", sample, "-d", dest, "--now", sampleNow); r.code != exitOK {
		t.Fatalf("second build = %d, stderr %q", r.code, r.stderr)
	}
	if after := hashTree(t, dest); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("two builds of the same site and date differ")
	}
	if r := sitegen(t, "build", "-s", sample, "-d", dest, "--now", sampleNow); !strings.Contains(r.stdout, "nothing changed") {
		t.Errorf("a build with nothing changed printed %q, want it to say so", r.stdout)
	}
}

// TestBuildRefusesUnsafeDestination: a destination that is, holds or lies inside the source's
// folders, or holds files sitegen did not write, is refused before anything is touched.
func TestBuildRefusesUnsafeDestination(t *testing.T) {
	dir := copySample(t)
	before := hashTree(t, dir)
	foreign := filepath.Join(t.TempDir(), "photos")
	writeFile(t, filepath.Join(foreign, "holiday.jpg"), "not a site")
	for _, dest := range []string{
		dir, filepath.Dir(dir), filepath.Join(dir, "data"), filepath.Join(dir, "data", "groups"),
		filepath.Join(dir, "content"), filepath.Join(dir, "templates"), filepath.Join(dir, "templates", "out"),
		filepath.Join(dir, ".."), foreign,
	} {
		r := sitegen(t, "build", "-s", dir, "-d", dest, "--now", sampleNow)
		if r.code != exitUsage || !strings.Contains(r.stderr, "unsafe destination") {
			t.Errorf("build -d %s = %d, stderr %q; want 2 and a refusal", dest, r.code, r.stderr)
		}
	}
	after := hashTree(t, dir)
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a refused build changed the source")
	}
	if b := readFile(t, filepath.Join(foreign, "holiday.jpg")); b != "not a site" {
		t.Errorf("a refused build changed a foreign folder")
	}
}

// TestFailedBuildKeepsPrevious builds a copy of the sample, breaks it, and checks that the
// failed build leaves the previous output exactly as it was and nothing beside it.
func TestFailedBuildKeepsPrevious(t *testing.T) {
	tests := []struct {
		name string
		file string // relative to the site
		edit func(string) string
		want string // a part of the output
	}{
		{"data error", "data/groups/nami-olentangy/broken.yaml", func(string) string { return brokenGroup }, brokenLine},
		{"YAML error", "data/affiliates/nami-olentangy.yaml", func(s string) string { return s + "name: [unclosed\n" }, "the [ that opens this value is never closed"},
		{"template error", "templates/base.html", func(s string) string { return s + "{{ .NoSuchField.Deeper }" }, "base.html"},
		{"missing template", "templates/base.html", func(string) string { return "" }, "base.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySample(t)
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			if r := sitegen(t, "build", "-s", dir, "-d", dest, "--now", sampleNow); r.code != exitOK {
				t.Fatalf("first build = %d, stderr %q", r.code, r.stderr)
			}
			before := hashTree(t, dest)
			if len(before) < 10 {
				t.Fatalf("first build wrote only %d files", len(before))
			}
			name := filepath.Join(dir, filepath.FromSlash(tt.file))
			old, _ := os.ReadFile(name)
			if b := tt.edit(string(old)); b == "" {
				if err := os.Remove(name); err != nil {
					t.Fatal(err)
				}
			} else {
				writeFile(t, name, b)
			}
			r := sitegen(t, "build", "-s", dir, "-d", dest, "--now", sampleNow)
			if r.code != exitSite || !strings.Contains(r.stdout+r.stderr, tt.want) {
				t.Errorf("broken build = %d, stdout %q, stderr %q; want 1 and %q", r.code, r.stdout, r.stderr, tt.want)
			}
			after := hashTree(t, dest)
			for p, h := range before {
				if after[p] != h {
					t.Errorf("%s changed: %q, was %q", p, after[p], h)
				}
			}
			for p := range after {
				if _, ok := before[p]; !ok {
					t.Errorf("%s appeared", p)
				}
			}
			entries, err := os.ReadDir(parent)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if strings.Join(names, " ") != ".public.sitegen public" {
				t.Errorf("beside the destination: %v, want only public and its store", names)
			}
		})
	}
}

// fill replaces each placeholder of a new file by a real value, and fails if one is left.
func fill(t *testing.T, name string, values map[string]string) {
	t.Helper()
	s := readFile(t, name)
	for old, new := range values {
		if !strings.Contains(s, old) {
			t.Fatalf("%s does not contain %q:\n%s", name, old, s)
		}
		s = strings.ReplaceAll(s, old, new)
	}
	if strings.Contains(s, `"FILL IN:`) {
		t.Fatalf("placeholders left in %s:\n%s", name, s)
	}
	writeFile(t, name, s)
}

// onlyPlaceholders fails unless every line of a check's output is an error about a "FILL IN"
// placeholder of file.
func onlyPlaceholders(t *testing.T, r result, file string) {
	t.Helper()
	if r.code != exitSite || r.stdout == "" {
		t.Fatalf("check of a new file = %d, stdout %q; want 1 and the placeholders", r.code, r.stdout)
	}
	for _, line := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		if !strings.HasPrefix(line, file+":") || !strings.Contains(line, "error: fill in ") {
			t.Errorf("check of a new file reported %q; want only its placeholders", line)
		}
	}
}

func TestNew(t *testing.T) {
	epoch := map[string]string{"SOURCE_DATE_EPOCH": sampleEpoch}
	tests := []struct {
		name   string
		args   []string
		file   string
		values map[string]string
	}{
		{"group", []string{"group", "nami-olentangy/test-group"}, "data/groups/nami-olentangy/test-group.yaml", map[string]string{
			`"FILL IN: the group's name, e.g. Tuesday Evening Connection"`:                             "Westerville Tuesday Connection",
			`"FILL IN: monday, tuesday, wednesday, thursday, friday, saturday or sunday"`:              "tuesday",
			`"FILL IN: the time it starts, 24-hour HH:MM in the group's time zone, e.g. 18:30"`:        `"18:30"`,
			`"FILL IN: the time it ends, HH:MM, or delete this line for 90 minutes"`:                   `"20:00"`,
			`"FILL IN: the day you confirmed the listing with the group, YYYY-MM-DD, e.g. 2026-11-23"`: "2026-11-20",
			`"FILL IN: the building, e.g. First Community Church"`:                                     "Westerville Library",
			`"FILL IN: street address"`:   "126 S State St",
			`"FILL IN: city"`:             "Westerville",
			`"FILL IN: 5-digit ZIP code"`: `"43081"`,
			"  # lat: 39.9612":            "  lat: 40.1250",
			"  # lon: -82.9988":           "  lon: -82.9290",
		}},
		{"affiliate", []string{"affiliate", "nami-licking"}, "data/affiliates/nami-licking.yaml", map[string]string{
			`"FILL IN: the affiliate's name, e.g. NAMI Franklin County"`: "NAMI Licking County",
			`"FILL IN: USPS code, e.g. OH"`:                              "OH",
		}},
		{"training", []string{"training", "oh-test-2027-06"}, "data/trainings/oh-test-2027-06.yaml", map[string]string{
			`"FILL IN: e.g. NAMI Connection Facilitator Training"`:                "NAMI Connection Facilitator Training, Newark",
			`"FILL IN: the host affiliate's slug"`:                                "nami-buckeye-state",
			`"FILL IN: first day, YYYY-MM-DD"`:                                    "2027-06-04",
			`"FILL IN: last day, YYYY-MM-DD (facilitator trainings last 3 days)"`: "2027-06-06",
			`"FILL IN: the building"`:                                             "Newark Community Center",
			`"FILL IN: street address"`:                                           "12 N Park Pl",
			`"FILL IN: city"`:                                                     "Newark",
			`"FILL IN: USPS code"`:                                                "OH",
			`"FILL IN: 5-digit ZIP code"`:                                         `"43055"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySample(t)
			args := append([]string{"new"}, tt.args...)
			args = append(args, "-s", dir)
			r := sitegenEnv(t, epoch, args...)
			if r.code != exitOK || !strings.Contains(r.stdout, tt.file) {
				t.Fatalf("sitegen %q = %d, stdout %q, stderr %q; want 0 and the file's name", args, r.code, r.stdout, r.stderr)
			}
			name := filepath.Join(dir, filepath.FromSlash(tt.file))
			written := readFile(t, name)
			if !strings.HasPrefix(written, "# yaml-language-server: $schema=") {
				t.Errorf("%s does not start with the schema line:\n%s", tt.file, written)
			}
			onlyPlaceholders(t, sitegen(t, "check", "-s", dir, "--now", sampleNow), tt.file)

			// A second time: refused, and the file is left as it was.
			r = sitegenEnv(t, epoch, args...)
			if r.code != exitSite || !strings.Contains(r.stderr, "already exists") {
				t.Errorf("sitegen %q again = %d, stderr %q; want 1 and already exists", args, r.code, r.stderr)
			}
			if got := readFile(t, name); got != written {
				t.Errorf("sitegen %q again changed the file", args)
			}

			fill(t, name, tt.values)
			if r := sitegen(t, "check", "-s", dir, "--now", sampleNow); r.code != exitOK || r.stdout != "" {
				t.Errorf("check after filling in %s = %d, stdout:\n%s\nwant 0 and nothing", tt.file, r.code, r.stdout)
			}
		})
	}
}

func TestNewRefuses(t *testing.T) {
	dir := copySample(t)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"unknown affiliate", []string{"group", "nami-olentangi/new-group"}, exitSite, `there is no affiliate "nami-olentangi" (no file data/affiliates/nami-olentangi.yaml); did you mean "nami-olentangy"?`},
		{"unknown affiliate far off", []string{"group", "nami-atlantis/new-group"}, exitSite, "sitegen new affiliate nami-atlantis"},
		{"affiliate without its prefix", []string{"group", "olentangy/new-group"}, exitSite, `there is no affiliate "olentangy" (no file data/affiliates/olentangy.yaml); did you mean "nami-olentangy"?`},
		{"existing group", []string{"group", "nami-olentangy/women-online"}, exitSite, "data/groups/nami-olentangy/women-online.yaml already exists"},
		{"existing affiliate", []string{"affiliate", "nami-olentangy"}, exitSite, "data/affiliates/nami-olentangy.yaml already exists"},
		{"existing training", []string{"training", "oh-facilitator-2026-10"}, exitSite, "data/trainings/oh-facilitator-2026-10.yaml already exists"},
	}
	before := hashTree(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"new"}, tt.args...), "-s", dir)
			r := sitegen(t, args...)
			if r.code != tt.wantCode || !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("sitegen %q = %d, stderr %q; want %d and %q", args, r.code, r.stderr, tt.wantCode, tt.wantStderr)
			}
		})
	}
	if after := hashTree(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a refused sitegen new changed the site")
	}
}

// TestHelpDocumentationSync checks that README.md's CLI reference names every command and
// every flag of the command line, so that the two cannot drift apart.
func TestHelpDocumentationSync(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatalf("README.md: %v (its CLI reference must name every command and flag)", err)
	}
	readme := string(b)
	_, ref, ok := strings.Cut(readme, "## CLI reference")
	if !ok {
		t.Fatalf("README.md has no \"## CLI reference\" section")
	}
	if i := strings.Index(ref, "\n## "); i >= 0 {
		ref = ref[:i]
	}
	for _, c := range commands() {
		if !regexp.MustCompile(`sitegen ` + regexp.QuoteMeta(c.name) + `\b`).MatchString(ref) {
			t.Errorf("README's CLI reference does not show %q", "sitegen "+c.name)
		}
		if !strings.Contains(ref, "`"+c.name+"`") {
			t.Errorf("README's CLI reference does not explain command %q (as `%s`)", c.name, c.name)
		}
		var names []string
		c.flags(&env{}).VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		for _, name := range names {
			spelled := "--" + name
			if len(name) == 1 {
				spelled = "-" + name
			}
			if !regexp.MustCompile(regexp.QuoteMeta(spelled) + `\b`).MatchString(ref) {
				t.Errorf("README's CLI reference does not name flag %s of %s", spelled, c.name)
			}
		}
	}
	for _, code := range []string{"`0`", "`1`", "`2`"} {
		if !strings.Contains(ref, code) {
			t.Errorf("README's CLI reference does not explain exit code %s", code)
		}
	}
	// Each command the README shows is one the command line has.
	var have []string
	for _, c := range commands() {
		have = append(have, c.name)
	}
	for _, m := range regexp.MustCompile("(?m)^sitegen ([a-z]+)").FindAllStringSubmatch(ref, -1) {
		if !slices.Contains(have, m[1]) {
			t.Errorf("README's CLI reference shows %q, which is not a command", "sitegen "+m[1])
		}
	}
}

// TestWhereToRun starts each command that reads a site outside a site's root: inside one of
// its folders, in the folder that holds it, and in an unrelated folder. Each says it is not a
// site's folder, names the folder it looked in and where the site is, and exits 2 without
// writing anything.
func TestWhereToRun(t *testing.T) {
	dir := copySample(t)
	inside := filepath.Join(dir, "data", "groups", "nami-olentangy")
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		want []string // parts of stderr
	}{
		{"check inside data", []string{"check", "-s", inside}, []string{inside + " is not a site's folder", "The site is in " + dir, "cd ../../.."}},
		{"build inside data", []string{"build", "-s", inside, "-d", filepath.Join(empty, "out")}, []string{inside + " is not a site's folder", "The site is in " + dir}},
		{"serve inside data", []string{"serve", "-s", inside, "--port", "0"}, []string{inside + " is not a site's folder", "The site is in " + dir}},
		{"new inside data", []string{"new", "group", "nami-olentangy/x", "-s", inside}, []string{inside + " is not a site's folder", "The site is in " + dir}},
		{"check above the site", []string{"check", "-s", filepath.Dir(dir)}, []string{filepath.Dir(dir) + " is not a site's folder", "add -s " + dir}},
		{"check elsewhere", []string{"check", "-s", empty}, []string{empty + " is not a site's folder", "Run sitegen in the site's folder"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sitegenEnv(t, map[string]string{"SOURCE_DATE_EPOCH": sampleEpoch}, tt.args...)
			if r.code != exitUsage {
				t.Errorf("sitegen %q = %d, want %d", tt.args, r.code, exitUsage)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("sitegen %q: stderr %q, want it to contain %q", tt.args, r.stderr, w)
				}
			}
		})
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("a refused command wrote into %s", empty)
	}
	if _, err := os.Stat(filepath.Join(inside, "data")); err == nil {
		t.Errorf("sitegen new wrote a data folder inside data/groups")
	}
	t.Run("default folder", func(t *testing.T) {
		t.Chdir(inside)
		r := sitegen(t, "check", "--now", sampleNow)
		if r.code != exitUsage || !strings.Contains(r.stderr, "is not a site's folder") || !strings.Contains(r.stderr, "cd ../../..") {
			t.Errorf("sitegen check in %s = %d, stderr %q; want 2 and where to run it", inside, r.code, r.stderr)
		}
	})
}

// TestBuildRefusesBadBaseURL gives --base-url values that would break every page: refused
// before anything is written, at "--base-url".
func TestBuildRefusesBadBaseURL(t *testing.T) {
	dir := copySample(t)
	dest := filepath.Join(t.TempDir(), "public")
	for _, u := range []string{"https://example.org/?utm=1", "https://example.org/#top", `https://example.org/"x`, "https://example.org/it's/"} {
		r := sitegen(t, "build", "-s", dir, "-d", dest, "--now", sampleNow, "--base-url", u)
		if r.code == exitOK || !strings.Contains(r.stdout+r.stderr, "--base-url") {
			t.Errorf("build --base-url %q = %d, stdout %q, stderr %q; want a refusal naming --base-url", u, r.code, r.stdout, r.stderr)
		}
	}
	if _, err := os.Stat(dest); err == nil {
		t.Errorf("a refused build wrote %s", dest)
	}
}

// copySampleAged is copySample with every file written an hour ago: files written just
// before a cache file are not trusted to it (their times may not have moved yet).
func copySampleAged(t *testing.T) string {
	t.Helper()
	dir := copySample(t)
	hourAgo := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(p, hourAgo, hourAgo)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestParseCacheSeesEdits: check and build keep the files they parsed in a cache file, and a
// later run takes from it only files unchanged since: a group made private after a build is
// gone from the next one, whatever the cache held.
func TestParseCacheSeesEdits(t *testing.T) {
	dir := copySampleAged(t)
	cacheDir, dest := t.TempDir(), filepath.Join(t.TempDir(), "out")
	vars := map[string]string{"SITEGEN_CACHE": cacheDir}
	build := func() result {
		t.Helper()
		r := sitegenEnv(t, vars, "build", "-s", dir, "-d", dest, "--now", sampleNow)
		if r.code != exitOK {
			t.Fatalf("sitegen build = %d, stderr %q", r.code, r.stderr)
		}
		return r
	}
	build()
	if files, _ := filepath.Glob(filepath.Join(cacheDir, "*.gob")); len(files) != 1 {
		t.Fatalf("cache files after a build: %v, want one", files)
	}
	page := filepath.Join(dest, "groups", "nami-cuyahoga-lakeshore", "lakewood-sunday", "index.html")
	if _, err := os.Stat(page); err != nil {
		t.Fatalf("the group's page was not built: %v", err)
	}
	if r := sitegenEnv(t, vars, "check", "-s", dir, "--now", sampleNow); r.code != exitOK {
		t.Fatalf("sitegen check through the cache = %d, stderr %q", r.code, r.stderr)
	}
	if r := build(); !strings.Contains(r.stdout, "nothing changed") {
		t.Errorf("a build through the cache with nothing changed printed %q", r.stdout)
	}

	file := filepath.Join(dir, "data/groups/nami-cuyahoga-lakeshore/lakewood-sunday.yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("attendance: in-person"), []byte("public: false\nattendance: in-person"), 1)
	halfHourAgo := time.Now().Add(-30 * time.Minute)
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(file, halfHourAgo, halfHourAgo); err != nil {
		t.Fatal(err)
	}
	build()
	if _, err := os.Stat(page); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the group made private is still published (%v)", err)
	}
	if b := readAll(t, dest); bytes.Contains(b, []byte("Lakewood Sunday Afternoon")) {
		t.Errorf("the private group's name is still in the site")
	}
}

// readAll returns every file under dir, one after another.
func readAll(t *testing.T, dir string) []byte {
	t.Helper()
	var all []byte
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		all = append(all, b...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// TestUnchangedBuildSaysItAgain: a build of a site that did not change since the last one
// (same files, templates, date and base URL) finishes at once and says what that build said;
// a change to any of them builds again.
func TestUnchangedBuildSaysItAgain(t *testing.T) {
	dir := copySampleAged(t)
	vars := map[string]string{"SITEGEN_CACHE": t.TempDir()}
	dest := filepath.Join(t.TempDir(), "out")
	build := func(extra ...string) string {
		t.Helper()
		r := sitegenEnv(t, vars, append([]string{"build", "-s", dir, "-d", dest}, extra...)...)
		if r.code != exitOK {
			t.Fatalf("sitegen build = %d, stderr %q", r.code, r.stderr)
		}
		// The time it took is the only difference allowed.
		return regexp.MustCompile(` in \d+ ms`).ReplaceAllString(r.stdout, "")
	}
	first := build("--now", sampleNow)
	if strings.Contains(first, "nothing changed") {
		t.Fatalf("the first build said %q", first)
	}
	again := build("--now", sampleNow)
	want := regexp.MustCompile(`\(\d+ files; [^)]*\)`).ReplaceAllStringFunc(first, func(s string) string {
		return s[:strings.Index(s, ";")] + "; nothing changed)"
	})
	if again != want {
		t.Errorf("a build of the same site said\n%s\nwant\n%s", again, want)
	}
	before := hashTree(t, dest)
	if build("--now", sampleNow); fmt.Sprint(hashTree(t, dest)) != fmt.Sprint(before) {
		t.Errorf("a build of the same site changed the output")
	}
	// Each of these changes what is built: the build must run.
	if out := build("--now", "2026-11-24"); strings.Contains(out, "nothing changed") {
		t.Errorf("another date: the build said %q", out)
	}
	if out := build("--now", sampleNow, "--base-url", "https://other.example.org/"); strings.Contains(out, "nothing changed") {
		t.Errorf("another base URL: the build said %q", out)
	}
	if out := build("--now", sampleNow); strings.Contains(out, "nothing changed") {
		t.Errorf("back to the site's base URL: the build said %q", out)
	}
	css := filepath.Join(dir, "templates", "site.css")
	b, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, append(b, []byte("\n/* changed */\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := build("--now", sampleNow); strings.Contains(out, "nothing changed") {
		t.Errorf("a template changed: the build said %q", out)
	}
	group := filepath.Join(dir, "data/groups/nami-cuyahoga-lakeshore/lakewood-sunday.yaml")
	b, err = os.ReadFile(group)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(group, bytes.Replace(b, []byte("Lakewood Sunday Afternoon"), []byte("Lakewood Sunday Gathering"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := build("--now", sampleNow); strings.Contains(out, "nothing changed") {
		t.Errorf("a group changed: the build said %q", out)
	}
	if b := readAll(t, dest); !bytes.Contains(b, []byte("Lakewood Sunday Gathering")) {
		t.Errorf("the group's new name is not in the site")
	}
}
