package ics

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sitegen/internal/schedule"
	"sitegen/internal/site"
	"sitegen/internal/sitetest"
)

// expanded is one VEVENT as ical.js reads it: see test/ical/expand.mjs.
type expanded struct {
	UID      string   `json:"uid"`
	Status   string   `json:"status"`
	DTStamp  string   `json:"dtstamp"`
	Sequence int      `json:"sequence"`
	Starts   []string `json:"starts"`
	Ends     []string `json:"ends"`
}

// parsed is a calendar as ical.js reads it: its name and description under the properties of
// RFC 7986 and the X-WR- ones, and its events.
type parsed struct {
	Name        string     `json:"name"`
	CalName     string     `json:"calname"`
	Description string     `json:"description"`
	CalDesc     string     `json:"caldesc"`
	Events      []expanded `json:"events"`
}

// expandWithICALJS parses a calendar with ical.js (a calendar library used by real clients,
// installed by npm in test/ical) and returns the first n occurrences of every event. Without
// node or the installed package the test is skipped, loudly, unless CI=true, where it fails.
func expandWithICALJS(t *testing.T, ics []byte, n int) []expanded {
	t.Helper()
	return parseWithICALJS(t, ics, n).Events
}

// parseWithICALJS is [expandWithICALJS] returning the calendar's own properties too.
func parseWithICALJS(t *testing.T, ics []byte, n int) parsed {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "test", "ical"))
	if err != nil {
		t.Fatal(err)
	}
	missing := ""
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node is not installed"
	} else if _, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js", "package.json")); err != nil {
		missing = "ical.js is not installed (run `npm ci` in test/ical)"
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("cannot check calendars with ical.js: %s", missing)
		}
		t.Skipf("SKIPPING THE ICAL.JS CHECK OF CALENDARS: %s; set CI=true to make this a failure", missing)
	}
	cmd := exec.Command("node", "expand.mjs", fmt.Sprint(n))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TZ=UTC")
	cmd.Stdin = bytes.NewReader(ics)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ical.js could not read the calendar: %v\n%s\n%s", err, stderr.Bytes(), ics)
	}
	var cal parsed
	if err := json.Unmarshal(out, &cal); err != nil {
		t.Fatalf("reading expand.mjs output %q: %v", out, err)
	}
	return cal
}

