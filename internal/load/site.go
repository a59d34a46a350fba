package load

import "go.yaml.in/yaml/v3"

// SiteFile is data/site.yaml.
type SiteFile struct {
	Path     string
	Title    string
	BaseURL  string
	Language string
	// Languages lists the site's interface languages, its own first; nil when not given.
	Languages      []string
	LanguagesAt    []Pos
	Timezone       string
	Helpline       *Line
	Crisis         *Line
	StaleAfterDays *int
	EditURL        string
	// Translations hold the title in other languages.
	Translations []*Translation
	Keys         Keys
}

// Line is a phone line shown on every page (helpline, crisis).
type Line struct {
	Name, Phone, Text, URL string
	// Option is what to press after calling for this language's service ("2").
	Option string
	// Translations are the line in other languages: its name, and the numbers, option and
	// address of its service in that language, where they differ.
	Translations []*Line
	Lang         string // for a translation, its language
	Keys         Keys
}

func (d *decoder) siteFile(n *yaml.Node) *SiteFile {
	s := &SiteFile{Path: d.path, Keys: Keys{}}
	d.mapping(n, "site.yaml", s.Keys,
		field{"title", d.text(&s.Title, MaxName)},
		field{"base_url", d.str(&s.BaseURL)},
		field{"language", d.str(&s.Language)},
		field{"languages", d.strings(&s.Languages, &s.LanguagesAt, maxCode)},
		field{"timezone", d.str(&s.Timezone)},
		field{"helpline", d.line(&s.Helpline, "helpline")},
		field{"crisis", d.line(&s.Crisis, "crisis")},
		field{"stale_after_days", d.integer(&s.StaleAfterDays)},
		field{"edit_url", d.str(&s.EditURL)},
		d.translation(&s.Translations, "title"),
	)
	return s
}

func (d *decoder) line(into **Line, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		l := &Line{Keys: Keys{}}
		if d.mapping(n, what, l.Keys,
			field{"name", d.text(&l.Name, MaxName)},
			field{"phone", d.str(&l.Phone)},
			field{"text", d.text(&l.Text, MaxLine)},
			field{"url", d.str(&l.URL)},
			field{"option", d.str(&l.Option)},
			field{anyLanguage, func(n *yaml.Node) {
				lang := d.lang
				var t *Line
				d.line(&t, what+"."+lang)(n)
				if t != nil {
					t.Lang = lang
					l.Translations = append(l.Translations, t)
				}
			}},
		) {
			*into = l
		}
	}
}
