package search

import (
	"fmt"
	"time"

	"sitegen/internal/words"
)

// ZoneOffsets is the table of the UTC offsets of the groups' time zones over two calendar
// years from the build's (Manifest.Offsets): with it, the browser finds the wall clock of a
// zone without Intl.DateTimeFormat, whose first use on a page costs tens of milliseconds
// before a search can even ask for its files. Past Until, or for a zone it does not list, the
// browser asks Intl, as before.
type ZoneOffsets struct {
	// Until is the end of the table, in milliseconds since the epoch (excluded).
	Until int64 `json:"until"`
	// Zones holds, for each of Manifest.Zones in order, the periods of one offset: pairs of
	// the period's start (milliseconds since the epoch; the first is the table's start) and
	// the offset in minutes east of UTC ([-300 for New York in winter]).
	Zones [][]int64 `json:"zones"`
	// Abbr holds, for each zone of Zones, the abbreviation of each of its periods ("MST",
	// "MDT"), as the pages write it after a time (words.Abbreviation): the finder writes a
	// meeting's time as the pages do without asking Intl for the zone's name.
	Abbr [][]string `json:"abbr"`
}

// zoneOffsets returns the table of zones (IANA names) from January 1 of year, UTC, to January
// 1 of year+2.
func zoneOffsets(zones []string, year int) (*ZoneOffsets, error) {
	from := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(year+2, time.January, 1, 0, 0, 0, 0, time.UTC)
	out := &ZoneOffsets{Until: until.UnixMilli(), Zones: make([][]int64, 0, len(zones)), Abbr: make([][]string, 0, len(zones))}
	for _, name := range zones {
		loc, err := time.LoadLocation(name)
		if err != nil {
			return nil, fmt.Errorf("search: time zone %q: %w", name, err)
		}
		var periods []int64
		var abbr []string
		for t := from; t.Before(until); {
			lt := t.In(loc)
			_, off := lt.Zone()
			periods = append(periods, t.UnixMilli(), int64(off/60))
			abbr = append(abbr, words.Abbreviation(lt))
			_, end := lt.ZoneBounds()
			if end.IsZero() || !end.After(t) {
				break
			}
			t = end
		}
		out.Zones = append(out.Zones, periods)
		out.Abbr = append(out.Abbr, abbr)
	}
	return out, nil
}
