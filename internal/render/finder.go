package render

import (
	"slices"
	"strings"

	"sitegen/internal/search"
	"sitegen/internal/site"
	"sitegen/internal/vocab"
	"sitegen/internal/words"
)

// option is one choice of a select.
type option struct {
	Value, Label string
	URL          string // a state's list, for the states
	Count        int    // groups, where it is shown
}

// filter is one select of the finder's form.
type filter struct {
	Name, Label string
	Options     []option
}

// finderData is the data of the finder page.
type finderData struct {
	States  []option // value: lowercase code; Count: groups
	Filters []filter
	Total   int
	Map     *mapData // the national map (maps.go)
	// Topics are the pages the finder links when a query names what they are about ("how do
	// i become a facilitator", "jail"; search.words.topic.KEY): each guide, by its slug, and
	// the trainings' list, as "trainings".
	Topics []topicLink
}

// topicLink is one of finderData.Topics.
type topicLink struct {
	Key, Title, URL string
	Lang            string // the page's language when it is not the finder's
}

// Filters returns the names of the finder's filters, in the order of its form and its URL.
// templates/search-index.js lists the same; both are tested with testdata/shared/filters.json.
func Filters() []string {
	return []string{"state", "day", "time", "attendance", "language", "program", "audience"}
}

func (r *renderer) finder(l *lang) error {
	w := l.w
	states := r.byState()
	sortByName(states, w, func(s stateGroups) string { return s.Code })
	d := finderData{Total: len(r.s.Groups), Map: r.nationalMap(l)}
	for _, st := range states {
		d.States = append(d.States, option{Value: st.Code, Label: w.Label("state", strings.ToUpper(st.Code)),
			URL: r.link(l, site.StatePath(st.Code)), Count: len(st.Groups)})
	}
	langs := map[string]bool{}
	audiences := map[string]bool{}
	for _, g := range r.s.Groups {
		langs[g.Language] = true
		for _, a := range g.Audience {
			audiences[a] = true
		}
	}
	values := map[string][]string{
		"state":      nil,
		"day":        vocab.Days(),
		"time":       vocab.TimesOfDay(),
		"attendance": vocab.Attendances(),
		"program":    vocab.Programs(),
	}
	for _, a := range vocab.Audiences() {
		if audiences[a] {
			values["audience"] = append(values["audience"], a)
		}
	}
	values["language"] = slices.Sorted(func(yield func(string) bool) {
		for l := range langs {
			if !yield(l) {
				return
			}
		}
	})
	labels := map[string]func(string) string{
		"day":        func(v string) string { return w.Label("day", v) },
		"time":       func(v string) string { return w.Label("time-of-day", v) },
		"attendance": func(v string) string { return w.Label("attendance", v) },
		"program":    func(v string) string { return w.Label("program", v) },
		"audience":   func(v string) string { return w.Label("audience", v) },
		"language":   func(v string) string { return languageName(w, v) },
	}
	for _, name := range Filters() {
		f := filter{Name: name, Label: w.T("filter." + name)}
		if name == "state" {
			f.Options = d.States
		}
		for _, v := range values[name] {
			// A choice of a list starts with a capital, as "Any" does, in every language.
			f.Options = append(f.Options, option{Value: v, Label: words.Capitalize(labels[name](v))})
		}
		d.Filters = append(d.Filters, f)
	}
	for _, g := range r.s.Guides {
		ref := r.pageRef(l, g)
		d.Topics = append(d.Topics, topicLink{Key: g.Slug, Title: ref.Page.Title, URL: ref.URL, Lang: ref.Lang})
	}
	d.Topics = append(d.Topics, topicLink{Key: "trainings", Title: w.T("nav.trainings"), URL: r.link(l, site.TrainingsPath)})
	pg := r.newPage(l, site.FinderPath, "groups", w.T("title.finder"),
		w.N("desc.finder", len(r.s.Groups), "states", w.N("desc.states", len(states))), d)
	if err := pg.scripts("finder.js"); err != nil {
		return err
	}
	// Nearly every query reads the words of the dictionary, and every query of words the
	// gazetteer's index (a town, a ZIP code): fetched with the manifest, not after it, which
	// saves a round of requests.
	words, err := r.words()
	if err != nil {
		return err
	}
	geoIndex, err := search.GeoIndexFile()
	if err != nil {
		return err
	}
	pg.Fetches = append(pg.Fetches, r.file(words), r.file(geoIndex))
	return r.render("pages/finder.html", pg)
}
