package feed

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/site"
)

// testSite returns a small site with groups and trainings of every kind the feeds treat
// differently. Its build date is 2026-03-01.
func testSite(t *testing.T) *site.Site {
	t.Helper()
	ny := loadZone(t, "America/New_York")
	den := loadZone(t, "America/Denver")
	yes := true
	ohio := &site.Affiliate{
		Slug: "nami-ohio", Name: "NAMI Ohio", Kind: "state-organization", State: "OH",
		Website: "https://namiohio.org", Email: "info@namiohio.org", Phone: "614-224-2700",
		Location: ny,
	}
	denver := &site.Affiliate{
		Slug: "nami-denver-metro-and-the-front-range-communities", Name: "NAMI Denver Metro",
		Kind: "affiliate", State: "CO", Email: "groups@namidenver.org", Location: den,
	}
	phx := loadZone(t, "America/Phoenix")
	pr := loadZone(t, "America/Puerto_Rico")
	arizona := &site.Affiliate{Slug: "nami-southern-arizona", Name: "NAMI Southern Arizona", Kind: "affiliate",
		State: "AZ", Website: "https://namisa.example.org", Email: "info@namisa.example.org", Location: phx}
	puertoRico := &site.Affiliate{Slug: "nami-puerto-rico", Name: "NAMI Puerto Rico", Kind: "state-organization",
		State: "PR", Email: "info@namipr.example.org", Location: pr}
	groups := []*site.Group{
		{
			// A street of digits and letters; a first meeting still to come; skip dates on and
			// off its weeks.
			ID: "nami-southern-arizona/south-tucson", Slug: "south-tucson", Affiliate: arizona, Name: "South Tucson",
			Program: "connection", Language: "en", Status: "active", Attendance: "in-person",
			Meetings: []site.Meeting{{Day: time.Monday, Start: civil.Clock{Hour: 18}, End: civil.Clock{Hour: 19, Minute: 30}, Weeks: []int{1, 3}}},
			Location: phx,
			Place: &site.Place{Name: "Community Room", Street: "3601 S 6th Ave", City: "Tucson", State: "AZ",
				PostalCode: "85713", HasCoords: true, Lat: 32.18, Lon: -110.97},
			Starts:   civil.Date{Year: 2026, Month: 3, Day: 2},
			Skip:     []civil.Date{{Year: 2026, Month: 3, Day: 16}, {Year: 2026, Month: 3, Day: 9}},
			Verified: civil.Date{Year: 2026, Month: 2, Day: 20},
		},
		{
			// A street with an accent, without coordinates.
			ID: "nami-puerto-rico/conexion-santurce", Slug: "conexion-santurce", Affiliate: puertoRico, Name: "Conexión Santurce",
			Program: "conexion", Language: "es", Status: "active", Attendance: "in-person",
			Meetings: []site.Meeting{{Day: time.Saturday, Start: civil.Clock{Hour: 10}, End: civil.Clock{Hour: 11, Minute: 30}}},
			Location: pr,
			Place: &site.Place{Name: "Centro Comunal", Street: "Calle Loíza 1950", City: "San Juan", State: "PR",
				PostalCode: "00911"},
			Verified: civil.Date{Year: 2026, Month: 1, Day: 5},
		},
		{
			ID: "nami-ohio/downtown", Slug: "downtown", Affiliate: ohio, Name: "Downtown Connection",
			Program: "connection", Language: "en", Status: "active", Attendance: "in-person",
			Meetings: []site.Meeting{
				{Day: time.Tuesday, Start: civil.Clock{Hour: 18, Minute: 30}, End: civil.Clock{Hour: 20}},
				{Day: time.Wednesday, Start: civil.Clock{Hour: 10}, End: civil.Clock{Hour: 11, Minute: 30}, Weeks: []int{1, 3}},
			},
			Location: ny,
			Place: &site.Place{Name: "First Church", Street: "123 N. Main St.", City: "Columbus", State: "OH",
				PostalCode: "43215-1234", HasCoords: true, Lat: 39.9612, Lon: -82.9988, Accessible: &yes},
			Audience: []string{"young-adults", "veterans"},
			Notes:    "Bring **a friend**. See [the map](https://example.org/map).",
			Verified: civil.Date{Year: 2026, Month: 1, Day: 15},
			Skip:     []civil.Date{{Year: 2025, Month: 12, Day: 23}, {Year: 2026, Month: 3, Day: 24}},
		},
		{
			// Its slug is that of the second meeting of nami-ohio/downtown.
			ID: "nami-ohio/downtown-2", Slug: "downtown-2", Affiliate: ohio, Name: "Downtown Two",
			Program: "connection", Language: "en", Status: "active", Attendance: "in-person",
			Meetings: []site.Meeting{{Day: time.Monday, Start: civil.Clock{Hour: 19}, End: civil.Clock{Hour: 20, Minute: 30}}},
			Location: ny,
			Place:    &site.Place{Name: "Library", City: "Columbus", State: "OH"},
		},
		{
			ID: "nami-ohio/online-private", Slug: "online-private", Affiliate: ohio, Name: "Evening Online",
			Program: "connection", Language: "en", Status: "active", Attendance: "online",
			Meetings: []site.Meeting{{Day: time.Sunday, Start: civil.Clock{Hour: 23}, End: civil.Clock{Hour: 0, Minute: 30}, Overnight: true}},
			Location: ny,
			Online:   &site.Online{Platform: "Zoom", Instructions: "Write to us for the *link*."},
			Audience: []string{"women"},
			Contact:  site.Contact{Email: "evening@namiohio.org"},
		},
		{
			ID: "nami-ohio/online-public", Slug: "online-public", Affiliate: ohio, Name: "Morning Online",
			Program: "connection", Language: "en", Status: "active", Attendance: "online",
			Meetings: []site.Meeting{{Day: time.Saturday, Start: civil.Clock{Hour: 9}, End: civil.Clock{Hour: 10, Minute: 30}}},
			Location: ny,
			Online:   &site.Online{Platform: "Zoom", JoinURL: "https://zoom.us/j/123456789", LinkPublic: true},
			Audience: []string{"lgbtq", "bipoc", "seniors", "men"},
		},
		{
			ID:   "nami-denver-metro-and-the-front-range-communities/conexion-en-espanol-los-martes",
			Slug: "conexion-en-espanol-los-martes", Affiliate: denver, Name: "Conexión <Martes> & más",
			Program: "conexion", Language: "es", Status: "paused", Attendance: "hybrid",
			Meetings: []site.Meeting{{Day: time.Thursday, Start: civil.Clock{Hour: 18}, End: civil.Clock{Hour: 19, Minute: 30}, Weeks: []int{2, -1}}},
			Location: den,
			Place: &site.Place{Name: "Centro Cultural", Street: "1500 E Broad St, Suite #200", City: "Cañon City",
				State: "CO", PostalCode: "81212"},
			Online:   &site.Online{Platform: "Google Meet"},
			Verified: civil.Date{Year: 2025, Month: 11, Day: 2},
		},
	}
	trainings := []*site.Training{
		{
			Slug: "ohio-facilitator-2026-04", Title: "Connection Facilitator Training, Columbus",
			Kind: "facilitator", Program: "connection", Language: "en", Host: ohio,
			Start: civil.Date{Year: 2026, Month: 4, Day: 11}, End: civil.Date{Year: 2026, Month: 4, Day: 12},
			Daily:      &site.Daily{Start: civil.Clock{Hour: 9}, End: civil.Clock{Hour: 17}},
			Location:   ny,
			Attendance: "in-person",
			Place: &site.Place{Name: "NAMI Ohio Office", Street: "1225 Dublin Rd", City: "Columbus", State: "OH",
				PostalCode: "43215", HasCoords: true, Lat: 39.97, Lon: -83.04},
			Application: &site.Application{Deadline: civil.Date{Year: 2026, Month: 3, Day: 20},
				URL: "https://namiohio.org/apply", Contact: "train@namiohio.org", Screening: true},
			Status: "open", Setting: "community", Seats: 16,
			Notes:     "Lunch is provided.",
			Published: time.Date(2026, 1, 5, 15, 4, 5, 0, time.UTC), Updated: time.Date(2026, 2, 10, 9, 30, 0, 0, time.UTC),
		},
		{
			Slug: "conexion-online-2026-05", Title: "Conexión: capacitación en línea",
			Kind: "facilitator", Program: "conexion", Language: "es", Host: denver,
			Start: civil.Date{Year: 2026, Month: 5, Day: 2}, End: civil.Date{Year: 2026, Month: 5, Day: 3},
			Location: den, Attendance: "online", Status: "full", Setting: "community",
			// A date in another zone: the feed gives it in UTC.
			Published: time.Date(2026, 2, 1, 18, 0, 0, 0, den), Updated: time.Date(2026, 2, 1, 18, 0, 0, 0, den),
		},
		{
			Slug: "ohio-past-2025", Title: "Past Training",
			Kind: "champion-orientation", Program: "connection", Language: "en", Host: ohio,
			Start: civil.Date{Year: 2025, Month: 10, Day: 4}, End: civil.Date{Year: 2025, Month: 10, Day: 4},
			Location: ny, Attendance: "online", Status: "open", Setting: "community",
			// The latest change of all, to a training that has ended.
			Published: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Updated: time.Date(2026, 2, 27, 11, 0, 0, 0, time.UTC),
		},
		{
			Slug: "ohio-cancelled", Title: "Trainer </script><b>Training</b> & more",
			Kind: "trainer", Program: "connection", Language: "en", Host: ohio,
			Start: civil.Date{Year: 2026, Month: 3, Day: 1}, End: civil.Date{Year: 2026, Month: 3, Day: 1},
			Location: ny, Attendance: "online", Status: "cancelled", Setting: "correctional",
			Published: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), Updated: time.Date(2026, 2, 15, 0, 0, 0, 0, time.UTC),
		},
		{
			Slug: "ohio-postponed", Title: "Postponed Orientation",
			Kind: "champion-orientation", Program: "connection", Language: "en", Host: ohio,
			Start: civil.Date{Year: 2026, Month: 6, Day: 6}, End: civil.Date{Year: 2026, Month: 6, Day: 6},
			Daily:    &site.Daily{Start: civil.Clock{Hour: 18}, End: civil.Clock{Hour: 20}},
			Location: ny, Attendance: "online", Status: "postponed", Setting: "community",
		},
	}
	return &site.Site{
		Title:    "Connection Groups",
		BaseURL:  "https://groups.example.org/",
		Language: "en",
		Location: ny,
		Now:      civil.Date{Year: 2026, Month: 3, Day: 1},
		Affiliates: []*site.Affiliate{
			arizona, denver, ohio, puertoRico,
		},
		Groups:    groups,
		Trainings: trainings,
	}
}

