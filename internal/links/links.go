// Package links checks a built site's links, as every build does before it publishes: each
// href and src of a page that points inside the site must name a file of the output, and
// each other must be a well-formed http(s), mailto, tel, sms or geo URL. External links are
// not fetched.
//
// A [Checker] is fed each page as it is rendered ([Checker.Page], safe from several
// goroutines) and keeps only what it needs to judge (each distinct link once), so that a
// national build does not hold its pages. [Checker.Check] then names, for each broken link,
// the file and line that wrote it when it can find it: a Markdown text, a template's
// constant address, or else the pages and their template.
package links

import (
	"bytes"
	"fmt"
	"html"
	"net/mail"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
)

// Source is where a link was written: a Markdown text's or a template's file and line, and
// the address as written there ("/groups/", "guides/x/").
type Source struct {
	File string
	Line int
	Dest string
}

// Broken is a link that goes nowhere, or is not well-formed.
type Broken struct {
	Link   string   // as the page has it
	Pages  []string // the output files that carry it, sorted; at most a few
	Count  int      // how many pages carry it
	Reason string
	Source *Source // where it was written, when found
}

func (b Broken) Error() string {
	where := ""
	if b.Source != nil {
		where = fmt.Sprintf("%s:%d: ", b.Source.File, b.Source.Line)
	}
	pages := strings.Join(b.Pages, ", ")
	if b.Count > len(b.Pages) {
		pages += fmt.Sprintf(" and %d other pages", b.Count-len(b.Pages))
	}
	return fmt.Sprintf("%slink %q on %s %s", where, b.Link, pages, b.Reason)
}

// Checker collects the links of a site's pages.
type Checker struct {
	base string // the site's base path, "/" or "/connection/"

	mu    sync.Mutex
	links map[string]*use // each distinct link → its pages; see Page for which are kept
	pages int             // the pages recorded, numbering each page's links
}

// use is where one link appears.
type use struct {
	pages []string // the first few, for the message
	count int
	page  int // the number of the last page recorded with it, to count each page once
}

// maxKept is the length from which a well-formed link that leaves the site is judged on each
// page rather than kept: such links (a calendar's address for one group's meeting) are
// mostly on one page each, and keeping them all held tens of megabytes to the end of a
// national build.
const maxKept = 200

// maxPages is how many pages a broken link's message names.
const maxPages = 3

// New returns a checker for a site whose base path is basePath ("/" or "/connection/").
func New(basePath string) *Checker {
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	return &Checker{base: basePath, links: map[string]*use{}}
}

// attributes returns the values of the href and src attributes of a page, as html/template
// writes them: lowercase names after a space, values in double quotes. (In text and script
// a double quote is always escaped, so ` href="` is only ever an attribute.) The values are
// parts of page, not copies.
func attributes(page []byte) [][]byte {
	out := make([][]byte, 0, 64)
	for _, name := range [][]byte{[]byte(` href="`), []byte(` src="`)} {
		for rest := page; ; {
			i := bytes.Index(rest, name)
			if i < 0 {
				break
			}
			rest = rest[i+len(name):]
			j := bytes.IndexByte(rest, '"')
			if j < 0 {
				break
			}
			out = append(out, rest[:j:j])
			rest = rest[j+1:]
		}
	}
	return out
}

// Page records the links of the page written at name (a path of the output). A link that
// leaves the site is judged at once, as nothing else of the site changes its verdict.
func (c *Checker) Page(name string, page []byte) {
	found := attributes(page)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages++
	for _, raw := range found {
		var u *use
		ok := false
		escaped := bytes.IndexByte(raw, '&') >= 0
		if !escaped {
			u, ok = c.links[string(raw)] // a look-up that copies nothing
		}
		if !ok {
			link := string(raw)
			if escaped {
				link = html.UnescapeString(link)
				u, ok = c.links[link]
			}
			if !ok {
				if len(link) >= maxKept && !c.inside(link) && c.judge(link, nil) == "" {
					continue
				}
				u = &use{}
				c.links[link] = u
			}
		}
		if u.page == c.pages {
			continue
		}
		u.page = c.pages
		u.count++
		if len(u.pages) < maxPages {
			u.pages = append(u.pages, name)
		}
	}
}

