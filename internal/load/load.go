// Package load reads a site's data and content files into typed values that remember where
// each value was written, so that every later problem can be reported as PATH:LINE:COL.
//
// Load only reads: it reports problems of form (YAML syntax in the editor's words, unknown
// keys, a list where text belongs, a date that is not YYYY-MM-DD, a time on the 12-hour clock,
// curly quotes, control characters, a "#" that cuts a value short, text longer than its
// budget, files that are too large, not UTF-8, hold more than one document, use aliases, or
// have names that are not slugs or that say they were meant as data). Rules about values and
// between files are package check's.
//
// It also owns the rules of what sitegen opens at all, for every reader of a site ([Walk],
// [ReadFile]): only regular files (never a named pipe, device or socket), symbolic links that
// stay inside the tree read, at most [MaxFileSize] bytes a file, [MaxFiles] files and
// [MaxFolders] folders a site, folders nested at most [MaxDepth] deep.
//
// # Files
//
//	data/site.yaml                       site settings ([SiteFile])
//	data/affiliates/SLUG.yaml            one affiliate or state organization ([Affiliate])
//	data/groups/AFFILIATE/SLUG.yaml      one support group ([Group])
//	data/trainings/SLUG.yaml             one training event ([Training])
//	content/index.md                     the home page's text ([Page])
//	content/guides/SLUG.md               guides
//	content/SLUG.md                      other plain pages
//
// # data/site.yaml
//
// title, base_url, language, timezone, helpline {name, phone, text, url},
// crisis {name, phone, text, url}, stale_after_days, edit_url.
//
// # data/affiliates/SLUG.yaml
//
// name, kind, state, parent, website, email, phone, address {street, city, state,
// postal_code}, timezone, counties, champions {wanted, tasks, contact}, about, editors.
//
// # data/groups/AFFILIATE/SLUG.yaml
//
// name, program, language, status, public, attendance, meetings [{day, start, end, weeks,
// overnight}], timezone, location {name, street, city, state, postal_code, lat, lon,
// accessible, directions}, online {platform, join_url, link_public, instructions},
// contact {email, phone}, audience, notes, verified, starts, skip.
//
// # data/trainings/SLUG.yaml
//
// title, kind, program, language, host, start, end, daily {start, end}, timezone,
// attendance, location (as for groups), application {deadline, url, contact, screening},
// status, setting, public, seats, notes.
//
// # Front matter of content/**/*.md
//
// title, summary, order, updated, and blocks: the lists a guide shows after its text
// (facilitator-trainings, state-organizations, champion-calls).
package load

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"sitegen/internal/diag"
	"sitegen/internal/words"
)

// Files is everything read from one site.
type Files struct {
	Site       *SiteFile // nil when data/site.yaml is missing or unreadable
	Affiliates []*Affiliate
	Groups     []*Group
	Trainings  []*Training
	Pages      []*Page // content/*.md and content/guides/*.md, by path
	// Catalogs are the translation catalogues i18n/LANG.yaml, by language.
	Catalogs []*words.Catalog
	// Sums are the SHA-256 of every file read, by path: a build renders again only the pages
	// whose files changed.
	Sums map[string][32]byte
	// Key is a hash of the site's files: their paths and sums, and what the walk reported
	// about files it would not read. Two reads with the same Key read the same site.
	Key [32]byte
}

// slugRE is the form of every file and folder name that becomes part of an address.
var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// IsSlug reports whether s is a valid slug: lowercase ASCII letters, digits and single
// hyphens, at most 80 characters.
func IsSlug(s string) bool { return len(s) <= 80 && slugRE.MatchString(s) }

// job is one file to read and how to decode it. decode returns the file's value (a
// *SiteFile, *Affiliate, *Group, *Training, *Page or *words.Catalog), or nil when the file
// gave none; failed is the value when the file cannot be read at all (nil for none).
type job struct {
	path   string
	decode func(d *decoder, src []byte) any
	failed any
	// fresh is set for a file a cache kept on disk does not hold (a catalogue): it is
	// always read.
	fresh bool
	// entry is the file's entry in its folder, when it is a regular file found by walking:
	// a cache learns its size and time from it.
	entry fs.DirEntry
}

// Read reads every data and content file of the site rooted at fsys, and checks that the
// files of templates/ can be read by the same rules. Files are parsed in parallel; the result
// and the diagnostics are in a stable order whatever the scheduling.
func Read(fsys fs.FS) (*Files, diag.List) { return read(fsys, defaultLimits(), nil) }

