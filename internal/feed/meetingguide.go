package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"unicode/utf8"

	"sitegen/internal/parallel"
	"sitegen/internal/schedule"
	"sitegen/internal/site"
)

// meeting is one entry of the Meeting Guide feed: one meeting of one group. Optional fields
// are left out when empty, as the format asks.
type meeting struct {
	Slug               string   `json:"slug"`
	Name               string   `json:"name"`
	Day                int      `json:"day"`
	Time               string   `json:"time"`
	EndTime            string   `json:"end_time,omitempty"`
	Timezone           string   `json:"timezone,omitempty"`
	Types              []string `json:"types,omitempty"`
	Location           string   `json:"location,omitempty"`
	FormattedAddress   string   `json:"formatted_address,omitempty"`
	Address            string   `json:"address,omitempty"`
	City               string   `json:"city,omitempty"`
	State              string   `json:"state,omitempty"`
	PostalCode         string   `json:"postal_code,omitempty"`
	Country            string   `json:"country,omitempty"`
	Latitude           *float64 `json:"latitude,omitempty"`
	Longitude          *float64 `json:"longitude,omitempty"`
	Approximate        string   `json:"approximate,omitempty"`
	ConferenceURL      string   `json:"conference_url,omitempty"`
	ConferenceURLNotes string   `json:"conference_url_notes,omitempty"`
	Notes              string   `json:"notes,omitempty"`
	Updated            string   `json:"updated,omitempty"`
	URL                string   `json:"url"`
	Entity             string   `json:"entity,omitempty"`
	EntityEmail        string   `json:"entity_email,omitempty"`
	EntityURL          string   `json:"entity_url,omitempty"`
	EntityWebsiteURL   string   `json:"entity_website_url,omitempty"`
	EntityPhone        string   `json:"entity_phone,omitempty"`
}

// appendJSON appends m as encoding/json would write it (see json.go).
func (m *meeting) appendJSON(b []byte) []byte {
	o := jsonObject{b: b}
	o.str("slug", m.Slug, false)
	o.str("name", m.Name, false)
	o.int("day", m.Day)
	o.str("time", m.Time, false)
	o.str("end_time", m.EndTime, true)
	o.str("timezone", m.Timezone, true)
	o.strings("types", m.Types)
	o.str("location", m.Location, true)
	o.str("formatted_address", m.FormattedAddress, true)
	o.str("address", m.Address, true)
	o.str("city", m.City, true)
	o.str("state", m.State, true)
	o.str("postal_code", m.PostalCode, true)
	o.str("country", m.Country, true)
	o.float("latitude", m.Latitude)
	o.float("longitude", m.Longitude)
	o.str("approximate", m.Approximate, true)
	o.str("conference_url", m.ConferenceURL, true)
	o.str("conference_url_notes", m.ConferenceURLNotes, true)
	o.str("notes", m.Notes, true)
	o.str("updated", m.Updated, true)
	o.str("url", m.URL, false)
	o.str("entity", m.Entity, true)
	o.str("entity_email", m.EntityEmail, true)
	o.str("entity_url", m.EntityURL, true)
	o.str("entity_website_url", m.EntityWebsiteURL, true)
	o.str("entity_phone", m.EntityPhone, true)
	return o.close()
}

// Limits and patterns of the Meeting Guide schema (meeting.schema.json). Addresses are
// published in full as written, accents and all: the format's README asks for the street
// address, and consumers geocode and show it (see testdata/reference/tsml-ui/README.md).
const (
	mgSlugMax = 64
	mgNameMax = 255
)

var (
	mgState      = regexp.MustCompile(`^[A-Z]{2}$`)
	mgPostalCode = regexp.MustCompile(`^[0-9]{5}$`)
	zipPlus4     = regexp.MustCompile(`^[0-9]{5}-[0-9]{4}$`)
)

