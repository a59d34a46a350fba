// Synthsite writes a generated national-scale site (see internal/synth) to a folder, for
// benchmarks that run the real command or other tools (Hugo, Pagefind) on the same data.
//
// Usage:
//
//	go run ./cmd/synthsite -groups 10000 -templates templates -o /tmp/site
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"sitegen/internal/synth"
)

func main() {
	groups := flag.Int("groups", 10000, "number of groups")
	seed := flag.Uint64("seed", 1, "random seed: the same seed writes the same site")
	templates := flag.String("templates", "templates", "templates folder to copy into the site (empty: none)")
	i18n := flag.String("i18n", "i18n", "catalogues folder to copy into the site: its languages are the site's")
	out := flag.String("o", "", "output folder (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "synthsite: -o is required")
		os.Exit(2)
	}
	if err := write(*out, *groups, *seed, *templates, *i18n); err != nil {
		fmt.Fprintln(os.Stderr, "synthsite:", err)
		os.Exit(1)
	}
}

func write(out string, groups int, seed uint64, templates, i18n string) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s already exists", out)
	}
	catalogs := map[string][]byte{}
	if i18n != "" {
		var err error
		if catalogs, err = synth.ReadCatalogs(i18n); err != nil {
			return err
		}
	}
	tmpl := map[string][]byte{}
	if templates != "" {
		err := filepath.WalkDir(templates, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(templates, p)
			tmpl[filepath.ToSlash(rel)] = b
			return err
		})
		if err != nil {
			return err
		}
	}
	for name, f := range synth.Site(synth.Options{Groups: groups, Seed: seed, Templates: tmpl, Catalogs: catalogs}) {
		full := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