// TestICALJS loads the calendars in ical.js and compares the occurrences it expands with dates
// computed by hand from a printed calendar and the zones' rules: Phoenix is UTC-7 all year;
// New York is UTC-4 until 2026-11-01 02:00 and from 2027-03-14 02:00, UTC-5 between.
func TestICALJS(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name string
		ics  []byte
		n    int
		want []expanded
	}{
		{
			name: "phoenix weekly, last sunday, fifth thursday, skip",
			ics:  groupICS(t, f.site, f.phoenix, "en"),
			n:    4,
			want: []expanded{
				{
					UID: "group.nami-valley.tempe-tuesday@example.org", Status: "CONFIRMED",
					// 2026-12-01 is skipped; 2026-12-25 is a Friday and changes nothing.
					Starts: []string{"2026-11-25T01:30:00Z", "2026-12-09T01:30:00Z", "2026-12-16T01:30:00Z", "2026-12-23T01:30:00Z"},
					Ends:   []string{"2026-11-25T03:00:00Z", "2026-12-09T03:00:00Z", "2026-12-16T03:00:00Z", "2026-12-23T03:00:00Z"},
				},
				{
					UID: "group.nami-valley.tempe-tuesday.2@example.org", Status: "CONFIRMED",
					Starts: []string{"2026-11-29T21:00:00Z", "2026-12-27T21:00:00Z", "2027-01-31T21:00:00Z", "2027-02-28T21:00:00Z"},
					Ends:   []string{"2026-11-29T22:30:00Z", "2026-12-27T22:30:00Z", "2027-01-31T22:30:00Z", "2027-02-28T22:30:00Z"},
				},
				{
					UID: "group.nami-valley.tempe-tuesday.3@example.org", Status: "CONFIRMED",
					// Fifth Thursdays: none in Nov 2026 or Jan-Mar, May, Jun, Aug 2027.
					Starts: []string{"2027-01-01T01:00:00Z", "2027-04-30T01:00:00Z", "2027-07-30T01:00:00Z", "2027-10-01T01:00:00Z"},
					Ends:   []string{"2027-01-01T02:30:00Z", "2027-04-30T02:30:00Z", "2027-07-30T02:30:00Z", "2027-10-01T02:30:00Z"},
				},
			},
		},
		{
			name: "new york first and third wednesday across dst start, skip",
			ics:  groupICS(t, f.site, f.newYork, "es"),
			n:    5,
			want: []expanded{{
				UID: "group.nami-nyc.conexion-harlem@example.org", Status: "CONFIRMED",
				// 2027-02-17 is skipped; from 2027-03-14 the offset is -4.
				Starts: []string{"2027-01-21T00:00:00Z", "2027-02-04T00:00:00Z", "2027-03-04T00:00:00Z", "2027-03-17T23:00:00Z", "2027-04-07T23:00:00Z"},
				Ends:   []string{"2027-01-21T01:30:00Z", "2027-02-04T01:30:00Z", "2027-03-04T01:30:00Z", "2027-03-18T00:30:00Z", "2027-04-08T00:30:00Z"},
			}},
		},
		{
			name: "new york across dst end, starts, overnight",
			ics:  groupICS(t, f.site, f.fall, "en"),
			n:    3,
			want: []expanded{
				{
					UID: "group.nami-nyc.brooklyn-sunday@example.org", Status: "CONFIRMED",
					// Starts 2026-10-18; from 2026-11-01 02:00 the offset is -5.
					Starts: []string{"2026-10-18T22:30:00Z", "2026-10-25T22:30:00Z", "2026-11-01T23:30:00Z"},
					Ends:   []string{"2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z", "2026-11-02T01:00:00Z"},
				},
				{
					UID: "group.nami-nyc.brooklyn-sunday.2@example.org", Status: "CONFIRMED",
					// Last Saturdays, 23:00 to 00:30: the first ends before the 02:00 change.
					Starts: []string{"2026-11-01T03:00:00Z", "2026-11-29T04:00:00Z", "2026-12-27T04:00:00Z"},
					Ends:   []string{"2026-11-01T04:30:00Z", "2026-11-29T05:30:00Z", "2026-12-27T05:30:00Z"},
				},
			},
		},
		{
			name: "paused",
			ics:  groupICS(t, f.site, f.paused, "en"),
			n:    3,
			want: []expanded{},
		},
		{
			name: "trainings",
			ics:  trainingsICS(t, f.site, f.trainings, "en"),
			n:    5,
			// The upcoming trainings, by start.
			want: []expanded{
				{
					UID: "training-ny-cancelled-2026-11@example.org", Status: "CANCELLED",
					Starts: []string{"2026-11-20"}, Ends: []string{"2026-11-21"},
				},
				{
					UID: "training-oh-facilitator-2026-12@example.org", Status: "CONFIRMED",
					// 9:00 to 16:30 for three days in New York's standard time, UTC-5.
					Starts: []string{"2026-12-04T14:00:00Z", "2026-12-05T14:00:00Z", "2026-12-06T14:00:00Z"},
					Ends:   []string{"2026-12-04T21:30:00Z", "2026-12-05T21:30:00Z", "2026-12-06T21:30:00Z"},
				},
				{
					UID: "training-nm-correctional-2027-02@example.org", Status: "CONFIRMED",
					Starts: []string{"2027-02-10"}, Ends: []string{"2027-02-13"},
				},
				{
					UID: "training-az-champions-2027-02@example.org", Status: "TENTATIVE",
					Starts: []string{"2027-02-20T17:00:00Z"}, Ends: []string{"2027-02-20T19:00:00Z"},
				},
				{
					UID: "training-ny-conexion-2027-03@example.org", Status: "CANCELLED",
					// 9:00 to 16:00 for three days across the change of 2027-03-14.
					Starts: []string{"2027-03-13T14:00:00Z", "2027-03-14T13:00:00Z", "2027-03-15T13:00:00Z"},
					Ends:   []string{"2027-03-13T21:00:00Z", "2027-03-14T20:00:00Z", "2027-03-15T20:00:00Z"},
				},
				{
					UID: "training-ny-facilitator-2027-04@example.org", Status: "CONFIRMED",
					Starts: []string{"2027-04-10T13:00:00Z", "2027-04-11T13:00:00Z"},
					Ends:   []string{"2027-04-10T21:00:00Z", "2027-04-11T21:00:00Z"},
				},
				{
					UID: "training-co-conexion-online-2027-05@example.org", Status: "CONFIRMED",
					Starts: []string{"2027-05-01"}, Ends: []string{"2027-05-03"},
				},
				{
					UID: "training-ny-postponed-2027-06@example.org", Status: "TENTATIVE",
					// 18:00 to 20:00 in New York's summer time, UTC-4: it ends the next day in UTC.
					Starts: []string{"2027-06-05T22:00:00Z"}, Ends: []string{"2027-06-06T00:00:00Z"},
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := expandWithICALJS(t, tt.ics, tt.n)
			if len(got) != len(tt.want) {
				t.Fatalf("ical.js read %d events, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.UID != w.UID || g.Status != w.Status || !slices.Equal(g.Starts, w.Starts) || !slices.Equal(g.Ends, w.Ends) {
					t.Errorf("ical.js event %d = %+v,\nwant %+v", i, g, w)
				}
			}
		})
	}
}

