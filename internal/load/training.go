package load

import (
	"go.yaml.in/yaml/v3"

	"sitegen/internal/civil"
)

// Training is data/trainings/SLUG.yaml.
type Training struct {
	Path        string
	Slug        string
	Title       string
	Kind        string
	Program     string
	Language    string
	Host        string
	Start, End  civil.Date
	Daily       *Daily
	Timezone    string
	Attendance  string
	Location    *Location
	Application *Application
	Status      string
	Setting     string
	Public      *bool
	Seats       *int
	Notes       string
	// Translations hold notes and directions in other languages.
	Translations []*Translation
	Keys         Keys
	// Failed is set when the file could not be read as a mapping; load has reported why,
	// and check skips the file's own rules so as not to report the same problem again.
	Failed bool
}

// Daily is a training's daily hours.
type Daily struct {
	Start, End civil.Clock
	Keys       Keys
}

// Application says how to apply for a training.
type Application struct {
	Deadline  civil.Date
	URL       string
	Contact   string
	Screening *bool
	Keys      Keys
}

func (d *decoder) training(n *yaml.Node, slug string) *Training {
	t := &Training{Path: d.path, Slug: slug, Keys: Keys{}}
	t.Failed = !d.mapping(n, "the training", t.Keys,
		field{"title", d.text(&t.Title, MaxName)},
		field{"kind", d.str(&t.Kind)},
		field{"program", d.str(&t.Program)},
		field{"language", d.str(&t.Language)},
		field{"host", d.str(&t.Host)},
		field{"start", d.date(&t.Start)},
		field{"end", d.date(&t.End)},
		field{"daily", func(n *yaml.Node) {
			dl := &Daily{Keys: Keys{}}
			if d.mapping(n, "daily", dl.Keys,
				field{"start", d.clock(&dl.Start)},
				field{"end", d.clock(&dl.End)},
			) {
				t.Daily = dl
			}
		}},
		field{"timezone", d.str(&t.Timezone)},
		field{"attendance", d.str(&t.Attendance)},
		field{"location", d.location(&t.Location)},
		field{"application", func(n *yaml.Node) {
			a := &Application{Keys: Keys{}}
			if d.mapping(n, "application", a.Keys,
				field{"deadline", d.date(&a.Deadline)},
				field{"url", d.str(&a.URL)},
				field{"contact", d.str(&a.Contact)},
				field{"screening", d.boolean(&a.Screening)},
			) {
				t.Application = a
			}
		}},
		field{"status", d.str(&t.Status)},
		field{"setting", d.str(&t.Setting)},
		field{"public", d.boolean(&t.Public)},
		field{"seats", d.integer(&t.Seats)},
		field{"notes", d.text(&t.Notes, MaxNotes)},
		d.translation(&t.Translations, "notes", "directions"),
	)
	return t
}
