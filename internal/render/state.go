package render

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
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
var unaccented = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "ü", "u", "Ü", "U")

// foldName is a state name as it sorts: without accents ("Míchigan" among the M's).
func foldName(s string) string { return unaccented.Replace(s) }

// townGroups is the groups that meet in one town, in a state's list.
type townGroups struct {
	Name   string
	ID     string // of its heading: "town-las-cruces"
	Groups []groupItem
}

// stateData is the data of a state's page: its groups that meet in person (hybrid ones
// included) by town, each town's by day and time; those that meet only online; the paused
// ones last. Each group is listed once.
type stateData struct {
	Code, Name string
	Map        *mapData
	Towns      []townGroups
	Online     []groupItem
	Paused     []groupItem
	Affiliates []pageLink // the affiliates whose groups are listed, by name
	Count      int
}

func (r *renderer) states(l *lang) error {
	for _, st := range r.byState() {
		var affiliates []*site.Affiliate
		for _, g := range st.Groups {
			affiliates = append(affiliates, g.Affiliate)
		}
		key := r.keys.Of(l.code, "state "+st.Code, affiliates...)
		if err := r.planKeyed(l, outPath(r.s.In(l.code, site.StatePath(st.Code))), "pages/state.html", key, func() (*page, error) {
			return r.statePage(l, st), nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// statePage returns the data of the list of state st in language l. It may show only what
// its key covers (see Keys): the groups of st, their affiliates, and what every page shares.
func (r *renderer) statePage(l *lang, st stateGroups) *page {
	w := l.w
	name := w.Label("state", strings.ToUpper(st.Code))
	d := stateData{Code: st.Code, Name: name, Count: len(st.Groups), Map: r.stateMap(l, st.Code, st.Groups)}
	groups := slices.Clone(st.Groups)
	slices.SortStableFunc(groups, func(a, b *site.Group) int {
		return cmp.Or(cmp.Compare(weekTime(a), weekTime(b)), strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	towns := map[string]*townGroups{}
	var paused []*site.Group
	affiliates := map[*site.Affiliate]bool{}
	for _, g := range groups {
		affiliates[g.Affiliate] = true
		switch {
		case g.Paused():
			paused = append(paused, g)
		case g.Place == nil || strings.TrimSpace(g.Place.City) == "":
			d.Online = append(d.Online, r.groupItem(l, g))
		default:
			key := townKey(g.Place.City)
			t := towns[key]
			if t == nil {
				t = &townGroups{Name: strings.TrimSpace(g.Place.City)}
				towns[key] = t
			}
			t.Groups = append(t.Groups, r.groupItem(l, g))
		}
	}
	for _, key := range slices.Sorted(maps.Keys(towns)) {
		d.Towns = append(d.Towns, *towns[key])
	}
	used := map[string]bool{}
	for i := range d.Towns {
		d.Towns[i].ID = uniqueID("town-"+slugOf(d.Towns[i].Name), used)
	}
	// Paused groups by town, then name, online ones last.
	slices.SortStableFunc(paused, func(a, b *site.Group) int {
		return cmp.Or(strings.Compare(pausedKey(a), pausedKey(b)), strings.Compare(a.Name, b.Name))
	})
	for _, g := range paused {
		d.Paused = append(d.Paused, r.groupItem(l, g))
	}
	for a := range affiliates {
		d.Affiliates = append(d.Affiliates, pageLink{URL: r.link(l, a.Path()), Title: a.Name})
	}
	slices.SortFunc(d.Affiliates, func(a, b pageLink) int {
		return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.URL, b.URL))
	})
	return r.newPage(l, site.StatePath(st.Code), "groups", w.T("title.state", "state", name),
		w.N("desc.state", len(st.Groups), "state", name), d)
}

// weekTime is when in the week g first meets, Monday first, in minutes: state lists order a
// town's groups by it.
func weekTime(g *site.Group) int {
	best := 7 * 24 * 60
	for _, m := range g.Meetings {
		day := (int(m.Day) + 6) % 7 // Monday 0 … Sunday 6
		best = min(best, day*24*60+m.Start.Minutes())
	}
	return best
}

// townKey is a town's name as it sorts and groups: without accents or case, so that
// "Cañon City" and "Canon City" are one town.
func townKey(city string) string {
	return strings.Join(strings.Fields(strings.ToLower(foldName(city))), " ")
}

// pausedKey orders paused groups: by town, online ones last.
func pausedKey(g *site.Group) string {
	if g.Place == nil || g.Place.City == "" {
		return "\uffff"
	}
	return townKey(g.Place.City)
}

// slugOf returns s as an element id's part: lowercase ASCII letters and digits joined by
// single hyphens.
func slugOf(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(foldName(s)) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
		default:
			dash = true
		}
	}
	return b.String()
}

// uniqueID returns id, or id-2, id-3… when used already has it, and records it.
func uniqueID(id string, used map[string]bool) string {
	out := id
	for n := 2; used[out]; n++ {
		out = id + "-" + strconv.Itoa(n)
	}
	used[out] = true
	return out
}
