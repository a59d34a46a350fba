package history

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitegen/internal/site"
)

// needGit skips the test when git is missing, loudly, unless CI=true, where it fails.
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is not installed")
		}
		t.Skip("SKIPPING: git is not installed; set CI=true to make this a failure")
	}
}

// repo is a git repository in a temporary folder whose commits carry chosen dates.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	needGit(t)
	r := &repo{t, t.TempDir()}
	r.git("", "init", "-q", "-b", "main")
	return r
}

// git runs git in the repository; at, when not empty, is the date of the commit it makes.
func (r *repo) git(at string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org", "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.dir)
	if at != "" {
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+at, "GIT_COMMITTER_DATE="+at)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (r *repo) write(name, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit writes files and commits them all at date at (RFC 3339).
func (r *repo) commit(at string, files map[string]string) {
	r.t.Helper()
	for name, content := range files {
		r.write(name, content)
	}
	r.git("", "add", "-A")
	r.git(at, "commit", "-q", "-m", "change at "+at)
}

func utc(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm.UTC()
}

// history builds a site in site/ of a repository: two trainings changed at several dates, a
// file outside the folders asked for, and a date that goes back (a commit made on a machine
// whose clock was behind).
func history(t *testing.T) *repo {
	r := newRepo(t)
	r.commit("2026-01-10T09:00:00Z", map[string]string{
		"site/data/trainings/a.yaml": "title: A\n", "site/data/groups/x/g.yaml": "name: G\n", "README.md": "r\n"})
	r.commit("2026-02-01T12:00:00Z", map[string]string{"site/data/trainings/b.yaml": "title: B\n"})
	r.commit("2026-03-05T08:30:00-05:00", map[string]string{"site/data/trainings/a.yaml": "title: A2\n"})
	r.commit("2026-02-20T00:00:00Z", map[string]string{"site/data/trainings/b.yaml": "title: B2\n"})
	r.commit("2026-04-01T00:00:00Z", map[string]string{"site/data/groups/x/g.yaml": "name: G2\n", "README.md": "r2\n"})
	return r
}

func TestDates(t *testing.T) {
	r := history(t)
	got, shallow, err := Dates(filepath.Join(r.dir, "site"), "data/trainings")
	if err != nil {
		t.Fatalf("Dates: %v", err)
	}
	if shallow {
		t.Errorf("Dates: shallow = true in a full repository")
	}
	want := map[string]site.FileDates{
		"data/trainings/a.yaml": {Created: utc(t, "2026-01-10T09:00:00Z"), Changed: utc(t, "2026-03-05T13:30:00Z")},
		"data/trainings/b.yaml": {Created: utc(t, "2026-02-01T12:00:00Z"), Changed: utc(t, "2026-02-20T00:00:00Z")},
	}
	if len(got) != len(want) {
		t.Errorf("Dates = %v, want %v", got, want)
	}
	for name, w := range want {
		if g := got[name]; !g.Created.Equal(w.Created) || !g.Changed.Equal(w.Changed) || g.Changed.Location() != time.UTC {
			t.Errorf("Dates[%s] = %v, want %v (UTC)", name, g, w)
		}
	}
}

func TestDatesLeaveOutUncommittedChanges(t *testing.T) {
	r := history(t)
	r.write("site/data/trainings/a.yaml", "title: A3, not committed\n")
	r.write("site/data/trainings/c.yaml", "title: C, not tracked\n")
	r.write("site/data/trainings/b.yaml", "title: B3, staged\n")
	r.git("", "add", "site/data/trainings/b.yaml")
	got, _, err := Dates(filepath.Join(r.dir, "site"), "data/trainings")
	if err != nil {
		t.Fatalf("Dates: %v", err)
	}
	// Every training file has changed since the last commit: the tracked ones keep when they
	// were added, the untracked one is unknown.
	want := map[string]site.FileDates{
		"data/trainings/a.yaml": {Created: utc(t, "2026-01-10T09:00:00Z")},
		"data/trainings/b.yaml": {Created: utc(t, "2026-02-01T12:00:00Z")},
	}
	if len(got) != len(want) {
		t.Errorf("Dates = %v, want %v", got, want)
	}
	for name, w := range want {
		if g := got[name]; !g.Created.Equal(w.Created) || !g.Changed.IsZero() {
			t.Errorf("Dates[%s] = %v, want %v", name, g, w)
		}
	}
}

func TestDatesShallowClone(t *testing.T) {
	r := history(t)
	clone := t.TempDir()
	r.git("", "clone", "-q", "--depth", "1", "file://"+r.dir, clone)
	got, shallow, err := Dates(filepath.Join(clone, "site"), "data/trainings")
	if err != nil {
		t.Fatalf("Dates: %v", err)
	}
	if !shallow {
		t.Errorf("Dates: shallow = false in a clone of depth 1")
	}
	// The only commit fetched stands for the whole history: the same date for every file,
	// never later than the commit that was built.
	head := utc(t, "2026-04-01T00:00:00Z")
	for _, name := range []string{"data/trainings/a.yaml", "data/trainings/b.yaml"} {
		if g := got[name]; !g.Created.Equal(head) || !g.Changed.Equal(head) {
			t.Errorf("Dates[%s] in a shallow clone = %v, want the fetched commit's date %v", name, g, head)
		}
	}
}

func TestDatesWithoutHistory(t *testing.T) {
	needGit(t)
	dir := t.TempDir() // not a git work tree
	got, shallow, err := Dates(dir, "data/trainings")
	if err != nil || got != nil || shallow {
		t.Errorf("Dates(not a repository) = %v, %v, %v; want nothing and no error", got, shallow, err)
	}
	r := newRepo(t) // a repository without a commit
	r.write("data/trainings/a.yaml", "title: A\n")
	got, _, err = Dates(r.dir, "data/trainings")
	if err != nil || len(got) != 0 {
		t.Errorf("Dates(no commit yet) = %v, %v; want nothing and no error", got, err)
	}
	if _, _, err := Dates(r.dir, "../elsewhere"); err == nil {
		t.Errorf("Dates(../elsewhere) = nil error, want one: the folder is outside the site")
	}
}

func TestParseLog(t *testing.T) {
	// What git log -z --name-only --format=%x01%ct writes: the latest commit first, a file
	// named with a space and an accent, unquoted.
	in := "\x011775000000\x00\ndata/trainings/b.yaml\x00data/trainings/año nuevo.yaml\x00" +
		"\x011770000000\x00\ndata/trainings/b.yaml\x00"
	got, err := parseLog([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	b, n := got["data/trainings/b.yaml"], got["data/trainings/año nuevo.yaml"]
	if b.Created.Unix() != 1770000000 || b.Changed.Unix() != 1775000000 || n.Changed.Unix() != 1775000000 || len(got) != 2 {
		t.Errorf("parseLog = %v", got)
	}
	if _, err := parseLog([]byte("\x01yesterday\x00\nx\x00")); err == nil {
		t.Errorf("parseLog(bad date) = nil error, want one")
	}
}
