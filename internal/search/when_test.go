package search

import (
	"slices"
	"strings"
	"testing"

	"sitegen/internal/civil"
)

// TestWriteDaytime checks that a day and a time of day hold for the same meeting: Downtown
// Connection meets on Tuesday evenings and Wednesday mornings, not on Tuesday mornings.
func TestWriteDaytime(t *testing.T) {
	w := write(t, testSite(t))
	recs := w.records(t)
	downtown := refsOf(t, recs, "nami-new-york-state/downtown")[0]
	has := func(value string) bool {
		f, ok := w.m.Filters["daytime"][value]
		if !ok {
			return false
		}
		var d []int
		decode(t, w.files, f.File, &d)
		return slices.Contains(undelta(d), downtown)
	}
	for value, want := range map[string]bool{
		"tuesday-evening": true, "wednesday-morning": true, "tuesday-morning": false, "wednesday-evening": false,
	} {
		if got := has(value); got != want {
			t.Errorf("daytime %s holds Downtown Connection: %v, want %v", value, got, want)
		}
	}
	// The day and the time alone hold it for both.
	for _, f := range []struct{ name, value string }{{"day", "tuesday"}, {"time", "morning"}, {"time", "evening"}} {
		var d []int
		decode(t, w.files, w.m.Filters[f.name][f.value].File, &d)
		if !slices.Contains(undelta(d), downtown) {
			t.Errorf("%s=%s lacks Downtown Connection", f.name, f.value)
		}
	}
}

