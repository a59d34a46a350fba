// Package headers writes _headers: the file in which static hosts that read it (Netlify and
// Cloudflare Pages) find the HTTP response headers to send with each file of the site. It
// also writes Netlify's _redirects, for the 404 page of each language ([Redirects]).
//
// # What every response gets
//
// One rule for every path under the site's base path ("/*", or "/connection/*") gives the
// security headers: a strict [ContentSecurityPolicy] (every resource from the site's own
// origin, no inline script or style), X-Content-Type-Options: nosniff, Referrer-Policy:
// no-referrer (a visitor's search never reaches another site in a Referer header), and a
// [PermissionsPolicy] that lets the site itself, and no page it frames, ask for the
// visitor's position ("near me").
//
// # Caching
//
// A file whose name carries a hash of its content (assets/site.0123456789.css,
// search/g/oh-0.01234567.json: see [NamedByHash]) never changes under that name, so it is
// cached for a year and never revalidated ([Immutable]). Every other file (pages, feeds,
// calendars, the search manifest) may change at the next build, nightly at least, and is
// revalidated on every use ([Revalidate]): an editor's fix shows at once, and a cached page
// never points at assets that a newer deploy removed.
//
// # Rules that never overlap
//
// Netlify gives a path the headers of the most specific matching rule; Cloudflare Pages
// joins the values of every matching rule with commas. So that both read the file the same
// way, no two rules that match one path set the same header: Cache-Control is given per
// folder ("/assets/*") where all of a folder's files are cached alike, and per file only in
// folders that mix the two (the root, search/). The number of rules therefore depends on the
// site's layout, not on its size (Cloudflare Pages reads at most 100).
package headers

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"
)

// The values of the headers the site is served with.
const (
	// ContentSecurityPolicy allows only the site's own scripts, styles, images and data, and
	// no inline script or style; forms submit only to the site. It leaves out frame-ancestors
	// so that an affiliate may embed the finder in its own site.
	ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
		"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
	// PermissionsPolicy lets the site's own pages ask for the visitor's position (the
	// finder's "near me"), and nothing else: no frame, no camera, no microphone.
	PermissionsPolicy = "geolocation=(self), camera=(), microphone=()"
	// Immutable is the Cache-Control of files named by their content's hash.
	Immutable = "public, max-age=31536000, immutable"
	// Revalidate is the Cache-Control of every other file.
	Revalidate = "public, max-age=0, must-revalidate"
)

// FileName is the name of the file, at the root of the output.
const FileName = "_headers"

// Header is one response header.
type Header struct {
	Name, Value string
}

// Rule is one block of the file: the headers sent for every path that Path matches. A
// trailing "*" in Path matches anything, slashes included.
type Rule struct {
	Path    string
	Headers []Header
}

// Security are the headers every response gets.
var Security = []Header{
	{"Content-Security-Policy", ContentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"Permissions-Policy", PermissionsPolicy},
}

// Rules returns the rules for a site whose files are paths (slash-separated, relative to the
// output's root), published under basePath ("/" or "/connection/"). hashed reports whether a
// file is named by its content's hash. The first rule gives the [Security] headers to every
// path; then come the rules of immutable files, then the others, each group sorted.
func Rules(basePath string, paths []string, hashed func(string) bool) []Rule {
	if !strings.HasPrefix(basePath, "/") {
		basePath = "/" + basePath
	}
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	root := &folder{}
	for _, p := range paths {
		if p == FileName {
			continue // read by the host, never served
		}
		root.add(p, hashed(p))
	}
	var long, short []string
	root.rules(basePath, &long, &short)
	slices.Sort(long)
	slices.Sort(short)
	rules := []Rule{{Path: basePath + "*", Headers: Security}}
	for _, p := range long {
		rules = append(rules, Rule{Path: p, Headers: []Header{{"Cache-Control", Immutable}}})
	}
	for _, p := range short {
		rules = append(rules, Rule{Path: p, Headers: []Header{{"Cache-Control", Revalidate}}})
	}
	return rules
}

// folder is one folder of the output: its files (true when named by hash) and subfolders.
type folder struct {
	files   map[string]bool
	folders map[string]*folder
	hashed  int // files named by hash in this folder and below
	plain   int // other files in this folder and below
}

func (f *folder) add(p string, hashed bool) {
	if hashed {
		f.hashed++
	} else {
		f.plain++
	}
	dir, rest, nested := strings.Cut(p, "/")
	if !nested {
		if f.files == nil {
			f.files = map[string]bool{}
		}
		f.files[p] = hashed
		return
	}
	if f.folders == nil {
		f.folders = map[string]*folder{}
	}
	sub := f.folders[dir]
	if sub == nil {
		sub = &folder{}
		f.folders[dir] = sub
	}
	sub.add(rest, hashed)
}

