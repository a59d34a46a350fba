package search

import (
	"cmp"
	"fmt"
	"slices"

	"sitegen/internal/civil"
)

// DayFile is the file of one weekday's meetings.
type DayFile struct {
	File string `json:"file"`
	// Spill is how many minutes past the next midnight the latest meeting starting on this
	// day ends (an overnight meeting); 0 when every one ends the same day. The finder reads
	// the day before today's file only when a meeting of it may still be going on.
	Spill int `json:"spill,omitempty"`
	// Weight is what the file weighs gzip, in bytes rounded up ([Manifest.Weights]).
	Weight int `json:"w,omitempty"`
}

// Slot is the groups meeting on one weekday at the same hours in the same time zone: the
// unit in which the finder computes next meetings without records. A group with several
// meetings is in the slot of each.
type Slot struct {
	Zone      int    `json:"z"` // position in Manifest.Zones
	Start     string `json:"s"` // "18:30", in the zone's wall clock
	End       string `json:"e"`
	Weeks     []int  `json:"w,omitempty"` // weeks of the month, as Meet.Weeks
	Overnight bool   `json:"o,omitempty"`
	// Refs are the groups whose next meeting in this slot is the slot's next occurrence.
	Refs []int `json:"r,omitempty"`
	// Check are the groups with a first meeting date after Manifest.DatesFrom, or a skipped
	// date on this weekday from it on: their next meeting in this slot is the first
	// occurrence on or after their first meeting date that is not skipped.
	Check []int `json:"x,omitempty"`
	// Dates holds, for each group of Check in turn, those dates as days after
	// Manifest.DatesFrom: the first meeting date (0 when none is to come), then the skipped
	// dates. The finder orders these groups from the file alone, without their records.
	Dates [][]int `json:"d,omitempty"`
}

// datesBack is how many days before the build date Manifest.DatesFrom is: a visitor's day
// may be the day before the build's (a zone west of the build's), and the finder looks one
// more day back for an overnight meeting still going on.
const datesBack = 2

// dates returns what a Slot's Dates holds of r's meeting on day (a weekday's name): its
// first meeting date and its skipped dates on that day as days after from, or nil when none
// is from on.
func dates(r Record, day string, from civil.Date) ([]int, error) {
	var out []int
	if r.Starts != "" {
		d, err := civil.ParseDate(r.Starts)
		if err != nil {
			return nil, fmt.Errorf("search: %s: %w", r.ID, err)
		}
		if d.After(from) {
			out = []int{d.DaysSince(from)}
		}
	}
	for _, s := range r.Skip {
		d, err := civil.ParseDate(s)
		if err != nil {
			return nil, fmt.Errorf("search: %s: %w", r.ID, err)
		}
		if d.Before(from) || dayName(d.Weekday()) != day {
			continue
		}
		if out == nil {
			out = []int{0}
		}
		out = append(out, d.DaysSince(from))
	}
	return out, nil
}

// writeDays writes the meetings of the records (in ref order) one file per weekday, paused
// groups left out (they have no next meeting), and returns the files and the zones the
// slots name. Dates in the slots are counted from from ([Manifest.DatesFrom]).
func writeDays(recs []Record, from civil.Date, put func(string, any) (string, error)) (map[string]DayFile, []string, error) {
	type key struct {
		zone       string
		start, end string
		weeks      string
		overnight  bool
	}
	type slot struct {
		Slot
		refs, check []int
	}
	byDay := map[string]map[key]*slot{}
	zones := map[string]bool{}
	spill := map[string]int{}
	for i, r := range recs {
		if r.Paused {
			continue
		}
		for _, mt := range r.Meetings {
			k := key{zone: r.TZ, start: mt.Start, end: mt.End, weeks: fmt.Sprint(mt.Weeks), overnight: mt.Overnight}
			zones[r.TZ] = true
			if byDay[mt.Day] == nil {
				byDay[mt.Day] = map[key]*slot{}
			}
			sl := byDay[mt.Day][k]
			if sl == nil {
				sl = &slot{Slot: Slot{Start: mt.Start, End: mt.End, Weeks: mt.Weeks, Overnight: mt.Overnight}}
				byDay[mt.Day][k] = sl
			}
			if mt.Overnight || mt.End <= mt.Start {
				spill[mt.Day] = max(spill[mt.Day], minutes(mt.End))
			}
			if last := max(lastOf(sl.refs), lastOf(sl.check)); last == i {
				continue // a second meeting of the group in the same slot
			}
			d, err := dates(r, mt.Day, from)
			if err != nil {
				return nil, nil, err
			}
			if d == nil {
				sl.refs = append(sl.refs, i)
			} else {
				sl.check = append(sl.check, i)
				sl.Dates = append(sl.Dates, d)
			}
		}
	}
	zoneList := sortedKeys(zones)
	files := map[string]DayFile{}
	for _, day := range sortedKeys(byDay) {
		list := make([]Slot, 0, len(byDay[day]))
		for k, sl := range byDay[day] {
			sl.Zone = slices.Index(zoneList, k.zone)
			sl.Refs, sl.Check = deltas(sl.refs), deltas(sl.check)
			list = append(list, sl.Slot)
		}
		slices.SortFunc(list, func(a, b Slot) int {
			return cmp.Or(cmp.Compare(a.Zone, b.Zone), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
				slices.Compare(a.Weeks, b.Weeks), boolCompare(a.Overnight, b.Overnight))
		})
		name, err := put("search/w/"+safeName(day), list)
		if err != nil {
			return nil, nil, err
		}
		files[day] = DayFile{File: name, Spill: spill[day]}
	}
	return files, zoneList, nil
}

// lastOf returns the last of refs, or -1.
func lastOf(refs []int) int {
	if len(refs) == 0 {
		return -1
	}
	return refs[len(refs)-1]
}

// minutes returns the minutes since midnight of a clock "HH:MM".
func minutes(hhmm string) int {
	var h, m int
	fmt.Sscanf(hhmm, "%d:%d", &h, &m)
	return h*60 + m
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
