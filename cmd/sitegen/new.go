package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"sitegen/internal/load"
	"sitegen/internal/scaffold"
	"sitegen/internal/suggest"
)

func runNew(e *env, args []string) int {
	if len(args) != 2 {
		fmt.Fprintln(e.stderr, "usage: sitegen new group AFFILIATE/SLUG | new affiliate SLUG | new training SLUG")
		return exitUsage
	}
	kind, name := args[0], args[1]
	today, err := e.now()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen new: %v\n", err)
		return exitUsage
	}
	if err := siteRoot(e.source); err != nil {
		fmt.Fprintf(e.stderr, "sitegen new: %v\n", err)
		return exitUsage
	}
	var rel string
	var content []byte
	switch kind {
	case "group":
		aff, slug, ok := strings.Cut(name, "/")
		if !ok || !load.IsSlug(aff) || !load.IsSlug(slug) {
			// What they meant, or with the affiliate's place kept: the name of its file.
			example := "AFFILIATE/" + load.Slugify(name) + ", AFFILIATE the name of the affiliate's file in data/affiliates without .yaml"
			switch {
			case ok && aff != "" && slug != "":
				example = load.Slugify(aff) + "/" + load.Slugify(slug) // "Tuesday_Evening": tuesday-evening
			case ok && aff != "":
				example = load.Slugify(aff) + "/SLUG, SLUG the group's own name in lowercase letters, digits and hyphens"
			}
			fmt.Fprintf(e.stderr, "sitegen new group: %q must be AFFILIATE/SLUG, both lowercase letters, digits and single hyphens: sitegen new group %s\n", name, example)
			return exitUsage
		}
		state, err := affiliateState(e.source, aff)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitegen new group: %v\n", err)
			return exitSite
		}
		rel = filepath.Join("data", "groups", aff, slug+".yaml")
		content = scaffold.Group(aff, state, today)
	case "affiliate":
		if !load.IsSlug(name) {
			fmt.Fprintf(e.stderr, "sitegen new affiliate: %q is not a slug: use lowercase letters, digits and single hyphens: sitegen new affiliate %s\n", name, load.Slugify(name))
			return exitUsage
		}
		rel = filepath.Join("data", "affiliates", name+".yaml")
		content = scaffold.Affiliate()
	case "training":
		if !load.IsSlug(name) {
			fmt.Fprintf(e.stderr, "sitegen new training: %q is not a slug: use lowercase letters, digits and single hyphens: sitegen new training %s\n", name, load.Slugify(name))
			return exitUsage
		}
		rel = filepath.Join("data", "trainings", name+".yaml")
		content = scaffold.Training("", today)
	default:
		fmt.Fprintf(e.stderr, "sitegen new: unknown kind %q: use group, affiliate or training\n", kind)
		return exitUsage
	}
	full := filepath.Join(e.source, rel)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		fmt.Fprintf(e.stderr, "sitegen new: %v\n", err)
		return exitSite
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(e.stderr, "sitegen new: %s already exists; edit it, or choose another name\n", filepath.ToSlash(rel))
		return exitSite
	}
	if err == nil {
		_, err = f.Write(content)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen new: %v\n", err)
		return exitSite
	}
	fmt.Fprintf(e.stdout, "wrote %s: fill in each FILL IN value, then run sitegen check\n", filepath.ToSlash(rel))
	return exitOK
}

// affiliateState returns the state of the affiliate slug, or an error naming the closest
// affiliate when there is no such file.
func affiliateState(source, slug string) (string, error) {
	dir := filepath.Join(source, "data", "affiliates")
	src, err := os.ReadFile(filepath.Join(dir, slug+".yaml"))
	if errors.Is(err, fs.ErrNotExist) {
		var slugs []string
		entries, _ := os.ReadDir(dir)
		for _, en := range entries {
			if s, ok := strings.CutSuffix(en.Name(), ".yaml"); ok {
				slugs = append(slugs, s)
			}
		}
		msg := fmt.Sprintf("there is no affiliate %q (no file data/affiliates/%s.yaml)", slug, slug)
		if s := suggest.Closest(slug, slugs); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += "; add it first with: sitegen new affiliate " + slug
		}
		return "", errors.New(msg)
	}
	if err != nil {
		return "", err
	}
	var a struct {
		State string `yaml:"state"`
	}
	_ = yaml.Unmarshal(src, &a) // the state only fills in a comment-free default
	if a.State == "" {
		a.State = `"FILL IN: USPS code"`
	}
	return a.State, nil
}
