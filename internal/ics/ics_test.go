package ics

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the same zone data on every machine
	"unicode/utf8"

	"sitegen/internal/civil"
	"sitegen/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestEscapeText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "NAMI Valley", "NAMI Valley"},
		{"comma", "Room 2, Library", `Room 2\, Library`},
		{"semicolon", "a;b", `a\;b`},
		{"backslash", `C:\path`, `C:\\path`},
		{"newline", "one\ntwo", `one\ntwo`},
		{"crlf", "one\r\ntwo", `one\ntwo`},
		{"control", "bell\x07", "bell"},
		{"accents", "Conexión, miércoles", `Conexión\, miércoles`},
		{"colon kept", "Join: https://x.example/a", "Join: https://x.example/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := escapeText(tt.in); got != tt.want {
				t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWriteLine(t *testing.T) {
	spanish := "DESCRIPTION:Primer y tercer miércoles\\, 19:00–20:30 EST\\nEn línea (Zoom): " +
		"pida el enlace al contacto indicado abajo\\nAsociación Nacional de Enfermedades Mentales"
	tests := []struct {
		name string
		in   string
		want string // when not empty, the exact output
	}{
		{"short", "VERSION:2.0", "VERSION:2.0\r\n"},
		{"exactly 75", "X:" + strings.Repeat("a", 73), "X:" + strings.Repeat("a", 73) + "\r\n"},
		{"76", "X:" + strings.Repeat("a", 74), "X:" + strings.Repeat("a", 73) + "\r\n a\r\n"},
		{"two-byte at the edge", "X:" + strings.Repeat("a", 72) + "ñb", "X:" + strings.Repeat("a", 72) + "\r\n ñb\r\n"},
		{"three-byte at the edge", "X:" + strings.Repeat("a", 71) + "–––", "X:" + strings.Repeat("a", 71) + "\r\n –––\r\n"},
		{"long spanish", spanish, ""},
		{"very long", "DESCRIPTION:" + strings.Repeat("ñandú ", 80), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			writeLine(&b, tt.in)
			got := b.String()
			if tt.want != "" && got != tt.want {
				t.Errorf("writeLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
			checkLines(t, b.Bytes())
			if unfolded := strings.TrimSuffix(strings.ReplaceAll(got, "\r\n ", ""), "\r\n"); unfolded != tt.in {
				t.Errorf("writeLine(%q) unfolds to %q", tt.in, unfolded)
			}
		})
	}
}

// checkLines asserts what RFC 5545 asks of every physical line: it ends in CRLF, holds at most
// 75 octets before it, is valid UTF-8 (so no fold fell inside a character) and has no bare CR
// or LF.
func checkLines(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Errorf("output does not end in CRLF: %q", tail(b))
	}
	for i, line := range bytes.SplitAfter(b, []byte("\r\n")) {
		if len(line) == 0 {
			continue
		}
		body := bytes.TrimSuffix(line, []byte("\r\n"))
		if len(body) == len(line) {
			t.Errorf("line %d does not end in CRLF: %q", i+1, line)
		}
		if len(body) > maxLine {
			t.Errorf("line %d is %d octets long, more than %d: %q", i+1, len(body), maxLine, body)
		}
		if !utf8.Valid(body) {
			t.Errorf("line %d is not valid UTF-8 (folded inside a character?): %q", i+1, body)
		}
		if bytes.ContainsAny(body, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, body)
		}
	}
}

func tail(b []byte) []byte {
	if len(b) > 20 {
		return b[len(b)-20:]
	}
	return b
}

func TestOffset(t *testing.T) {
	tests := []struct {
		sec  int
		want string
	}{
		{0, "+0000"},
		{-7 * 3600, "-0700"},
		{-4 * 3600, "-0400"},
		{5*3600 + 30*60, "+0530"},
		{-(4*3600 + 56*60 + 2), "-045602"},
	}
	for _, tt := range tests {
		if got := offset(tt.sec); got != tt.want {
			t.Errorf("offset(%d) = %q, want %q", tt.sec, got, tt.want)
		}
	}
}

