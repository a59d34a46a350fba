package feed

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"sitegen/internal/site"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Lang      string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID        string       `xml:"id"`
	Title     string       `xml:"title"`
	Published string       `xml:"published"`
	Updated   string       `xml:"updated"`
	Link      atomLink     `xml:"link"`
	Category  *atomTerm    `xml:"category,omitempty"`
	Summary   atomText     `xml:"summary"`
	Content   atomText     `xml:"content"`
	Author    []atomPerson `xml:"author,omitempty"`
}

type atomTerm struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// Atom returns /trainings/feed.xml: the upcoming trainings of s (those that have not ended on
// s.Now) as an RFC 4287 Atom feed, sorted by start date.
//
// The feed's id is the address of /trainings/ and each entry's id the address of its training
// page, so ids stay the same from build to build. Each entry is dated by its training's data,
// never by the build date: published is when its file was first added, updated when it last
// changed ([site.Training.Published] and Updated, from the site's git history or the file's
// modification time), so that a rebuild of the same data on another day changes no entry.
// The feed's updated is the latest of its trainings' (past ones too, so that it never goes
// back when a training ends). A training with no known date (only in a file system without
// modification times) is dated 1970-01-01T00:00:00Z: unknown, and the same at every build.
func Atom(s *site.Site) ([]byte, error) {
	var latest time.Time
	for _, t := range s.Trainings {
		if t.Updated.After(latest) {
			latest = t.Updated
		}
	}
	updated := atomTime(latest)
	title := s.Title
	if title == "" {
		title = s.BaseURL
	}
	w := siteWords(s)
	f := atomFeed{
		Lang:    s.Language,
		ID:      s.URL(site.TrainingsPath),
		Title:   w.T("feed.trainings-title", "site", title),
		Updated: updated,
		Author:  atomPerson{Name: title, URI: s.BaseURL},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.URL(site.TrainingsFeed)},
			{Rel: "alternate", Type: "text/html", Href: s.URL(site.TrainingsPath)},
		},
	}
	for _, t := range sortedTrainings(s.Trainings) {
		if !t.Upcoming(s.Now) {
			continue
		}
		facts := trainingFacts(s, t)
		content := strings.Join(facts, "\n")
		if n := plainText(s, t.Notes); n != "" {
			content += "\n\n" + n
		}
		if a := t.Application; a != nil {
			var ways []string
			for _, w := range []string{a.URL, a.Contact} {
				if w != "" {
					ways = append(ways, w)
				}
			}
			if len(ways) > 0 {
				content += "\n\n" + w.T("feed.apply-ways", "ways", strings.Join(ways, ", "))
			}
		}
		published := t.Published
		if published.IsZero() || published.After(t.Updated) {
			published = t.Updated
		}
		e := atomEntry{
			ID:        trainingURL(s, t),
			Title:     t.Title,
			Published: atomTime(published),
			Updated:   atomTime(t.Updated),
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: trainingURL(s, t)},
			Summary:   atomText{Type: "text", Text: strings.Join(facts, " ")},
			Content:   atomText{Type: "text", Text: content},
		}
		if t.Kind != "" {
			e.Category = &atomTerm{Term: t.Kind}
		}
		if t.Language != "" && t.Language != s.Language {
			e.Lang = t.Language // a training given in Spanish: its title is in Spanish
		}
		if t.Host != nil {
			e.Author = []atomPerson{{Name: t.Host.Name, URI: affiliateURL(s, t.Host)}}
		}
		f.Entries = append(f.Entries, e)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// atomTime formats t as an RFC 3339 date-time in UTC, to the second; the zero time as the Unix
// epoch, the date of what is not known.
func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}
