package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCodeOwners runs the codeowners command on a copy of the sample site as an editor
// would: it writes the file, says so, and a second run changes nothing; check then passes,
// fails naming the command once an affiliate's editors change, and passes again after the
// command is rerun. A site without the file checks clean.
func TestCodeOwners(t *testing.T) {
	dir := copySample(t)
	if r := sitegen(t, "check", "-s", dir, "--now", sampleNow); r.code != exitOK {
		t.Fatalf("check without CODEOWNERS = %d, want %d (the file is opted into)\n%s%s", r.code, exitOK, r.stdout, r.stderr)
	}
	r := sitegen(t, "codeowners", "-s", dir)
	if r.code != exitOK || !strings.Contains(r.stdout, "wrote .github/CODEOWNERS") {
		t.Fatalf("codeowners = %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	name := filepath.Join(dir, ".github", "CODEOWNERS")
	written := readFile(t, name)
	for _, line := range []string{
		"/data/affiliates/nami-olentangy.yaml @kbrennan\n",
		"/data/groups/nami-olentangy/ @kbrennan\n",
		"/data/trainings/oh-facilitator-2026-10.yaml @oh-programs\n",
	} {
		if !strings.Contains(written, line) {
			t.Errorf("CODEOWNERS has no line %q:\n%s", line, written)
		}
	}
	if r := sitegen(t, "codeowners", "-s", dir); r.code != exitOK || !strings.Contains(r.stdout, "up to date") {
		t.Errorf("second codeowners = %d, %q; want up to date", r.code, r.stdout)
	}
	if got := readFile(t, name); got != written {
		t.Errorf("a second run changed the file")
	}
	// The repository's own file is what the command writes for the sample site.
	if own := readFile(t, filepath.Join(sample, ".github", "CODEOWNERS")); own != written {
		t.Errorf("the repository's .github/CODEOWNERS is out of date: run go run ./cmd/sitegen codeowners")
	}
	if r := sitegen(t, "check", "-s", dir, "--now", sampleNow); r.code != exitOK || r.stdout != "" {
		t.Fatalf("check after codeowners = %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	aff := filepath.Join(dir, "data", "affiliates", "nami-olentangy.yaml")
	writeFile(t, aff, strings.Replace(readFile(t, aff), "  - kbrennan", "  - kbrennan\n  - new-volunteer", 1))
	r = sitegen(t, "check", "-s", dir, "--now", sampleNow, "--format", "github")
	if r.code != exitSite {
		t.Fatalf("check with new editors = %d, want %d\n%s%s", r.code, exitSite, r.stdout, r.stderr)
	}
	for _, want := range []string{"::error file=.github/CODEOWNERS,line=", "@kbrennan @new-volunteer", `run \"sitegen codeowners\"`} {
		if !strings.Contains(r.stdout, want) && !strings.Contains(r.stdout, strings.ReplaceAll(want, `\"`, `"`)) {
			t.Errorf("check output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := sitegen(t, "codeowners", "-s", dir); r.code != exitOK {
		t.Fatalf("codeowners = %d\n%s", r.code, r.stderr)
	}
	if r := sitegen(t, "check", "-s", dir, "--now", sampleNow); r.code != exitOK {
		t.Errorf("check after rerunning codeowners = %d\n%s", r.code, r.stdout)
	}
}

// TestCodeOwnersCarriesRootFile: GitHub reads .github/CODEOWNERS before CODEOWNERS, so the
// command, making the first, carries the second's rules into it, and check warns while the
// second stays (until 2026-12-05 the hand-written rules silently stopped applying).
func TestCodeOwnersCarriesRootFile(t *testing.T) {
	dir := copySample(t)
	own := "* @org/web\n/templates/ @org/design\n"
	writeFile(t, filepath.Join(dir, "CODEOWNERS"), own)
	r := sitegen(t, "codeowners", "-s", dir)
	if r.code != exitOK || !strings.Contains(r.stdout, "the rules of CODEOWNERS were copied into it") {
		t.Fatalf("codeowners = %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := readFile(t, filepath.Join(dir, ".github", "CODEOWNERS")); !strings.HasPrefix(got, own) {
		t.Errorf(".github/CODEOWNERS does not start with the rules of CODEOWNERS:\n%s", got)
	}
	r = sitegen(t, "check", "-s", dir, "--now", sampleNow)
	if r.code != exitOK || !strings.Contains(r.stdout, "CODEOWNERS:1:1: warning: GitHub reads .github/CODEOWNERS first") {
		t.Errorf("check = %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A root file that holds the block already, up to date, is carried over too.
	written := readFile(t, filepath.Join(dir, ".github", "CODEOWNERS"))
	if err := os.RemoveAll(filepath.Join(dir, ".github")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "CODEOWNERS"), written)
	if r := sitegen(t, "codeowners", "-s", dir); r.code != exitOK || !strings.Contains(r.stdout, "were copied into it") {
		t.Errorf("codeowners with an up-to-date CODEOWNERS = %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := readFile(t, filepath.Join(dir, ".github", "CODEOWNERS")); got != written {
		t.Errorf(".github/CODEOWNERS = %q, want the root file's", got)
	}
}

// TestCodeOwnersRefusesBrokenAffiliate: the rules come from the affiliate files, so one
// that cannot be read stops the command before it writes anything.
func TestCodeOwnersRefusesBrokenAffiliate(t *testing.T) {
	dir := copySample(t)
	writeFile(t, filepath.Join(dir, "data", "affiliates", "nami-olentangy.yaml"), "name: [unclosed\n")
	r := sitegen(t, "codeowners", "-s", dir)
	if r.code != exitSite || !strings.Contains(r.stdout, "data/affiliates/nami-olentangy.yaml:") {
		t.Errorf("codeowners = %d, want %d naming the file\n%s%s", r.code, exitSite, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".github", "CODEOWNERS")); err == nil {
		t.Errorf("codeowners wrote the file despite the broken affiliate")
	}
}

// TestCheckStale lists the sample site's listings to confirm a year after its date, as text
// and as the JSON the reminders workflow reads.
func TestCheckStale(t *testing.T) {
	r := sitegen(t, "check", "-s", sample, "--now", sampleNow, "--stale")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "Every group was confirmed") {
		t.Errorf("check --stale on the sample's date = %d, %q", r.code, r.stdout)
	}
	r = sitegen(t, "check", "-s", sample, "--now", "2027-12-01", "--stale")
	if r.code != exitOK || !strings.Contains(r.stdout, "NAMI Olentangy (data/affiliates/nami-olentangy.yaml), ask @kbrennan\n") {
		t.Errorf("check --stale a year on = %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = sitegen(t, "check", "-s", sample, "--now", "2027-12-01", "--stale", "--format", "json")
	var report struct {
		Now        string `json:"now"`
		Groups     int    `json:"groups"`
		Affiliates []struct {
			Affiliate string   `json:"affiliate"`
			Editors   []string `json:"editors"`
			Groups    []struct {
				Path     string `json:"path"`
				Verified string `json:"verified"`
			} `json:"groups"`
		} `json:"affiliates"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("check --stale --format json: %v\n%s", err, r.stdout)
	}
	if report.Now != "2027-12-01" || report.Groups == 0 || len(report.Affiliates) == 0 {
		t.Errorf("report = %+v", report)
	}
	n := 0
	for _, a := range report.Affiliates {
		for _, g := range a.Groups {
			n++
			if !strings.HasPrefix(g.Path, "data/groups/"+a.Affiliate+"/") || g.Verified >= "2026-12-01" {
				t.Errorf("%s (verified %s) listed under %s", g.Path, g.Verified, a.Affiliate)
			}
		}
	}
	if n != report.Groups {
		t.Errorf("groups = %d, but %d listed", report.Groups, n)
	}
	if r := sitegen(t, "check", "-s", sample, "--stale", "--format", "github"); r.code != exitUsage {
		t.Errorf("check --stale --format github = %d, want %d", r.code, exitUsage)
	}
}
