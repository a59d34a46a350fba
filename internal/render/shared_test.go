package render

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

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
