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
	ID       string       `xml:"id"`
	Title    string       `xml:"title"`
	Updated  string       `xml:"updated"`
	Link     atomLink     `xml:"link"`
	Category *atomTerm    `xml:"category,omitempty"`
	Summary  atomText     `xml:"summary"`
	Content  atomText     `xml:"content"`
	Author   []atomPerson `xml:"author,omitempty"`
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
// page, so ids stay the same from build to build. The model keeps no date of last change, so
// every `updated` is the build date, s.Now at 00:00:00Z: fixed by --now, hence the same bytes
// for the same input.
func Atom(s *site.Site) ([]byte, error) {
	updated := s.Now.In(time.UTC).Format(time.RFC3339)
	title := s.Title
	if title == "" {
		title = s.BaseURL
	}
	es := isSpanish(s.Language)
	f := atomFeed{
		Lang:    s.Language,
		ID:      s.BaseURL + "trainings/",
		Title:   title + " – " + pick(es, "Trainings", "Capacitaciones"),
		Updated: updated,
		Author:  atomPerson{Name: title, URI: s.BaseURL},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.BaseURL + "trainings/feed.xml"},
			{Rel: "alternate", Type: "text/html", Href: s.BaseURL + "trainings/"},
		},
	}
	for _, t := range sortedTrainings(s.Trainings) {
		if !t.Upcoming(s.Now) {
			continue
		}
		facts := trainingFacts(s, t)
		content := strings.Join(facts, "\n")
		if n := plainText(t.Notes); n != "" {
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
				content += "\n\n" + pick(es, "How to apply: ", "Cómo inscribirse: ") + strings.Join(ways, ", ")
			}
		}
		e := atomEntry{
			ID:      trainingURL(s, t),
			Title:   t.Title,
			Updated: updated,
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: trainingURL(s, t)},
			Summary: atomText{Type: "text", Text: strings.Join(facts, " ")},
			Content: atomText{Type: "text", Text: content},
		}
		if t.Kind != "" {
			e.Category = &atomTerm{Term: t.Kind}
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
