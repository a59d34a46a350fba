// Package history reads from a site's git history when its data files were first added and
// last changed, so that feeds date their entries by their data, never by the day of the build.
//
// It runs git, so the command calls it, not the engine: the engine reads files only through
// fs.FS and is handed the dates (build.Options.FileDates). The dates depend only on the
// checkout: two builds of the same commit give the same dates, whatever the day.
package history

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"time"

	"sitegen/internal/site"
)

// Dates returns, for every file under the given folders of the site rooted at dir (folders
// and the keys of the result are slash-separated paths from dir, as the loader names files),
// the dates of the first and the last commit that changed it, read with one `git log` for all
// of them. Committer dates are used, in UTC.
//
// A file changed since the last commit (in the work tree or the index) keeps its first date
// but has no last one (Changed is zero), and a file git does not track is left out, so that
// the caller dates those changes by the files' modification times. When dir is not inside a
// git work tree, or git is not installed, Dates returns nothing and no error.
//
// shallow reports a shallow clone (CI's usual checkout): its oldest commit stands for all the
// history before it, so a file last changed before it gets that commit's date, later than the
// real one but the same at every build of the checkout. Fetching the whole history (git fetch
// --unshallow, or fetch-depth: 0 on GitHub Actions) gives the real dates.
func Dates(dir string, folders ...string) (dates map[string]site.FileDates, shallow bool, err error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, false, nil
	}
	out, err := git(dir, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
	if err != nil {
		return nil, false, nil // not a git work tree (or one git refuses to read): no history
	}
	lines := strings.Fields(string(out))
	if len(lines) != 2 || lines[0] != "true" {
		return nil, false, nil
	}
	shallow = lines[1] == "true"
	for _, f := range folders {
		if f == "" || path.IsAbs(f) || strings.HasPrefix(path.Clean(f), "..") {
			return nil, shallow, fmt.Errorf("history: folder %q is not inside the site", f)
		}
	}
	if len(folders) == 0 {
		return map[string]site.FileDates{}, shallow, nil
	}
	spec := append([]string{"--"}, folders...)

	// One commit per record: \x01 TIMESTAMP \x00, then the files it changed, each ending in
	// \x00. --relative names them from dir and leaves out changes outside it; -z leaves names
	// unquoted whatever their characters; merges list no files of their own.
	log, err := git(dir, append([]string{"-c", "log.showSignature=false", "log", "-z", "--no-renames",
		"--name-only", "--relative", "--format=%x01%ct"}, spec...)...)
	if err != nil {
		if _, headErr := git(dir, "rev-parse", "--verify", "-q", "HEAD"); headErr != nil {
			return map[string]site.FileDates{}, shallow, nil // no commit yet
		}
		return nil, shallow, fmt.Errorf("history: git log in %s: %w", dir, err)
	}
	dates, err = parseLog(log)
	if err != nil {
		return nil, shallow, fmt.Errorf("history: reading git log of %s: %w", dir, err)
	}

	changed, err := git(dir, append([]string{"diff", "--name-only", "-z", "--no-renames", "--relative", "HEAD"}, spec...)...)
	if err != nil {
		return nil, shallow, fmt.Errorf("history: git diff in %s: %w", dir, err)
	}
	for _, name := range strings.Split(string(changed), "\x00") {
		if d, ok := dates[name]; ok {
			d.Changed = time.Time{}
			dates[name] = d
		}
	}
	return dates, shallow, nil
}

// parseLog reads the output of git log -z --name-only --format=%x01%ct: for each file, the
// earliest and the latest date of the commits that list it (the latest need not come first:
// commit dates may go back in history).
func parseLog(b []byte) (map[string]site.FileDates, error) {
	dates := map[string]site.FileDates{}
	for _, rec := range bytes.Split(b, []byte{1}) {
		if len(bytes.TrimSpace(rec)) == 0 {
			continue
		}
		head, files, _ := bytes.Cut(rec, []byte{0})
		sec, err := strconv.ParseInt(string(bytes.TrimSpace(head)), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("commit date %q: %w", head, err)
		}
		when := time.Unix(sec, 0).UTC()
		for _, name := range bytes.Split(files, []byte{0}) {
			n := strings.TrimLeft(string(name), "\n")
			if n == "" {
				continue
			}
			d, seen := dates[n]
			if !seen || when.Before(d.Created) {
				d.Created = when
			}
			if !seen || when.After(d.Changed) {
				d.Changed = when
			}
			dates[n] = d
		}
	}
	return dates, nil
}

// git runs git with args in dir and returns its standard output; an error carries what git
// wrote to standard error.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return nil, fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
		}
		return nil, err
	}
	return out, nil
}
