package main

import (
	"fmt"
	"path/filepath"

	"sitegen/internal/history"
	"sitegen/internal/site"
)

// fileDates reads when the site's training files were first added and last changed from the
// git history of the source folder, for the dates of the Atom feed's entries (see package
// history). check needs none. A problem is a note on stderr, never a failure: the build then
// dates those files by their modification times.
func (e *env) fileDates(cmd string) map[string]site.FileDates {
	if cmd == "check" {
		return nil
	}
	dates, shallow, err := e.trainingDates()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen %s: note: %v; trainings are dated by their files' modification times\n", cmd, err)
		return nil
	}
	if shallow {
		fmt.Fprintf(e.stderr, "sitegen %s: note: the git history is shallow, so trainings last changed before its oldest commit carry that commit's date in the Atom feed; fetch the whole history (git fetch --unshallow, or fetch-depth: 0) for their real dates\n", cmd)
	}
	return dates
}

// trainingDates reads the dates of the training files from the git history of the source
// folder, saying nothing (see fileDates).
func (e *env) trainingDates() (map[string]site.FileDates, bool, error) {
	dir, err := filepath.Abs(e.source)
	if err != nil {
		dir = e.source
	}
	return history.Dates(dir, "data/trainings")
}
