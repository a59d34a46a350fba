package feed

import (
	"bytes"
	"encoding/xml"
	"slices"
	"testing"
	"time"

	"sitegen/internal/site"
)

// parsedFeed is an Atom feed read back, with the elements RFC 4287 requires.
type parsedFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"http://www.w3.org/2005/Atom id"`
	Title   string   `xml:"http://www.w3.org/2005/Atom title"`
	Updated string   `xml:"http://www.w3.org/2005/Atom updated"`
	Author  []struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	} `xml:"http://www.w3.org/2005/Atom author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"http://www.w3.org/2005/Atom link"`
	Entries []struct {
		ID      string `xml:"http://www.w3.org/2005/Atom id"`
		Title   string `xml:"http://www.w3.org/2005/Atom title"`
		Updated string `xml:"http://www.w3.org/2005/Atom updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Summary struct {
			Type string `xml:"type,attr"`
			Text string `xml:",chardata"`
		} `xml:"http://www.w3.org/2005/Atom summary"`
		Content struct {
			Type string `xml:"type,attr"`
			Text string `xml:",chardata"`
		} `xml:"http://www.w3.org/2005/Atom content"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

// parseAtom reads b back as an Atom feed.
func parseAtom(t *testing.T, b []byte) parsedFeed {
	t.Helper()
	var f parsedFeed
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("Atom output does not parse: %v\n%s", err, b)
	}
	return f
}

func TestAtom(t *testing.T) {
	s := testSite(t)
	b, err := Atom(s)
	if err != nil {
		t.Fatalf("Atom: %v", err)
	}
	if !bytes.HasPrefix(b, []byte(xml.Header)) {
		t.Errorf("Atom output does not start with the XML declaration")
	}
	f := parseAtom(t, b)
	if f.ID != "https://groups.example.org/trainings/" || f.Title == "" || len(f.Author) == 0 || f.Author[0].Name != "Connection Groups" {
		t.Errorf("feed id, title, author = %q, %q, %v; want the trainings page, a title, the site title", f.ID, f.Title, f.Author)
	}
	if f.Updated != "2026-03-01T00:00:00Z" {
		t.Errorf("feed updated = %q, want %q", f.Updated, "2026-03-01T00:00:00Z")
	}
	if !slices.ContainsFunc(f.Links, func(l struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	}) bool {
		return l.Rel == "self" && l.Href == "https://groups.example.org/trainings/feed.xml"
	}) {
		t.Errorf("feed links = %v, want rel=self to feed.xml", f.Links)
	}
	var ids []string
	for _, e := range f.Entries {
		ids = append(ids, e.ID)
		if e.ID == "" || e.Title == "" || e.Link.Href == "" {
			t.Errorf("entry %+v lacks id, title or link", e)
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("entry %q: updated = %q, not RFC 3339", e.ID, e.Updated)
		}
		if e.Summary.Type != "text" || e.Content.Type != "text" || e.Summary.Text == "" {
			t.Errorf("entry %q: summary %+v, content type %q; want text", e.ID, e.Summary, e.Content.Type)
		}
	}
	wantIDs := []string{
		"https://groups.example.org/trainings/ohio-cancelled/",
		"https://groups.example.org/trainings/ohio-facilitator-2026-04/",
		"https://groups.example.org/trainings/conexion-online-2026-05/",
		"https://groups.example.org/trainings/ohio-postponed/",
	}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("entry ids = %v, want %v (upcoming only, by start)", ids, wantIDs)
	}
	if f.Entries[0].Title != "Trainer </script><b>Training</b> & more" {
		t.Errorf("title read back = %q, want the title as written", f.Entries[0].Title)
	}
	if bytes.Contains(b, []byte("<b>")) {
		t.Errorf("Atom output contains unescaped markup")
	}

	again, err := Atom(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, again) {
		t.Errorf("Atom differs between calls")
	}
	var ids2 []string
	for _, e := range parseAtom(t, again).Entries {
		ids2 = append(ids2, e.ID)
	}
	if !slices.Equal(ids, ids2) {
		t.Errorf("entry ids = %v, then %v", ids, ids2)
	}
}

func TestAtomNoTrainings(t *testing.T) {
	s := testSite(t)
	s.Trainings = []*site.Training{s.Trainings[2]} // only a past one
	b, err := Atom(s)
	if err != nil {
		t.Fatalf("Atom: %v", err)
	}
	f := parseAtom(t, b)
	if len(f.Entries) != 0 || f.ID == "" || f.Updated == "" || len(f.Author) == 0 {
		t.Errorf("Atom(past trainings only) = %+v, want a valid feed with no entries", f)
	}
}
