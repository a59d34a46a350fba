package feed

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"

	"sitegen/internal/civil"
)

func TestSitemap(t *testing.T) {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	}
	d := civil.Date{Year: 2026, Month: 1, Day: 15}
	tests := []struct {
		name    string
		base    string
		entries []SitemapEntry
		want    []url
		wantErr bool
	}{
		{
			name: "sorted, lastmod when known",
			base: "https://g.example.org/",
			entries: []SitemapEntry{
				{Path: "groups/oh/", LastMod: d},
				{Path: ""},
				{Path: "/affiliates/nami-ohio/"},
			},
			want: []url{
				{Loc: "https://g.example.org/"},
				{Loc: "https://g.example.org/affiliates/nami-ohio/"},
				{Loc: "https://g.example.org/groups/oh/", LastMod: "2026-01-15"},
			},
		},
		{
			name:    "base without slash",
			base:    "https://g.example.org/dir",
			entries: []SitemapEntry{{Path: "a&b/"}},
			want:    []url{{Loc: "https://g.example.org/dir/a&b/"}},
		},
		{name: "empty", base: "https://g.example.org/", want: nil},
		{
			name:    "duplicate",
			base:    "https://g.example.org/",
			entries: []SitemapEntry{{Path: "a/"}, {Path: "/a/"}},
			wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Sitemap(tt.base, tt.entries)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Sitemap(%q, %v) error = %v, want error %v", tt.base, tt.entries, err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			var set struct {
				XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
				URLs    []url    `xml:"url"`
			}
			if err := xml.Unmarshal(b, &set); err != nil {
				t.Fatalf("Sitemap output does not parse: %v\n%s", err, b)
			}
			if !slices.Equal(set.URLs, tt.want) {
				t.Errorf("Sitemap(%q, %v) = %v, want %v", tt.base, tt.entries, set.URLs, tt.want)
			}
			again, _ := Sitemap(tt.base, tt.entries)
			if string(again) != string(b) {
				t.Errorf("Sitemap differs between calls")
			}
		})
	}
	in := []SitemapEntry{{Path: "b/"}, {Path: "a/"}}
	if _, err := Sitemap("https://x.org/", in); err != nil || in[0].Path != "b/" {
		t.Errorf("Sitemap changed its input to %v (err %v)", in, err)
	}
	if _, err := Sitemap("https://x.org/", make([]SitemapEntry, sitemapMax+1)); err == nil {
		t.Errorf("Sitemap(%d entries) = nil error, want an error", sitemapMax+1)
	}
}

func TestRobots(t *testing.T) {
	tests := []struct {
		base, want string
	}{
		{"https://g.example.org/", "User-agent: *\nAllow: /\n\nSitemap: https://g.example.org/sitemap.xml\n"},
		{"https://g.example.org/dir", "User-agent: *\nAllow: /\n\nSitemap: https://g.example.org/dir/sitemap.xml\n"},
	}
	for _, tt := range tests {
		if got := string(Robots(tt.base)); got != tt.want {
			t.Errorf("Robots(%q) = %q, want %q", tt.base, got, tt.want)
		}
	}
}

// TestSitemapIndex: more pages than one sitemap may list make an index of several sitemaps,
// each within the limit, together listing every page once.
func TestSitemapIndex(t *testing.T) {
	var entries []SitemapEntry
	for i := range 25 {
		entries = append(entries, SitemapEntry{Path: fmt.Sprintf("groups/g%02d/", i)})
	}
	files, err := sitemaps("https://example.org/", entries, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4 {
		t.Fatalf("%d files, want the index and 3 sitemaps", len(files))
	}
	index, err := files["sitemap.xml"]()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"1", "2", "3"} {
		if !strings.Contains(string(index), "<loc>https://example.org/sitemaps/"+n+".xml</loc>") {
			t.Errorf("the index does not list sitemaps/%s.xml:\n%s", n, index)
		}
	}
	seen := 0
	for name, make := range files {
		if name == "sitemap.xml" {
			continue
		}
		b, err := make()
		if err != nil {
			t.Fatal(err)
		}
		n := strings.Count(string(b), "<url>")
		if n > 10 {
			t.Errorf("%s lists %d pages, more than 10", name, n)
		}
		seen += n
	}
	if seen != 25 {
		t.Errorf("the sitemaps list %d pages, want 25", seen)
	}
	if small, _ := sitemaps("https://example.org/", entries[:5], 10); len(small) != 1 || small["sitemap.xml"] == nil {
		t.Errorf("a small site has %d sitemap files, want sitemap.xml alone", len(small))
	}
}
