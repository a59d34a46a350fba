package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// siteFolders are the folders that make a folder a site's root.
var siteFolders = []string{"data", "content", "templates"}

// isSite reports whether dir holds any of a site's folders.
func isSite(dir string) bool {
	for _, d := range siteFolders {
		if st, err := os.Stat(filepath.Join(dir, d)); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

// siteRoot makes sure dir is a site's root before a command reads it, so that an editor who
// starts sitegen in the wrong folder is told where it looked and where to run it, rather than
// that every file is missing.
func siteRoot(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("there is no folder %s (looked in %s): run sitegen in the site's folder, the one holding data/, content/ and templates/, or name it with -s DIR", dir, abs)
	case !st.IsDir():
		return fmt.Errorf("%s is a file, not a folder: name the site's folder with -s DIR", abs)
	case isSite(dir):
		return nil
	}
	msg := fmt.Sprintf("%s is not a site's folder: it holds no data/, content/ or templates/", abs)
	if up := siteAbove(abs); up != "" {
		rel, err := filepath.Rel(abs, up)
		if err != nil {
			rel = up
		}
		msg += fmt.Sprintf(". The site is in %s: run sitegen there (cd %s), or add -s %s", up, rel, filepath.Join(dir, rel))
	} else if down := sitesBelow(abs); len(down) == 1 {
		msg += fmt.Sprintf(". The site is in %s: add -s %s", filepath.Join(abs, down[0]), filepath.Join(dir, down[0]))
	} else {
		msg += ". Run sitegen in the site's folder, or name it with -s DIR"
	}
	return errors.New(msg)
}

// siteAbove returns the nearest folder above dir that is a site's root (an editor who opened
// a terminal in data/groups/nami-olentangy/), or "".
func siteAbove(dir string) string {
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		if isSite(d) {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// sitesBelow returns the folders directly inside dir that are a site's root (an editor in the
// folder that holds the clone).
func sitesBelow(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, en := range entries {
		if en.IsDir() && isSite(filepath.Join(dir, en.Name())) {
			out = append(out, en.Name())
		}
	}
	return out
}
