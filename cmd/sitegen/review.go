package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"sitegen/internal/build"
	"sitegen/internal/diag"
	"sitegen/internal/load"
	"sitegen/internal/review"
)

// checkCodeOwners is check's comparison of .github/CODEOWNERS with the affiliates' editors,
// made only when the files have no error (a broken affiliate file would make every rule it
// owns look wrong).
func (e *env) checkCodeOwners(fsys fs.FS, files *load.Files, diags diag.List) diag.List {
	if files == nil || diags.Errors() > 0 {
		return nil
	}
	return review.CheckCodeOwners(fsys, files)
}

// runCodeOwners writes .github/CODEOWNERS from the affiliates' editors.
func runCodeOwners(e *env, args []string) int {
	if len(args) > 0 {
		fmt.Fprintf(e.stderr, "sitegen codeowners: unexpected argument %q (use -s DIR for the site's folder)\n", args[0])
		return exitUsage
	}
	fsys, err := openSource(e.source)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen codeowners: %v\n", err)
		return exitUsage
	}
	files, diags := load.Read(fsys)
	// Who owns what comes from the affiliate and training files: refuse to write from
	// files that could not be read whole.
	var blocking diag.List
	for _, d := range diags {
		if d.Severity == diag.Error && (strings.HasPrefix(d.Path, "data/affiliates/") || strings.HasPrefix(d.Path, "data/trainings/")) {
			blocking = append(blocking, d)
		}
	}
	if len(blocking) > 0 {
		e.report(blocking)
		fmt.Fprintf(e.stderr, "sitegen codeowners: fix these files first; %s was left as it was\n", review.CodeOwnersPath)
		return exitSite
	}
	name := filepath.Join(e.source, filepath.FromSlash(review.CodeOwnersPath))
	current, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(e.stderr, "sitegen codeowners: %v\n", err)
		return exitSite
	}
	// A file GitHub reads now, at another place, stops being read once this one exists: its
	// rules are carried over, above the block.
	carried := ""
	if current == nil {
		for _, other := range review.ShadowedPaths() {
			if b, err := os.ReadFile(filepath.Join(e.source, filepath.FromSlash(other))); err == nil {
				current, carried = b, other
				break
			}
		}
	}
	next := review.CodeOwners(current, files)
	owners := review.Owners(files)
	if carried == "" && current != nil && bytes.Equal(current, next) {
		fmt.Fprintf(e.stdout, "%s is up to date (%d rules)\n", review.CodeOwnersPath, len(owners))
		return exitOK
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		fmt.Fprintf(e.stderr, "sitegen codeowners: %v\n", err)
		return exitSite
	}
	if err := replaceFile(name, next); err != nil {
		fmt.Fprintf(e.stderr, "sitegen codeowners: %v\n", err)
		return exitSite
	}
	affiliates := map[string]bool{}
	for _, o := range owners {
		affiliates[o.From] = true
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d rules for the editors of %d affiliates; commit it with your change\n", review.CodeOwnersPath, len(owners), len(affiliates))
	if carried != "" {
		fmt.Fprintf(e.stdout, "the rules of %s were copied into it, above the block: GitHub reads %s first, so delete %s\n", carried, review.CodeOwnersPath, carried)
	}
	return exitOK
}

// reportStale is check --stale: the groups to confirm, by affiliate, as text or JSON. It
// succeeds whatever it lists; files that cannot be read are named on stderr, since their
// groups cannot be listed.
func (e *env) reportStale(fsys fs.FS, opts build.Options) int {
	if e.format == "github" {
		fmt.Fprintln(e.stderr, "sitegen check: --stale prints text or json, not github")
		return exitUsage
	}
	files, diags := load.Read(fsys)
	report := review.Stale(files, opts.Now)
	var err error
	if e.format == "json" {
		err = report.WriteJSON(e.stdout)
	} else {
		err = report.WriteText(e.stdout)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen check: %v\n", err)
		return exitSite
	}
	if n := diags.Errors(); n > 0 {
		fmt.Fprintf(e.stderr, "sitegen check: %s in the files (run sitegen check): a group whose file has one may be missing from this list\n", diag.Count(n, "error", "errors"))
	}
	return exitOK
}

// replaceFile replaces the file name with b through a temporary file beside it and a rename,
// so that a failure halfway (a full disk, a kill) leaves the editor's file as it was: it holds
// rules written by hand. The file keeps its permissions (0644 for a new one).
func replaceFile(name string, b []byte) error {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(name); err == nil {
		mode = st.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), mode)
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
