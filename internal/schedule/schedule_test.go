package schedule

import (
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // the same zone data on every machine

	"sitegen/internal/civil"
	"sitegen/internal/site"
	"sitegen/internal/sitetest"
	"sitegen/internal/words"
)

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func meeting(day time.Weekday, start, end civil.Clock, weeks ...int) site.Meeting {
	return site.Meeting{Day: day, Start: start, End: end, Weeks: weeks, Overnight: end.Minutes() < start.Minutes()}
}

func TestNext(t *testing.T) {
	phoenix := sitetest.Location(t, "America/Phoenix")
	newYork := sitetest.Location(t, "America/New_York")
	tue := meeting(time.Tuesday, civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20})
	sat := meeting(time.Saturday, civil.Clock{Hour: 10}, civil.Clock{Hour: 11, Minute: 30})
	// Every date below was read off a printed calendar; offsets from the zones' rules
	// (Phoenix -07:00 all year; New York -04:00 until 2026-11-01 02:00 and from 2027-03-14
	// 02:00, -05:00 between).
	tests := []struct {
		name  string
		group site.Group
		from  string
		n     int
		want  []string // start instants in the group's zone
		wantM []int    // meeting indexes, when checked
	}{
		{
			name:  "phoenix every tuesday",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{tue}},
			from:  "2026-11-20T12:00:00-07:00",
			n:     3,
			want:  []string{"2026-11-24T18:30:00-07:00", "2026-12-01T18:30:00-07:00", "2026-12-08T18:30:00-07:00"},
		},
		{
			name: "new york sunday across dst end",
			group: site.Group{Location: newYork, Meetings: []site.Meeting{
				meeting(time.Sunday, civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20}),
			}},
			from: "2026-10-20T00:00:00Z",
			n:    3,
			want: []string{"2026-10-25T18:30:00-04:00", "2026-11-01T18:30:00-05:00", "2026-11-08T18:30:00-05:00"},
		},
		{
			name: "new york first and third wednesday across dst start",
			group: site.Group{Location: newYork, Meetings: []site.Meeting{
				meeting(time.Wednesday, civil.Clock{Hour: 19}, civil.Clock{Hour: 20, Minute: 30}, 1, 3),
			}},
			from: "2027-02-01T00:00:00-05:00",
			n:    5,
			want: []string{
				"2027-02-03T19:00:00-05:00", "2027-02-17T19:00:00-05:00", "2027-03-03T19:00:00-05:00",
				"2027-03-17T19:00:00-04:00", "2027-04-07T19:00:00-04:00",
			},
		},
		{
			name: "last sunday",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{
				meeting(time.Sunday, civil.Clock{Hour: 14}, civil.Clock{Hour: 15, Minute: 30}, -1),
			}},
			from: "2026-10-01T00:00:00-07:00",
			n:    4,
			want: []string{"2026-10-25T14:00:00-07:00", "2026-11-29T14:00:00-07:00", "2026-12-27T14:00:00-07:00", "2027-01-31T14:00:00-07:00"},
		},
		{
			name: "fifth thursday skips months without one",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{
				meeting(time.Thursday, civil.Clock{Hour: 18}, civil.Clock{Hour: 19, Minute: 30}, 5),
			}},
			from: "2026-11-01T00:00:00-07:00",
			n:    2,
			want: []string{"2026-12-31T18:00:00-07:00", "2027-04-29T18:00:00-07:00"},
		},
		{
			name: "skip date",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{tue},
				Skip: []civil.Date{sitetest.Date(t, "2026-12-01"), sitetest.Date(t, "2026-12-02")}},
			from: "2026-11-20T12:00:00-07:00",
			n:    3,
			want: []string{"2026-11-24T18:30:00-07:00", "2026-12-08T18:30:00-07:00", "2026-12-15T18:30:00-07:00"},
		},
		{
			name:  "starts on a meeting day in the future",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{tue}, Starts: sitetest.Date(t, "2027-01-05")},
			from:  "2026-11-20T12:00:00-07:00",
			n:     2,
			want:  []string{"2027-01-05T18:30:00-07:00", "2027-01-12T18:30:00-07:00"},
		},
		{
			name:  "starts between meeting days",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{tue}, Starts: sitetest.Date(t, "2027-01-07")},
			from:  "2026-11-20T12:00:00-07:00",
			n:     2,
			want:  []string{"2027-01-12T18:30:00-07:00", "2027-01-19T18:30:00-07:00"},
		},
		{
			name:  "starts in the past",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{tue}, Starts: sitetest.Date(t, "2025-01-07")},
			from:  "2026-11-20T12:00:00-07:00",
			n:     1,
			want:  []string{"2026-11-24T18:30:00-07:00"},
		},
		{
			name:  "paused",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{tue}, Status: "paused"},
			from:  "2026-11-20T12:00:00-07:00",
			n:     3,
			want:  nil,
		},
		{
			name:  "two meetings merged",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{tue, sat}},
			from:  "2026-11-20T12:00:00-07:00",
			n:     4,
			want:  []string{"2026-11-21T10:00:00-07:00", "2026-11-24T18:30:00-07:00", "2026-11-28T10:00:00-07:00", "2026-12-01T18:30:00-07:00"},
			wantM: []int{1, 0, 1, 0},
		},
		{
			name:  "meeting under way is still next",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{tue}},
			from:  "2026-11-24T19:59:00-07:00",
			n:     1,
			want:  []string{"2026-11-24T18:30:00-07:00"},
		},
		{
			name:  "meeting that has just ended is not",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{tue}},
			from:  "2026-11-24T20:00:00-07:00",
			n:     1,
			want:  []string{"2026-12-01T18:30:00-07:00"},
		},
		{
			name: "overnight meeting from the day before",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{
				meeting(time.Friday, civil.Clock{Hour: 23}, civil.Clock{Minute: 30}),
			}},
			from: "2026-11-21T00:15:00-07:00",
			n:    2,
			want: []string{"2026-11-20T23:00:00-07:00", "2026-11-27T23:00:00-07:00"},
		},
		{
			name:  "none asked",
			group: site.Group{Location: phoenix, Meetings: []site.Meeting{tue}},
			from:  "2026-11-20T12:00:00-07:00",
			n:     0,
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := mustTime(t, tt.from)
			occ := Next(&tt.group, from, tt.n)
			var got []string
			var gotM []int
			for _, o := range occ {
				got = append(got, o.Start.In(tt.group.Location).Format(time.RFC3339))
				gotM = append(gotM, o.Meeting)
				if !o.End.After(from) {
					t.Errorf("occurrence %v ends at %v, not after %v", o.Start, o.End, from)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Next(%s, %s, %d) = %v, want %v", tt.name, tt.from, tt.n, got, tt.want)
			}
			if tt.wantM != nil && !slices.Equal(gotM, tt.wantM) {
				t.Errorf("Next(%s, %s, %d) meetings = %v, want %v", tt.name, tt.from, tt.n, gotM, tt.wantM)
			}
		})
	}
}

