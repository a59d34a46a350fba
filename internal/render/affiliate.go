package render

import (
	"cmp"
	"html/template"
	"slices"
	"strings"

	"sitegen/internal/site"
)

// affiliateTree is a state organization or affiliate with the affiliates listed under it.
type affiliateTree struct {
	A        *site.Affiliate
	URL      string
	Children []affiliateTree
}

// stateAffiliates is the affiliates of one state: state organizations first, each with its
// children, then the affiliates with no parent in the list.
type stateAffiliates struct {
	Code, Name string
	Trees      []affiliateTree
}

// affiliatesByState returns every affiliate, by state name in l's language.
func (r *renderer) affiliatesByState(l *lang) []stateAffiliates {
	m := map[string][]*site.Affiliate{}
	for _, a := range r.s.Affiliates {
		m[a.State] = append(m[a.State], a)
	}
	out := make([]stateAffiliates, 0, len(m))
	for code, as := range m {
		as = slices.Clone(as)
		slices.SortStableFunc(as, func(a, b *site.Affiliate) int {
			if a.IsState() != b.IsState() {
				if a.IsState() {
					return -1
				}
				return 1
			}
			return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Slug, b.Slug))
		})
		listed := map[*site.Affiliate]bool{}
		st := stateAffiliates{Code: strings.ToLower(code), Name: l.w.Label("state", code)}
		for _, a := range as {
			if !a.IsState() {
				continue
			}
			t := affiliateTree{A: a, URL: r.link(l, a.Path())}
			listed[a] = true
			for _, c := range a.Children {
				if c.State == a.State && !listed[c] {
					t.Children = append(t.Children, affiliateTree{A: c, URL: r.link(l, c.Path())})
					listed[c] = true
				}
			}
			st.Trees = append(st.Trees, t)
		}
		for _, a := range as {
			if !listed[a] {
				st.Trees = append(st.Trees, affiliateTree{A: a, URL: r.link(l, a.Path())})
			}
		}
		out = append(out, st)
	}
	slices.SortFunc(out, func(a, b stateAffiliates) int { return strings.Compare(foldName(a.Name), foldName(b.Name)) })
	return out
}

// affiliateData is the data of an affiliate's page.
type affiliateData struct {
	A         *site.Affiliate
	ParentURL string
	About     template.HTML
	AboutLang string // the language of About when it is not the page's
	Groups    []groupItem
	Upcoming  []trainingItem
	Past      []trainingItem
	Champions *site.Champions // nil unless the affiliate is looking for Champions
	Children  []affiliateTree
	Edit      string
}

func (r *renderer) affiliates(l *lang) error {
	w := l.w
	pg := r.newPage(l, site.AffiliatesPath, "affiliates", w.T("title.affiliates"),
		w.N("desc.affiliates", len(r.s.Affiliates)), r.affiliatesByState(l))
	if err := r.render("pages/affiliates.html", pg); err != nil {
		return err
	}
	for _, a := range r.s.Affiliates {
		if err := r.planKeyed(l, outPath(r.s.In(l.code, a.Path())), "pages/affiliate.html", r.keys.Affiliate(a, l.code), func() (*page, error) {
			return r.affiliatePage(l, a)
		}); err != nil {
			return err
		}
	}
	return nil
}

// affiliatePage returns the data of a's page in language l. It may show only what a's key
// covers (see Keys): a, its groups, its parent and children, and what every page shares.
func (r *renderer) affiliatePage(l *lang, a *site.Affiliate) (*page, error) {
	w := l.w
	d := affiliateData{A: a, Edit: r.editURL(a.Source)}
	if a.Parent != nil {
		d.ParentURL = r.link(l, a.Parent.Path())
	}
	var err error
	if d.About, err = r.markdownHTML(a.AboutFor(l.code), a.Source, aboutLine(a, l.code)); err != nil {
		return nil, err
	}
	if a.AboutIn[l.code] == "" && a.About != "" && l.code != r.s.Language {
		d.AboutLang = r.s.Language
	}
	for _, g := range a.Groups {
		d.Groups = append(d.Groups, r.groupItem(l, g))
	}
	up, past := r.splitTrainings(a.Trainings)
	for _, t := range up {
		d.Upcoming = append(d.Upcoming, r.trainingItem(l, t))
	}
	for _, t := range past {
		d.Past = append(d.Past, r.trainingItem(l, t))
	}
	if a.Champions != nil && a.Champions.Wanted {
		d.Champions = a.Champions
	}
	for _, c := range a.Children {
		d.Children = append(d.Children, affiliateTree{A: c, URL: r.link(l, c.Path())})
	}
	desc := w.N("desc.affiliate", len(a.Groups), "affiliate", a.Name, "state", w.Label("state", a.State))
	return r.newPage(l, a.Path(), "affiliates", a.Name, desc, d), nil
}

// splitTrainings returns the upcoming trainings of ts in their order, and the past ones, the
// most recent first.
func (r *renderer) splitTrainings(ts []*site.Training) (upcoming, past []*site.Training) {
	for _, t := range ts {
		if t.Upcoming(r.s.Now) {
			upcoming = append(upcoming, t)
		} else {
			past = append(past, t)
		}
	}
	slices.SortStableFunc(past, func(a, b *site.Training) int { return b.Start.Compare(a.Start) })
	return upcoming, past
}

// aboutLine returns the line of the file on which a's about in lang starts.
func aboutLine(a *site.Affiliate, lang string) int {
	if a.AboutIn[lang] != "" {
		return a.Lines[lang+".about"]
	}
	return a.Lines["about"]
}