// mgLanguage returns the Meeting Guide type code for a group's language (a BCP 47 tag), or ""
// when the format has none. Only codes that both types.json and meeting-type.schema.json list
// are returned.
func mgLanguage(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	switch lang {
	case "en":
		return "EN"
	case "es":
		return "S"
	case "am":
		return "AM"
	case "ase":
		return "ASL"
	case "da":
		return "DA"
	case "de":
		return "DE"
	case "el":
		return "EL"
	case "fa":
		return "FA"
	case "fr":
		return "FR"
	case "he":
		return "HE"
	case "hi":
		return "HI"
	case "hr":
		return "HR"
	case "hu":
		return "HU"
	case "it":
		return "ITA"
	case "ja":
		return "JA"
	case "ko":
		return "KOR"
	case "lt":
		return "LT"
	case "ml":
		return "ML"
	case "nb", "no":
		return "NO"
	case "pa":
		return "PUN"
	case "pl":
		return "POL"
	case "pt":
		return "POR"
	case "ru":
		return "RUS"
	case "sk":
		return "SK"
	case "sv":
		return "SV"
	case "th":
		return "TH"
	case "fil", "tl":
		return "TL"
	case "tr":
		return "TUR"
	case "uk":
		return "UK"
	}
	return ""
}

// mgAudience returns the Meeting Guide type code for a group's audience, or "" when the format
// has none (veterans).
func mgAudience(a string) string {
	switch a {
	case "young-adults":
		return "Y"
	case "women":
		return "W"
	case "men":
		return "M"
	case "lgbtq":
		return "LGBTQ"
	case "bipoc":
		return "POC"
	case "seniors":
		return "SEN"
	}
	return ""
}

// MeetingGuide returns /api/groups.json: every group of s in the Meeting Guide format, a flat
// JSON array with one entry per meeting (the format has one day and time per entry). A group's
// first meeting has the slug "AFFILIATE-SLUG", its others "AFFILIATE-SLUG-2" and so on; a slug
// that would clash or exceed 64 characters gets a short hash of the meeting's identity. Entries
// come in the order of the groups' IDs, then of their meetings.
//
// What consumers need, checked against TSML UI's code and the format's README: an in-person or
// hybrid entry carries its full address in address, city, state, postal_code and
// formatted_address with approximate "no" (TSML UI otherwise takes an address of fewer than
// four parts for an approximate one and shows the meeting as inactive); an online-only entry
// carries its affiliate's state and the country with approximate "yes", so that apps can place
// it (TSML UI drops an entry without any address); the notes say in words what the format
// cannot: weeks of the month, skip dates, a first meeting still to come, a pause, and how to
// ask for a join link that is not published (consumers drop conference_url_notes when there
// is no conference_url).
func MeetingGuide(s *site.Site) ([]byte, error) {
	groups := slices.Clone(s.Groups)
	slices.SortStableFunc(groups, func(a, b *site.Group) int { return strings.Compare(a.ID, b.ID) })
	type slot struct {
		m     meeting
		owner string // group ID and meeting number, for messages and suffixes
		first bool
	}
	// Each group's entries are made on every processor; slugs are then claimed in order.
	first := make([]int, len(groups)+1) // first[i]: the slot of group i's first meeting
	for i, g := range groups {
		first[i+1] = first[i] + len(g.Meetings)
	}
	slots := make([]*slot, first[len(groups)])
	parallel.Ranges(len(groups), runtime.GOMAXPROCS(0), func(_, lo, hi int) error {
		for gi := lo; gi < hi; gi++ {
			g := groups[gi]
			for i := range g.Meetings {
				slots[first[gi]+i] = &slot{mgMeeting(s, g, i), fmt.Sprintf("%s#%d", g.ID, i+1), i == 0}
			}
		}
		return nil
	})
	// Slugs are claimed first by the groups' first meetings, then by their other meetings, so
	// that a group's own slug never depends on how many meetings another group has: when the
	// second meeting of "x" and the group "x-2" both want "AFF-x-2", the group keeps it and the
	// meeting gets a suffix derived from its identity, as stable as the IDs.
	used := make(map[string]string)
	for _, firstPass := range []bool{true, false} {
		for _, sl := range slots {
			if sl.first != firstPass {
				continue
			}
			if _, taken := used[sl.m.Slug]; taken {
				sl.m.Slug = shortSlug(sl.m.Slug+"-"+hashOf(sl.owner)[:6], sl.owner)
			}
			if other, taken := used[sl.m.Slug]; taken {
				return nil, fmt.Errorf("meeting guide: slug %q of %s is also that of %s", sl.m.Slug, sl.owner, other)
			}
			used[sl.m.Slug] = sl.owner
		}
	}
	return marshalEach(len(slots), func(b []byte, i int) ([]byte, error) { return slots[i].m.appendJSON(b), nil })
}

