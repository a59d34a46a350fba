package search

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"sitegen/internal/civil"
	"sitegen/internal/site"
)

// SiteIndex is search/site.HASH.json: the pages other than groups that /search/ finds.
type SiteIndex struct {
	Docs []Doc `json:"docs"`
	// Tokens maps every indexed word to the docs holding it, as differences of their
	// positions in Docs.
	Tokens map[string][]int `json:"tokens"`
}

// Doc is one affiliate, training or guide as /search/ lists it.
type Doc struct {
	Kind    string `json:"kind"` // "affiliate", "training" or "guide"
	Title   string `json:"title"`
	URL     string `json:"url"` // relative to the site's root: "affiliates/nami-ohio/"
	Summary string `json:"summary,omitempty"`
	Lang    string `json:"lang,omitempty"` // when it is not the site's
	// End is a training's last day, so the page can mark past ones.
	End string `json:"end,omitempty"`
}

// siteIndex returns the index of s's affiliates, published trainings and guides.
func siteIndex(s *site.Site) (SiteIndex, error) {
	idx := SiteIndex{Docs: []Doc{}, Tokens: map[string][]int{}}
	add := func(d Doc, texts ...string) {
		n := len(idx.Docs)
		idx.Docs = append(idx.Docs, d)
		for _, w := range indexable(append(texts, d.Title)...) {
			idx.Tokens[w] = append(idx.Tokens[w], n)
		}
	}
	for _, a := range s.Affiliates {
		summary := "NAMI affiliate in " + a.State
		if a.IsState() {
			summary = "State organization, " + a.State
		}
		if n := len(a.Groups); n > 0 {
			summary += fmt.Sprintf(" · %d %s", n, plural(n, "group", "groups"))
		}
		texts := append([]string{a.State}, a.Counties...)
		if a.Address != nil {
			texts = append(texts, a.Address.City, a.Address.PostalCode)
		}
		add(Doc{Kind: "affiliate", Title: a.Name, URL: "affiliates/" + a.Slug + "/", Summary: summary}, texts...)
	}
	for _, t := range s.Trainings {
		where := "Online"
		texts := []string{t.Host.Name, kindWords(t.Kind), t.Program}
		if p := t.Place; p != nil {
			where = strings.Join(nonEmpty(p.City, p.State), ", ")
			texts = append(texts, p.Name, p.City, p.State, p.PostalCode)
		}
		summary := strings.Join(nonEmpty(kindWords(t.Kind), dateRange(t.Start, t.End), where, "hosted by "+t.Host.Name), " · ")
		if t.Status != "open" {
			summary += " · " + t.Status
		}
		d := Doc{Kind: "training", Title: t.Title, URL: "trainings/" + t.Slug + "/", Summary: summary, End: t.End.String()}
		if t.Language != s.Language {
			d.Lang = t.Language
		}
		add(d, texts...)
	}
	for _, p := range s.Guides {
		body, err := plainText(p.Body)
		if err != nil {
			return idx, fmt.Errorf("search: %s: %w", p.Source, err)
		}
		add(Doc{Kind: "guide", Title: p.Title, URL: "guides/" + p.Slug + "/", Summary: p.Summary}, p.Summary, body)
	}
	for w, docs := range idx.Tokens {
		idx.Tokens[w] = deltas(docs)
	}
	return idx, nil
}

// plainText returns the words of a Markdown text: its text and code spans, without link
// addresses, code blocks or raw HTML.
func plainText(src string) (string, error) {
	source := []byte(src)
	doc := goldmark.New().Parser().Parse(text.NewReader(source))
	var b bytes.Buffer
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(n.Segment.Value(source))
			b.WriteByte(' ')
		case *ast.String:
			b.Write(n.Value)
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return b.String(), err
}

func kindWords(kind string) string {
	switch kind {
	case "facilitator":
		return "Facilitator training"
	case "trainer":
		return "Trainer training"
	case "champion-orientation":
		return "Connection Champion orientation"
	}
	return kind
}

// dateRange writes "October 3–5, 2026", "September 30 – October 2, 2026" or one day.
func dateRange(a, b civil.Date) string {
	month := func(d civil.Date) string { return d.Month.String() }
	switch {
	case a == b:
		return fmt.Sprintf("%s %d, %d", month(a), a.Day, a.Year)
	case a.Year == b.Year && a.Month == b.Month:
		return fmt.Sprintf("%s %d–%d, %d", month(a), a.Day, b.Day, a.Year)
	case a.Year == b.Year:
		return fmt.Sprintf("%s %d – %s %d, %d", month(a), a.Day, month(b), b.Day, a.Year)
	}
	return fmt.Sprintf("%s %d, %d – %s %d, %d", month(a), a.Day, a.Year, month(b), b.Day, b.Year)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