// TestICALJSAgreesWithNext checks the calendar against the page: the meetings that ical.js
// expands from a group's file are the ones schedule.Next lists, over more than a year, across
// the DST changes.
func TestICALJSAgreesWithNext(t *testing.T) {
	f := newFixture(t)
	for _, g := range []*site.Group{f.phoenix, f.newYork, f.fall} {
		t.Run(g.ID, func(t *testing.T) {
			const n = 40 // within the two years Next looks ahead
			var all []string
			for _, ev := range expandWithICALJS(t, groupICS(t, f.site, g, "en"), n) {
				all = append(all, ev.Starts...)
			}
			slices.Sort(all)
			from := g.Verified.In(g.Location)
			if g.Starts.After(g.Verified) {
				from = g.Starts.In(g.Location)
			}
			var want []string
			for _, o := range schedule.Next(g, from, n) {
				want = append(want, o.Start.UTC().Format(time.RFC3339))
			}
			// ical.js gave n of each meeting; the first n overall must match.
			if len(all) < n || !slices.Equal(all[:n], want) {
				t.Errorf("ical.js starts = %v,\nschedule.Next = %v", all, want)
			}
		})
	}
}

// TestICALJSPausedAndStamped reads calendars as a client does: a paused group's calendar has
// no event, and its name and description say that the group is paused, in its language; every
// event's DTSTAMP is the build date, never after it.
func TestICALJSPausedAndStamped(t *testing.T) {
	f := newFixture(t)
	paused := parseWithICALJS(t, groupICS(t, f.site, f.paused, "en"), 3)
	if len(paused.Events) != 0 {
		t.Errorf("paused group's calendar has %d events, want none", len(paused.Events))
	}
	for what, v := range map[string]string{"NAME": paused.Name, "X-WR-CALNAME": paused.CalName} {
		if v != "Mesa Connection (paused)" {
			t.Errorf("paused group's calendar %s = %q, want %q", what, v, "Mesa Connection (paused)")
		}
	}
	for what, v := range map[string]string{"DESCRIPTION": paused.Description, "X-WR-CALDESC": paused.CalDesc} {
		if !strings.Contains(v, "This group is paused: it is not meeting for now.") || !strings.Contains(v, "https://example.org/connection/groups/nami-valley/mesa/") {
			t.Errorf("paused group's calendar %s = %q, want it to say the group is paused and link its page", what, v)
		}
	}

	// A Spanish group paused: its calendar says so in the language of the pages that link it.
	const harlem = "data/groups/nami-nyc/conexion-harlem.yaml"
	fsys := sitetest.Fixture(t)
	pausedES := fixtureOf(t, sitetest.Set(fsys, harlem, "status: paused\n"+string(fsys[harlem].Data)))
	if !pausedES.newYork.Paused() {
		t.Fatal("the variant did not pause the group")
	}
	if got := parseWithICALJS(t, groupICS(t, pausedES.site, pausedES.newYork, "es"), 3); got.Name != "Conexión Harlem (en pausa)" || !strings.Contains(got.Description, "Este grupo está en pausa") || len(got.Events) != 0 {
		t.Errorf("paused Spanish group's Spanish calendar = %+v, want its name and description in Spanish and no event", got)
	}
	if got := parseWithICALJS(t, groupICS(t, pausedES.site, pausedES.newYork, "en"), 3); got.Name != "Conexión Harlem (paused)" || !strings.Contains(got.Description, "This group is paused") || len(got.Events) != 0 {
		t.Errorf("paused Spanish group's English calendar = %+v, want its name and description in English and no event", got)
	}

	active := parseWithICALJS(t, groupICS(t, f.site, f.phoenix, "en"), 1)
	if active.Name != f.phoenix.Name || active.Description != "" {
		t.Errorf("active group's calendar name, description = %q, %q; want its name and none", active.Name, active.Description)
	}
	for _, cal := range []parsed{active, parseWithICALJS(t, trainingsICS(t, f.site, f.trainings, "en"), 1)} {
		for _, ev := range cal.Events {
			if ev.DTStamp != "2026-11-20T00:00:00Z" {
				t.Errorf("event %s: DTSTAMP %s, want the build date 2026-11-20T00:00:00Z", ev.UID, ev.DTStamp)
			}
			// The days from 1970-01-01 to the build date: a later build's revision is higher.
			if ev.Sequence != 20777 {
				t.Errorf("event %s: SEQUENCE %d, want 20777, the days to the build date", ev.UID, ev.Sequence)
			}
		}
	}
}
