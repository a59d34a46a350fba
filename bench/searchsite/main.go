// Command searchsite builds a generated national-scale site (package synth, with the
// repository's real templates) into a folder, for the search benchmark (bench/search.sh), and
// prints as JSON how long the build and its search index took.
//
//	go run ./bench/searchsite -groups 10000 -out /tmp/bench/public
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/civil"
	"sitegen/internal/output"
	"sitegen/internal/search"
	"sitegen/internal/synth"

	_ "time/tzdata"
)

func main() {
	groups := flag.Int("groups", 10000, "how many groups to generate")
	out := flag.String("out", "", "the `folder` to write the site to (replaced)")
	templates := flag.String("templates", "templates", "the templates `folder` to use")
	flag.Parse()
	if err := run(*groups, *out, *templates); err != nil {
		fmt.Fprintln(os.Stderr, "searchsite:", err)
		os.Exit(1)
	}
}

// figures is what run prints.
type figures struct {
	Groups        int     `json:"groups"`         // published groups in the model
	Files         int     `json:"files"`          // files written
	IndexFiles    int     `json:"index_files"`    // of which under search/
	IndexBytes    int     `json:"index_bytes"`    // their total size, uncompressed
	CheckSeconds  float64 `json:"check_seconds"`  // load, check and model
	RenderSeconds float64 `json:"render_seconds"` // every file, the index included
	IndexSeconds  float64 `json:"index_seconds"`  // search.Write alone, best of 3
}

func run(groups int, out, templates string) error {
	if out == "" {
		return fmt.Errorf("-out is required")
	}
	tmpl := map[string][]byte{}
	err := filepath.WalkDir(templates, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(templates, p)
		tmpl[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		return err
	}
	catalogs, err := synth.ReadCatalogs(filepath.Join(filepath.Dir(templates), "i18n"))
	if err != nil {
		return err
	}
	fsys := synth.Site(synth.Options{Groups: groups, Seed: 1, Templates: tmpl, Catalogs: catalogs})
	now := civil.Date{Year: 2026, Month: 11, Day: 23}

	t0 := time.Now()
	s, diags := build.Check(fsys, build.Options{Now: now})
	if s == nil {
		return fmt.Errorf("generated site does not check: %d problems, first %v", len(diags), diags[0])
	}
	t1 := time.Now()
	sub, err := fs.Sub(fsys, "templates")
	if err != nil {
		return err
	}
	files, err := build.Render(s, sub)
	if err != nil {
		return err
	}
	t2 := time.Now()
	best := time.Duration(1 << 62)
	var index map[string][]byte
	for range 3 {
		start := time.Now()
		if index, err = search.Write(s); err != nil {
			return err
		}
		best = min(best, time.Since(start))
	}
	f := figures{
		Groups: len(s.Groups), Files: len(files), IndexFiles: len(index),
		CheckSeconds: t1.Sub(t0).Seconds(), RenderSeconds: t2.Sub(t1).Seconds(), IndexSeconds: best.Seconds(),
	}
	for _, b := range index {
		f.IndexBytes += len(b)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	if _, err := output.Write(out, files, output.Options{}); err != nil {
		return err
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	fmt.Println(string(b))
	return nil
}