func TestRRule(t *testing.T) {
	tests := []struct {
		name    string
		meeting site.Meeting
		want    string
	}{
		{"weekly", site.Meeting{Day: time.Tuesday}, "FREQ=WEEKLY;BYDAY=TU"},
		{"first and third", site.Meeting{Day: time.Wednesday, Weeks: []int{1, 3}}, "FREQ=MONTHLY;BYDAY=1WE,3WE"},
		{"last", site.Meeting{Day: time.Sunday, Weeks: []int{-1}}, "FREQ=MONTHLY;BYDAY=-1SU"},
		{"second and last", site.Meeting{Day: time.Monday, Weeks: []int{2, -1}}, "FREQ=MONTHLY;BYDAY=2MO,-1MO"},
	}
	for _, tt := range tests {
		if got := rrule(tt.meeting); got != tt.want {
			t.Errorf("rrule(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// fixture is a small site: groups in Phoenix (no DST) and New York (DST), trainings.
type fixture struct {
	site                           *site.Site
	phoenix, newYork, fall, paused *site.Group
	trainings                      []*site.Training
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	phx := loadLocation(t, "America/Phoenix")
	nyc := loadLocation(t, "America/New_York")
	s := &site.Site{
		Title:    "NAMI Connection",
		BaseURL:  "https://groups.example.org/",
		Language: "en",
		Location: nyc,
		Now:      date(t, "2026-11-20"),
	}
	az := &site.Affiliate{Slug: "nami-valley", Name: "NAMI Valley of the Sun", State: "AZ", Email: "groups@valley.example", Location: phx}
	ny := &site.Affiliate{Slug: "nami-nyc", Name: "NAMI New York City", State: "NY", Phone: "2125550100", Location: nyc}
	clock := func(h, m int) civil.Clock { return civil.Clock{Hour: h, Minute: m} }
	f := fixture{site: s}
	f.phoenix = &site.Group{
		ID: "nami-valley/tempe-tuesday", Slug: "tempe-tuesday", Affiliate: az,
		Name: "Tempe Connection; Tuesday, evenings", Language: "en", Status: "active", Attendance: "hybrid",
		Meetings: []site.Meeting{
			{Day: time.Tuesday, Start: clock(18, 30), End: clock(20, 0)},
			{Day: time.Sunday, Start: clock(14, 0), End: clock(15, 30), Weeks: []int{-1}},
			{Day: time.Thursday, Start: clock(18, 0), End: clock(19, 30), Weeks: []int{5}},
		},
		Location: phx,
		Place: &site.Place{Name: "Tempe Library, Room B", Street: "3500 S Rural Rd", City: "Tempe", State: "AZ",
			PostalCode: "85282", HasCoords: true, Lat: 33.3917, Lon: -111.9267},
		Online:   &site.Online{Platform: "Zoom"},
		Verified: date(t, "2026-11-20"),
		Skip:     []civil.Date{date(t, "2026-12-25"), date(t, "2026-12-01")},
	}
	f.newYork = &site.Group{
		ID: "nami-nyc/conexion-harlem", Slug: "conexion-harlem", Affiliate: ny,
		Name: "Conexión Harlem", Program: "conexion", Language: "es", Status: "active", Attendance: "online",
		Meetings: []site.Meeting{
			{Day: time.Wednesday, Start: clock(19, 0), End: clock(20, 30), Weeks: []int{1, 3}},
		},
		Location: nyc,
		Online:   &site.Online{Platform: "Zoom", JoinURL: "https://zoom.example/j/123", LinkPublic: true, Instructions: "Entre cinco minutos antes; la sala abre a las 18:55."},
		Contact:  site.Contact{Email: "conexion@nyc.example"},
		Verified: date(t, "2027-01-20"),
		Skip:     []civil.Date{date(t, "2027-02-17")},
	}
	f.fall = &site.Group{
		ID: "nami-nyc/brooklyn-sunday", Slug: "brooklyn-sunday", Affiliate: ny,
		Name: "Brooklyn Sunday", Language: "en", Status: "active", Attendance: "in-person",
		Meetings: []site.Meeting{
			{Day: time.Sunday, Start: clock(18, 30), End: clock(20, 0)},
			{Day: time.Saturday, Start: clock(23, 0), End: clock(0, 30), Overnight: true, Weeks: []int{-1}},
		},
		Location: nyc,
		Place:    &site.Place{Name: "Community Room", Street: "1 Main St", City: "Brooklyn", State: "NY", PostalCode: "11201"},
		Verified: date(t, "2026-10-01"),
		Starts:   date(t, "2026-10-18"),
	}
	f.paused = &site.Group{
		ID: "nami-valley/mesa", Slug: "mesa", Affiliate: az, Name: "Mesa Connection", Language: "en",
		Status: "paused", Attendance: "in-person",
		Meetings: []site.Meeting{{Day: time.Monday, Start: clock(18, 0), End: clock(19, 30)}},
		Location: phx,
		Place:    &site.Place{Name: "Mesa Church", Street: "2 Oak St", City: "Mesa", State: "AZ", PostalCode: "85201"},
		Verified: date(t, "2026-06-01"),
	}
	f.trainings = []*site.Training{
		{
			Slug: "facilitator-2026-12", Title: "Connection Facilitator Training", Kind: "facilitator", Language: "en",
			Host: az, Start: date(t, "2026-12-04"), End: date(t, "2026-12-06"), Location: phx, Attendance: "in-person",
			Place:       &site.Place{Name: "NAMI Valley Office", Street: "5 Elm St", City: "Phoenix", State: "AZ", PostalCode: "85004"},
			Application: &site.Application{Deadline: date(t, "2026-11-27"), Contact: "train@valley.example", Screening: true},
			Status:      "open",
		},
		{
			Slug: "facilitator-2027-03", Title: "Capacitación de facilitadores de Conexión", Kind: "facilitator", Language: "es",
			Host: ny, Start: date(t, "2027-03-13"), End: date(t, "2027-03-15"), Location: nyc, Attendance: "online",
			Daily:  &site.Daily{Start: clock(9, 0), End: clock(16, 0)},
			Status: "cancelled",
		},
		{
			Slug: "champions-2027-01", Title: "Champion Orientation", Kind: "champion-orientation", Language: "en",
			Host: az, Start: date(t, "2027-01-09"), End: date(t, "2027-01-09"), Location: phx, Attendance: "online",
			Daily:  &site.Daily{Start: clock(10, 0), End: clock(12, 0)},
			Status: "postponed",
		},
	}
	return f
}

func loadLocation(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func date(t *testing.T, s string) civil.Date {
	t.Helper()
	d, err := civil.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func groupICS(t *testing.T, s *site.Site, g *site.Group) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Group(&b, s, g); err != nil {
		t.Fatalf("Group(%s) = %v", g.ID, err)
	}
	return b.Bytes()
}

func trainingsICS(t *testing.T, s *site.Site, ts []*site.Training) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Trainings(&b, s, ts); err != nil {
		t.Fatalf("Trainings = %v", err)
	}
	return b.Bytes()
}

// unfold joins folded lines, so tests can look for whole properties.
func unfold(b []byte) string { return strings.ReplaceAll(string(b), "\r\n ", "") }

func TestGroupContent(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name    string
		group   *site.Group
		want    []string // whole unfolded lines that must appear
		notWant []string // substrings that must not
	}{
		{
			name:  "phoenix",
			group: f.phoenix,
			want: []string{
				"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sitegen//NAMI Connection//EN",
				"CALSCALE:GREGORIAN", "METHOD:PUBLISH",
				`X-WR-CALNAME:Tempe Connection\; Tuesday\, evenings`,
				"UID:group.nami-valley.tempe-tuesday.tuesday-1830@groups.example.org",
				"UID:group.nami-valley.tempe-tuesday.sunday-1400-last@groups.example.org",
				"DTSTAMP:20261120T000000Z",
				"DTSTART;TZID=America/Phoenix:20261124T183000",
				"DTEND;TZID=America/Phoenix:20261124T200000",
				"RRULE:FREQ=WEEKLY;BYDAY=TU",
				"EXDATE;TZID=America/Phoenix:20261201T183000",
				"DTSTART;TZID=America/Phoenix:20261129T140000",
				"RRULE:FREQ=MONTHLY;BYDAY=-1SU",
				"DTSTART;TZID=America/Phoenix:20261231T180000",
				"RRULE:FREQ=MONTHLY;BYDAY=5TH",
				`LOCATION:Tempe Library\, Room B\, 3500 S Rural Rd\, Tempe\, AZ 85282`,
				"GEO:33.391700;-111.926700",
				"URL:https://groups.example.org/groups/nami-valley/tempe-tuesday/",
				"TZID:America/Phoenix", "TZOFFSETTO:-0700", "TZNAME:MST",
			},
			notWant: []string{"EXDATE;TZID=America/Phoenix:20261225", "DAYLIGHT", "https://zoom"},
		},
		{
			name:  "new york, spanish, public link",
			group: f.newYork,
			want: []string{
				"DTSTART;TZID=America/New_York:20270120T190000",
				"RRULE:FREQ=MONTHLY;BYDAY=1WE,3WE",
				"EXDATE;TZID=America/New_York:20270217T190000",
				"LOCATION:Online",
				"BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT",
				"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
			},
			notWant: []string{"GEO:"},
		},
		{
			name:  "overnight and starts",
			group: f.fall,
			want: []string{
				"DTSTAMP:20261120T000000Z",
				"DTSTART;TZID=America/New_York:20261018T183000",
				"DTSTART;TZID=America/New_York:20261031T230000",
				"DTEND;TZID=America/New_York:20261101T003000",
			},
			notWant: []string{"EXDATE"},
		},
		{
			name:  "paused",
			group: f.paused,
			want: []string{"NAME:Mesa Connection (paused)", "X-WR-CALNAME:Mesa Connection (paused)",
				"DESCRIPTION:This group is paused: it is not meeting for now. Its page: https://groups.example.org/groups/nami-valley/mesa/",
				"X-WR-CALDESC:This group is paused: it is not meeting for now. Its page: https://groups.example.org/groups/nami-valley/mesa/",
				"BEGIN:VTIMEZONE", "TZID:America/Phoenix", "END:VCALENDAR"},
			notWant: []string{"VEVENT", "RRULE:FREQ=WEEKLY"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := groupICS(t, f.site, tt.group)
			checkLines(t, out)
			lines := strings.Split(unfold(out), "\r\n")
			for _, w := range tt.want {
				if !contains(lines, w) {
					t.Errorf("Group(%s) has no line %q", tt.group.ID, w)
				}
			}
			for _, nw := range tt.notWant {
				if strings.Contains(unfold(out), nw) {
					t.Errorf("Group(%s) contains %q", tt.group.ID, nw)
				}
			}
			if again := groupICS(t, f.site, tt.group); !bytes.Equal(out, again) {
				t.Errorf("Group(%s) differs between two runs", tt.group.ID)
			}
		})
	}
}

func TestGroupDescription(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name  string
		group *site.Group
		want  []string
	}{
		{"ask for link", f.phoenix, []string{
			`Every Tuesday\, 6:30–8:00 pm MST`, `Online (Zoom): ask the contact below for the link`,
			`Contact: groups@valley.example`, `https://groups.example.org/groups/nami-valley/tempe-tuesday/`,
		}},
		{"public link in spanish", f.newYork, []string{
			`Primer y tercer miércoles\, 19:00–20:30 hora del Este`, `En línea (Zoom): https://zoom.example/j/123`,
			`Contacto: conexion@nyc.example`, `Entre cinco minutos antes\; la sala abre a las 18:55.`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := unfold(groupICS(t, f.site, tt.group))
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("Group(%s) description lacks %q", tt.group.ID, w)
				}
			}
		})
	}
}

