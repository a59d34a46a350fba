package search

import (
	"fmt"
	"slices"
	"strings"

	"sitegen/internal/site"
)

// SiteIndex is search/site.HASH.json: the pages other than groups that /search/ finds.
type SiteIndex struct {
	Docs []Doc `json:"docs"`
	// Tokens maps every indexed word to the docs holding it, as differences of their
	// positions in Docs.
	Tokens map[string][]int `json:"tokens"`
}

// Doc is one affiliate, training, guide or other page as /search/ lists it.
type Doc struct {
	Kind    string `json:"kind"` // "affiliate", "training", "guide" or "page"
	Title   string `json:"title"`
	URL     string `json:"url"` // relative to the site's root: "affiliates/nami-ohio/"
	Summary string `json:"summary,omitempty"`
	Lang    string `json:"lang,omitempty"` // when it is not the site's
	// End is a training's last day, so the page can mark past ones.
	End string `json:"end,omitempty"`
}

// siteIndex returns the index of s's affiliates, published trainings, guides and other pages
// as pages in lang show them: their summaries in that language, their addresses under its
// folder, and a guide's or page's text in that language where it has a version in it.
func siteIndex(s *site.Site, lang string) (SiteIndex, error) {
	w := s.Words(lang)
	idx := SiteIndex{Docs: []Doc{}, Tokens: map[string][]int{}}
	add := func(d Doc, texts ...string) {
		n := len(idx.Docs)
		idx.Docs = append(idx.Docs, d)
		for _, word := range indexable(append(texts, d.Title)...) {
			idx.Tokens[word] = append(idx.Tokens[word], n)
		}
	}
	for _, a := range s.Affiliates {
		state := w.Label("state", a.State)
		summary := w.T("affiliate.is-affiliate", "state", state)
		if a.IsState() {
			summary = w.T("affiliate.is-state", "state", state)
		}
		if n := len(a.Groups); n > 0 {
			summary += " · " + w.N("finder.state-count", n)
		}
		texts := append([]string{a.State, state}, a.Counties...)
		if a.Address != nil {
			texts = append(texts, a.Address.City, a.Address.PostalCode)
		}
		add(Doc{Kind: "affiliate", Title: a.Name, URL: s.In(lang, a.Path()), Summary: summary}, texts...)
	}
	for _, t := range s.Trainings {
		kind := w.Label("training-kind", t.Kind)
		where := w.Label("attendance", "online")
		texts := []string{t.Host.Name, kind, t.Program, w.Label("program", t.Program)}
		if p := t.Place; p != nil {
			where = strings.Join(nonEmpty(p.City, p.State), ", ")
			texts = append(texts, p.Name, p.City, p.State, p.PostalCode)
		}
		summary := strings.Join(nonEmpty(kind, w.DateRange(t.Start, t.End), where, w.T("training.hosted-by", "host", t.Host.Name)), " · ")
		if t.Status != "open" {
			summary += " · " + w.Label("training-status", t.Status)
		}
		d := Doc{Kind: "training", Title: t.Title, URL: s.In(lang, t.Path()), Summary: summary, End: t.End.String()}
		if t.Language != lang {
			d.Lang = t.Language
		}
		add(d, texts...)
	}
	// A guide, or another page ("What to expect at your first meeting", about, privacy),
	// found by its words in lang where it has a version in it.
	addPage := func(kind string, pg *site.Page) error {
		p := pg
		if v, ok := pg.In(lang); ok {
			p = v
		}
		m, err := s.Markdown(p.Body, p.Source, p.BodyLine)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		d := Doc{Kind: kind, Title: p.Title, URL: s.In(lang, pg.Path()), Summary: p.Summary}
		if p.Lang != lang {
			d.Lang = p.Lang
		}
		add(d, p.Summary, m.Words)
		return nil
	}
	for _, g := range s.Guides {
		if err := addPage("guide", g); err != nil {
			return idx, err
		}
	}
	for _, pg := range s.Pages {
		if err := addPage("page", pg); err != nil {
			return idx, err
		}
	}
	for word, docs := range idx.Tokens {
		idx.Tokens[word] = deltas(docs)
	}
	return idx, nil
}

// nonEmpty returns the strings of ss that are not "".
func nonEmpty(ss ...string) []string {
	return slices.DeleteFunc(slices.Clone(ss), func(s string) bool { return s == "" })
}