// marshalEach writes n values as a JSON list with one value on each line, appendOne(b, i)
// appending value i, on every processor: a national feed is tens of megabytes, and encoding
// the whole list at once would hold it several times over (compact, indented, grown by
// doubling).
func marshalEach(n int, appendOne func(b []byte, i int) ([]byte, error)) ([]byte, error) {
	if n == 0 {
		return []byte("[]\n"), nil
	}
	parts := make([][]byte, runtime.GOMAXPROCS(0)+2)
	parts[0], parts[len(parts)-1] = []byte("[\n"), []byte("]\n")
	err := parallel.Ranges(n, runtime.GOMAXPROCS(0), func(w, lo, hi int) error {
		var b []byte
		for i := lo; i < hi; i++ {
			if i == lo+1 {
				b = slices.Grow(b, len(b)*(hi-lo)*9/8) // entries are much alike
			}
			b = append(b, "  "...)
			var err error
			if b, err = appendOne(b, i); err != nil {
				return err
			}
			if i < n-1 {
				b = append(b, ',')
			}
			b = append(b, '\n')
		}
		parts[w+1] = b
		return nil
	})
	if err != nil {
		return nil, err
	}
	return slices.Concat(parts...), nil
}

// mgMeeting returns the entry for meeting i of g.
func mgMeeting(s *site.Site, g *site.Group, i int) meeting {
	mt := g.Meetings[i]
	loc := zoneOf(s, g.Location)
	slug := strings.ReplaceAll(g.ID, "/", "-")
	if i > 0 {
		slug += fmt.Sprintf("-%d", i+1)
	}
	m := meeting{
		Slug:     shortSlug(slug, g.ID),
		Name:     truncateRunes(g.Name, mgNameMax),
		Day:      int(mt.Day),
		Time:     mt.Start.String(),
		EndTime:  mt.End.String(),
		Timezone: loc.String(),
		Types:    mgTypes(g),
		URL:      groupURL(s, g),
	}
	if !g.Verified.IsZero() {
		m.Updated = g.Verified.String() + " 00:00:00"
	}
	if a := g.Affiliate; a != nil {
		m.Entity = a.Name
		m.EntityEmail = a.Email
		if isWebURL(a.Website) {
			// The README names entity_website_url; TSML UI reads entity_url.
			m.EntityURL = a.Website
			m.EntityWebsiteURL = a.Website
		}
		m.EntityPhone = a.Phone
	}

	w := siteWords(s)
	var notes []string
	if g.Paused() {
		notes = append(notes, w.T("feed.paused"))
	}
	if len(mt.Weeks) > 0 {
		notes = append(notes, w.T("feed.weeks", "weeks", schedule.Weeks(mt.Weeks, w), "day", w.Weekday(mt.Day)))
	}
	if !g.Starts.IsZero() && g.Starts.After(s.Now) {
		notes = append(notes, w.T("feed.first-meeting", "date", w.LongDate(g.Starts)))
	}
	for _, d := range g.Skip {
		if !d.Before(s.Now) && d.Weekday() == mt.Day && schedule.OnWeek(d, mt.Weeks) {
			notes = append(notes, w.T("feed.no-meeting", "date", w.LongDate(d)))
		}
	}

	if p := g.Place; p != nil {
		m.Location = p.Name
		m.Address = strings.TrimSpace(p.Street)
		m.City = strings.TrimSpace(p.City)
		if st := strings.ToUpper(strings.TrimSpace(p.State)); mgState.MatchString(st) {
			m.State = st
		}
		postal := strings.TrimSpace(p.PostalCode)
		if zipPlus4.MatchString(postal) {
			postal = postal[:5]
		}
		if mgPostalCode.MatchString(postal) {
			m.PostalCode = postal
		}
		m.Country = "US"
		m.FormattedAddress = formattedAddress(p)
		m.Approximate = "yes"
		if m.Address != "" {
			m.Approximate = "no"
		}
		if p.HasCoords {
			lat, lon := p.Lat, p.Lon
			m.Latitude, m.Longitude = &lat, &lon
		}
	} else if a := g.Affiliate; a != nil && mgState.MatchString(a.State) {
		// Online only: where the group comes from, as the format's README asks of online
		// meetings, so that apps that list meetings near someone can place it.
		m.State = a.State
		m.Country = "US"
		m.Approximate = "yes"
	}

	if o := g.Online; o != nil {
		public := o.LinkPublic && isWebURL(o.JoinURL)
		// A paused group is never shown as meeting: without a join link, consumers show it as
		// inactive (TSML UI shows an entry with a link as an active online meeting, TC or not).
		if public && !g.Paused() {
			m.ConferenceURL = o.JoinURL
		}
		m.ConferenceURLNotes = conferenceNotes(s, g, o, public)
		if !public && !g.Paused() {
			notes = append(notes, joinNotes(s, g, o))
		}
	}

	if n := plainText(s, g.TextIn(s.Language, "notes")); n != "" {
		notes = append(notes, n)
	}
	m.Notes = strings.Join(notes, "\n")
	return m
}

