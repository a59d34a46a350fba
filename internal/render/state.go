package render

import (
	"cmp"
	"slices"
	"strings"

	"sitegen/internal/site"
	"sitegen/internal/words"
)

// stateGroups is one state's published groups.
type stateGroups struct {
	Code   string // lowercase USPS code
	Groups []*site.Group
}

// byState returns the states that have published groups, by code, with their groups, by
// affiliate name, then name.
func (r *renderer) byState() []stateGroups {
	m := map[string][]*site.Group{}
	for _, g := range r.s.Groups {
		st := g.ListState()
		m[st] = append(m[st], g)
	}
	out := make([]stateGroups, 0, len(m))
	for code, gs := range m {
		slices.SortStableFunc(gs, func(a, b *site.Group) int {
			return cmp.Or(strings.Compare(a.Affiliate.Name, b.Affiliate.Name), strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
		})
		out = append(out, stateGroups{Code: code, Groups: gs})
	}
	slices.SortFunc(out, func(a, b stateGroups) int { return strings.Compare(a.Code, b.Code) })
	return out
}

// sortByName sorts states by their name in language w, as pages list them.
func sortByName[T any](items []T, w *words.Catalog, code func(T) string) {
	slices.SortStableFunc(items, func(a, b T) int {
		return strings.Compare(foldName(w.Label("state", strings.ToUpper(code(a)))), foldName(w.Label("state", strings.ToUpper(code(b)))))
	})
}

// unaccented removes the accents of the letters state names have in Spanish.
var unaccented = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U")

// foldName is a state name as it sorts: without accents ("Míchigan" among the M's).
func foldName(s string) string { return unaccented.Replace(s) }

// affiliateGroups is one affiliate's groups in a state's list.
type affiliateGroups struct {
	Affiliate *site.Affiliate
	URL       string
	Groups    []groupItem
}

// stateData is the data of a state's page.
type stateData struct {
	Code, Name string
	Affiliates []affiliateGroups
}

func (r *renderer) states(l *lang) error {
	w := l.w
	for _, st := range r.byState() {
		name := w.Label("state", strings.ToUpper(st.Code))
		d := stateData{Code: st.Code, Name: name}
		for _, g := range st.Groups {
			if n := len(d.Affiliates); n == 0 || d.Affiliates[n-1].Affiliate != g.Affiliate {
				d.Affiliates = append(d.Affiliates, affiliateGroups{Affiliate: g.Affiliate, URL: r.link(l, g.Affiliate.Path())})
			}
			last := &d.Affiliates[len(d.Affiliates)-1]
			last.Groups = append(last.Groups, r.groupItem(l, g))
		}
		pg := r.newPage(l, site.StatePath(st.Code), "groups", w.T("title.state", "state", name),
			w.N("desc.state", len(st.Groups), "state", name), d)
		if err := r.render("pages/state.html", pg); err != nil {
			return err
		}
	}
	return nil
}
