package ics

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	_ "time/tzdata" // the same zone data on every machine
	"unicode/utf8"

	"sitegen/internal/civil"
	"sitegen/internal/site"
	"sitegen/internal/sitetest"
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
		if got := RRule(tt.meeting); got != tt.want {
			t.Errorf("RRule(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// fixture is the shared test site (package sitetest) as built on 2026-11-20, with the groups
// and trainings these tests read: groups in Phoenix (no DST) and New York (DST).
type fixture struct {
	site                           *site.Site
	phoenix, newYork, fall, paused *site.Group
	// trainings are the upcoming ones, as a build gives them to Trainings.
	trainings []*site.Training
}

// buildDate is the shared fixture's build date.
const buildDate = "2026-11-20"

func newFixture(t *testing.T) fixture {
	t.Helper()
	return fixtureOf(t, sitetest.Fixture(t))
}

// fixtureOf builds the site fsys, a variant of the shared fixture.
func fixtureOf(t *testing.T, fsys fstest.MapFS) fixture {
	t.Helper()
	s := sitetest.Build(t, fsys, sitetest.Date(t, buildDate))
	f := fixture{site: s}
	f.phoenix = sitetest.Group(t, s, "nami-valley/tempe-tuesday")
	f.newYork = sitetest.Group(t, s, "nami-nyc/conexion-harlem")
	f.fall = sitetest.Group(t, s, "nami-nyc/brooklyn-sunday")
	f.paused = sitetest.Group(t, s, "nami-valley/mesa")
	for _, tr := range s.Trainings {
		if tr.Upcoming(s.Now) {
			f.trainings = append(f.trainings, tr)
		}
	}
	return f
}

// groupICS returns g's calendar as the pages in lang link it.
func groupICS(t *testing.T, s *site.Site, g *site.Group, lang string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Group(&b, s, g, lang); err != nil {
		t.Fatalf("Group(%s) = %v", g.ID, err)
	}
	return b.Bytes()
}

// trainingsICS returns the calendar of ts as the pages in lang link it.
func trainingsICS(t *testing.T, s *site.Site, ts []*site.Training, lang string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Trainings(&b, s, ts, lang); err != nil {
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
		lang    string
		want    []string // whole unfolded lines that must appear
		notWant []string // substrings that must not
	}{
		{
			name:  "phoenix",
			group: f.phoenix,
			lang:  "en",
			want: []string{
				"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sitegen//NAMI Connection//EN",
				"CALSCALE:GREGORIAN", "METHOD:PUBLISH",
				`X-WR-CALNAME:Tempe Connection\; Tuesday\, evenings`,
				"UID:group.nami-valley.tempe-tuesday@example.org",
				"UID:group.nami-valley.tempe-tuesday.2@example.org",
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
				"URL:https://example.org/connection/groups/nami-valley/tempe-tuesday/",
				"TZID:America/Phoenix", "TZOFFSETTO:-0700", "TZNAME:MST",
			},
			notWant: []string{"EXDATE;TZID=America/Phoenix:20261225", "DAYLIGHT", "https://zoom"},
		},
		{
			name:  "new york, spanish, public link",
			group: f.newYork,
			lang:  "es",
			want: []string{
				"DTSTART;TZID=America/New_York:20270120T190000",
				"RRULE:FREQ=MONTHLY;BYDAY=1WE,3WE",
				"EXDATE;TZID=America/New_York:20270217T190000",
				"LOCATION:En línea",
				"URL:https://example.org/connection/es/groups/nami-nyc/conexion-harlem/",
				"BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT",
				"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
			},
			notWant: []string{"GEO:"},
		},
		{
			name:  "overnight and starts",
			group: f.fall,
			lang:  "en",
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
			lang:  "en",
			want: []string{"NAME:Mesa Connection (paused)", "X-WR-CALNAME:Mesa Connection (paused)",
				"DESCRIPTION:This group is paused: it is not meeting for now. Its page: https://example.org/connection/groups/nami-valley/mesa/",
				"X-WR-CALDESC:This group is paused: it is not meeting for now. Its page: https://example.org/connection/groups/nami-valley/mesa/",
				"BEGIN:VTIMEZONE", "TZID:America/Phoenix", "END:VCALENDAR"},
			notWant: []string{"VEVENT", "RRULE:FREQ=WEEKLY"},
		},
		{
			name:  "paused, in spanish",
			group: f.paused,
			lang:  "es",
			want: []string{"NAME:Mesa Connection (en pausa)",
				"DESCRIPTION:Este grupo está en pausa: por ahora no se reúne. Su página: https://example.org/connection/es/groups/nami-valley/mesa/"},
			notWant: []string{"VEVENT", "paused"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := groupICS(t, f.site, tt.group, tt.lang)
			checkLines(t, out)
			lines := strings.Split(unfold(out), "\r\n")
			for _, w := range tt.want {
				if !contains(lines, w) {
					t.Errorf("Group(%s, %s) has no line %q", tt.group.ID, tt.lang, w)
				}
			}
			for _, nw := range tt.notWant {
				if strings.Contains(unfold(out), nw) {
					t.Errorf("Group(%s, %s) contains %q", tt.group.ID, tt.lang, nw)
				}
			}
			if again := groupICS(t, f.site, tt.group, tt.lang); !bytes.Equal(out, again) {
				t.Errorf("Group(%s, %s) differs between two runs", tt.group.ID, tt.lang)
			}
		})
	}
}

// TestGroupDescription checks the words of the events: a calendar speaks the language of the
// pages that link it, whatever the group's, with every word from that language's catalogue
// and the group's text as its file gives it in that language.
func TestGroupDescription(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name    string
		group   *site.Group
		lang    string
		want    []string
		notWant []string
	}{
		{"ask for link", f.phoenix, "en", []string{
			`Every Tuesday\, 6:30–8:00 pm MST`, `Online (Zoom): ask the contact below for the link`,
			`Contact: groups@valley.example.org`, `https://example.org/connection/groups/nami-valley/tempe-tuesday/`,
		}, nil},
		{"ask for link, in spanish", f.phoenix, "es", []string{
			`Cada martes\, 6:30–8:00 p. m.\, MST`, `Último domingo\, 2:00–3:30 p. m.\, MST`, `Quinto jueves\, 6:00–7:30 p. m.\, MST`,
			`En línea (Zoom): pida el enlace al contacto indicado abajo`,
			`Contacto: groups@valley.example.org`, `https://example.org/connection/es/groups/nami-valley/tempe-tuesday/`,
		}, []string{"Every", "Online", "Contact:", "pm "}},
		{"public link in spanish", f.newYork, "es", []string{
			`Primer y tercer miércoles\, 7:00–8:30 p. m.\, hora del este`, `En línea (Zoom): https://zoom.example.org/j/123`,
			`Contacto: conexion@nyc.example.org`, `Entre cinco minutos antes\; la sala abre a las 18:55.`,
		}, nil},
		{"a spanish group in english", f.newYork, "en", []string{
			`First and third Wednesday\, 7:00–8:30 pm Eastern Time`, `Online (Zoom): https://zoom.example.org/j/123`,
			`Contact: conexion@nyc.example.org`,
		}, []string{"miércoles", "Contacto"}},
		{"directions as plain text", f.fall, "en", []string{
			`Every Sunday\, 6:30–8:00 pm Eastern Time`, `Last Saturday\, 11:00 pm–12:30 am Eastern Time`,
			`Community Room\, 1 Main St\, Brooklyn\, NY 11201`, `Enter from Court St.`,
		}, []string{"**", "Entre por"}},
		{"translated directions", f.fall, "es", []string{
			`Cada domingo\, 6:30–8:00 p. m.\, hora del este`, `Entre por Court St.`,
		}, []string{"**", "Enter from"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := unfold(groupICS(t, f.site, tt.group, tt.lang))
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("Group(%s, %s) description lacks %q", tt.group.ID, tt.lang, w)
				}
			}
			for _, nw := range tt.notWant {
				if strings.Contains(out, nw) {
					t.Errorf("Group(%s, %s) holds %q", tt.group.ID, tt.lang, nw)
				}
			}
		})
	}
}

