package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"sitegen/internal/site"
	"sitegen/internal/sitetest"
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
		Lang      string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		ID        string `xml:"http://www.w3.org/2005/Atom id"`
		Title     string `xml:"http://www.w3.org/2005/Atom title"`
		Published string `xml:"http://www.w3.org/2005/Atom published"`
		Updated   string `xml:"http://www.w3.org/2005/Atom updated"`
		Link      struct {
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
	if f.ID != "https://example.org/connection/trainings/" || f.Title != "NAMI Connection Groups – Trainings" || len(f.Author) == 0 || f.Author[0].Name != "NAMI Connection Groups" {
		t.Errorf("feed id, title, author = %q, %q, %v; want the trainings page, a title, the site title", f.ID, f.Title, f.Author)
	}
	// The latest change of any training, an ended one included; not the build date.
	if f.Updated != "2026-11-18T11:00:00Z" {
		t.Errorf("feed updated = %q, want %q", f.Updated, "2026-11-18T11:00:00Z")
	}
	if !slices.ContainsFunc(f.Links, func(l struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	}) bool {
		return l.Rel == "self" && l.Href == "https://example.org/connection/trainings/feed.xml"
	}) {
		t.Errorf("feed links = %v, want rel=self to feed.xml", f.Links)
	}
	var ids []string
	for _, e := range f.Entries {
		ids = append(ids, e.ID)
		if e.ID == "" || e.Title == "" || e.Link.Href == "" {
			t.Errorf("entry %+v lacks id, title or link", e)
		}
		for _, v := range []string{e.Published, e.Updated} {
			if _, err := time.Parse(time.RFC3339, v); err != nil {
				t.Errorf("entry %q: published, updated = %q, %q; not RFC 3339", e.ID, e.Published, e.Updated)
			}
		}
		if e.Summary.Type != "text" || e.Content.Type != "text" || e.Summary.Text == "" {
			t.Errorf("entry %q: summary %+v, content type %q; want text", e.ID, e.Summary, e.Content.Type)
		}
	}
	var wantIDs []string
	for _, slug := range []string{"ny-cancelled-2026-11", "oh-facilitator-2026-12", "nm-correctional-2027-02", "az-champions-2027-02",
		"ny-conexion-2027-03", "ny-facilitator-2027-04", "co-conexion-online-2027-05", "ny-postponed-2027-06"} {
		wantIDs = append(wantIDs, "https://example.org/connection/trainings/"+slug+"/")
	}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("entry ids = %v, want %v (upcoming only, by start)", ids, wantIDs)
	}
	// A training given in Spanish says so, so that a reader reads its title as Spanish; the
	// others take the feed's language (until 2026-12-06 every entry did).
	for _, e := range f.Entries {
		want := ""
		if strings.Contains(e.ID, "conexion") {
			want = "es"
		}
		if e.Lang != want {
			t.Errorf("entry %q: xml:lang %q, want %q", e.ID, e.Lang, want)
		}
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

// TestAtomDates checks that each entry is dated by its training's data: published when its
// file was first added, updated when it last changed, in UTC; unknown dates as the epoch.
func TestAtomDates(t *testing.T) {
	f := parseAtom(t, mustAtom(t, testSite(t)))
	const epoch = "1970-01-01T00:00:00Z"
	want := map[string][2]string{ // id suffix -> published, updated
		"ny-cancelled-2026-11/":       {"2025-12-01T00:00:00Z", "2026-11-15T00:00:00Z"},
		"oh-facilitator-2026-12/":     {"2026-06-01T12:00:00Z", "2026-06-01T12:00:00Z"},
		"ny-facilitator-2027-04/":     {"2026-01-05T15:04:05Z", "2026-10-10T09:30:00Z"},
		"co-conexion-online-2027-05/": {"2026-09-02T00:00:00Z", "2026-09-02T00:00:00Z"},
		"az-champions-2027-02/":       {epoch, epoch},
		"nm-correctional-2027-02/":    {epoch, epoch},
		"ny-conexion-2027-03/":        {epoch, epoch},
		"ny-postponed-2027-06/":       {epoch, epoch},
	}
	for _, e := range f.Entries {
		w, known := want[strings.TrimPrefix(e.ID, "https://example.org/connection/trainings/")]
		if !known {
			t.Errorf("unexpected entry %q", e.ID)
			continue
		}
		if e.Published != w[0] || e.Updated != w[1] {
			t.Errorf("entry %q: published, updated = %q, %q; want %q, %q", e.ID, e.Published, e.Updated, w[0], w[1])
		}
	}
	if len(f.Entries) != len(want) {
		t.Errorf("Atom has %d entries, want %d", len(f.Entries), len(want))
	}
}

// TestAtomRebuiltAnotherDay builds the feed of the same data on the next day and the next
// month: no entry changes (dates, text, anything), nor the feed's own date.
func TestAtomRebuiltAnotherDay(t *testing.T) {
	first := mustAtom(t, testSite(t))
	for _, later := range []string{"2026-11-21", "2026-12-20"} {
		again := mustAtom(t, buildOn(t, sitetest.Fixture(t), later))
		a, b := atomEntries(first), atomEntries(again)
		for id, entry := range b {
			if a[id] != entry {
				t.Errorf("built on %s, entry %s changed:\n%s\nwas\n%s", later, id, entry, a[id])
			}
		}
		if len(b) == 0 {
			t.Errorf("built on %s: no entries", later)
		}
		if fa, fb := parseAtom(t, first).Updated, parseAtom(t, again).Updated; fa != fb {
			t.Errorf("built on %s, feed updated = %q, was %q", later, fb, fa)
		}
	}
}

// mustAtom returns Atom(s), failing the test on an error.
func mustAtom(t *testing.T, s *site.Site) []byte {
	t.Helper()
	b, err := Atom(s)
	if err != nil {
		t.Fatalf("Atom: %v", err)
	}
	return b
}

// atomEntries splits a feed into its entries' bytes, by id.
func atomEntries(b []byte) map[string]string {
	out := map[string]string{}
	for _, chunk := range strings.Split(string(b), "<entry>")[1:] {
		chunk = chunk[:strings.Index(chunk, "</entry>")]
		id := chunk[strings.Index(chunk, "<id>")+4 : strings.Index(chunk, "</id>")]
		out[id] = chunk
	}
	return out
}

func TestAtomNoTrainings(t *testing.T) {
	// Built after the last training has ended: only past ones.
	s := buildOn(t, sitetest.Fixture(t), "2027-07-01")
	if len(s.Trainings) == 0 {
		t.Fatal("the test site has no trainings")
	}
	b, err := Atom(s)
	if err != nil {
		t.Fatalf("Atom: %v", err)
	}
	f := parseAtom(t, b)
	if len(f.Entries) != 0 || f.ID == "" || f.Updated == "" || len(f.Author) == 0 {
		t.Errorf("Atom(past trainings only) = %+v, want a valid feed with no entries", f)
	}
}

// TestFeedsInSpanish builds the site with Spanish as its own language: the trainings feed and
// the JSON-LD descriptions take every word from the Spanish catalogue, none in English.
func TestFeedsInSpanish(t *testing.T) {
	s := buildOn(t, spanishFixture(t), buildDate)
	f := parseAtom(t, mustAtom(t, s))
	if f.Title != "NAMI Connection Groups – Capacitaciones" {
		t.Errorf("feed title = %q, want it in Spanish", f.Title)
	}
	content := map[string]string{}
	for _, e := range f.Entries {
		content[strings.TrimPrefix(e.ID, "https://example.org/connection/trainings/")] = e.Content.Text
	}
	// The words are the Spanish catalogue's, whatever its wording.
	w := s.Words("es")
	tests := []struct {
		slug string
		want []string
	}{
		{"co-conexion-online-2027-05/", []string{w.Label("training-kind", "facilitator") + ", NAMI Conexión.",
			w.T("feed.date-range", "from", "2027-05-01", "to", "2027-05-02") + ".",
			w.Label("attendance", "online") + ".", w.T("feed.hosted-by", "host", "NAMI Denver Metro"),
			w.Label("training-status", "full") + "."}},
		{"ny-facilitator-2027-04/", []string{w.T("feed.date-range", "from", "2027-04-10", "to", "2027-04-11") + ", 09:00–17:00 EDT.",
			w.T("feed.in-person", "place", "NAMI New York State Office, 99 Pine St, Albany, NY 12207"),
			w.Label("training-status", "open") + ".", w.T("feed.apply-by", "date", "2027-03-20"),
			w.T("feed.apply-ways", "ways", "https://naminys.example.org/apply, train@naminys.example.org")}},
		{"ny-conexion-2027-03/", []string{"09:00–16:00 " + w.T("zone.EST") + ".", w.Label("training-status", "cancelled") + "."}},
		{"ny-postponed-2027-06/", []string{w.Label("training-kind", "champion-orientation") + ", NAMI Connection.", w.Label("training-status", "postponed") + "."}},
	}
	for _, tt := range tests {
		c, ok := content[tt.slug]
		if !ok {
			t.Errorf("no entry %s", tt.slug)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(c, w) {
				t.Errorf("entry %s: content = %q, want %q", tt.slug, c, w)
			}
		}
		for _, en := range []string{"Hosted by", "Online.", "In person", "Apply by", "How to apply", " to 20", "Open.", "Full."} {
			if strings.Contains(c, en) {
				t.Errorf("entry %s: content = %q holds the English %q", tt.slug, c, en)
			}
		}
	}
	b, err := EventJSONLD(s, sitetest.Training(t, s, "co-conexion-online-2027-05"))
	if err != nil {
		t.Fatal(err)
	}
	var ld struct {
		Description string `json:"description"`
	}
	if err := json.Unmarshal(b, &ld); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{w.Label("training-kind", "facilitator") + ", NAMI Conexión.",
		w.T("feed.date-range", "from", "2027-05-01", "to", "2027-05-02") + ".", w.Label("attendance", "online") + ".",
		w.T("feed.hosted-by", "host", "NAMI Denver Metro"), w.Label("training-status", "full") + "."}, " ")
	if ld.Description != want {
		t.Errorf("JSON-LD description = %q, want %q", ld.Description, want)
	}
}
