package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

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
	Address            string   `json:"address,omitempty"`
	City               string   `json:"city,omitempty"`
	State              string   `json:"state,omitempty"`
	PostalCode         string   `json:"postal_code,omitempty"`
	Country            string   `json:"country,omitempty"`
	Latitude           *float64 `json:"latitude,omitempty"`
	Longitude          *float64 `json:"longitude,omitempty"`
	ConferenceURL      string   `json:"conference_url,omitempty"`
	ConferenceURLNotes string   `json:"conference_url_notes,omitempty"`
	Notes              string   `json:"notes,omitempty"`
	Updated            string   `json:"updated,omitempty"`
	URL                string   `json:"url"`
	Entity             string   `json:"entity,omitempty"`
	EntityEmail        string   `json:"entity_email,omitempty"`
	EntityWebsiteURL   string   `json:"entity_website_url,omitempty"`
	EntityPhone        string   `json:"entity_phone,omitempty"`
}

// Limits and patterns of the Meeting Guide schema (meeting.schema.json). Its address fields
// admit only ASCII letters, digits and single spaces; a value that does not fit even after
// [mgClean] is left out of its field and written in the notes instead, so that the entry
// still validates and nothing is lost.
const (
	mgSlugMax = 64
	mgNameMax = 255
)

var (
	mgAddress    = regexp.MustCompile(`^(?:[0-9]+\s)?[0-9]*\s?[A-Za-z]+(?:\s[A-Za-z]+)*$`)
	mgCity       = regexp.MustCompile(`^[A-Za-z]+(?:\s[A-Za-z]+)*$`)
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
// come in the order of the groups' IDs, then of their meetings. Every entry validates against
// the format's schema: a street or city that its ASCII-only patterns refuse is left out of its
// field and written in full in the notes.
func MeetingGuide(s *site.Site) ([]byte, error) {
	groups := slices.Clone(s.Groups)
	slices.SortStableFunc(groups, func(a, b *site.Group) int { return strings.Compare(a.ID, b.ID) })
	type slot struct {
		m     meeting
		owner string // group ID and meeting number, for messages and suffixes
		first bool
	}
	var slots []*slot
	for _, g := range groups {
		for i := range g.Meetings {
			slots = append(slots, &slot{mgMeeting(s, g, i), fmt.Sprintf("%s#%d", g.ID, i+1), i == 0})
		}
	}
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
	entries := make([]meeting, len(slots))
	for i, sl := range slots {
		entries[i] = sl.m
	}
	return marshalJSON(entries)
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
			m.EntityWebsiteURL = a.Website
		}
		m.EntityPhone = a.Phone
	}

	es := isSpanish(s.Language)
	var notes []string
	if g.Paused() {
		notes = append(notes, pick(es, "This group is paused: it is not meeting for now.",
			"Este grupo está en pausa: por ahora no se reúne."))
	}
	if len(mt.Weeks) > 0 {
		notes = append(notes, weeksOfMonth(mt, es))
	}
	if !g.Starts.IsZero() && g.Starts.After(s.Now) {
		notes = append(notes, pick(es, "First meeting: ", "Primera reunión: ")+g.Starts.String()+".")
	}
	for _, d := range g.Skip {
		if !d.Before(s.Now) && d.Weekday() == mt.Day {
			notes = append(notes, pick(es, "No meeting on ", "No hay reunión el ")+d.String()+".")
		}
	}

	if p := g.Place; p != nil {
		m.Location = p.Name
		m.Country = "US"
		var left bool // some part of the address did not fit its field
		m.Address, left = fitField(mgClean(p.Street), mgAddress, p.Street != "")
		var l bool
		m.City, l = fitField(mgClean(p.City), mgCity, p.City != "")
		left = left || l
		m.State, l = fitField(strings.ToUpper(strings.TrimSpace(p.State)), mgState, p.State != "")
		left = left || l
		postal := strings.TrimSpace(p.PostalCode)
		if zipPlus4.MatchString(postal) {
			postal = postal[:5]
		}
		m.PostalCode, l = fitField(postal, mgPostalCode, p.PostalCode != "")
		left = left || l
		if left {
			notes = append(notes, pick(es, "Address: ", "Dirección: ")+fullAddress(p))
		}
		if p.HasCoords {
			lat, lon := p.Lat, p.Lon
			m.Latitude, m.Longitude = &lat, &lon
		}
	}

	if o := g.Online; o != nil {
		if o.LinkPublic && isWebURL(o.JoinURL) {
			m.ConferenceURL = o.JoinURL
		}
		m.ConferenceURLNotes = conferenceNotes(g, o, m.ConferenceURL != "", es)
	}

	if n := plainText(g.Notes); n != "" {
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
func conferenceNotes(g *site.Group, o *site.Online, public, es bool) string {
	var parts []string
	if o.Platform != "" {
		parts = append(parts, pick(es, "Platform: ", "Plataforma: ")+o.Platform+".")
	}
	if !public {
		c := g.ContactOrAffiliate()
		var ways []string
		for _, w := range []string{c.Email, c.Phone} {
			if w != "" {
				ways = append(ways, w)
			}
		}
		ask := pick(es, "The link is not published: ask the group for it", "El enlace no se publica: pídalo al grupo")
		if len(ways) > 0 {
			ask += " (" + strings.Join(ways, ", ") + ")"
		}
		parts = append(parts, ask+".")
	}
	if in := plainText(o.Instructions); in != "" {
		parts = append(parts, in)
	}
	return strings.Join(parts, "\n")
}

// weeksOfMonth returns the weeks of a monthly meeting in words: "First and third Wednesday of
// the month.", or in Spanish "El primer y tercer miércoles del mes.".
func weeksOfMonth(m site.Meeting, es bool) string {
	words := make([]string, len(m.Weeks))
	for i, w := range m.Weeks {
		words[i] = ordinal(w, es)
	}
	list := words[0]
	if n := len(words); n > 1 {
		list = strings.Join(words[:n-1], ", ") + pick(es, " and ", " y ") + words[n-1]
	}
	if es {
		return "El " + list + " " + dayES(m.Day) + " del mes."
	}
	return strings.ToUpper(list[:1]) + list[1:] + " " + m.Day.String() + " of the month."
}

// dayES returns the Spanish name of d.
func dayES(d time.Weekday) string {
	return [...]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}[d]
}

// ordinal names week w of a month (1-5, -1 for the last).
func ordinal(w int, es bool) string {
	en := [...]string{"", "first", "second", "third", "fourth", "fifth"}
	sp := [...]string{"", "primer", "segundo", "tercer", "cuarto", "quinto"}
	if w < 1 || w > 5 {
		return pick(es, "last", "último")
	}
	return pick(es, en[w], sp[w])
}

// pick returns es when es is true, else en.
func pick(spanish bool, en, es string) string {
	if spanish {
		return es
	}
	return en
}

// mgClean prepares a street or city for the format's ASCII-only patterns: accents and periods
// go ("N. Main St." becomes "N Main St"), runs of spaces become one.
func mgClean(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(foldToASCII(s), ".", " ")), " ")
}

// fitField returns v when it matches re; otherwise "" and whether a given value was left out.
func fitField(v string, re *regexp.Regexp, given bool) (string, bool) {
	if v != "" && re.MatchString(v) {
		return v, false
	}
	return "", given
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
	r := []rune(s)
	if len(r) <= n {
		return s
	}
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
