package render

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"slices"
	"testing"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/geo"
	"sitegen/internal/site"
)

// TestWhereAgreesWithTheBrowser runs testdata/shared/where.json, which templates/results.js
// runs too.
func TestWhereAgreesWithTheBrowser(t *testing.T) {
	var data struct {
		Messages map[string]string
		Cases    []struct {
			Record struct{ Place, City, Region, Attendance string }
			Want   string
		}
	}
	readShared(t, "where.json", &data)
	w := testSite(t).Words("en")
	for key, text := range data.Messages {
		if got := w.T(key, "place", "{place}"); got != text {
			t.Errorf("where.json's %s is %q, but the catalogue has %q: update where.json", key, text, got)
		}
	}
	for _, c := range data.Cases {
		g := &site.Group{Attendance: c.Record.Attendance}
		if c.Record.Place != "" || c.Record.City != "" {
			g.Place = &site.Place{Name: c.Record.Place, City: c.Record.City, State: c.Record.Region}
		}
		if got := Where(g, w); got != c.Want {
			t.Errorf("Where(%+v) = %q, want %q", c.Record, got, c.Want)
		}
	}
}

// TestFiltersAgreeWithTheBrowser: the finder's form and its script name the same filters.
func TestFiltersAgreeWithTheBrowser(t *testing.T) {
	var data struct{ Filters []string }
	readShared(t, "filters.json", &data)
	if !slices.Equal(Filters(), data.Filters) {
		t.Errorf("Filters() = %v, testdata/shared/filters.json has %v", Filters(), data.Filters)
	}
}

func readShared(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile("../../testdata/shared/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

var updateShared = flag.Bool("update", false, "write testdata/shared/meeting-words.json again from the catalogues")

// meetingWords is testdata/shared/meeting-words.json: the times and dates the group pages
// write (words.Catalog's DateTime and Date), which templates/results.js writes too from the
// same messages and the build's table of zone offsets.
type meetingWords struct {
	Comment  string                       `json:"comment"`
	Messages map[string]map[string]string `json:"messages"`
	Times    []struct {
		At   string            `json:"at"`
		Zone string            `json:"zone"`
		Want map[string]string `json:"want"`
	} `json:"times"`
	Dates []struct {
		Date string            `json:"date"`
		Want map[string]string `json:"want"`
	} `json:"dates"`
}

// TestMeetingWordsAgreeWithTheBrowser checks testdata/shared/meeting-words.json against the
// catalogues: its messages are theirs, and each case is what the pages write. With -update,
// the messages and the wanted words are written again.
func TestMeetingWordsAgreeWithTheBrowser(t *testing.T) {
	var data meetingWords
	readShared(t, "meeting-words.json", &data)
	s := testSite(t)
	got := data
	got.Messages = map[string]map[string]string{}
	for _, lang := range []string{"en", "es"} {
		w := s.Words(lang)
		got.Messages[lang] = map[string]string{}
		for key, m := range w.Messages("date.long", "date.short", "date.time", "time.clock", "time.am", "time.pm", "day.", "month.", "js.day-time", "js.your-time") {
			got.Messages[lang][key] = m.(string)
		}
	}
	if len(data.Times) < 10 || len(data.Dates) < 2 {
		t.Fatalf("meeting-words.json has %d times and %d dates, want at least 10 and 2", len(data.Times), len(data.Dates))
	}
	for i, c := range data.Times {
		at, err := time.Parse(time.RFC3339, c.At)
		if err != nil {
			t.Fatal(err)
		}
		loc, err := time.LoadLocation(c.Zone)
		if err != nil {
			t.Fatal(err)
		}
		got.Times[i].Want = map[string]string{}
		for _, lang := range []string{"en", "es"} {
			got.Times[i].Want[lang] = s.Words(lang).DateTime(at.In(loc))
		}
	}
	for i, c := range data.Dates {
		d, err := civil.ParseDate(c.Date)
		if err != nil {
			t.Fatal(err)
		}
		got.Dates[i].Want = map[string]string{}
		for _, lang := range []string{"en", "es"} {
			got.Dates[i].Want[lang] = s.Words(lang).Date(d)
		}
	}
	checkShared(t, "meeting-words.json", data, got)
}

// TestNationalProjectionAgreesWithTheBrowser checks testdata/shared/national-projection.json:
// the national map's projections (geo.NationalMap.Params), which the finder's script reads
// from the map to place its results, and where Go's Project puts each of its points, which
// the script's test holds it to. With -update, both are written again.
func TestNationalProjectionAgreesWithTheBrowser(t *testing.T) {
	type point struct {
		Name string     `json:"name"`
		At   [2]float64 `json:"at"` // [lat, lon]
		X    float64    `json:"x"`
		Y    float64    `json:"y"`
	}
	var data struct {
		Comment string                 `json:"comment"`
		Params  []geo.ProjectionParams `json:"params"`
		Points  []point                `json:"points"`
	}
	readShared(t, "national-projection.json", &data)
	m := geo.National(nationalMapWidth)
	got := data
	got.Params = m.Params()
	got.Points = nil
	for _, p := range data.Points {
		x, y := m.Project(geo.Point{Lat: p.At[0], Lon: p.At[1]})
		got.Points = append(got.Points, point{p.Name, p.At, math.Round(x*1000) / 1000, math.Round(y*1000) / 1000})
	}
	if len(got.Points) < 8 {
		t.Fatalf("national-projection.json has %d points, want at least 8", len(got.Points))
	}
	checkShared(t, "national-projection.json", data, got)
}

// checkShared compares what testdata/shared/name holds (read into data) with what the code
// makes now (got), both as the file writes them; with -update, it writes got there instead.
func checkShared(t *testing.T, name string, data, got any) {
	t.Helper()
	out, err := json.MarshalIndent(got, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if *updateShared {
		if err := os.WriteFile("../../testdata/shared/"+name, append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if in, _ := json.MarshalIndent(data, "", " "); string(in) != string(out) {
		t.Errorf("testdata/shared/%s no longer says what the code does (go test -update writes it again):\n%s", name, out)
	}
}
