package render

import (
	"bytes"
	"fmt"
	"html/template"
	"time"

	"sitegen/internal/feed"
	"sitegen/internal/schedule"
	"sitegen/internal/site"
)

// trainingItem is a training as lists show it.
type trainingItem struct {
	T        *site.Training
	Lang     string // the training's language when it is not the site's
	Dates    string
	Where    string // "City, ST" or "Online"
	Upcoming bool
}

// trainingItem returns t as lists show it, in the site's language.
func (r *renderer) trainingItem(t *site.Training) trainingItem {
	it := trainingItem{
		T:        t,
		Dates:    dateRange(r.s.Language, t.Start, t.End),
		Where:    "Online",
		Upcoming: t.Upcoming(r.s.Now),
	}
	if t.Language != r.s.Language {
		it.Lang = t.Language
	}
	if t.Place != nil {
		it.Where = joinComma(t.Place.City, t.Place.State)
	}
	return it
}

func joinComma(ss ...string) string {
	out := ""
	for _, s := range nonEmpty(ss...) {
		if out != "" {
			out += ", "
		}
		out += s
	}
	return out
}

// trainingsData is the data of the trainings page.
type trainingsData struct {
	Upcoming, Past []trainingItem
}

// trainingData is the data of a training's page.
type trainingData struct {
	trainingItem
	Dates      string // in the training's language
	Hours      string // daily hours with the zone, or ""
	Accessible string
	MapURL     string
	Deadline   string
	Guide      *site.Page // "before-you-train", for a correctional training, when it exists
	Edit       string
}

func (r *renderer) trainings() error {
	up, past := r.splitTrainings(r.s.Trainings)
	var d trainingsData
	for _, t := range up {
		d.Upcoming = append(d.Upcoming, r.trainingItem(t))
	}
	for _, t := range past {
		d.Past = append(d.Past, r.trainingItem(t))
	}
	pg := r.newPage("trainings/", "Trainings",
		fmt.Sprintf("NAMI Connection facilitator and trainer trainings and Champion orientations: %d upcoming.", len(up)), d)
	if err := r.render("trainings/index.html", "pages/trainings.html", pg); err != nil {
		return err
	}
	for _, t := range r.s.Trainings {
		if err := r.training(t); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) training(t *site.Training) error {
	lang := t.Language
	d := trainingData{
		trainingItem: r.trainingItem(t),
		Dates:        dateRange(lang, t.Start, t.End),
		MapURL:       mapURL(t.Place),
		Edit:         r.editURL(t.Source),
	}
	if t.Daily != nil {
		loc := t.Location
		if loc == nil {
			loc = time.UTC
		}
		// The zone of those days, or its name across the year when it changes between them.
		d.Hours = clockRange(lang, t.Daily.Start, t.Daily.End) + " " +
			schedule.ZoneBetween(loc, lang, t.Start.At(t.Daily.Start, loc), t.End.At(t.Daily.Start, loc))
	}
	if t.Place != nil && t.Place.Accessible != nil {
		d.Accessible = "no"
		if *t.Place.Accessible {
			d.Accessible = "yes"
		}
	}
	if t.Application != nil && !t.Application.Deadline.IsZero() {
		d.Deadline = shortDate(lang, t.Application.Deadline)
	}
	if t.Setting == "correctional" {
		for _, g := range r.s.Guides {
			if g.Slug == "before-you-train" {
				d.Guide = g
			}
		}
	}
	desc := fmt.Sprintf("%s, %s, %s. Hosted by %s. %s.", kindWords(t.Kind), dateRange(r.s.Language, t.Start, t.End),
		d.Where, t.Host.Name, statusWords(t.Status))
	pg := r.newPage(trainingPath(t), t.Title, desc, d)
	pg.Lang = lang
	pg.OGType = "article"
	ld, err := feed.EventJSONLD(r.s, t)
	if err != nil {
		return fmt.Errorf("render %s: %w", trainingPath(t), err)
	}
	pg.JSONLD = scriptJSON(ld)
	return r.render(trainingPath(t)+"index.html", "pages/training.html", pg)
}

// scriptJSON makes JSON safe inside a script element: <, > and & can only appear inside its
// strings, where their \u escapes mean the same, so "</script>" can never end the element.
func scriptJSON(b []byte) template.JS {
	b = bytes.ReplaceAll(b, []byte("<"), []byte(`\u003c`))
	b = bytes.ReplaceAll(b, []byte(">"), []byte(`\u003e`))
	b = bytes.ReplaceAll(b, []byte("&"), []byte(`\u0026`))
	return template.JS(b)
}
