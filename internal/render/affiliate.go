package render

import (
	"fmt"
	"sort"
	"strings"

	"sitegen/internal/site"
)

// affiliateTree is a state organization or affiliate with the affiliates listed under it.
type affiliateTree struct {
	A        *site.Affiliate
	Children []*site.Affiliate
}

// stateAffiliates is the affiliates of one state: state organizations first, each with its
// children, then the affiliates with no parent in the list.
type stateAffiliates struct {
	Code, Name string
	Trees      []affiliateTree
}

// affiliatesByState returns every affiliate, by state name.
func (r *renderer) affiliatesByState() []stateAffiliates {
	m := map[string][]*site.Affiliate{}
	for _, a := range r.s.Affiliates {
		m[a.State] = append(m[a.State], a)
	}
	out := make([]stateAffiliates, 0, len(m))
	for code, as := range m {
		as = append([]*site.Affiliate(nil), as...)
		sort.SliceStable(as, func(i, j int) bool {
			if as[i].IsState() != as[j].IsState() {
				return as[i].IsState()
			}
			if as[i].Name != as[j].Name {
				return as[i].Name < as[j].Name
			}
			return as[i].Slug < as[j].Slug
		})
		listed := map[*site.Affiliate]bool{}
		st := stateAffiliates{Code: strings.ToLower(code), Name: stateName(code)}
		for _, a := range as {
			if !a.IsState() {
				continue
			}
			t := affiliateTree{A: a}
			listed[a] = true
			for _, c := range a.Children {
				if c.State == a.State && !listed[c] {
					t.Children = append(t.Children, c)
					listed[c] = true
				}
			}
			st.Trees = append(st.Trees, t)
		}
		for _, a := range as {
			if !listed[a] {
				st.Trees = append(st.Trees, affiliateTree{A: a})
			}
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// affiliateData is the data of an affiliate's page.
type affiliateData struct {
	A         *site.Affiliate
	Groups    []groupItem
	Upcoming  []*site.Training
	Past      []*site.Training
	Champions *site.Champions // nil unless the affiliate is looking for Champions
	Edit      string
}

func (r *renderer) affiliates() error {
	states := r.affiliatesByState()
	pg := r.newPage("affiliates/", "Affiliates",
		fmt.Sprintf("The %d NAMI affiliates and state organizations that run Connection groups, by state.", len(r.s.Affiliates)), states)
	if err := r.render("affiliates/index.html", "pages/affiliates.html", pg); err != nil {
		return err
	}
	for _, a := range r.s.Affiliates {
		d := affiliateData{A: a, Edit: r.editURL(a.Source)}
		for _, g := range a.Groups {
			d.Groups = append(d.Groups, r.groupItem(g))
		}
		d.Upcoming, d.Past = r.splitTrainings(a.Trainings)
		if a.Champions != nil && a.Champions.Wanted {
			d.Champions = a.Champions
		}
		desc := a.Name + ", " + stateName(a.State) + ": "
		if n := len(a.Groups); n > 0 {
			desc += fmt.Sprintf("%d Connection %s, ", n, plural(n, "group", "groups"))
		}
		desc += "trainings and how to reach us."
		pg := r.newPage(affiliatePath(a), a.Name, desc, d)
		if err := r.render(affiliatePath(a)+"index.html", "pages/affiliate.html", pg); err != nil {
			return err
		}
	}
	return nil
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
	sort.SliceStable(past, func(i, j int) bool { return past[i].Start.After(past[j].Start) })
	return upcoming, past
}
