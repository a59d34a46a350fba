package search

import (
	"slices"
	"testing"
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
// zone and hours; groups with skipped dates or a first meeting date to check; paused groups
// left out; an overnight meeting's day spilling past midnight.
func TestWriteDays(t *testing.T) {
	w := write(t, testSite(t))
	recs := w.records(t)
	type seen struct {
		day, zone, start, end string
		weeks                 []int
		overnight, check      bool
	}
	got := map[int][]seen{}
	for day, f := range w.m.Days {
		var slots []Slot
		decode(t, w.files, f.File, &slots)
		for _, sl := range slots {
			for _, list := range []struct {
				refs  []int
				check bool
			}{{sl.Refs, false}, {sl.Check, true}} {
				for _, r := range undelta(list.refs) {
					got[r] = append(got[r], seen{day, w.m.Zones[sl.Zone], sl.Start, sl.End, sl.Weeks, sl.Overnight, list.check})
				}
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
		check := r.Starts != "" || len(r.Skip) > 0
		for _, mt := range r.Meetings {
			want := seen{mt.Day, r.TZ, mt.Start, mt.End, mt.Weeks, mt.Overnight, check}
			if !slices.ContainsFunc(got[i], func(s seen) bool {
				return s.day == want.day && s.zone == want.zone && s.start == want.start && s.end == want.end &&
					slices.Equal(s.weeks, want.weeks) && s.overnight == want.overnight && s.check == want.check
			}) {
				t.Errorf("%s: slots %v lack %v", r.ID, got[i], want)
			}
		}
	}
	downtown := refsOf(t, recs, "nami-new-york-state/downtown")[0]
	if len(got[downtown]) != 2 || !got[downtown][0].check {
		t.Errorf("Downtown Connection (two meetings, skipped dates) = %v, want two slots to check", got[downtown])
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