// collect puts each file's value in its place in files, and sorts them by path.
func collect(values []any) *Files {
	files := &Files{}
	for _, v := range values {
		switch v := v.(type) {
		case *SiteFile:
			files.Site = v
		case *Affiliate:
			files.Affiliates = append(files.Affiliates, v)
		case *Group:
			files.Groups = append(files.Groups, v)
		case *Training:
			files.Trainings = append(files.Trainings, v)
		case *Page:
			files.Pages = append(files.Pages, v)
		case *words.Catalog:
			files.Catalogs = append(files.Catalogs, v)
		}
	}
	slices.SortFunc(files.Affiliates, func(a, b *Affiliate) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(files.Groups, func(a, b *Group) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(files.Trainings, func(a, b *Training) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(files.Pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(files.Catalogs, func(a, b *words.Catalog) int { return strings.Compare(a.Lang(), b.Lang()) })
	return files
}

// plan walks data/, content/ and i18n/, reporting misplaced files, and returns the files to
// read. It walks templates/ too, reporting what the build could not read there.
func plan(fsys fs.FS, lim limits, diags *diag.List) []job {
	var jobs []job
	add := func(p string, decode func(d *decoder, src []byte) any, failed any) {
		jobs = append(jobs, job{path: p, decode: decode, failed: failed})
	}
	addFresh := func(p string, decode func(d *decoder, src []byte) any, failed any) {
		jobs = append(jobs, job{path: p, decode: decode, failed: failed, fresh: true})
	}
	w := &walker{fsys: fsys, within: "the site", lim: lim, diags: diags, regular: map[string]fs.DirEntry{}}
	if st, err := fs.Stat(fsys, "data/site.yaml"); err != nil {
		diags.Add("data/site.yaml", 0, 0, diag.Error, "missing: every site needs data/site.yaml with its title, base_url and timezone")
	} else if !st.Mode().IsRegular() {
		diags.Add("data/site.yaml", 0, 0, diag.Error, "%s, not a file: sitegen reads only regular files; remove it", irregular(st.Mode()))
	} else {
		add("data/site.yaml", func(d *decoder, src []byte) any {
			if n := d.parse(src); n != nil {
				return d.siteFile(n)
			}
			if len(d.diags.Sort()) == 0 {
				d.diags.Add(d.path, 0, 0, diag.Error, "the file is empty")
			}
			return nil
		}, nil)
	}
	w.walk("data", func(p string) {
		parts := strings.Split(p, "/")
		base := path.Base(p)
		ext := path.Ext(base)
		slug := strings.TrimSuffix(base, ext)
		if ext != ".yaml" {
			if rename, ok := looksLikeData(base); ok {
				// A file the site would leave out, and with it a group: an error, not silence.
				// Renamed over a file that is there, it would replace that file's group.
				if _, err := fs.Stat(fsys, path.Join(path.Dir(p), rename)); err == nil {
					diags.Add(p, 0, 0, diag.Error, "this file is not read, because data files end in .yaml, and %s is here already: move what this file holds that %s lacks into it, then delete this one (or rename this one to another name ending in .yaml)", rename, rename)
				} else {
					diags.Add(p, 0, 0, diag.Error, "this file is not read, because data files end in .yaml: rename it to %s", rename)
				}
			}
			return // READMEs and the like are not data
		}
		if p == "data/site.yaml" {
			return
		}
		if !IsSlug(slug) {
			diags.Add(p, 0, 0, diag.Error, "file name %q is not a slug: use lowercase letters, digits and single hyphens (at most 80), e.g. %q", base, Slugify(slug)+".yaml")
			return
		}
		switch {
		case len(parts) == 3 && parts[1] == "affiliates":
			// The affiliate is known from its file name even when the file cannot be read,
			// so that its groups, its local affiliates and its trainings are not reported as
			// naming an affiliate that does not exist.
			failed := &Affiliate{Path: p, Slug: slug, Keys: Keys{"": {1, 1}}, Failed: true}
			add(p, func(d *decoder, src []byte) any {
				if n := d.parse(src); n != nil {
					return d.affiliate(n, slug)
				}
				d.empty("affiliate " + slug)
				return failed
			}, failed)
		case len(parts) == 3 && parts[1] == "trainings":
			add(p, func(d *decoder, src []byte) any {
				if n := d.parse(src); n != nil {
					return d.training(n, slug)
				}
				d.empty("training " + slug)
				return nil
			}, nil)
		case len(parts) == 4 && parts[1] == "groups":
			aff := parts[2]
			if !IsSlug(aff) {
				diags.Add(p, 0, 0, diag.Error, "folder name %q is not a slug: name the folder after its affiliate's file, e.g. %q", aff, Slugify(aff))
				return
			}
			add(p, func(d *decoder, src []byte) any {
				if n := d.parse(src); n != nil {
					return d.group(n, aff, slug)
				}
				d.empty("group " + aff + "/" + slug)
				return nil
			}, nil)
		case len(parts) == 3 && parts[1] == "groups":
			diags.Add(p, 0, 0, diag.Error, "a group file belongs in its affiliate's folder: move it to data/groups/AFFILIATE/%s", base)
		default:
			diags.Add(p, 0, 0, diag.Error, "unexpected data file: data files are data/site.yaml, data/affiliates/SLUG.yaml, data/groups/AFFILIATE/SLUG.yaml and data/trainings/SLUG.yaml")
		}
	})
	w.walk("i18n", func(p string) {
		base := path.Base(p)
		if path.Ext(base) != ".yaml" || strings.Count(p, "/") != 1 {
			if e := strings.ToLower(path.Ext(base)); e == ".yaml" || e == ".yml" {
				diags.Add(p, 0, 0, diag.Error, "this file is not read: catalogues are i18n/LANG.yaml, e.g. i18n/es.yaml")
			}
			return
		}
		lang := strings.TrimSuffix(base, ".yaml")
		addFresh(p, func(d *decoder, src []byte) any {
			if line, col, ok := invalidUTF8(src); ok {
				d.diags.Add(d.path, line, col, diag.Error, "invalid UTF-8: save the file as UTF-8 text")
				return nil
			}
			c, cd := words.Parse(lang, p, src)
			*d.diags = append(*d.diags, cd...)
			return c
		}, nil)
	})
	w.walk("content", func(p string) {
		parts := strings.Split(p, "/")
		base := path.Base(p)
		ext := path.Ext(base)
		if ext != ".md" {
			if e := strings.ToLower(ext); e == ".md" || e == ".markdown" || strings.HasSuffix(strings.ToLower(base), ".md.txt") {
				diags.Add(p, 0, 0, diag.Error, "this file is not read, because pages end in .md: rename it to %s.md", Slugify(strings.TrimSuffix(strings.TrimSuffix(base, ext), ".md")))
			}
			return
		}
		slug := strings.TrimSuffix(base, ".md")
		lang := ""
		if len(parts) > 2 && parts[1] != "guides" && langKey(parts[1]) {
			// content/es/…: the same pages in another language.
			lang = parts[1]
			parts = append(parts[:1:1], parts[2:]...)
		}
		guide := len(parts) == 3 && parts[1] == "guides"
		if len(parts) != 2 && !guide {
			diags.Add(p, 0, 0, diag.Error, "unexpected content file: pages are content/SLUG.md, guides content/guides/SLUG.md, and their versions in another language content/LANG/SLUG.md and content/LANG/guides/SLUG.md")
			return
		}
		if !IsSlug(slug) {
			diags.Add(p, 0, 0, diag.Error, "file name %q is not a slug: use lowercase letters, digits and single hyphens (at most 80), e.g. %q", base, Slugify(slug)+".md")
			return
		}
		// Known even when the file cannot be read, so that a broken content/index.md is
		// not also reported as missing.
		failed := &Page{Path: p, Slug: slug, Guide: guide, Lang: lang, Keys: Keys{"": {1, 1}}, Failed: true}
		add(p, func(d *decoder, src []byte) any {
			pg := d.page(src, slug, guide)
			pg.Lang = lang
			return pg
		}, failed)
	})
	// The build reads templates/ through fs.Sub (package render): its symbolic links must stay
	// inside it, so that no link publishes a data file as an asset.
	if st, err := fs.Stat(fsys, "templates"); err == nil && st.IsDir() {
		if sub, err := fs.Sub(fsys, "templates"); err == nil {
			w.fsys, w.prefix, w.within = sub, "templates/", "templates/"
			w.sized(".")
		}
	}
	for i := range jobs {
		jobs[i].entry = w.regular[jobs[i].path]
	}
	return jobs
}

// empty reports a data file with nothing in it but comments, with the command that writes
// one to fill in: "group nami-franklin/tuesday" for "sitegen new group …".
func (d *decoder) empty(what string) {
	if len(*d.diags) == 0 {
		d.diags.Add(d.path, 1, 1, diag.Error, "the file is empty: delete it and run \"sitegen new %s\" for a file to fill in, or write its keys", what)
	}
}

// Slugify proposes a slug for a name that is not one, its letters without their accents:
// "conexión" is "conexion" (not "conexi-n").
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// an accent, of the letter before it
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 80 {
		out = strings.TrimSuffix(out[:80], "-")
	}
	if out == "" {
		out = "name"
	}
	return out
}
