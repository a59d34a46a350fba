package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"sitegen/internal/civil"
)

// SitemapEntry is one page of the sitemap.
type SitemapEntry struct {
	// Path is the page's address relative to the base URL, as "groups/oh/"; "" is the home
	// page. A leading "/" is ignored.
	Path string
	// LastMod is when the page last changed; the zero Date leaves lastmod out.
	LastMod civil.Date
}

// sitemapMax is the most URLs one sitemap file may list (sitemaps.org protocol).
const sitemapMax = 50000

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// Sitemaps returns the site's sitemap files by path: /sitemap.xml alone when the site has at
// most 50,000 pages, the most one sitemap may list; else /sitemap.xml is a sitemap index of
// sitemaps/N.xml, each listing at most 50,000 pages in the order of their paths.
func Sitemaps(baseURL string, entries []SitemapEntry) (map[string]func() ([]byte, error), error) {
	return sitemaps(baseURL, entries, sitemapMax)
}

func sitemaps(baseURL string, entries []SitemapEntry, max int) (map[string]func() ([]byte, error), error) {
	sorted := make([]SitemapEntry, len(entries))
	for i, e := range entries {
		e.Path = strings.TrimPrefix(e.Path, "/")
		sorted[i] = e
	}
	slices.SortStableFunc(sorted, func(a, b SitemapEntry) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(sorted); i++ {
		if sorted[i-1].Path == sorted[i].Path {
			return nil, fmt.Errorf("sitemap: page %q listed twice", sorted[i].Path)
		}
	}
	if len(sorted) <= max {
		return map[string]func() ([]byte, error){"sitemap.xml": func() ([]byte, error) { return Sitemap(baseURL, sorted) }}, nil
	}
	files := map[string]func() ([]byte, error){}
	index := sitemapIndex{}
	for n, i := 1, 0; i < len(sorted); n, i = n+1, i+max {
		chunk := sorted[i:min(i+max, len(sorted))]
		name := fmt.Sprintf("sitemaps/%d.xml", n)
		files[name] = func() ([]byte, error) { return Sitemap(baseURL, chunk) }
		index.Sitemaps = append(index.Sitemaps, sitemapURL{Loc: withSlash(baseURL) + name})
	}
	files["sitemap.xml"] = func() ([]byte, error) { return marshalXML(index) }
	return files, nil
}

// Sitemap returns one sitemap in the sitemaps.org format: one url per entry, its loc baseURL
// followed by the entry's path, sorted by path. It fails on a path listed twice and on more
// URLs than one sitemap may hold (see [Sitemaps]).
func Sitemap(baseURL string, entries []SitemapEntry) ([]byte, error) {
	if len(entries) > sitemapMax {
		return nil, fmt.Errorf("sitemap: %d pages, more than the %d one sitemap may list", len(entries), sitemapMax)
	}
	sorted := make([]SitemapEntry, len(entries))
	for i, e := range entries {
		e.Path = strings.TrimPrefix(e.Path, "/")
		sorted[i] = e
	}
	slices.SortStableFunc(sorted, func(a, b SitemapEntry) int { return strings.Compare(a.Path, b.Path) })
	baseURL = withSlash(baseURL)
	set := urlSet{URLs: []sitemapURL{}}
	for i, e := range sorted {
		if i > 0 && sorted[i-1].Path == e.Path {
			return nil, fmt.Errorf("sitemap: page %q listed twice", e.Path)
		}
		set.URLs = append(set.URLs, sitemapURL{Loc: baseURL + e.Path, LastMod: dateOrEmpty(e.LastMod)})
	}
	return marshalXML(set)
}

func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// Robots returns /robots.txt: every crawler may fetch every page, and the sitemap is at
// baseURL + "sitemap.xml".
func Robots(baseURL string) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + withSlash(baseURL) + "sitemap.xml\n")
}

// withSlash returns u ending in "/".
func withSlash(u string) string {
	if strings.HasSuffix(u, "/") {
		return u
	}
	return u + "/"
}
