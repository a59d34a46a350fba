package check

import (
	"slices"
	"strings"

	"sitegen/internal/load"
	"sitegen/internal/markdown"
	"sitegen/internal/site"
	"sitegen/internal/suggest"
	"sitegen/internal/words"
)

// languages checks the site's interface languages and everything written in one: every
// language of site.yaml's languages has a catalogue i18n/LANG.yaml with the same keys and
// arguments as the site's own language's; a page under content/LANG/ and a file's LANG:
// block name one of those languages.
func (c *checker) languages(f *load.Files) []string {
	if f.Site == nil {
		return nil
	}
	s := f.Site
	own := s.Language
	if own == "" {
		own = "en"
	}
	langs := []string{own}
	for i, l := range s.Languages {
		if !validLanguage(l) {
			// Said once: the rest of the site is checked with the code meant ("spanish" is
			// es), or without the language, rather than each es: block and page refused too.
			code, known := languageNames[strings.ToLower(l)]
			if !known {
				c.errorf(s.Path, s.LanguagesAt[i], "%q is not a language code: use its two-letter code, such as es", l)
				continue
			}
			c.errorf(s.Path, s.LanguagesAt[i], "%q is not a language code: use its two-letter code, %s", l, code)
			l = code
		}
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	catalogs := map[string]*words.Catalog{}
	for _, cat := range f.Catalogs {
		catalogs[cat.Lang()] = cat
		if !slices.Contains(langs, cat.Lang()) {
			c.warnf(cat.Path(), load.Pos{Line: 1, Col: 1}, "no page uses this catalogue: add %s to languages in data/site.yaml, or remove the file", cat.Lang())
		}
	}
	ref := catalogs[own]
	for _, l := range langs {
		if catalogs[l] == nil {
			pos := s.Keys.At("languages")
			if l == own {
				pos = s.Keys.At("language")
			}
			c.errorf(s.Path, pos, "language %s has no catalogue: add i18n/%s.yaml (copy i18n/en.yaml and translate every line)", l, l)
			continue
		}
		if ref != nil && l != own {
			c.diags = append(c.diags, words.Compare(ref, catalogs[l])...)
		}
	}
	check := func(path string, ts []*load.Translation) {
		for _, t := range ts {
			if !slices.Contains(langs, t.Lang) || t.Lang == own {
				c.unknownLanguage(path, t.Keys.At(""), t.Lang, langs)
			}
			for field, text := range t.Fields {
				if field != "title" {
					c.markdownText(path, t.Keys.At(field), t.Lang+"."+field, text)
				}
			}
		}
	}
	check(s.Path, s.Translations)
	for _, l := range []*load.Line{s.Helpline, s.Crisis} {
		if l == nil {
			continue
		}
		for _, t := range l.Translations {
			if !slices.Contains(langs, t.Lang) || t.Lang == own {
				c.unknownLanguage(s.Path, t.Keys.At(""), t.Lang, langs)
			}
		}
	}
	for _, a := range f.Affiliates {
		check(a.Path, a.Translations)
	}
	for _, g := range f.Groups {
		check(g.Path, g.Translations)
	}
	for _, t := range f.Trainings {
		check(t.Path, t.Translations)
	}
	for _, p := range f.Pages {
		if p.Lang != "" && (!slices.Contains(langs, p.Lang) || p.Lang == own) {
			c.errorf(p.Path, load.Pos{Line: 1, Col: 1}, "content/%s/ holds pages in a language the site does not speak: add %s to languages in data/site.yaml, or move the file", p.Lang, p.Lang)
		}
	}
	return langs
}

func (c *checker) unknownLanguage(path string, pos load.Pos, lang string, langs []string) {
	others := slices.DeleteFunc(slices.Clone(langs), func(l string) bool { return l == langs[0] })
	switch {
	case len(others) == 0:
		c.errorf(path, pos, "%s: the site speaks only %s: add %s to languages in data/site.yaml first", lang, langs[0], lang)
	case lang == langs[0]:
		c.errorf(path, pos, "%s: the text written for everyone is already in %s; %s: blocks hold other languages (%s)", lang, lang, lang, strings.Join(others, ", "))
	default:
		msg := "%s is not one of the site's other languages (%s)"
		if s := suggest.Closest(lang, others); s != "" {
			c.errorf(path, pos, msg+"; did you mean %s?", lang, strings.Join(others, ", "), s)
			return
		}
		c.errorf(path, pos, msg, lang, strings.Join(others, ", "))
	}
}

func validLanguage(l string) bool {
	if len(l) != 2 {
		return false
	}
	for _, r := range l {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// reserved returns the top-level names a plain page may not take.
func reserved(langs []string) []string { return site.Reserved(langs) }

// markdownText checks a Markdown text of a file, starting at pos: its structure within the
// limits every build enforces (package markdown), and links the site drops. It returns the
// text as rendered, or nil when it holds no link and no HTML, or is beyond the limits.
func (c *checker) markdownText(path string, pos load.Pos, key, value string) *markdown.Result {
	for _, p := range markdown.Check(value, max(pos.Line, 1)) {
		c.errorf(path, load.Pos{Line: p.Line, Col: 1}, "%s: %s", key, p.Message)
	}
	if !strings.Contains(value, "[") && !strings.Contains(value, "<") {
		return nil // no link and no HTML: no need to parse
	}
	if c.md == nil {
		c.md = markdown.New(markdown.Options{})
	}
	r, err := c.md.Render(value, max(pos.Line, 1))
	if err != nil {
		return nil // reported above
	}
	for _, l := range r.Links {
		if !l.Safe {
			scheme, _, _ := strings.Cut(l.Dest, ":")
			at := pos
			if l.Line > pos.Line {
				at = load.Pos{Line: l.Line, Col: 1}
			}
			c.warnf(path, at, "%s has a %s: link, which is not shown on the site: links start with https://, mailto:, tel: or /", key, strings.ToLower(strings.TrimSpace(scheme)))
		}
	}
	return r
}