func TestTrainingsContent(t *testing.T) {
	f := newFixture(t)
	out := trainingsICS(t, f.site, f.trainings)
	checkLines(t, out)
	lines := strings.Split(unfold(out), "\r\n")
	for _, w := range []string{
		"X-WR-CALNAME:NAMI Connection: trainings",
		"UID:training-facilitator-2026-12@groups.example.org",
		"DTSTAMP:20261120T000000Z",
		"DTSTART;VALUE=DATE:20261204",
		"DTEND;VALUE=DATE:20261207",
		"STATUS:CONFIRMED",
		"DTSTART;TZID=America/New_York:20270313T090000",
		"DTEND;TZID=America/New_York:20270313T160000",
		"RRULE:FREQ=DAILY;COUNT=3",
		"STATUS:CANCELLED",
		"DTSTART;TZID=America/Phoenix:20270109T100000",
		"STATUS:TENTATIVE",
		"TZID:America/New_York",
		"TZID:America/Phoenix",
		"URL:https://groups.example.org/trainings/facilitator-2026-12/",
	} {
		if !contains(lines, w) {
			t.Errorf("Trainings has no line %q", w)
		}
	}
	if n := strings.Count(unfold(out), "RRULE:FREQ=DAILY"); n != 1 {
		t.Errorf("Trainings has %d daily rules, want 1 (one-day trainings need none)", n)
	}

	empty := trainingsICS(t, f.site, nil)
	checkLines(t, empty)
	if strings.Contains(string(empty), "VEVENT") || !strings.Contains(string(empty), "BEGIN:VTIMEZONE") {
		t.Errorf("Trainings(nil) = %q, want a calendar with a time zone and no event", empty)
	}
}