func TestTrainingsContent(t *testing.T) {
	f := newFixture(t)
	out := trainingsICS(t, f.site, f.trainings, "en")
	checkLines(t, out)
	lines := strings.Split(unfold(out), "\r\n")
	for _, w := range []string{
		"X-WR-CALNAME:NAMI Connection Groups: trainings",
		"UID:training-co-conexion-online-2027-05@example.org",
		"DTSTAMP:20261120T000000Z",
		"DTSTART;VALUE=DATE:20270501",
		"DTEND;VALUE=DATE:20270503",
		"STATUS:CONFIRMED",
		"DTSTART;TZID=America/New_York:20270313T090000",
		"DTEND;TZID=America/New_York:20270313T160000",
		"RRULE:FREQ=DAILY;COUNT=3",
		"STATUS:CANCELLED",
		"DTSTART;TZID=America/Phoenix:20270220T100000",
		"STATUS:TENTATIVE",
		"TZID:America/New_York",
		"TZID:America/Phoenix",
		"URL:https://example.org/connection/trainings/co-conexion-online-2027-05/",
		`LOCATION:NAMI New York State Office\, 99 Pine St\, Albany\, NY 12207`,
		"GEO:42.650000;-73.750000",
	} {
		if !contains(lines, w) {
			t.Errorf("Trainings has no line %q", w)
		}
	}
	// A training of several days with daily hours repeats daily; one of one day needs no rule,
	// and one without hours is one event over its days.
	for _, ev := range strings.Split(unfold(out), "BEGIN:VEVENT")[1:] {
		uid := ev[strings.Index(ev, "UID:")+4 : strings.Index(ev, "@")]
		tr := sitetest.Training(t, f.site, strings.TrimPrefix(uid, "training-"))
		days := tr.End.DaysSince(tr.Start) + 1
		if want := tr.Daily != nil && days > 1; strings.Contains(ev, "RRULE:FREQ=DAILY") != want {
			t.Errorf("training %s (%d days, daily hours %v): daily rule %v, want %v", tr.Slug, days, tr.Daily != nil, !want, want)
		}
	}
	if n := strings.Count(unfold(out), "BEGIN:VEVENT"); n != len(f.trainings) {
		t.Errorf("Trainings has %d events, want %d", n, len(f.trainings))
	}

	empty := trainingsICS(t, f.site, nil, "en")
	checkLines(t, empty)
	if strings.Contains(string(empty), "VEVENT") || !strings.Contains(string(empty), "BEGIN:VTIMEZONE") {
		t.Errorf("Trainings(nil) = %q, want a calendar with a time zone and no event", empty)
	}
}

