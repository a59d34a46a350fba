package ics

import (
	"fmt"
	"io"
	"strings"

	"sitegen/internal/site"
	"sitegen/internal/words"
)

// Trainings writes the trainings ts as a calendar, one VEVENT each, in the order given (the
// caller passes the upcoming published ones). A training without daily hours is an all-day
// event from its start to its end date; one with daily hours repeats daily at those hours.
// Cancelled trainings have STATUS:CANCELLED and postponed ones STATUS:TENTATIVE, so that
// subscribed calendars update rather than lose them silently.
//
// The calendar's words are in lang, the language of the pages that link it.
func Trainings(w io.Writer, s *site.Site, ts []*site.Training, lang string) error {
	words := s.Words(lang)
	c := newCalendar(words.T("ics.trainings-name", "site", s.TitleFor(lang)))
	base := host(s.BaseURL)
	for _, t := range ts {
		page := s.URL(s.In(lang, t.Path()))
		e := c.begin()
		e.prop("UID", "training-"+t.Slug+"@"+base)
		e.prop("DTSTAMP", stamp(s.Now)) // when the file was made, not when the training is
		e.prop("SEQUENCE", sequence(s.Now))
		if t.Daily == nil {
			e.prop("DTSTART;VALUE=DATE", dateValue(t.Start))
			e.prop("DTEND;VALUE=DATE", dateValue(t.End.AddDays(1)))
		} else {
			loc := t.Location
			if loc == nil {
				loc = s.Location
			}
			tzid := c.use(loc, t.Start.Year)
			endDay := t.Start
			if t.Daily.End.Minutes() <= t.Daily.Start.Minutes() {
				endDay = endDay.AddDays(1)
			}
			e.prop("DTSTART;TZID="+tzid, localTime(t.Start, t.Daily.Start))
			e.prop("DTEND;TZID="+tzid, localTime(endDay, t.Daily.End))
			if days := t.End.DaysSince(t.Start) + 1; days > 1 {
				e.prop("RRULE", fmt.Sprintf("FREQ=DAILY;COUNT=%d", days))
			}
		}
		e.text("SUMMARY", t.Title)
		e.text("LOCATION", trainingLocation(t, words))
		if t.Place != nil && t.Place.HasCoords {
			e.prop("GEO", fmt.Sprintf("%.6f;%.6f", t.Place.Lat, t.Place.Lon))
		}
		e.text("DESCRIPTION", trainingDescription(t, words, page))
		e.prop("URL", page)
		e.prop("STATUS", trainingStatus(t.Status))
		e.end()
	}
	if len(ts) == 0 && s.Location != nil {
		// RFC 5545 wants at least one component in a calendar: the time zone is one.
		c.use(s.Location, s.Now.Year)
	}
	return c.writeTo(w)
}

func trainingStatus(status string) string {
	switch status {
	case "cancelled":
		return "CANCELLED"
	case "postponed":
		return "TENTATIVE"
	}
	return "CONFIRMED"
}

func trainingLocation(t *site.Training, w *words.Catalog) string {
	if p := t.Place; p != nil {
		return placeText(p.Name, p.Street, p.City, p.State, p.PostalCode)
	}
	return w.Label("attendance", "online")
}

// trainingDescription is the event's text: its state, its host, how to apply, the page.
func trainingDescription(t *site.Training, w *words.Catalog, page string) string {
	var lines []string
	if t.Status != "open" {
		lines = append(lines, w.Label("training-status", t.Status))
	}
	if t.Host != nil {
		lines = append(lines, w.T("feed.hosted-by", "host", t.Host.Name))
	}
	if a := t.Application; a != nil {
		if !a.Deadline.IsZero() {
			lines = append(lines, w.T("feed.apply-by", "date", w.Date(a.Deadline)))
		}
		if how := joinNonEmpty(", ", a.URL, a.Contact); how != "" {
			lines = append(lines, w.T("feed.apply-ways", "ways", how))
		}
	}
	lines = append(lines, page)
	return strings.Join(lines, "\n")
}
