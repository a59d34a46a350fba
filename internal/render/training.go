package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"time"

	"sitegen/internal/feed"
	"sitegen/internal/site"
)

// trainingItem is a training as lists show it.
type trainingItem struct {
	T        *site.Training
	URL      string
	Lang     string // the training's language when it is not the list's
	Dates    string
	Where    string // "City, ST" or "Online"
	Upcoming bool
}

// trainingItem returns t as lists in language l show it.
func (r *renderer) trainingItem(l *lang, t *site.Training) trainingItem {
	it := trainingItem{
		T:        t,
		URL:      r.link(l, t.Path()),
		Dates:    l.w.DateRange(t.Start, t.End),
		Where:    l.w.Label("attendance", "online"),
		Upcoming: t.Upcoming(r.s.Now),
	}
	if t.Language != l.code {
		it.Lang = t.Language
	}
	if t.Place != nil {
		it.Where = strings.Join(nonEmpty(t.Place.City, t.Place.State), ", ")
	}
	return it
}

// trainingsData is the data of the trainings page.
type trainingsData struct {
	Upcoming, Past []trainingItem
	Calendar       string
}

// trainingData is the data of a training's page.
type trainingData struct {
	trainingItem
	HostURL    string
	Hours      string // daily hours with the zone, or ""
	Accessible string
	MapURL     string
	Deadline   string
	Guide      *pageRef // "before-you-train", for a correctional training, when it exists
	Calendar   string
	Notes      template.HTML
	Directions template.HTML
	Edit       string
}

func (r *renderer) trainings(l *lang) error {
	w := l.w
	up, past := r.splitTrainings(r.s.Trainings)
	d := trainingsData{Calendar: r.link(l, site.TrainingsCalendar)}
	for _, t := range up {
		d.Upcoming = append(d.Upcoming, r.trainingItem(l, t))
	}
	for _, t := range past {
		d.Past = append(d.Past, r.trainingItem(l, t))
	}
	pg := r.newPage(l, site.TrainingsPath, "trainings", w.T("title.trainings"), w.N("desc.trainings", len(up)), d)
	if err := r.render("pages/trainings.html", pg); err != nil {
		return err
	}
	for _, t := range r.s.Trainings {
		if err := r.training(l, t); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) training(l *lang, t *site.Training) error {
	w := l.w
	d := trainingData{
		trainingItem: r.trainingItem(l, t),
		HostURL:      r.link(l, t.Host.Path()),
		MapURL:       mapURL(t.Place),
		Calendar:     r.link(l, site.TrainingsCalendar),
		Edit:         r.editURL(t.Source),
	}
	var err error
	if d.Notes, err = r.markdownHTML(t.TextIn(l.code, "notes"), t.Source, t.TextLine(l.code, "notes")); err != nil {
		return err
	}
	if d.Directions, err = r.markdownHTML(t.TextIn(l.code, "directions"), t.Source, t.TextLine(l.code, "directions")); err != nil {
		return err
	}
	if t.Daily != nil {
		loc := t.Location
		if loc == nil {
			loc = time.UTC
		}
		// The zone of those days, or its name across the year when it changes between them.
		d.Hours = w.ClockRange(t.Daily.Start, t.Daily.End) + " " +
			w.ZoneBetween(loc, t.Start.At(t.Daily.Start, loc), t.End.At(t.Daily.Start, loc))
	}
	if t.Place != nil && t.Place.Accessible != nil {
		d.Accessible = "no"
		if *t.Place.Accessible {
			d.Accessible = "yes"
		}
	}
	if t.Application != nil && !t.Application.Deadline.IsZero() {
		d.Deadline = w.Date(t.Application.Deadline)
	}
	if t.Setting == "correctional" {
		for _, g := range r.s.Guides {
			if g.Slug == "before-you-train" {
				ref := r.pageRef(l, g)
				d.Guide = &ref
			}
		}
	}
	where := d.Where
	if t.Place == nil {
		where = lowerFirst(where) // "online", mid-sentence; a city keeps its capital
	}
	status := w.Label("training-status", t.Status)
	if !d.Upcoming {
		// A past training's status ("Open") says nothing true any more.
		status = strings.TrimSuffix(w.T("training.ended"), ".")
	}
	desc := w.T("desc.training", "kind", w.Label("training-kind", t.Kind), "dates", d.Dates,
		"where", where, "host", t.Host.Name, "status", status)
	pg := r.newPage(l, t.Path(), "trainings", t.Title, desc, d)
	pg.OGType = "article"
	ld, err := feed.EventJSONLD(r.s, t)
	if err != nil {
		return fmt.Errorf("render %s: %w", t.Path(), err)
	}
	pg.JSONLD = scriptJSON(ld)
	return r.render("pages/training.html", pg)
}

// scriptJSON makes JSON safe inside a script element: <, > and & can only appear inside its
// strings, where their \u escapes mean the same, so "</script>" can never end the element.
func scriptJSON(b []byte) template.JS {
	b = bytes.ReplaceAll(b, []byte("<"), []byte(`\u003c`))
	b = bytes.ReplaceAll(b, []byte(">"), []byte(`\u003e`))
	b = bytes.ReplaceAll(b, []byte("&"), []byte(`\u0026`))
	return template.JS(b)
}
