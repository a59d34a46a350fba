package render

import (
	"strings"
	"testing"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/site"
)

// TestZoneWordsAcrossTheYear renders group and training pages in winter, days before the change
// to daylight time (2027-03-14 in the US): a weekly schedule names the zone as it is said all
// year ("Mountain Time"), never winter's "MST" alone; each next meeting names the zone of its
// own date (MST before the change, MDT after); Arizona, which keeps MST all year, says MST on
// every date. A training whose days straddle the change names the zone across the year.
func TestZoneWordsAcrossTheYear(t *testing.T) {
	den, phx, ny := loc(t, "America/Denver"), loc(t, "America/Phoenix"), loc(t, "America/New_York")
	clock := func(h, m int) civil.Clock { return civil.Clock{Hour: h, Minute: m} }
	build := func(now string) map[string][]byte {
		s := testSite(t)
		s.Now = date(t, now)
		sandia := s.Affiliates[1]
		albuquerque := &site.Group{ID: "nami-sandia/nob-hill", Slug: "nob-hill", Affiliate: sandia,
			Name: "Nob Hill Tuesday", Program: "connection", Language: "en", Status: "active", Attendance: "in-person",
			Location: den, Meetings: []site.Meeting{{Day: time.Tuesday, Start: clock(18, 30), End: clock(20, 0)}},
			Place:    &site.Place{Name: "Library", Street: "3800 Silver Ave SE", City: "Albuquerque", State: "NM", PostalCode: "87108"},
			Verified: date(t, "2027-01-10"), Source: "data/groups/nami-sandia/nob-hill.yaml"}
		nm := s.Affiliates[0]
		tucson := &site.Group{ID: "nami-new-mexico/tucson", Slug: "tucson", Affiliate: nm,
			Name: "Tucson Tuesday", Program: "connection", Language: "en", Status: "active", Attendance: "in-person",
			Location: phx, Meetings: []site.Meeting{{Day: time.Tuesday, Start: clock(18, 30), End: clock(20, 0)}},
			Place:    &site.Place{Name: "Church", Street: "3601 S 6th Ave", City: "Tucson", State: "AZ", PostalCode: "85713"},
			Verified: date(t, "2027-01-10"), Source: "data/groups/nami-new-mexico/tucson.yaml"}
		sandia.Groups = append(sandia.Groups, albuquerque)
		nm.Groups = append(nm.Groups, tucson)
		s.Groups = append(s.Groups, albuquerque, tucson)
		ohio := s.Affiliates[2]
		straddle := &site.Training{Slug: "oh-facilitator-2027-03", Title: "Ohio Facilitator Training, March",
			Kind: "facilitator", Program: "connection", Language: "en", Host: ohio,
			Start: date(t, "2027-03-13"), End: date(t, "2027-03-15"), Daily: &site.Daily{Start: clock(9, 0), End: clock(16, 0)},
			Location: ny, Attendance: "online", Status: "open", Setting: "community",
			Source: "data/trainings/oh-facilitator-2027-03.yaml"}
		ohio.Trainings = append(ohio.Trainings, straddle)
		s.Trainings = append(s.Trainings, straddle)
		return renderSite(t, s)
	}
	winter := build("2027-03-01")
	tests := []struct {
		path    string
		want    []string
		notWant []string
	}{
		{
			path: "groups/nami-sandia/nob-hill/index.html",
			want: []string{
				"Every Tuesday, 6:30–8:00 pm Mountain Time",
				`<time datetime="2027-03-02T18:30:00-07:00">Tuesday, March 2, 2027, 6:30 pm MST</time>`,
				`<time datetime="2027-03-09T18:30:00-07:00">Tuesday, March 9, 2027, 6:30 pm MST</time>`,
				`<time datetime="2027-03-16T18:30:00-06:00">Tuesday, March 16, 2027, 6:30 pm MDT</time>`,
			},
			notWant: []string{"8:00 pm MST", "March 16, 2027, 6:30 pm MST"},
		},
		{
			path: "groups/nami-new-mexico/tucson/index.html",
			want: []string{
				"Every Tuesday, 6:30–8:00 pm MST",
				`<time datetime="2027-03-16T18:30:00-07:00">Tuesday, March 16, 2027, 6:30 pm MST</time>`,
			},
			notWant: []string{"MDT", "Mountain Time"},
		},
		{
			path:    "trainings/oh-facilitator-2027-03/index.html",
			want:    []string{"9:00 am–4:00 pm Eastern Time"},
			notWant: []string{"4:00 pm EST", "4:00 pm EDT"},
		},
		{
			path: "groups/nm/index.html",
			want: []string{"Every Tuesday, 6:30–8:00 pm Mountain Time"},
		},
		{
			path: "groups/az/index.html",
			want: []string{"Every Tuesday, 6:30–8:00 pm MST"},
		},
	}
	for _, tt := range tests {
		doc := string(winter[tt.path])
		if doc == "" {
			t.Fatalf("no page %s", tt.path)
		}
		for _, w := range tt.want {
			if !strings.Contains(doc, w) {
				t.Errorf("%s lacks %q", tt.path, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(doc, w) {
				t.Errorf("%s contains %q", tt.path, w)
			}
		}
	}
	// Built in summer, the weekly schedule reads the same: it never depended on the season.
	summer := build("2027-07-01")
	for _, p := range []string{"groups/nami-sandia/nob-hill/index.html", "groups/nami-new-mexico/tucson/index.html"} {
		line := func(doc string) string {
			i := strings.Index(doc, "Every Tuesday")
			if i < 0 {
				return ""
			}
			return doc[i : i+strings.Index(doc[i:], "<")]
		}
		if a, b := line(string(winter[p])), line(string(summer[p])); a == "" || a != b {
			t.Errorf("%s: schedule %q in winter, %q in summer; want the same words", p, a, b)
		}
	}
}