// inside reports whether judging link needs the site's files: it is an address on the
// site's host.
func (c *Checker) inside(link string) bool {
	return strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "//")
}

// Check judges every link recorded: exists reports whether the output has a file at a path
// ("groups/oh/index.html"); sources are where links were written, to name in messages. It
// returns the broken links, sorted.
func (c *Checker) Check(exists func(name string) bool, sources []Source) []Broken {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []Broken
	for link, u := range c.links {
		reason := c.judge(link, exists)
		if reason == "" {
			continue
		}
		pages := slices.Clone(u.pages)
		slices.Sort(pages)
		b := Broken{Link: link, Pages: pages, Count: u.count, Reason: reason}
		b.Source = c.find(link, sources)
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b Broken) int { return strings.Compare(a.Link, b.Link) })
	return out
}

// judge returns why link is broken, or "" when it is fine.
func (c *Checker) judge(link string, exists func(string) bool) string {
	switch {
	case link == "" || strings.HasPrefix(link, "#") || strings.HasPrefix(link, "?"):
		return "" // this page
	case strings.HasPrefix(link, "//"):
		return "leaves out the scheme: write https:// before the host"
	case strings.HasPrefix(link, "/"):
		if !strings.HasPrefix(link, c.base) {
			return fmt.Sprintf("is outside the site's address %s", c.base)
		}
		name, ok := c.Target(link)
		if !ok {
			return "is not a well-formed address"
		}
		if !exists(name) {
			return "goes to no file of the site"
		}
		return ""
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme == "" {
		return "is not an absolute URL or an address of the site"
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "has no host"
		}
	case "mailto":
		if _, err := mail.ParseAddress(u.Opaque); err != nil {
			return "is not an e-mail address"
		}
	case "tel", "sms":
		number, _, _ := strings.Cut(u.Opaque, "?")
		if strings.Trim(number, "+0123456789") != "" || strings.Trim(number, "+") == "" {
			return "is not a phone number"
		}
	case "geo":
		lat, lon, ok := strings.Cut(strings.SplitN(u.Opaque, ";", 2)[0], ",")
		if !ok || strings.Trim(lat, "-.0123456789") != "" || strings.Trim(lon, "-.0123456789") != "" {
			return "is not a geo: position"
		}
	default:
		return fmt.Sprintf("uses %s:, which the site does not link to (http, https, mailto, tel, sms, geo)", u.Scheme)
	}
	return ""
}

// Target returns the output file an address inside the site names: "/connection/groups/"
// names "groups/index.html"; false when it is not inside the site.
func (c *Checker) Target(link string) (string, bool) {
	p, ok := strings.CutPrefix(link, c.base)
	if !ok {
		return "", false
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	switch {
	case p == "":
		return "index.html", true
	case strings.HasSuffix(p, "/"):
		p += "index.html"
	}
	clean := path.Clean(p)
	if clean != p || strings.HasPrefix(clean, "../") || clean == ".." {
		return "", false
	}
	return clean, true
}

// find returns the source that wrote link, if any: one whose address, under the base path
// and in any language's folder, is the link's.
func (c *Checker) find(link string, sources []Source) *Source {
	target := strings.TrimPrefix(link, c.base)
	for i := range sources {
		s := sources[i]
		dest := strings.TrimPrefix(s.Dest, "/")
		if dest == "" {
			continue
		}
		if target == dest || strings.HasSuffix(target, "/"+dest) && strings.Count(target, "/")-strings.Count(dest, "/") == 1 {
			return &s
		}
		if s.Dest == link {
			return &s
		}
	}
	return nil
}