// loadZone returns the time zone named name.
func loadZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time.LoadLocation(%q): %v", name, err)
	}
	return loc
}

// referenceDir returns the folder of the Meeting Guide schemas and type codes the tests check
// the feed against: testdata/reference/meeting-guide at the root of the repository, copied
// there with its licence and source (see its README.md).
func referenceDir(t *testing.T) string {
	t.Helper()
	ref := filepath.Join("..", "..", "testdata", "reference", "meeting-guide")
	if _, err := os.Stat(filepath.Join(ref, "meeting.schema.json")); err != nil {
		t.Fatalf("Meeting Guide reference files missing: %v", err)
	}
	return ref
}

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"empty", "  \n", ""},
		{"emphasis", "Bring **a friend** and *coffee*.", "Bring a friend and coffee."},
		{"link", "See [the map](https://example.org/map).", "See the map (https://example.org/map)."},
		{"link same as text", "[https://x.org](https://x.org)", "https://x.org"},
		{"mailto", "[a@b.org](mailto:a@b.org)", "a@b.org"},
		{"autolink", "<https://x.org/a>", "https://x.org/a"},
		{"raw html dropped", "Hi <b>there</b>", "Hi there"},
		{"entities and escapes", "Tom &amp; Jerry \\*not bold\\*", "Tom & Jerry *not bold*"},
		{"paragraphs", "One\ntwo.\n\nThree.", "One two.\nThree."},
		{"list", "- one\n- two", "- one\n- two"},
		{"ordered", "3. c\n4. d", "3. c\n4. d"},
		{"heading", "# Title\n\nText", "Title\nText"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plainText(tt.md); got != tt.want {
				t.Errorf("plainText(%q) = %q, want %q", tt.md, got, tt.want)
			}
		})
	}
}