// TestTrainingsInSpanish checks the trainings calendar linked from the Spanish pages: its
// name, statuses and how to apply in the catalogue's Spanish, its dates as Spanish pages
// write them, its links to the Spanish pages.
func TestTrainingsInSpanish(t *testing.T) {
	f := newFixture(t)
	out := unfold(trainingsICS(t, f.site, f.trainings, "es"))
	w := f.site.Words("es") // the catalogue's Spanish, whatever its wording
	esc := func(s string) string { return strings.ReplaceAll(s, ",", `\,`) }
	for _, w := range []string{
		"X-WR-CALNAME:NAMI Connection Groups: capacitaciones",
		"LOCATION:En línea",
		`DESCRIPTION:` + w.Label("training-status", "cancelled") + `\n` + w.T("feed.hosted-by", "host", "NAMI New York City"),
		w.Label("training-status", "full") + `\n` + w.T("feed.hosted-by", "host", "NAMI Denver Metro"),
		w.Label("training-status", "postponed"),
		esc(w.T("feed.apply-by", "date", "20 de marzo de 2027")),
		esc(w.T("feed.apply-ways", "ways", "https://naminys.example.org/apply, train@naminys.example.org")),
		"URL:https://example.org/connection/es/trainings/ny-facilitator-2027-04/",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("Trainings(es) lacks %q", w)
		}
	}
	// The calendar's own words (not the trainings' titles, written once for everyone).
	var words []string
	for _, line := range strings.Split(out, "\r\n") {
		if strings.HasPrefix(line, "DESCRIPTION:") || strings.HasPrefix(line, "LOCATION:") || strings.HasPrefix(line, "NAME:") {
			words = append(words, line)
		}
	}
	for _, en := range []string{"Hosted by", "Apply by", "How to apply", "Online", "Cancelled", "Postponed", "Full", ": trainings"} {
		if w := strings.Join(words, "\n"); strings.Contains(w, en) {
			t.Errorf("Trainings(es) holds the English %q in\n%s", en, w)
		}
	}
}

