package render

import (
	"html/template"
	"net/url"
	"slices"
	"strings"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/ics"
	"sitegen/internal/schedule"
	"sitegen/internal/site"
	"sitegen/internal/words"
)

// What a group's page lets a visitor do, as links the page writes: every one works without
// script, and those that lead to another site (a map, a calendar service) are only links, which
// the visitor may follow; the page itself loads nothing from them.

// directions are the ways to get to a group's place.
type directions struct {
	// App is a geo: URI (RFC 5870), which phones open in their maps app: the place's
	// coordinates, or, without them, its address as a query (geo:0,0?q=…, as Android reads it).
	App template.URL
	// Web is OpenStreetMap's directions to the place, for a computer without a maps app.
	Web string
	// Map is OpenStreetMap's map of the place.
	Map string
}

// directionsTo returns the ways to get to p, named name.
func directionsTo(p *site.Place) *directions {
	if p == nil {
		return nil
	}
	address := strings.Join(nonEmpty(p.Street, p.City, strings.TrimSpace(p.State+" "+p.PostalCode)), ", ")
	d := &directions{Map: mapURL(p)}
	if p.HasCoords {
		at := strconvFloat(p.Lat) + "," + strconvFloat(p.Lon)
		label := cmpOr(p.Name, address)
		d.App = template.URL("geo:" + at + "?q=" + at + "(" + uriEscape(label) + ")")
		d.Web = "https://www.openstreetmap.org/directions?to=" + url.QueryEscape(at)
		return d
	}
	if address == "" {
		return nil
	}
	d.App = template.URL("geo:0,0?q=" + uriEscape(address))
	d.Web = "https://www.openstreetmap.org/directions?to=" + url.QueryEscape(address)
	return d
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// uriEscape escapes s for a query of a geo:, mailto: or similar URI: every byte but
// unreserved characters percent-encoded, spaces as %20 (which mail and maps apps read, unlike
// "+"). The result is safe in an href.
func uriEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// calendarLink is a way to add one of a group's meetings to a calendar service.
type calendarLink struct {
	Meeting string // the meeting in words, when the group has several
	// Skips are the dates to come on which the meeting does not take place, in words:
	// Google's address cannot leave them out of its recurrence, so the page and the
	// event's details say them.
	Skips   string
	Google  string // Google Calendar's event template, recurring
	Outlook string // Outlook on the web's new event: its next meeting only
}

// calendarLinks returns, for each meeting of g, links that open a calendar service with the
// meeting filled in: Google's with its recurrence (RRULE), Outlook's with its next date
// (Outlook's address cannot carry a recurrence). The group's .ics file, which the page links
// first, carries every meeting with its skipped dates.
func (r *renderer) calendarLinks(l *lang, g *site.Group, schedules []string) []calendarLink {
	loc := g.Location
	if loc == nil {
		loc = time.UTC
	}
	w := l.w
	page := r.s.URL(r.s.In(l.code, g.Path()))
	where := calendarWhere(g, w)
	first := map[int]schedule.Occurrence{}
	for _, o := range schedule.Next(g, r.s.Now.In(loc), 8*len(g.Meetings)) {
		if _, ok := first[o.Meeting]; !ok {
			first[o.Meeting] = o
		}
	}
	var out []calendarLink
	for i, m := range g.Meetings {
		o, ok := first[i]
		if !ok {
			continue
		}
		details := w.T("cal.details", "schedule", schedules[i], "url", page)
		var skips []string
		for _, d := range slices.SortedFunc(slices.Values(g.Skip), civil.Date.Compare) {
			if !d.Before(civil.DateOf(o.Start)) && d.Weekday() == m.Day && schedule.OnWeek(d, m.Weeks) {
				skips = append(skips, w.Date(d))
			}
		}
		skipped := w.List(skips)
		if skipped != "" {
			details += " " + w.T("cal.skips", "dates", skipped)
		}
		c := calendarLink{
			Skips: skipped,
			Google: query("https://calendar.google.com/calendar/render",
				"action", "TEMPLATE",
				"text", g.Name,
				"dates", o.Start.Format("20060102T150405")+"/"+o.End.Format("20060102T150405"),
				"ctz", loc.String(),
				"details", details,
				"location", where,
				"recur", "RRULE:"+ics.RRule(m)),
			Outlook: query("https://outlook.live.com/calendar/0/deeplink/compose",
				"path", "/calendar/action/compose",
				"rru", "addevent",
				"subject", g.Name,
				"startdt", o.Start.Format(time.RFC3339),
				"enddt", o.End.Format(time.RFC3339),
				"location", where,
				"body", details),
		}
		if len(g.Meetings) > 1 {
			c.Meeting = schedules[i]
		}
		out = append(out, c)
	}
	return out
}

// query returns base with the query of the names and values kv, in order, each escaped with
// spaces as %20: a "+" would be written &#43; in the page, five bytes for every space.
func query(base string, kv ...string) string {
	var b strings.Builder
	b.WriteString(base)
	for i := 0; i+1 < len(kv); i += 2 {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(uriEscape(kv[i]))
		b.WriteByte('=')
		b.WriteString(uriEscape(kv[i+1]))
	}
	return b.String()
}

// calendarWhere is where a meeting is, as a calendar event's location: the address, or
// "Online".
func calendarWhere(g *site.Group, w *words.Catalog) string {
	if p := g.Place; p != nil {
		return strings.Join(nonEmpty(p.Name, p.Street, p.City, strings.TrimSpace(p.State+" "+p.PostalCode)), ", ")
	}
	return w.Label("attendance", "online")
}

// reportLink returns a mailto: link that opens an e-mail to the group's affiliate (or, when the
// affiliate gives no address, to the group's contact) about a wrong listing, with the group's
// name, place and page written in, so that the visitor only has to say what is wrong. "" when
// there is no address to write to.
func (r *renderer) reportLink(l *lang, g *site.Group) template.URL {
	to := cmpOr(g.Affiliate.Email, g.Contact.Email)
	if to == "" || strings.ContainsAny(to, "?&#%") {
		return ""
	}
	w := l.w
	page := r.s.URL(r.s.In(l.code, g.Path()))
	subject := w.T("report.subject", "name", g.Name)
	body := w.T("report.body", "name", g.Name, "where", calendarWhere(g, w), "url", page)
	// RFC 6068: line breaks as %0D%0A.
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n")
	return template.URL("mailto:" + to + "?subject=" + uriEscape(subject) + "&body=" + uriEscape(body))
}
