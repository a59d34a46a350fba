package render

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/schedule"
	"sitegen/internal/site"
)

// The home page's "meetings today and soon" are meetings anyone can join from wherever they
// are: those of groups that meet online (hybrid groups included). A national directory's
// in-person meetings of the next hours are nearly all far from any one visitor; "Near me"
// and the finder are for those.

// soonItem is one meeting on the home page.
type soonItem struct {
	groupItem
	When     string // its date and time in words, on the group's clock
	DateTime string // its start, RFC 3339
	End      string // its end, RFC 3339: home.js drops the meetings that have ended
}

const (
	// soonDays is how many days from the build date the list covers: a site rebuilt
	// nightly still has meetings to show a week after a missed build.
	soonDays = 8
	// soonPerDay is how many meetings of one day the list keeps, spread over the day, and
	// soonMax how many it keeps in all; the page shows the first few that have not ended.
	soonPerDay = 4
	soonMax    = 24
)

// soon returns the meetings of groups one can join online in the soonDays from the build
// date, by start, at most soonPerDay a day (the group's day), spread over the day.
func (r *renderer) soon(l *lang) []soonItem {
	type occ struct {
		g     *site.Group
		start time.Time
		end   time.Time
	}
	byDay := map[civil.Date][]occ{}
	last := r.s.Now.AddDays(soonDays)
	for _, g := range r.s.Groups {
		if g.Paused() || g.Attendance == "in-person" {
			continue
		}
		loc := g.Location
		if loc == nil {
			loc = time.UTC
		}
		from := r.s.Now.In(loc)
		for _, o := range schedule.Before(g, from, last.In(loc)) {
			day := civil.DateOf(o.Start)
			if day.Before(r.s.Now) {
				continue // an overnight meeting of the day before
			}
			byDay[day] = append(byDay[day], occ{g: g, start: o.Start, end: o.End})
		}
	}
	var all []occ
	for _, list := range byDay {
		slices.SortFunc(list, func(a, b occ) int {
			return cmp.Or(a.start.Compare(b.start), strings.Compare(a.g.ID, b.g.ID))
		})
		all = append(all, spread(list, soonPerDay)...)
	}
	slices.SortFunc(all, func(a, b occ) int {
		return cmp.Or(a.start.Compare(b.start), strings.Compare(a.g.ID, b.g.ID))
	})
	if len(all) > soonMax {
		all = all[:soonMax]
	}
	out := make([]soonItem, len(all))
	for i, o := range all {
		out[i] = soonItem{
			groupItem: r.groupItem(l, o.g),
			When:      l.w.DateTime(o.start),
			DateTime:  o.start.Format(time.RFC3339),
			End:       o.end.Format(time.RFC3339),
		}
	}
	return out
}

// spread returns at most n of list, evenly spaced, first and last included.
func spread[T any](list []T, n int) []T {
	if len(list) <= n {
		return list
	}
	if n == 1 {
		return list[:1]
	}
	out := make([]T, n)
	for i := range n {
		out[i] = list[i*(len(list)-1)/(n-1)]
	}
	return out
}