// mgTypes returns the Meeting Guide type codes that fit g, sorted.
func mgTypes(g *site.Group) []string {
	var types []string
	if c := mgLanguage(g.Language); c != "" {
		types = append(types, c)
	}
	for _, a := range g.Audience {
		if c := mgAudience(a); c != "" {
			types = append(types, c)
		}
	}
	if g.Place != nil && g.Place.Accessible != nil && *g.Place.Accessible {
		types = append(types, "X")
	}
	if g.Paused() {
		types = append(types, "TC")
	}
	slices.Sort(types)
	return slices.Compact(types)
}

// conferenceNotes says how to join g online: the platform and instructions, and, when the
// link is not public, whom to ask for it.
func conferenceNotes(s *site.Site, g *site.Group, o *site.Online, public bool) string {
	w := siteWords(s)
	var parts []string
	if o.Platform != "" {
		parts = append(parts, w.T("feed.platform", "platform", o.Platform))
	}
	if !public {
		parts = append(parts, askForLink(s, g))
	}
	if in := plainText(s, g.TextIn(s.Language, "instructions")); in != "" {
		parts = append(parts, in)
	}
	return strings.Join(parts, "\n")
}

// askForLink says that g's join link is not published and whom to ask for it.
func askForLink(s *site.Site, g *site.Group) string {
	c := g.ContactOrAffiliate()
	var ways []string
	for _, w := range []string{c.Email, c.Phone} {
		if w != "" {
			ways = append(ways, w)
		}
	}
	w := siteWords(s)
	if len(ways) > 0 {
		return w.T("feed.ask-link-ways", "ways", strings.Join(ways, ", "))
	}
	return w.T("feed.ask-link")
}

// joinNotes is the line of the notes that says how to join g online when its link is not
// published: consumers drop conference_url_notes without a conference_url, so the notes
// repeat it. "Online (Zoom): the link is not published: ask the group for it (a@b.org)."
func joinNotes(s *site.Site, g *site.Group, o *site.Online) string {
	w := siteWords(s)
	on := w.Label("attendance", "online")
	if o.Platform != "" {
		on += " (" + o.Platform + ")"
	}
	ask := askForLink(s, g)
	return w.T("feed.online-how", "online", on, "how", strings.ToLower(ask[:1])+ask[1:])
}

// fullAddress returns p's address on one line as written: "12 Elm St., Suite 3, Akron, OH 44301".
func fullAddress(p *site.Place) string {
	var parts []string
	for _, v := range []string{p.Street, p.City, strings.TrimSpace(p.State + " " + p.PostalCode)} {
		if v = strings.TrimSpace(v); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, ", ")
}

// formattedAddress returns p's address as the format's formatted_address has it:
// "3601 S 6th Ave, Tucson, AZ 85713, USA".
func formattedAddress(p *site.Place) string {
	if a := fullAddress(p); a != "" {
		return a + ", USA"
	}
	return ""
}

// shortSlug returns slug, or, when it is longer than the format allows, its beginning followed
// by a hash of identity, so that long slugs stay unique and stable.
func shortSlug(slug, identity string) string {
	if len(slug) <= mgSlugMax {
		return slug
	}
	h := hashOf(identity + "|" + slug)[:8]
	return strings.TrimRight(slug[:mgSlugMax-len(h)-1], "-") + "-" + h
}

// isWebURL reports whether u is an absolute http or https address, as the format's "uri"
// fields need.
func isWebURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != ""
}

// hashOf returns the hexadecimal SHA-256 of s.
func hashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// truncateRunes returns s cut to at most n characters, ending in "…" when cut.
func truncateRunes(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// marshalJSON encodes v as indented JSON ending in a newline. encoding/json escapes <, > and &
// in strings, which keeps the output safe inside an HTML script element.
func marshalJSON(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