// TestWriteDays checks the files of weekday meetings: each meeting in its day's file, in its
// zone and hours; with the group's first meeting date to come and its skipped dates on that
// day, counted from DatesFrom; paused groups left out; an overnight meeting's day spilling
// past midnight.
func TestWriteDays(t *testing.T) {
	w := write(t, testSite(t))
	recs := w.records(t)
	from, err := civil.ParseDate(w.m.DatesFrom)
	if err != nil || w.m.DatesFrom != "2026-11-18" {
		t.Fatalf("dates_from = %q, want two days before the build date %s", w.m.DatesFrom, buildDate)
	}
	type seen struct {
		day, zone, start, end string
		weeks                 []int
		overnight             bool
		starts                string   // the first meeting date the slot gives, if any
		skip                  []string // the skipped dates it gives
	}
	same := func(a, b seen) bool {
		return a.day == b.day && a.zone == b.zone && a.start == b.start && a.end == b.end &&
			slices.Equal(a.weeks, b.weeks) && a.overnight == b.overnight && a.starts == b.starts && slices.Equal(a.skip, b.skip)
	}
	got := map[int][]seen{}
	for day, f := range w.m.Days {
		var slots []Slot
		decode(t, w.files, f.File, &slots)
		for _, sl := range slots {
			for _, r := range undelta(sl.Refs) {
				got[r] = append(got[r], seen{day, w.m.Zones[sl.Zone], sl.Start, sl.End, sl.Weeks, sl.Overnight, "", nil})
			}
			if len(sl.Dates) != len(sl.Check) {
				t.Fatalf("%s %s: %d dates for %d groups to check", day, sl.Start, len(sl.Dates), len(sl.Check))
			}
			for j, r := range undelta(sl.Check) {
				s := seen{day, w.m.Zones[sl.Zone], sl.Start, sl.End, sl.Weeks, sl.Overnight, "", nil}
				d := sl.Dates[j]
				if len(d) == 0 || len(d) == 1 && d[0] == 0 {
					t.Errorf("%s: checked in %s %s with no dates: %v", recs[r].ID, day, sl.Start, d)
					continue
				}
				if d[0] > 0 {
					s.starts = from.AddDays(d[0]).String()
				}
				for _, k := range d[1:] {
					s.skip = append(s.skip, from.AddDays(k).String())
				}
				got[r] = append(got[r], s)
			}
		}
	}
	for i, r := range recs {
		if r.Paused {
			if len(got[i]) > 0 {
				t.Errorf("paused %s is in the day files: %v", r.ID, got[i])
			}
			continue
		}
		if len(got[i]) != len(r.Meetings) {
			t.Errorf("%s: %d slots, want one per meeting (%d)", r.ID, len(got[i]), len(r.Meetings))
			continue
		}
		for _, mt := range r.Meetings {
			want := seen{mt.Day, r.TZ, mt.Start, mt.End, mt.Weeks, mt.Overnight, "", nil}
			if r.Starts > w.m.DatesFrom {
				want.starts = r.Starts
			}
			for _, d := range r.Skip {
				if day, err := civil.ParseDate(d); err == nil && d >= w.m.DatesFrom && dayName(day.Weekday()) == mt.Day {
					want.skip = append(want.skip, d)
				}
			}
			if !slices.ContainsFunc(got[i], func(s seen) bool { return same(s, want) }) {
				t.Errorf("%s: slots %v lack %v", r.ID, got[i], want)
			}
		}
	}
	// Downtown Connection skips a Tuesday before DatesFrom and one after; its Wednesday
	// meeting has nothing to check. Brooklyn Sunday's first meeting is past.
	downtown := refsOf(t, recs, "nami-new-york-state/downtown")[0]
	wantDowntown := []seen{
		{"tuesday", "America/New_York", "18:30", "20:00", nil, false, "", []string{"2026-12-22"}},
		{"wednesday", "America/New_York", "10:00", "11:30", []int{1, 3}, false, "", nil},
	}
	slices.SortFunc(got[downtown], func(a, b seen) int { return strings.Compare(a.day, b.day) })
	if !slices.EqualFunc(got[downtown], wantDowntown, same) {
		t.Errorf("Downtown Connection = %v, want %v", got[downtown], wantDowntown)
	}
	brooklyn := refsOf(t, recs, "nami-nyc/brooklyn-sunday")[0]
	for _, s := range got[brooklyn] {
		if s.starts != "" || s.skip != nil {
			t.Errorf("Brooklyn Sunday, whose first meeting is past, is checked: %v", s)
		}
	}
	// Evening Online meets Sundays 23:00 to 00:30.
	if w.m.Days["sunday"].Spill != 30 || w.m.Days["tuesday"].Spill != 0 {
		t.Errorf("spill = sunday %d, tuesday %d, want 30 and 0", w.m.Days["sunday"].Spill, w.m.Days["tuesday"].Spill)
	}
	if !slices.IsSorted(w.m.Zones) || !slices.Contains(w.m.Zones, "America/Phoenix") {
		t.Errorf("zones = %q, want sorted, with America/Phoenix", w.m.Zones)
	}
}

// TestWritePoints checks each state's file of positions: every group with coordinates (its
// own, or its ZIP code's centre), by ref, paused ones marked.
func TestWritePoints(t *testing.T) {
	w := write(t, testSite(t))
	recs := w.records(t)
	n, paused := 0, 0
	for _, st := range w.m.States {
		var want Points
		for r := st.First; r < st.First+st.Count; r++ {
			if c := recs[r].Coords; c != nil {
				row := []float64{float64(r), c[0], c[1]}
				if recs[r].Paused {
					row = append(row, 1)
					paused++
				}
				want = append(want, row)
			}
		}
		if len(want) == 0 {
			if st.Points != "" {
				t.Errorf("%s has a file of points but no group with a position", st.Code)
			}
			continue
		}
		var pts Points
		decode(t, w.files, st.Points, &pts)
		prev := 0
		for i := range pts {
			pts[i][0] += float64(prev)
			prev = int(pts[i][0])
		}
		if !slices.EqualFunc(pts, want, slices.Equal) {
			t.Errorf("%s points = %v, want %v", st.Code, pts, want)
		}
		n += len(pts)
	}
	if paused == 0 {
		t.Error("no paused group with a position: the test site should have one")
	}
	if n < 8 {
		t.Errorf("%d groups with a position, want at least 8", n)
	}
}