// rules adds the paths of f's rules, f being published at prefix (ending in "/"), to long
// (immutable) and short (revalidated): one rule for the whole folder when all its files are
// cached alike, else one per file and per subfolder.
func (f *folder) rules(prefix string, long, short *[]string) {
	switch {
	case f.plain == 0 && f.hashed > 0:
		*long = append(*long, prefix+"*")
		return
	case f.hashed == 0 && f.plain > 0:
		*short = append(*short, prefix+"*")
		return
	}
	for name, hashed := range f.files {
		list := short
		if hashed {
			list = long
		}
		*list = append(*list, prefix+name)
		if name == "index.html" {
			// The folder's address serves its index.html: "/search/" as well as "/search/index.html".
			*list = append(*list, prefix)
		}
	}
	for name, sub := range f.folders {
		sub.rules(prefix+name+"/", long, short)
	}
}

// Format writes rules in the _headers format: each rule's path on a line, then its headers
// indented by two spaces, a blank line between rules.
func Format(rules []Rule) []byte {
	var b bytes.Buffer
	b.WriteString("# Response headers for Netlify and Cloudflare Pages, written by sitegen build.\n")
	b.WriteString("# No two rules that match one path set the same header.\n")
	for _, r := range rules {
		b.WriteString("\n")
		b.WriteString(r.Path)
		b.WriteString("\n")
		for _, h := range r.Headers {
			b.WriteString("  " + h.Name + ": " + h.Value + "\n")
		}
	}
	return b.Bytes()
}

// minHash is the fewest hex digits of a hash that a name must carry to count as named by
// it: the search index uses 8, the assets 10.
const minHash = 8

// HashLike reports whether name's last element has the form NAME.HEX.EXT, HEX at least 8
// lowercase hex digits: a cheap test, before [NamedByHash] reads the content.
func HashLike(name string) bool {
	_, ok := nameHash(name)
	return ok
}

// NamedByHash reports whether name's last element has the form NAME.HEX.EXT where HEX is the
// start of the hex SHA-256 of content: such a file can never change under its name.
func NamedByHash(name string, content []byte) bool {
	h, ok := nameHash(name)
	if !ok {
		return false
	}
	sum := sha256.Sum256(content)
	return strings.HasPrefix(hex.EncodeToString(sum[:]), h)
}

// nameHash returns the HEX of NAME.HEX.EXT.
func nameHash(name string) (string, bool) {
	base := path.Base(name)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	h := path.Ext(stem)
	if ext == "" || h == "" || stem == h {
		return "", false
	}
	h = h[1:]
	if len(h) < minHash || len(h) > 64 {
		return "", false
	}
	for _, c := range h {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return "", false
		}
	}
	return h, true
}

// Match reports whether a rule's path pattern matches the path of a request: literally, or
// up to a trailing "*", which matches anything. It is how hosts read the patterns this
// package writes (it writes no ":placeholder").
func Match(pattern, reqPath string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(reqPath, prefix)
	}
	return pattern == reqPath
}

// RedirectsName is the name of the file of Netlify's rules, at the root of the output.
const RedirectsName = "_redirects"

// Redirects makes _redirects for a site published at basePath whose files are paths: a rule
// for each 404.html below the root ("es/404.html"), so that Netlify answers a missing
// address under its folder with it, as Cloudflare Pages does by itself, and a Spanish
// visitor is told in Spanish. A rule is not applied where a file exists (Netlify's
// "shadowing"). Cloudflare Pages, which also reads _redirects, skips these rules: its own
// redirects are 200 and 30x only. It returns nil when there is no such page.
func Redirects(basePath string, paths []string) []byte {
	var pages []string
	for _, p := range paths {
		if path.Base(p) == "404.html" && p != "404.html" {
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		return nil
	}
	// The deepest first: Netlify applies the first rule that matches.
	slices.SortFunc(pages, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.Count(b, "/"), strings.Count(a, "/")), strings.Compare(a, b))
	})
	base := "/" + strings.Trim(basePath, "/")
	if base != "/" {
		base += "/"
	}
	var b bytes.Buffer
	b.WriteString("# Netlify's rules, written by sitegen build: a missing address gets the 404 page of its folder.\n")
	for _, p := range pages {
		fmt.Fprintf(&b, "%s%s/*  %s%s  404\n", base, path.Dir(p), base, p)
	}
	return b.Bytes()
}
