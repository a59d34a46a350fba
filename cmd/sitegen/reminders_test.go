package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakeGH is a gh command that records each call (its arguments, NUL-separated, one call a
// line) and answers "issue list" with the file $FAKE_GH_ISSUES.
const fakeGH = `#!/usr/bin/env bash
printf '%s\0' "$@" >> "$FAKE_GH_LOG"
printf '\n' >> "$FAKE_GH_LOG"
if [ "$1 $2" = "issue list" ]; then cat "$FAKE_GH_ISSUES"; fi
`

// ghCall is one recorded call of gh.
type ghCall []string

// flag returns the value after name in c.
func (c ghCall) flag(name string) string {
	if i := slices.Index(c, name); i >= 0 && i+1 < len(c) {
		return c[i+1]
	}
	return ""
}

// runReminders runs scripts/reminders.sh on report with a fake gh whose open issues are
// issues, and returns the calls it made.
func runReminders(t *testing.T, report string, issues []map[string]any) []ghCall {
	t.Helper()
	for _, tool := range []string{"bash", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing; scripts/test.sh installs it", tool)
			}
			t.Skipf("!! %s is missing (scripts/test.sh installs it): the reminders script is not tested", tool)
		}
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "bin", "gh"), fakeGH)
	if err := os.Chmod(filepath.Join(dir, "bin", "gh"), 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(issues)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "issues.json"), string(b))
	writeFile(t, filepath.Join(dir, "report.json"), report)
	script, err := filepath.Abs("../../scripts/reminders.sh")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(script, filepath.Join(dir, "report.json"))
	cmd.Env = append(os.Environ(),
		"PATH="+filepath.Join(dir, "bin")+string(os.PathListSeparator)+os.Getenv("PATH"),
		"FAKE_GH_LOG="+filepath.Join(dir, "gh.log"),
		"FAKE_GH_ISSUES="+filepath.Join(dir, "issues.json"),
		"GITHUB_SERVER_URL=https://github.example", "GITHUB_REPOSITORY=nami/directory", "GITHUB_REF_NAME=main",
	)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("reminders.sh: %v\n%s", err, out)
	}
	log, err := os.ReadFile(filepath.Join(dir, "gh.log"))
	if err != nil {
		t.Fatal(err)
	}
	var calls []ghCall
	for _, line := range strings.Split(strings.TrimSuffix(string(log), "\n"), "\x00\n") {
		if line != "" {
			calls = append(calls, strings.Split(strings.TrimSuffix(line, "\x00"), "\x00"))
		}
	}
	return calls
}

// called returns the calls of the gh subcommand "issue VERB".
func called(calls []ghCall, verb string) []ghCall {
	var out []ghCall
	for _, c := range calls {
		if len(c) > 1 && c[0] == "issue" && c[1] == verb {
			out = append(out, c)
		}
	}
	return out
}

// TestReminders runs the reminders script on the sample site's report a year after its date,
// as the weekly workflow does: first with no reminder open, then with one up to date, one
// that lacks a listing, and one for an affiliate with nothing left to confirm.
func TestReminders(t *testing.T) {
	r := sitegen(t, "check", "-s", sample, "--now", "2027-12-01", "--stale", "--format", "json")
	if r.code != exitOK {
		t.Fatalf("check --stale = %d\n%s", r.code, r.stderr)
	}
	var report struct {
		Affiliates []struct {
			Affiliate string   `json:"affiliate"`
			Name      string   `json:"name"`
			Editors   []string `json:"editors"`
			Groups    []struct {
				Path string `json:"path"`
				Name string `json:"name"`
			} `json:"groups"`
		} `json:"affiliates"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatal(err)
	}
	if len(report.Affiliates) < 3 {
		t.Fatalf("the sample's report lists %d affiliates, want at least 3", len(report.Affiliates))
	}

	// No reminder open: one new issue per affiliate, labelled, naming its editors and files.
	calls := runReminders(t, r.stdout, []map[string]any{})
	created := called(calls, "create")
	if len(created) != len(report.Affiliates) {
		t.Fatalf("%d issues opened, want %d: %q", len(created), len(report.Affiliates), calls)
	}
	bodies := map[string]string{}
	for i, a := range report.Affiliates {
		c := created[i]
		body := c.flag("--body")
		bodies[a.Affiliate] = body
		if c.flag("--label") != "listings-to-confirm" || !strings.Contains(c.flag("--title"), a.Name) {
			t.Errorf("issue for %s: %q", a.Affiliate, c)
		}
		if !strings.HasPrefix(body, "<!-- sitegen-stale: "+a.Affiliate+" -->\n") {
			t.Errorf("issue for %s does not start with its marker:\n%s", a.Affiliate, body)
		}
		for _, e := range a.Editors {
			if !strings.Contains(body, e) {
				t.Errorf("issue for %s does not mention %s", a.Affiliate, e)
			}
		}
		for _, g := range a.Groups {
			if !strings.Contains(body, "[`"+g.Path+"`](https://github.example/nami/directory/blob/main/"+g.Path+")") ||
				!strings.Contains(body, "(https://github.example/nami/directory/edit/main/"+g.Path+")") {
				t.Errorf("issue for %s does not link %s and its edit page:\n%s", a.Affiliate, g.Path, body)
			}
		}
	}
	if len(called(calls, "edit"))+len(called(calls, "close"))+len(called(calls, "comment")) > 0 {
		t.Errorf("with no reminder open, only new issues: %q", calls)
	}

	// Reminders open: #1 is up to date, #2 lacks its last listing, #3 is for an affiliate
	// that has nothing left to confirm, #4 is someone else's issue with the label.
	first, second := report.Affiliates[0], report.Affiliates[1]
	lastPath := second.Groups[len(second.Groups)-1].Path
	var kept []string
	for _, line := range strings.Split(bodies[second.Affiliate], "\n") {
		if !strings.Contains(line, lastPath) {
			kept = append(kept, line)
		}
	}
	calls = runReminders(t, r.stdout, []map[string]any{
		{"number": 1, "body": bodies[first.Affiliate]},
		{"number": 2, "body": strings.Join(kept, "\n")},
		{"number": 3, "body": "<!-- sitegen-stale: nami-all-done -->\nold text"},
		{"number": 4, "body": "A person's own issue about listings"},
	})
	if got := len(called(calls, "create")); got != len(report.Affiliates)-2 {
		t.Errorf("%d issues opened, want %d (all but the two open ones)", got, len(report.Affiliates)-2)
	}
	edits := called(calls, "edit")
	if len(edits) != 1 || edits[0][2] != "2" || edits[0].flag("--body") != bodies[second.Affiliate] {
		t.Errorf("edits = %q, want #2 alone, brought up to date", edits)
	}
	comments := called(calls, "comment")
	if len(comments) != 1 || comments[0][2] != "2" || !strings.Contains(comments[0].flag("--body"), lastPath) ||
		!strings.Contains(comments[0].flag("--body"), second.Editors[0]) {
		t.Errorf("comments = %q, want one on #2 naming %s for %s", comments, lastPath, second.Editors)
	}
	closes := called(calls, "close")
	if len(closes) != 1 || closes[0][2] != "3" || !strings.Contains(closes[0].flag("--comment"), "nami-all-done") {
		t.Errorf("closes = %q, want #3 alone", closes)
	}
}
