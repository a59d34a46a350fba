package schedule

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/site"
	"sitegen/internal/vocab"
)

// record is a group as the finder's index has it: the form the browser computes from.
type record struct {
	TZ       string `json:"tz"`
	Paused   bool   `json:"paused"`
	Starts   string `json:"starts"`
	Skip     []string
	Meetings []struct {
		Day, Start, End string
		Weeks           []int
		Overnight       bool
	}
}

// TestNextAgreesWithTheBrowser runs the cases of testdata/shared/next-meeting.json, which
// templates/meetings.js runs too, so that a list built by Go and one built in the browser
// give the same next meeting.
func TestNextAgreesWithTheBrowser(t *testing.T) {
	b, err := os.ReadFile("../../testdata/shared/next-meeting.json")
	if err != nil {
		t.Fatal(err)
	}
	var data struct {
		Cases []struct {
			Name   string
			Record record
			At     time.Time
			Want   *time.Time
			Now    bool
		}
	}
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range data.Cases {
		t.Run(c.Name, func(t *testing.T) {
			g := groupOf(t, c.Record)
			next := Next(g, c.At, 1)
			if c.Want == nil {
				if len(next) > 0 {
					t.Errorf("Next = %v, want none", next[0].Start)
				}
				return
			}
			if len(next) == 0 {
				t.Fatalf("Next found none, want %v", c.Want)
			}
			if !next[0].Start.Equal(*c.Want) {
				t.Errorf("Next = %v, want %v", next[0].Start.UTC(), c.Want)
			}
			if now := !next[0].Start.After(c.At) && next[0].End.After(c.At); now != c.Now {
				t.Errorf("in progress = %v, want %v", now, c.Now)
			}
		})
	}
}

func groupOf(t *testing.T, r record) *site.Group {
	t.Helper()
	loc, err := time.LoadLocation(r.TZ)
	if err != nil {
		t.Fatal(err)
	}
	g := &site.Group{Location: loc, Status: "active"}
	if r.Paused {
		g.Status = "paused"
	}
	if r.Starts != "" {
		g.Starts = sharedDate(t, r.Starts)
	}
	for _, s := range r.Skip {
		g.Skip = append(g.Skip, sharedDate(t, s))
	}
	for _, m := range r.Meetings {
		day, ok := vocab.Weekday(m.Day)
		if !ok {
			t.Fatalf("day %q", m.Day)
		}
		start, err1 := civil.ParseClock(m.Start)
		end, err2 := civil.ParseClock(m.End)
		if err1 != nil || err2 != nil {
			t.Fatalf("meeting %v", m)
		}
		g.Meetings = append(g.Meetings, site.Meeting{Day: day, Start: start, End: end, Weeks: m.Weeks, Overnight: m.Overnight || end.Minutes() < start.Minutes()})
	}
	return g
}

func sharedDate(t *testing.T, s string) civil.Date {
	t.Helper()
	d, err := civil.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
