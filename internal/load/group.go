package load

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"sitegen/internal/civil"
)

// Group is data/groups/AFFILIATE/SLUG.yaml.
type Group struct {
	Path       string
	Affiliate  string // from the folder name
	Slug       string // from the file name
	Name       string
	Program    string
	Language   string
	Status     string
	Public     *bool
	Attendance string
	Meetings   []*Meeting
	Timezone   string
	Location   *Location
	Online     *Online
	Contact    *Contact
	Audience   []string
	AudienceAt []Pos
	Notes      string
	Verified   civil.Date
	Starts     civil.Date
	Skip       []civil.Date
	SkipAt     []Pos
	// Translations hold notes, directions and online instructions in other languages.
	Translations []*Translation
	Keys         Keys
	// Failed is set when the file could not be read as a mapping; load has reported why,
	// and check skips the file's own rules so as not to report the same problem again.
	Failed bool
}

// Meeting is one entry of a group's meetings list.
type Meeting struct {
	Day       string
	Start     civil.Clock
	End       civil.Clock
	Weeks     []int
	WeeksAt   []Pos
	Overnight *bool
	Keys      Keys
}

// Location is where a group or training meets in person.
type Location struct {
	Name, Street, City, State, PostalCode string
	Lat, Lon                              *float64
	Accessible                            *bool
	Directions                            string
	Keys                                  Keys
}

// Online says how a group joins online.
type Online struct {
	Platform     string
	JoinURL      string
	LinkPublic   *bool
	Instructions string
	Keys         Keys
}

// Contact is a group's own e-mail and phone.
type Contact struct {
	Email, Phone string
	Keys         Keys
}

func (d *decoder) group(n *yaml.Node, affiliate, slug string) *Group {
	g := &Group{Path: d.path, Affiliate: affiliate, Slug: slug, Keys: Keys{}}
	g.Failed = !d.mapping(n, "the group", g.Keys,
		field{"name", d.text(&g.Name, MaxName)},
		field{"program", d.str(&g.Program)},
		field{"language", d.str(&g.Language)},
		field{"status", d.str(&g.Status)},
		field{"public", d.boolean(&g.Public)},
		field{"attendance", d.str(&g.Attendance)},
		field{"meetings", d.list(func(_ int, n *yaml.Node) {
			if m := d.meeting(n); m != nil {
				g.Meetings = append(g.Meetings, m)
			}
		})},
		field{"timezone", d.str(&g.Timezone)},
		field{"location", d.location(&g.Location)},
		field{"online", d.online(&g.Online)},
		field{"contact", d.contact(&g.Contact)},
		field{"audience", d.strings(&g.Audience, &g.AudienceAt, maxCode)},
		field{"notes", d.text(&g.Notes, MaxNotes)},
		field{"verified", d.date(&g.Verified)},
		field{"starts", d.date(&g.Starts)},
		field{"skip", d.plainList(func(_ int, n *yaml.Node) {
			var day civil.Date
			d.date(&day)(n)
			if !day.IsZero() {
				g.Skip = append(g.Skip, day)
				g.SkipAt = append(g.SkipAt, d.pos(n))
			}
		})},
		d.translation(&g.Translations, "notes", "directions", "instructions"),
	)
	return g
}

// weekWords are the weeks of a month as editors write them in words, with their numbers.
var weekWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1,
	"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
	"primero": 1, "primer": 1, "segundo": 2, "tercero": 3, "tercer": 3, "cuarto": 4, "quinto": 5, "último": -1, "ultimo": -1,
}

func (d *decoder) meeting(n *yaml.Node) *Meeting {
	m := &Meeting{Keys: Keys{}}
	if !d.mapping(n, "a meeting", m.Keys,
		field{"day", func(n *yaml.Node) {
			// "day: [monday, wednesday]": two meetings.
			if n.Kind == yaml.SequenceNode && len(n.Content) > 1 {
				d.errorf(n, "a meeting has one day: list a meeting for each, e.g. \"- day: %s\" and \"- day: %s\", each with its start", shortenNode(n.Content[0]), shortenNode(n.Content[1]))
				return
			}
			d.str(&m.Day)(n)
		}},
		field{"start", d.clock(&m.Start)},
		field{"end", d.clock(&m.End)},
		field{"weeks", d.plainList(func(_ int, n *yaml.Node) {
			// A week named in words ("first", "3rd", "last") is the number to write.
			if w, ok := weekWords[strings.ToLower(n.Value)]; ok && n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
				d.errorf(n, "expected the week's number, not %q: write %d (the weeks are 1 to 5, and -1 for the last)", n.Value, w)
				return
			}
			var w *int
			d.integer(&w)(n)
			if w != nil {
				m.Weeks = append(m.Weeks, *w)
				m.WeeksAt = append(m.WeeksAt, d.pos(n))
			}
		})},
		field{"overnight", d.boolean(&m.Overnight)},
	) {
		return nil
	}
	return m
}

func (d *decoder) location(into **Location) func(*yaml.Node) {
	return func(n *yaml.Node) {
		l := &Location{Keys: Keys{}}
		if d.mapping(n, "location", l.Keys,
			field{"name", d.text(&l.Name, MaxLine)},
			field{"street", d.text(&l.Street, MaxLine)},
			field{"city", d.text(&l.City, MaxLine)},
			field{"state", d.str(&l.State)},
			field{"postal_code", d.str(&l.PostalCode)},
			field{"lat", d.number(&l.Lat)},
			field{"lon", d.number(&l.Lon)},
			field{"accessible", d.boolean(&l.Accessible)},
			field{"directions", d.text(&l.Directions, MaxNotes)},
		) {
			*into = l
		}
	}
}

func (d *decoder) online(into **Online) func(*yaml.Node) {
	return func(n *yaml.Node) {
		o := &Online{Keys: Keys{}}
		if d.mapping(n, "online", o.Keys,
			field{"platform", d.text(&o.Platform, MaxLine)},
			field{"join_url", d.str(&o.JoinURL)},
			field{"link_public", d.boolean(&o.LinkPublic)},
			field{"instructions", d.text(&o.Instructions, MaxNotes)},
		) {
			*into = o
		}
	}
}

func (d *decoder) contact(into **Contact) func(*yaml.Node) {
	return func(n *yaml.Node) {
		c := &Contact{Keys: Keys{}}
		if d.mapping(n, "contact", c.Keys,
			field{"email", d.str(&c.Email)},
			field{"phone", d.str(&c.Phone)},
		) {
			*into = c
		}
	}
}

// shortenNode returns a scalar's value, shortened, or "…" for another node.
func shortenNode(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return "…"
	}
	return shorten(n.Value)
}
