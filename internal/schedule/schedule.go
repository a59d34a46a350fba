// Package schedule turns a group's meetings into words and dates.
package schedule

import (
	"sort"
	"strconv"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/site"
	"sitegen/internal/words"
)

// Occurrence is one meeting of a group on one day.
type Occurrence struct {
	Start, End time.Time // in the group's time zone
	Meeting    int       // index into the group's Meetings
}

// searchDays bounds how far ahead Next looks, so that a schedule that never matches (a fifth
// weekday on a group that has skipped them all) still ends.
const searchDays = 2*366 + 1

// Next returns the next n meetings of g whose end is after from, sorted by start, computed in
// g's time zone. It honours every meeting's weeks, the group's skip dates and start date; a
// paused group has none. It looks at most about two years ahead.
func Next(g *site.Group, from time.Time, n int) []Occurrence {
	if n <= 0 {
		return nil
	}
	var out []Occurrence
	days(g, from, func(today []Occurrence) bool {
		out = append(out, today...)
		return len(out) < n
	})
	return out[:min(n, len(out))]
}

// Before returns the meetings of g whose end is after from and whose start is before to,
// sorted by start, as Next finds them: for a list of the coming days, which need not
// look weeks ahead for a number of meetings.
func Before(g *site.Group, from, to time.Time) []Occurrence {
	var out []Occurrence
	days(g, from, func(today []Occurrence) bool {
		for _, o := range today {
			if !o.Start.Before(to) {
				return false
			}
			out = append(out, o)
		}
		return true
	})
	return out
}

// days gives yield the meetings of g whose end is after from, one day at a time (by start,
// in g's time zone; days without a meeting are passed over), until yield returns false or
// about two years have been looked at.
func days(g *site.Group, from time.Time, yield func([]Occurrence) bool) {
	if g.Paused() || len(g.Meetings) == 0 {
		return
	}
	loc := g.Location
	if loc == nil {
		loc = time.UTC
	}
	skip := make(map[civil.Date]bool, len(g.Skip))
	for _, d := range g.Skip {
		skip[d] = true
	}
	// Start a day early: an overnight meeting that began yesterday may still be going on.
	day := civil.DateOf(from.In(loc)).AddDays(-1)
	if !g.Starts.IsZero() && day.Before(g.Starts) {
		day = g.Starts
	}
	var today []Occurrence
	for range searchDays {
		today = today[:0]
		for i, m := range g.Meetings {
			if m.Day != day.Weekday() || !OnWeek(day, m.Weeks) || skip[day] {
				continue
			}
			start, end := Times(m, day, loc)
			if end.After(from) {
				today = append(today, Occurrence{Start: start, End: end, Meeting: i})
			}
		}
		if len(today) > 0 {
			sort.SliceStable(today, func(i, j int) bool { return today[i].Start.Before(today[j].Start) })
			if !yield(today) {
				return
			}
		}
		day = day.AddDays(1)
	}
}

// Times returns the start and end of meeting m held on day d in loc. An overnight meeting
// ends on the next day.
func Times(m site.Meeting, d civil.Date, loc *time.Location) (start, end time.Time) {
	start = d.At(m.Start, loc)
	endDay := d
	if m.Overnight || m.End.Minutes() <= m.Start.Minutes() {
		endDay = d.AddDays(1)
	}
	return start, endDay.At(m.End, loc)
}

// OnWeek reports whether day d falls in one of the weeks of its month listed in weeks (1-5 for
// the nth weekday, -1 for the last); an empty list means every week.
func OnWeek(d civil.Date, weeks []int) bool {
	if len(weeks) == 0 {
		return true
	}
	nth := (d.Day-1)/7 + 1
	last := d.AddDays(7).Month != d.Month
	for _, w := range weeks {
		if w == nth || (w == -1 && last) {
			return true
		}
	}
	return false
}

// TimeOfDay returns the part of the day in which a meeting starting at c falls, as the finder
// filters them: "morning" before 12:00, "afternoon" from 12:00 to before 17:00, "evening" from
// 17:00.
func TimeOfDay(c civil.Clock) string {
	switch {
	case c.Hour < 12:
		return "morning"
	case c.Minutes() <= 17*60:
		// site.md: afternoon is 12:00–17:00, evening after 17:00, so 17:00 is afternoon.
		return "afternoon"
	}
	return "evening"
}

// Describe returns meeting m of a group whose zone is loc in the words of catalogue w:
// "Every Tuesday, 6:30–8:00 pm Mountain Time", "First and third Wednesday, 7:00–8:30 pm
// MST", "Cada martes, 6:30–8:00 p. m., hora de la montaña". The zone is named as its users
// say it across the year (see words.Catalog.Zone), for year. Pages, feeds and calendars all
// describe meetings with it.
func Describe(m site.Meeting, loc *time.Location, w *words.Catalog, year int) string {
	day := w.Weekday(m.Day)
	days := w.T("schedule.every", "day", day)
	if len(m.Weeks) > 0 {
		days = w.T("schedule.weeks", "weeks", Weeks(m.Weeks, w), "day", day)
	}
	return words.Capitalize(w.T("schedule.line", "days", days, "times", w.ClockRange(m.Start, m.End), "zone", w.Zone(loc, year)))
}

// Weeks returns weeks of the month in words: "first and third", "last".
func Weeks(weeks []int, w *words.Catalog) string {
	names := make([]string, len(weeks))
	for i, n := range weeks {
		if n < 1 || n > 5 {
			names[i] = w.T("week.last")
		} else {
			names[i] = w.T("week." + strconv.Itoa(n))
		}
	}
	return w.List(names)
}
