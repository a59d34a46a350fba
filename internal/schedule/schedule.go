// Package schedule turns a group's meetings into words and dates.
package schedule

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/site"
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
	if n <= 0 || g.Paused() || len(g.Meetings) == 0 {
		return nil
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
	var out []Occurrence
	for range searchDays {
		var today []Occurrence
		for i, m := range g.Meetings {
			if m.Day != day.Weekday() || !OnWeek(day, m.Weeks) || skip[day] {
				continue
			}
			start, end := Times(m, day, loc)
			if end.After(from) {
				today = append(today, Occurrence{Start: start, End: end, Meeting: i})
			}
		}
		sort.SliceStable(today, func(i, j int) bool { return today[i].Start.Before(today[j].Start) })
		out = append(out, today...)
		if len(out) >= n {
			return out[:n]
		}
		day = day.AddDays(1)
	}
	return out
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

// Describe returns meeting m's schedule in words, in English ("Every Tuesday, 6:30–8:00 pm
// Mountain Time") or Spanish ("Todos los martes, 18:30–20:00 hora de la Montaña"); other
// languages get English. A schedule holds all year, so the zone is named as [ZoneWords] says it
// in ref's year: never by one season's abbreviation in a zone that changes ("MST" in Denver is
// wrong from March to November), but "MST" in Arizona, which keeps it all year.
func Describe(m site.Meeting, loc *time.Location, lang string, ref time.Time) string {
	if loc == nil {
		loc = time.UTC
	}
	zone := ZoneWords(loc, lang, ref.In(loc).Year())
	if primary(lang) == "es" {
		return fmt.Sprintf("%s, %s–%s %s", daysES(m), clock24(m.Start), clock24(m.End), zone)
	}
	return fmt.Sprintf("%s, %s %s", daysEN(m), rangeEN(m.Start, m.End), zone)
}

// primary returns the primary subtag of a BCP 47 language tag, lowercased.
func primary(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang)
}

func ordinalEN(n int) string {
	switch n {
	case 1:
		return "first"
	case 2:
		return "second"
	case 3:
		return "third"
	case 4:
		return "fourth"
	case 5:
		return "fifth"
	}
	return "last"
}

func ordinalES(n int) string {
	switch n {
	case 1:
		return "primer"
	case 2:
		return "segundo"
	case 3:
		return "tercer"
	case 4:
		return "cuarto"
	case 5:
		return "quinto"
	}
	return "último"
}

// dayES returns the Spanish name of d, plural when many is true.
func dayES(d time.Weekday, many bool) string {
	name := [...]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}[d]
	if many && (d == time.Saturday || d == time.Sunday) {
		name += "s"
	}
	return name
}

func daysEN(m site.Meeting) string {
	if len(m.Weeks) == 0 {
		return "Every " + m.Day.String()
	}
	return capitalize(list(m.Weeks, ordinalEN, "and")) + " " + m.Day.String()
}

func daysES(m site.Meeting) string {
	if len(m.Weeks) == 0 {
		return "Todos los " + dayES(m.Day, true)
	}
	return capitalize(list(m.Weeks, ordinalES, "y")) + " " + dayES(m.Day, false)
}

// list joins the ordinal words of weeks as "first, third and last".
func list(weeks []int, word func(int) string, and string) string {
	w := make([]string, len(weeks))
	for i, n := range weeks {
		w[i] = word(n)
	}
	if len(w) == 1 {
		return w[0]
	}
	return strings.Join(w[:len(w)-1], ", ") + " " + and + " " + w[len(w)-1]
}

func capitalize(s string) string {
	for i := range s {
		if i > 0 {
			return strings.ToUpper(s[:i]) + s[i:]
		}
	}
	return strings.ToUpper(s)
}

// rangeEN writes "6:30–8:00 pm", or "11:00 am–12:30 pm" when the ends differ in am/pm.
func rangeEN(a, b civil.Clock) string {
	ha, pa := clock12(a)
	hb, pb := clock12(b)
	if pa == pb {
		return ha + "–" + hb + " " + pb
	}
	return ha + " " + pa + "–" + hb + " " + pb
}

func clock12(c civil.Clock) (string, string) {
	suffix := "am"
	if c.Hour >= 12 {
		suffix = "pm"
	}
	h := c.Hour % 12
	if h == 0 {
		h = 12
	}
	return fmt.Sprintf("%d:%02d", h, c.Minute), suffix
}

func clock24(c civil.Clock) string { return fmt.Sprintf("%d:%02d", c.Hour, c.Minute) }