func TestNextEnds(t *testing.T) {
	phoenix := sitetest.Location(t, "America/Phoenix")
	tests := []struct {
		name    string
		meeting site.Meeting
		want    string // end of the first occurrence
	}{
		{"same day", meeting(time.Tuesday, civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20}), "2026-11-24T20:00:00-07:00"},
		{"overnight", meeting(time.Tuesday, civil.Clock{Hour: 23}, civil.Clock{Minute: 30}), "2026-11-25T00:30:00-07:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := site.Group{Location: phoenix, Meetings: []site.Meeting{tt.meeting}}
			occ := Next(&g, mustTime(t, "2026-11-20T12:00:00-07:00"), 1)
			if len(occ) != 1 {
				t.Fatalf("Next = %v, want one occurrence", occ)
			}
			if got := occ[0].End.Format(time.RFC3339); got != tt.want {
				t.Errorf("Next(%s) end = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

func TestNextTerminates(t *testing.T) {
	g := site.Group{Location: time.UTC, Meetings: []site.Meeting{
		meeting(time.Tuesday, civil.Clock{Hour: 18}, civil.Clock{Hour: 19}),
	}}
	got := Next(&g, mustTime(t, "2026-01-01T00:00:00Z"), 1000)
	// About two years of Tuesdays, no more.
	if len(got) < 100 || len(got) > 106 {
		t.Errorf("Next(weekly, 1000) returned %d occurrences, want 100 to 106", len(got))
	}
}

func TestOnWeek(t *testing.T) {
	tests := []struct {
		date  string
		weeks []int
		want  bool
	}{
		{"2026-11-04", nil, true},
		{"2026-11-04", []int{1, 3}, true},
		{"2026-11-11", []int{1, 3}, false},
		{"2026-11-18", []int{1, 3}, true},
		{"2026-11-25", []int{-1}, true},
		{"2026-11-24", []int{-1}, true},
		{"2026-11-23", []int{-1}, false}, // Nov 30 is the last Monday
		{"2026-11-30", []int{5, -1}, true},
		{"2026-11-29", []int{5}, true},
		{"2026-11-22", []int{5}, false},
	}
	for _, tt := range tests {
		if got := OnWeek(sitetest.Date(t, tt.date), tt.weeks); got != tt.want {
			t.Errorf("OnWeek(%q, %v) = %v, want %v", tt.date, tt.weeks, got, tt.want)
		}
	}
}

func TestTimeOfDay(t *testing.T) {
	tests := []struct {
		clock civil.Clock
		want  string
	}{
		{civil.Clock{}, "morning"},
		{civil.Clock{Hour: 11, Minute: 59}, "morning"},
		{civil.Clock{Hour: 12}, "afternoon"},
		{civil.Clock{Hour: 16, Minute: 59}, "afternoon"},
		{civil.Clock{Hour: 17}, "afternoon"},
		{civil.Clock{Hour: 17, Minute: 1}, "evening"},
		{civil.Clock{Hour: 23, Minute: 30}, "evening"},
	}
	for _, tt := range tests {
		if got := TimeOfDay(tt.clock); got != tt.want {
			t.Errorf("TimeOfDay(%q) = %q, want %q", tt.clock, got, tt.want)
		}
	}
}

// catalogues returns the English and Spanish catalogues as a build reads them: those of the
// shared test site, through load, check and site.Build.
func catalogues(t *testing.T) (en, es *words.Catalog) {
	t.Helper()
	s := sitetest.Build(t, sitetest.Fixture(t), sitetest.Date(t, "2026-11-20"))
	return s.Words("en"), s.Words("es")
}

func TestDescribe(t *testing.T) {
	phoenix := sitetest.Location(t, "America/Phoenix")
	newYork := sitetest.Location(t, "America/New_York")
	denver := sitetest.Location(t, "America/Denver")
	en, es := catalogues(t)
	tests := []struct {
		name    string
		meeting site.Meeting
		loc     *time.Location
		w       *words.Catalog
		year    int
		want    string
	}{
		{"weekly", meeting(time.Tuesday, civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20}), phoenix, en, 2027,
			"Every Tuesday, 6:30–8:00 pm MST"},
		{"first and third", meeting(time.Wednesday, civil.Clock{Hour: 19}, civil.Clock{Hour: 20, Minute: 30}, 1, 3), newYork, en, 2027,
			"First and third Wednesday, 7:00–8:30 pm Eastern Time"},
		{"denver", meeting(time.Tuesday, civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20}), denver, en, 2027,
			"Every Tuesday, 6:30–8:00 pm Mountain Time"},
		{"last", meeting(time.Sunday, civil.Clock{Hour: 14}, civil.Clock{Hour: 15, Minute: 30}, -1), phoenix, en, 2027,
			"Last Sunday, 2:00–3:30 pm MST"},
		{"three weeks", meeting(time.Monday, civil.Clock{Hour: 10}, civil.Clock{Hour: 11, Minute: 30}, 2, 4, -1), phoenix, en, 2027,
			"Second, fourth and last Monday, 10:00–11:30 am MST"},
		{"across noon", meeting(time.Saturday, civil.Clock{Hour: 11}, civil.Clock{Hour: 12, Minute: 30}), phoenix, en, 2027,
			"Every Saturday, 11:00 am–12:30 pm MST"},
		{"overnight", meeting(time.Friday, civil.Clock{Hour: 23}, civil.Clock{Minute: 30}), phoenix, en, 2027,
			"Every Friday, 11:00 pm–12:30 am MST"},
		{"spanish weekly", meeting(time.Tuesday, civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20}), phoenix, es, 2027,
			"Cada martes, 6:30–8:00\u00a0p.\u00a0m., MST"},
		{"spanish saturday", meeting(time.Saturday, civil.Clock{Hour: 9}, civil.Clock{Hour: 10, Minute: 30}), phoenix, es, 2027,
			"Cada sábado, 9:00–10:30\u00a0a.\u00a0m., MST"},
		{"spanish first and third", meeting(time.Wednesday, civil.Clock{Hour: 19}, civil.Clock{Hour: 20, Minute: 30}, 1, 3), newYork, es, 2027,
			"Primer y tercer miércoles, 7:00–8:30\u00a0p.\u00a0m., hora del este"},
		{"spanish denver", meeting(time.Tuesday, civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20}), denver, es, 2027,
			"Cada martes, 6:30–8:00\u00a0p.\u00a0m., hora de la montaña"},
		{"spanish last", meeting(time.Sunday, civil.Clock{Hour: 14}, civil.Clock{Hour: 15, Minute: 30}, -1), phoenix, es, 2027,
			"Último domingo, 2:00–3:30\u00a0p.\u00a0m., MST"},
		{"spanish three weeks", meeting(time.Monday, civil.Clock{Hour: 10}, civil.Clock{Hour: 11, Minute: 30}, 2, 4, -1), phoenix, es, 2027,
			"Segundo, cuarto y último lunes, 10:00–11:30\u00a0a.\u00a0m., MST"},
		{"spanish across noon", meeting(time.Saturday, civil.Clock{Hour: 11}, civil.Clock{Hour: 12, Minute: 30}), phoenix, es, 2027,
			"Cada sábado, 11:00\u00a0a.\u00a0m.–12:30\u00a0p.\u00a0m., MST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Describe(tt.meeting, tt.loc, tt.w, tt.year); got != tt.want {
				t.Errorf("Describe(%s) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
	// A schedule holds all year: Describe names the zone the same in every season, never by
	// one season's abbreviation ("MDT" is wrong from November to March).
	m := meeting(time.Tuesday, civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20})
	for _, loc := range []*time.Location{phoenix, newYork, denver} {
		if a, b := Describe(m, loc, en, 2026), Describe(m, loc, en, 2027); a != b {
			t.Errorf("Describe in %s differs between years: %q, %q", loc, a, b)
		}
	}
}

func TestWeeks(t *testing.T) {
	en, es := catalogues(t)
	tests := []struct {
		weeks []int
		w     *words.Catalog
		want  string
	}{
		{[]int{2}, en, "second"},
		{[]int{1, 3}, en, "first and third"},
		{[]int{1, 2, -1}, en, "first, second and last"},
		{[]int{5}, en, "fifth"},
		{[]int{1, 3}, es, "primer y tercer"},
		{[]int{-1}, es, "último"},
	}
	for _, tt := range tests {
		if got := Weeks(tt.weeks, tt.w); got != tt.want {
			t.Errorf("Weeks(%v, %s) = %q, want %q", tt.weeks, tt.w.Lang(), got, tt.want)
		}
	}
}

func TestBefore(t *testing.T) {
	phoenix := sitetest.Location(t, "America/Phoenix")
	newYork := sitetest.Location(t, "America/New_York")
	groups := map[string]site.Group{
		"two a week": {Location: phoenix, Meetings: []site.Meeting{
			meeting(time.Saturday, civil.Clock{Hour: 10}, civil.Clock{Hour: 11, Minute: 30}),
			meeting(time.Tuesday, civil.Clock{Hour: 18, Minute: 30}, civil.Clock{Hour: 20}),
		}},
		"overnight": {Location: phoenix, Meetings: []site.Meeting{
			meeting(time.Friday, civil.Clock{Hour: 23}, civil.Clock{Minute: 30}),
		}},
		"first and last": {Location: newYork, Meetings: []site.Meeting{
			meeting(time.Sunday, civil.Clock{Hour: 18}, civil.Clock{Hour: 19}, 1, -1),
		}, Skip: []civil.Date{{Year: 2026, Month: 11, Day: 29}}},
		"paused": {Location: phoenix, Status: "paused", Meetings: []site.Meeting{
			meeting(time.Tuesday, civil.Clock{Hour: 18}, civil.Clock{Hour: 19}),
		}},
	}
	from := mustTime(t, "2026-10-27T00:15:00-07:00")
	for name, g := range groups {
		for _, days := range []int{0, 1, 4, 8, 40} {
			to := from.AddDate(0, 0, days)
			// What Before finds is what Next finds, cut at to.
			var want []Occurrence
			for _, o := range Next(&g, from, 100) {
				if o.Start.Before(to) {
					want = append(want, o)
				}
			}
			got := Before(&g, from, to)
			if !slices.Equal(got, want) {
				t.Errorf("%s, %d days: Before = %v, want %v", name, days, got, want)
			}
			if name != "paused" && days == 40 && len(got) == 0 {
				t.Errorf("%s: nothing in 40 days", name)
			}
		}
	}
}
