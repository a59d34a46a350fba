package search

import (
	"cmp"
	"fmt"
	"slices"
)

// DayFile is the file of one weekday's meetings.
type DayFile struct {
	File string `json:"file"`
	// Spill is how many minutes past the next midnight the latest meeting starting on this
	// day ends (an overnight meeting); 0 when every one ends the same day. The finder reads
	// the day before today's file only when a meeting of it may still be going on.
	Spill int `json:"spill,omitempty"`
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
	// Check are the groups with skipped dates or a first meeting date: the slot's next
	// occurrence is only the earliest their next meeting can be, and the finder reads their
	// record to know it.
	Check []int `json:"x,omitempty"`
}

// writeDays writes the meetings of the records (in ref order) one file per weekday, paused
// groups left out (they have no next meeting), and returns the files and the zones the
// slots name.
func writeDays(recs []Record, put func(string, any) (string, error)) (map[string]DayFile, []string, error) {
	type key struct {
		zone             string
		start, end       string
		weeks            string
		overnight, check bool
	}
	byDay := map[string]map[key][]int{}
	weeksOf := map[string][]int{}
	zones := map[string]bool{}
	spill := map[string]int{}
	for i, r := range recs {
		if r.Paused {
			continue
		}
		check := r.Starts != "" || len(r.Skip) > 0
		for _, mt := range r.Meetings {
			k := key{zone: r.TZ, start: mt.Start, end: mt.End, weeks: fmt.Sprint(mt.Weeks), overnight: mt.Overnight, check: check}
			weeksOf[k.weeks] = mt.Weeks
			zones[r.TZ] = true
			if byDay[mt.Day] == nil {
				byDay[mt.Day] = map[key][]int{}
			}
			refs := byDay[mt.Day][k]
			if len(refs) == 0 || refs[len(refs)-1] != i {
				byDay[mt.Day][k] = append(refs, i)
			}
			if mt.Overnight || mt.End <= mt.Start {
				spill[mt.Day] = max(spill[mt.Day], minutes(mt.End))
			}
		}
	}
	zoneList := sortedKeys(zones)
	files := map[string]DayFile{}
	for _, day := range sortedKeys(byDay) {
		slots := map[key]*Slot{}
		for k, refs := range byDay[day] {
			sk := k
			sk.check = false
			sl := slots[sk]
			if sl == nil {
				sl = &Slot{Zone: slices.Index(zoneList, k.zone), Start: k.start, End: k.end, Weeks: weeksOf[k.weeks], Overnight: k.overnight}
				slots[sk] = sl
			}
			if k.check {
				sl.Check = deltas(refs)
			} else {
				sl.Refs = deltas(refs)
			}
		}
		list := make([]Slot, 0, len(slots))
		for _, sl := range slots {
			list = append(list, *sl)
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