// TestDTSTAMPIsTheBuildDate checks every event of every calendar: DTSTAMP says when the file
// was made, the build date, and never a day to come (a training's start, a group's first
// meeting) nor its confirmation date.
func TestDTSTAMPIsTheBuildDate(t *testing.T) {
	f := newFixture(t)
	for name, out := range map[string][]byte{
		"phoenix":   groupICS(t, f.site, f.phoenix, "en"),
		"new york":  groupICS(t, f.site, f.newYork, "es"),
		"fall":      groupICS(t, f.site, f.fall, "en"),
		"trainings": trainingsICS(t, f.site, f.trainings, "en"),
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
		{"phoenix.ics", groupICS(t, f.site, f.phoenix, "en")},
		{"new-york.ics", groupICS(t, f.site, f.newYork, "es")},
		{"paused.ics", groupICS(t, f.site, f.paused, "en")},
		{"trainings.ics", trainingsICS(t, f.site, f.trainings, "en")},
		{"trainings-es.ics", trainingsICS(t, f.site, f.trainings, "es")},
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

// TestMeetingUIDs: a meeting's UID is its group's identity, and for a second meeting its place
// too: two groups never share one, nor two meetings of one group, and none holds the day or
// time an editor changes (until 2026-12-06 it did, and a calendar app that had imported the
// file kept the old time beside the new).
func TestMeetingUIDs(t *testing.T) {
	a := &site.Group{ID: "nami-olentangy/east-men"}
	b := &site.Group{ID: "nami-olentangy-east/men"}
	if ua, ub := meetingUID(a, 0, "h"), meetingUID(b, 0, "h"); ua == ub {
		t.Errorf("groups %s and %s share the UID %s", a.ID, b.ID, ua)
	}
	if got, want := meetingUID(a, 0, "h"), "group.nami-olentangy.east-men@h"; got != want {
		t.Errorf("the first meeting's UID is %s, want the group's identity, %s", got, want)
	}
	if first, second := meetingUID(a, 0, "h"), meetingUID(a, 1, "h"); first == second {
		t.Errorf("two meetings of one group share the UID %s", first)
	}
	// A time changed by an editor: the same UID, a SEQUENCE not lower, a later build's higher.
	f := newFixture(t)
	g := f.phoenix
	props := func(g *site.Group, now civil.Date) (uids, seqs []string) {
		f.site.Now = now // the fixture is this test's own
		var buf bytes.Buffer
		if err := Group(&buf, f.site, g, "en"); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(buf.String(), "\r\n") {
			if v, ok := strings.CutPrefix(line, "UID:"); ok {
				uids = append(uids, v)
			}
			if v, ok := strings.CutPrefix(line, "SEQUENCE:"); ok {
				seqs = append(seqs, v)
			}
		}
		return uids, seqs
	}
	day := f.site.Now
	beforeUIDs, beforeSeqs := props(g, day)
	moved := *g
	moved.Meetings = slices.Clone(g.Meetings)
	moved.Meetings[0].Start = civil.Clock{Hour: 19, Minute: 15}
	moved.Meetings[0].End = civil.Clock{Hour: 20, Minute: 45}
	afterUIDs, afterSeqs := props(&moved, day)
	if len(beforeUIDs) < 2 || !slices.Equal(beforeUIDs, afterUIDs) {
		t.Errorf("UIDs %q before a time changed, %q after: want the same, two or more", beforeUIDs, afterUIDs)
	}
	_, nextSeqs := props(&moved, day.AddDays(1))
	if len(afterSeqs) != len(afterUIDs) || !slices.Equal(beforeSeqs, afterSeqs) || nextSeqs[0] <= afterSeqs[0] || len(nextSeqs[0]) != len(afterSeqs[0]) {
		t.Errorf("SEQUENCE %q on the build day, %q the next day: want one per event, higher the next day", afterSeqs, nextSeqs)
	}
}

// TestTimezonesKept: calendars written with their VTIMEZONE blocks kept for the next ones are
// the calendars written afresh, however many share a zone.
func TestTimezonesKept(t *testing.T) {
	f := newFixture(t)
	tz := NewTimezones()
	for range 2 {
		for _, g := range []*site.Group{f.phoenix, f.newYork, f.paused} {
			for _, lang := range []string{"en", "es"} {
				var kept bytes.Buffer
				if err := tz.Group(&kept, f.site, g, lang); err != nil {
					t.Fatal(err)
				}
				if want := groupICS(t, f.site, g, lang); !bytes.Equal(kept.Bytes(), want) {
					t.Errorf("%s (%s) with kept time zones differs:\n%s", g.Name, lang, firstDiff(kept.String(), string(want)))
				}
			}
		}
	}
	if len(tz.blocks) == 0 {
		t.Errorf("no time zone block was kept")
	}
}
