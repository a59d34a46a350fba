package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// atomDates returns the published and updated dates of every entry of a built Atom feed, by
// id.
func atomDates(t *testing.T, dest string) map[string][2]string {
	t.Helper()
	feed := readFile(t, filepath.Join(dest, "trainings", "feed.xml"))
	re := regexp.MustCompile(`(?s)<entry>.*?<id>([^<]*)</id>.*?<published>([^<]*)</published>.*?<updated>([^<]*)</updated>.*?</entry>`)
	out := map[string][2]string{}
	for _, m := range re.FindAllStringSubmatch(feed, -1) {
		out[m[1]] = [2]string{m[2], m[3]}
	}
	if len(out) == 0 {
		t.Fatalf("no entries with published and updated in %s", feed)
	}
	return out
}

// TestTrainingDates builds a copy of the sample site as a git checkout: each Atom entry is
// dated by the commits of its training's file, whatever the build date; a file changed since
// (or a site outside git) is dated by its modification time.
func TestTrainingDates(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is not installed")
		}
		t.Skip("SKIPPING: git is not installed; set CI=true to make this a failure")
	}
	dir := copySample(t)
	git := func(at string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t",
			"GIT_COMMITTER_EMAIL=t@example.org", "GIT_AUTHOR_DATE="+at, "GIT_COMMITTER_DATE="+at, "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	// Outside git: the files' modification times.
	mtime := time.Date(2026, 5, 4, 3, 2, 1, 0, time.UTC)
	trainings, _ := filepath.Glob(filepath.Join(dir, "data", "trainings", "*.yaml"))
	for _, f := range trainings {
		if err := os.Chtimes(f, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	build := func(now string) map[string][2]string {
		t.Helper()
		dest := filepath.Join(t.TempDir(), "out")
		if r := sitegen(t, "build", "-s", dir, "-d", dest, "--now", now); r.code != exitOK {
			t.Fatalf("sitegen build = %d, stderr %q", r.code, r.stderr)
		}
		return atomDates(t, dest)
	}
	for id, d := range build(sampleNow) {
		if d != [2]string{"2026-05-04T03:02:01Z", "2026-05-04T03:02:01Z"} {
			t.Errorf("outside git, entry %s = %v, want the file's modification time", id, d)
		}
	}

	git("", "init", "-q")
	git("2026-06-01T10:00:00Z", "add", "-A")
	git("2026-06-01T10:00:00Z", "commit", "-q", "-m", "sample")
	changed := filepath.Join(dir, "data", "trainings", "oh-trainer-2027-03.yaml")
	b, err := os.ReadFile(changed)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(changed, append(b, []byte("# seats to be confirmed\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	git("2026-09-15T16:45:00+02:00", "commit", "-q", "-am", "one training changes")

	first := build(sampleNow)
	for id, d := range first {
		want := [2]string{"2026-06-01T10:00:00Z", "2026-06-01T10:00:00Z"}
		if strings.HasSuffix(id, "/oh-trainer-2027-03/") {
			want[1] = "2026-09-15T14:45:00Z"
		}
		if d != want {
			t.Errorf("entry %s = %v, want %v (its commits)", id, d, want)
		}
	}
	// Another build date: the same entries, the same dates.
	for id, d := range build("2026-12-01") {
		if first[id] != d {
			t.Errorf("built a week later, entry %s = %v, was %v", id, d, first[id])
		}
	}
	// A change not yet committed: the file's own date.
	if err := os.WriteFile(changed, append(b, []byte("# seats: 12\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	edited := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	if err := os.Chtimes(changed, edited, edited); err != nil {
		t.Fatal(err)
	}
	for id, d := range build(sampleNow) {
		if strings.HasSuffix(id, "/oh-trainer-2027-03/") && d != [2]string{"2026-06-01T10:00:00Z", "2026-10-01T08:00:00Z"} {
			t.Errorf("entry %s with an uncommitted change = %v, want published at its first commit, updated at the file's date", id, d)
		}
	}
}
