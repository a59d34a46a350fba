package render

import (
	"strings"
	"testing"

	"sitegen/internal/sitetest"
)

// TestZoneWordsAcrossTheYear renders group and training pages in winter, days before the change
// to daylight time (2027-03-14 in the US): a weekly schedule names the zone as it is said all
// year ("Mountain Time"), never winter's "MST" alone; each next meeting names the zone of its
// own date (MST before the change, MDT after); Arizona, which keeps MST all year, says MST on
// every date. A training whose days straddle the change names the zone across the year.
func TestZoneWordsAcrossTheYear(t *testing.T) {
	fsys := sitetest.Fixture(t)
	fsys = sitetest.Set(fsys, "data/groups/nami-sandia/nob-hill.yaml", `name: Nob Hill Tuesday
attendance: in-person
meetings:
  - day: tuesday
    start: "18:30"
    end: "20:00"
location:
  name: Library
  street: 3800 Silver Ave SE
  city: Albuquerque
  state: NM
  postal_code: "87108"
verified: 2027-01-10
`)
	fsys = sitetest.Set(fsys, "data/groups/nami-new-mexico/tucson.yaml", `name: Tucson Tuesday
attendance: in-person
timezone: America/Phoenix
meetings:
  - day: tuesday
    start: "18:30"
    end: "20:00"
location:
  name: Church
  street: 3601 S 6th Ave
  city: Tucson
  state: AZ
  postal_code: "85713"
verified: 2027-01-10
`)
	fsys = sitetest.Set(fsys, "data/trainings/oh-facilitator-2027-03.yaml", `title: Ohio Facilitator Training, March
kind: facilitator
host: nami-ohio
start: 2027-03-13
end: 2027-03-15
daily:
  start: "09:00"
  end: "16:00"
attendance: online
`)
	build := func(now string) map[string][]byte {
		return renderSite(t, sitetest.Build(t, fsys, sitetest.Date(t, now)))
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
		hasAll(t, tt.path, doc, tt.want, tt.notWant)
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