// TestDTSTAMPIsTheBuildDate checks every event of every calendar: DTSTAMP says when the file
// was made, the build date, and never a day to come (a training's start, a listing's
// confirmation date set ahead).
func TestDTSTAMPIsTheBuildDate(t *testing.T) {
	f := newFixture(t)
	f.site.Now = date(t, "2026-11-20")
	f.fall.Verified = date(t, "2026-10-01") // an older confirmation date: still the build date
	for name, out := range map[string][]byte{
		"phoenix":   groupICS(t, f.site, f.phoenix),
		"new york":  groupICS(t, f.site, f.newYork),
		"fall":      groupICS(t, f.site, f.fall),
		"trainings": trainingsICS(t, f.site, f.trainings),
	} {
		n := 0
		for _, line := range strings.Split(unfold(out), "\r\n") {
			if strings.HasPrefix(line, "DTSTAMP") {
				n++
				if line != "DTSTAMP:20261120T000000Z" {
					t.Errorf("%s: %s, want DTSTAMP:20261120T000000Z (the build date)", name, line)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no DTSTAMP", name)
		}
	}
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

// TestGolden compares whole files with testdata, so that any change to the output is seen in
// review. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		file string
		out  []byte
	}{
		{"phoenix.ics", groupICS(t, f.site, f.phoenix)},
		{"new-york.ics", groupICS(t, f.site, f.newYork)},
		{"paused.ics", groupICS(t, f.site, f.paused)},
		{"trainings.ics", trainingsICS(t, f.site, f.trainings)},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, tt.out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(tt.out, want) {
				t.Errorf("output differs from %s (run with -update after checking):\n%s", path, firstDiff(string(tt.out), string(want)))
			}
		})
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\r\n"), strings.Split(want, "\r\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, gl, wl)
		}
	}
	return ""
}

func TestMeetingUIDs(t *testing.T) {
	m := site.Meeting{Day: time.Tuesday, Start: civil.Clock{Hour: 18, Minute: 30}}
	a := &site.Group{ID: "nami-olentangy/east-men"}
	b := &site.Group{ID: "nami-olentangy-east/men"}
	if ua, ub := meetingUID(a, m, "h", map[string]bool{}), meetingUID(b, m, "h", map[string]bool{}); ua == ub {
		t.Errorf("groups %s and %s share the UID %s", a.ID, b.ID, ua)
	}
	used := map[string]bool{}
	first, second := meetingUID(a, m, "h", used), meetingUID(a, m, "h", used)
	if first == second {
		t.Errorf("two identical meetings of one group share the UID %s", first)
	}
	// The UID belongs to the meeting, not its place in the list.
	other := site.Meeting{Day: time.Friday, Start: civil.Clock{Hour: 10}}
	if x, y := meetingUID(a, m, "h", map[string]bool{"z": true}), meetingUID(a, m, "h", map[string]bool{meetingUID(a, other, "h", map[string]bool{}): true}); x != y {
		t.Errorf("a meeting's UID changed with the meetings before it: %s, %s", x, y)
	}
}
