package ics

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"sitegen/internal/civil"
	"sitegen/internal/schedule"
	"sitegen/internal/site"
	"sitegen/internal/words"
)

// Group writes g's meetings as a calendar: one recurring VEVENT per meeting, starting on the
// first meeting day on or after the later of g's verified and start dates, with an RRULE for
// its weekday and weeks and an EXDATE for every skip date it would otherwise fall on.
//
// A paused group is never shown as meeting: its calendar has no event, so subscribed clients
// drop the meetings they had, and its name and description say that the group is paused
// ("Mesa Connection (paused)"), so that a reader sees why it is empty.
//
// DTSTAMP is the build date, s.Now: when the file was made; SEQUENCE counts its days (see
// sequence), and the UID is the group's identity (see meetingUID). The calendar's words are in
// lang, the language of the page that links it.
func Group(w io.Writer, s *site.Site, g *site.Group, lang string) error {
	return (*Timezones)(nil).Group(w, s, g, lang)
}

// Group is [Group] taking the calendar's VTIMEZONE blocks from tz.
func (tz *Timezones) Group(w io.Writer, s *site.Site, g *site.Group, lang string) error {
	words := s.Words(lang)
	page := s.URL(s.In(lang, g.Path()))
	name := g.Name
	if g.Paused() {
		name = words.T("ics.paused-name", "name", g.Name)
	}
	c := newCalendar(name)
	c.tz = tz
	if g.Paused() {
		c.describe(words.T("ics.paused-description", "url", page))
	}
	loc := g.Location
	if loc == nil {
		loc = s.Location
	}
	anchor := g.Verified
	if anchor.IsZero() || g.Starts.After(anchor) {
		anchor = g.Starts
	}
	if anchor.IsZero() {
		anchor = s.Now
	}
	writeLine(&c.head, "X-WR-TIMEZONE:"+loc.String())
	if g.Paused() || len(g.Meetings) == 0 {
		// RFC 5545 wants at least one component in a calendar: the time zone is one.
		c.use(loc, anchor.Year)
		return c.writeTo(w)
	}
	skip := slices.Clone(g.Skip)
	slices.SortFunc(skip, civil.Date.Compare)
	base := host(s.BaseURL)
	for i, m := range g.Meetings {
		first, ok := firstDay(m, anchor)
		if !ok {
			continue // no such day in two years: nothing to promise
		}
		tzid := c.use(loc, first.Year)
		endDay := first
		if m.Overnight || m.End.Minutes() <= m.Start.Minutes() {
			endDay = first.AddDays(1)
		}
		e := c.begin()
		e.prop("UID", meetingUID(g, i, base))
		e.prop("DTSTAMP", stamp(s.Now))
		e.prop("SEQUENCE", sequence(s.Now))
		e.prop("DTSTART;TZID="+tzid, localTime(first, m.Start))
		e.prop("DTEND;TZID="+tzid, localTime(endDay, m.End))
		e.prop("RRULE", RRule(m))
		for _, d := range skip {
			if !d.Before(first) && d.Weekday() == m.Day && schedule.OnWeek(d, m.Weeks) {
				e.prop("EXDATE;TZID="+tzid, localTime(d, m.Start))
			}
		}
		e.text("SUMMARY", g.Name)
		e.text("LOCATION", groupLocation(g, words))
		if g.Place != nil && g.Place.HasCoords {
			e.prop("GEO", fmt.Sprintf("%.6f;%.6f", g.Place.Lat, g.Place.Lon))
		}
		e.text("DESCRIPTION", groupDescription(s, g, m, lang, first.Year, page))
		e.prop("URL", page)
		e.prop("STATUS", "CONFIRMED")
		e.prop("TRANSP", "OPAQUE")
		e.end()
	}
	return c.writeTo(w)
}

// firstDay returns the first day on or after from on which m takes place, skip dates
// included: an EXDATE removes those, and a DTSTART that the RRULE does not produce would be
// undefined (RFC 5545 section 3.8.5.3).
func firstDay(m site.Meeting, from civil.Date) (civil.Date, bool) {
	d := from
	for range 2 * 366 {
		if d.Weekday() == m.Day && schedule.OnWeek(d, m.Weeks) {
			return d, true
		}
		d = d.AddDays(1)
	}
	return civil.Date{}, false
}

// RRule returns the recurrence rule of m (without "RRULE:"): weekly, or monthly on given
// weeks ("1WE,3WE"). The group pages' calendar links carry it too.
func RRule(m site.Meeting) string {
	day := dayCode(m.Day)
	if len(m.Weeks) == 0 {
		return "FREQ=WEEKLY;BYDAY=" + day
	}
	parts := make([]string, len(m.Weeks))
	for i, w := range m.Weeks {
		parts[i] = fmt.Sprint(w) + day
	}
	return "FREQ=MONTHLY;BYDAY=" + strings.Join(parts, ",")
}

func groupLocation(g *site.Group, w *words.Catalog) string {
	if p := g.Place; p != nil {
		return placeText(p.Name, p.Street, p.City, p.State, p.PostalCode)
	}
	return w.Label("attendance", "online")
}

// groupDescription is the event's text, as plain text in lang: when, where or how to join,
// whom to ask, the page.
func groupDescription(s *site.Site, g *site.Group, m site.Meeting, lang string, year int, page string) string {
	w := s.Words(lang)
	lines := []string{schedule.Describe(m, g.Location, w, year)}
	if p := g.Place; p != nil {
		lines = append(lines, placeText(p.Name, p.Street, p.City, p.State, p.PostalCode))
		if d := s.PlainText(g.TextIn(lang, "directions")); d != "" {
			lines = append(lines, d)
		}
	}
	if o := g.Online; o != nil {
		on := w.Label("attendance", "online")
		if o.Platform != "" {
			on += " (" + o.Platform + ")"
		}
		if o.JoinURL != "" {
			lines = append(lines, on+": "+o.JoinURL)
		} else {
			lines = append(lines, w.T("ics.ask-link", "online", on))
		}
		if in := s.PlainText(g.TextIn(lang, "instructions")); in != "" {
			lines = append(lines, in)
		}
	}
	if c := g.ContactOrAffiliate(); c.Email != "" || c.Phone != "" {
		lines = append(lines, w.T("ics.contact", "contact", joinNonEmpty(", ", c.Email, c.Phone)))
	}
	if g.Affiliate != nil {
		lines = append(lines, g.Affiliate.Name)
	}
	lines = append(lines, page)
	return strings.Join(lines, "\n")
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// meetingUID returns the UID of the meeting at index i of g's meetings: the group's identity,
// and for every meeting after the first its place in the list ("group.nami-valley.tempe.2").
// It stays the same when the meeting's day or time changes, the commonest edit, so a
// calendar app that imported the file moves the event rather than keeping the old one beside
// the new (until 2026-12-06 the UID held the day and time). Its place does change when a
// meeting before it is removed or the meetings are reordered: an imported copy then shows the
// meeting that took the place, and keeps the last place's event until removed by hand. The
// data has no name of its own for a meeting that would avoid it. The affiliate and group
// slugs are joined by a dot, which slugs cannot hold, so that "a-b/c" and "a/b-c" never share
// one.
func meetingUID(g *site.Group, i int, host string) string {
	id := "group." + strings.Replace(g.ID, "/", ".", 1)
	if i > 0 {
		id += fmt.Sprintf(".%d", i+1)
	}
	return id + "@" + host
}
