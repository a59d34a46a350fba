package search

import (
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"testing"
	"time"
)

// sharedOffsets is testdata/shared/zone-offsets.json: a table of ZoneOffsets that
// test/browser/meetings.test.mjs holds to what Intl.DateTimeFormat (ICU's time zone data,
// not Go's) says of the same instants.
const sharedOffsets = "../../testdata/shared/zone-offsets.json"

var updateShared = flag.Bool("update", false, "write "+sharedOffsets+" again from zoneOffsets")

type sharedTable struct {
	Comment string      `json:"comment"`
	Year    int         `json:"year"`
	Names   []string    `json:"names"`
	Table   ZoneOffsets `json:"table"`
}

// TestZoneOffsetsAgreeWithTheBrowser checks that zoneOffsets makes the shared table, so that
// the browser's test of that table tests what the build writes. With -update, the file is
// written again from zoneOffsets.
func TestZoneOffsetsAgreeWithTheBrowser(t *testing.T) {
	b, err := os.ReadFile(sharedOffsets)
	if err != nil {
		t.Fatal(err)
	}
	var want sharedTable
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	got, err := zoneOffsets(want.Names, want.Year)
	if err != nil {
		t.Fatal(err)
	}
	if *updateShared {
		want.Table = *got
		out, err := json.MarshalIndent(want, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(sharedOffsets, append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want.Table)
	if string(g) != string(w) {
		t.Errorf("zoneOffsets(%v, %d) =\n%s\nwant (in %s; go test -update writes it)\n%s", want.Names, want.Year, g, sharedOffsets, w)
	}
}

func TestZoneOffsets(t *testing.T) {
	tab, err := zoneOffsets([]string{"America/New_York", "America/Phoenix", "Pacific/Honolulu"}, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tab.Until, time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli(); got != want {
		t.Errorf("Until = %d, want %d", got, want)
	}
	ny := tab.Zones[0]
	// Two years of New York: January in EST, then four changes (March and November of each).
	if len(ny) != 2*5 {
		t.Fatalf("New York has %d periods, want 5: %v", len(ny)/2, ny)
	}
	if ny[0] != time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli() || ny[1] != -300 {
		t.Errorf("New York starts %v, want 2026-01-01 at -300", ny[:2])
	}
	// 2026-03-08 02:00 EST is 07:00 UTC: daylight time from then on.
	if ny[2] != time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC).UnixMilli() || ny[3] != -240 {
		t.Errorf("New York's first change is %v, want 2026-03-08T07:00Z to -240", ny[2:4])
	}
	for i, z := range tab.Zones[1:] {
		if len(z) != 2 {
			t.Errorf("zone %d has no daylight time, yet %d periods", i+1, len(z)/2)
		}
	}
	// Each period is named as the pages name it.
	if got, want := tab.Abbr, [][]string{{"EST", "EDT", "EST", "EDT", "EST"}, {"MST"}, {"HST"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Abbr = %v, want %v", got, want)
	}
	if _, err := zoneOffsets([]string{"Mars/Olympus_Mons"}, 2026); err == nil {
		t.Error("an unknown zone gave no error")
	}
}
