package feed

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"sitegen/internal/site"
)

// meetingSchema compiles meeting.schema.json with meeting-type.schema.json registered under
// its $id, so that nothing is fetched from the network.
func meetingSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	dir := referenceDir(t)
	c := jsonschema.NewCompiler()
	var mainID string
	for _, name := range []string{"meeting.schema.json", "meeting-type.schema.json"} {
		doc := readJSONFile(t, filepath.Join(dir, name))
		id, _ := doc.(map[string]any)["$id"].(string)
		if id == "" {
			t.Fatalf("%s has no $id", name)
		}
		if err := c.AddResource(id, doc); err != nil {
			t.Fatalf("AddResource(%q): %v", id, err)
		}
		if name == "meeting.schema.json" {
			mainID = id
		}
	}
	sch, err := c.Compile(mainID)
	if err != nil {
		t.Fatalf("Compile(%q): %v", mainID, err)
	}
	return sch
}

// readJSONFile decodes the JSON file at path the way the validator expects.
func readJSONFile(t *testing.T, path string) any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// decodeMeetings decodes a Meeting Guide feed into maps keyed by slug, failing on a repeated
// slug.
func decodeMeetings(t *testing.T, b []byte) (order []string, bySlug map[string]map[string]any) {
	t.Helper()
	var entries []map[string]any
	if err := json.Unmarshal(b, &entries); err != nil {
		t.Fatalf("MeetingGuide output is not a JSON array: %v", err)
	}
	bySlug = make(map[string]map[string]any)
	for _, e := range entries {
		slug, _ := e["slug"].(string)
		if _, dup := bySlug[slug]; dup {
			t.Errorf("slug %q appears twice", slug)
		}
		bySlug[slug] = e
		order = append(order, slug)
	}
	return order, bySlug
}

func TestMeetingGuideValidates(t *testing.T) {
	sch := meetingSchema(t)
	b, err := MeetingGuide(testSite(t))
	if err != nil {
		t.Fatalf("MeetingGuide: %v", err)
	}
	entries, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	list, ok := entries.([]any)
	if !ok || len(list) == 0 {
		t.Fatalf("MeetingGuide = %s, want a non-empty array", b)
	}
	for _, e := range list {
		if err := sch.Validate(e); err != nil {
			t.Errorf("entry %v does not validate: %v", e.(map[string]any)["slug"], err)
		}
	}
}

func TestMeetingGuideSchemaRejects(t *testing.T) {
	// The validator itself must be able to fail, or the test above proves nothing.
	sch := meetingSchema(t)
	bad := map[string]any{"slug": "x", "name": "X", "types": []any{"NOT-A-CODE"}}
	if err := sch.Validate(bad); err == nil {
		t.Errorf("Validate(%v) = nil, want an error", bad)
	}
}

func TestMeetingGuideEntries(t *testing.T) {
	b, err := MeetingGuide(testSite(t))
	if err != nil {
		t.Fatalf("MeetingGuide: %v", err)
	}
	order, got := decodeMeetings(t, b)
	if len(order) != 8 {
		t.Errorf("MeetingGuide has %d entries (%v), want 8", len(order), order)
	}
	longSlug := ""
	for _, s := range order {
		if strings.HasPrefix(s, "nami-denver") {
			longSlug = s
		}
	}
	tests := []struct {
		name string
		slug string
		want map[string]any // field -> value; nil value: field must be absent
		// notes lists strings the notes must contain.
		notes []string
	}{
		{
			name: "in person, first meeting",
			slug: "nami-ohio-downtown",
			want: map[string]any{
				"name": "Downtown Connection", "day": 2.0, "time": "18:30", "end_time": "20:00",
				"timezone": "America/New_York", "types": []any{"EN", "X", "Y"},
				"location": "First Church", "address": "123 N. Main St.", "city": "Columbus",
				"state": "OH", "postal_code": "43215", "country": "US",
				"formatted_address": "123 N. Main St., Columbus, OH 43215-1234, USA", "approximate": "no",
				"latitude": 39.9612, "longitude": -82.9988,
				"updated": "2026-01-15 00:00:00", "url": "https://groups.example.org/groups/nami-ohio/downtown/",
				"entity": "NAMI Ohio", "entity_email": "info@namiohio.org",
				"entity_url": "https://namiohio.org", "entity_website_url": "https://namiohio.org",
				"entity_phone": "614-224-2700", "conference_url": nil, "conference_url_notes": nil,
			},
			notes: []string{"Bring a friend. See the map (https://example.org/map).", "No meeting on Tuesday, March 24, 2026."},
		},
		{
			name: "street of digits and letters, weeks, a first meeting to come, skip dates",
			slug: "nami-southern-arizona-south-tucson",
			want: map[string]any{
				"address": "3601 S 6th Ave", "city": "Tucson", "state": "AZ", "postal_code": "85713", "country": "US",
				"formatted_address": "3601 S 6th Ave, Tucson, AZ 85713, USA", "approximate": "no",
				"timezone": "America/Phoenix", "entity_url": "https://namisa.example.org",
				"entity_website_url": "https://namisa.example.org",
				// Only on given weeks, with a first meeting and a skip date: said in the notes, in
				// the order a reader needs them, the skip date off its weeks left out.
				"notes": "Only on the first and third Monday of the month.\nFirst meeting: Monday, March 2, 2026.\nNo meeting on Monday, March 16, 2026.",
			},
		},
		{
			name: "street with an accent, no coordinates",
			slug: "nami-puerto-rico-conexion-santurce",
			want: map[string]any{
				"name": "Conexión Santurce", "types": []any{"S"}, "location": "Centro Comunal",
				"address": "Calle Loíza 1950", "city": "San Juan", "state": "PR", "postal_code": "00911",
				"formatted_address": "Calle Loíza 1950, San Juan, PR 00911, USA", "approximate": "no",
				"latitude": nil, "entity_url": nil, "notes": nil,
			},
		},
		{
			name:  "weeks of the month, its slug taken by another group",
			slug:  "nami-ohio-downtown-2-" + hashOf("nami-ohio/downtown#2")[:6],
			want:  map[string]any{"day": 3.0, "time": "10:00", "end_time": "11:30", "name": "Downtown Connection"},
			notes: []string{"Only on the first and third Wednesday of the month."},
		},
		{
			name: "group whose slug is that of another group's second meeting",
			slug: "nami-ohio-downtown-2",
			want: map[string]any{"name": "Downtown Two", "address": nil, "postal_code": nil, "latitude": nil,
				"city": "Columbus", "state": "OH", "formatted_address": "Columbus, OH, USA", "approximate": "yes",
				"updated": nil, "url": "https://groups.example.org/groups/nami-ohio/downtown-2/"},
		},
		{
			name: "online, link not public",
			slug: "nami-ohio-online-private",
			want: map[string]any{
				"day": 0.0, "time": "23:00", "end_time": "00:30", "types": []any{"EN", "W"},
				"conference_url": nil, "location": nil, "address": nil, "formatted_address": nil,
				"state": "OH", "country": "US", "approximate": "yes",
				"conference_url_notes": "Platform: Zoom.\nThe link is not published: ask the group for it (evening@namiohio.org).\nWrite to us for the link.",
			},
			notes: []string{"Online (Zoom): the link is not published: ask the group for it (evening@namiohio.org)."},
		},
		{
			name: "online, link public",
			slug: "nami-ohio-online-public",
			want: map[string]any{
				"day": 6.0, "types": []any{"EN", "LGBTQ", "M", "POC", "SEN"},
				"conference_url": "https://zoom.us/j/123456789", "conference_url_notes": "Platform: Zoom.",
				"state": "OH", "country": "US", "approximate": "yes", "notes": nil,
			},
		},
		{
			name: "paused Spanish hybrid group with a long id, an accent and a suite",
			slug: longSlug,
			want: map[string]any{
				"types": []any{"S", "TC"}, "timezone": "America/Denver", "name": "Conexión <Martes> & más",
				"address": "1500 E Broad St, Suite #200", "city": "Cañon City", "state": "CO", "postal_code": "81212",
				"formatted_address": "1500 E Broad St, Suite #200, Cañon City, CO 81212, USA", "approximate": "no",
				"location": "Centro Cultural", "conference_url": nil,
				"entity": "NAMI Denver Metro", "entity_url": nil, "entity_website_url": nil, "entity_phone": nil,
			},
			notes: []string{"paused", "Only on the second and last Thursday of the month"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := got[tt.slug]
			if !ok {
				t.Fatalf("MeetingGuide has no entry %q; slugs %v", tt.slug, order)
			}
			for field, want := range tt.want {
				v, present := e[field]
				switch {
				case want == nil && present:
					t.Errorf("entry %q: %s = %v, want absent", tt.slug, field, v)
				case want != nil && !equalJSON(v, want):
					t.Errorf("entry %q: %s = %#v, want %#v", tt.slug, field, v, want)
				}
			}
			notes, _ := e["notes"].(string)
			for _, n := range tt.notes {
				if !strings.Contains(notes, n) {
					t.Errorf("entry %q: notes = %q, want it to contain %q", tt.slug, notes, n)
				}
			}
		})
	}
	if len(longSlug) == 0 || len(longSlug) > mgSlugMax {
		t.Errorf("long group's slug = %q, want 1 to %d characters", longSlug, mgSlugMax)
	}
	if n := got["nami-ohio-downtown"]["notes"].(string); strings.Contains(n, "2025-12-23") {
		t.Errorf("notes = %q, want no past skip date", n)
	}
	for slug, e := range got {
		// 2026-03-24 is a Tuesday: only the Tuesday meeting mentions it.
		n, _ := e["notes"].(string)
		if strings.Contains(n, "March 24, 2026") != (slug == "nami-ohio-downtown") {
			t.Errorf("entry %q: notes = %q; want the skip date only on the Tuesday meeting", slug, n)
		}
	}
}

// groupByID returns the group of s with the given ID.
func groupByID(t *testing.T, s *site.Site, id string) *site.Group {
	t.Helper()
	for _, g := range s.Groups {
		if g.ID == id {
			return g
		}
	}
	t.Fatalf("no group %q in the test site", id)
	return nil
}

// equalJSON compares decoded JSON values.
func equalJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func TestMeetingGuidePrivacy(t *testing.T) {
	tests := []struct {
		name       string
		online     site.Online
		wantURL    bool
		wantAbsent string // must not appear anywhere in the output
	}{
		{"not public, no link", site.Online{Platform: "Zoom", LinkPublic: false}, false, "conference_url\""},
		{"public link", site.Online{Platform: "Zoom", JoinURL: "https://zoom.us/j/42", LinkPublic: true}, true, ""},
		// The model never holds such a link; the feed refuses it all the same.
		{"link without link_public", site.Online{JoinURL: "https://zoom.us/j/secret", LinkPublic: false}, false, "zoom.us/j/secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSite(t)
			g := groupByID(t, s, "nami-ohio/online-private")
			online := tt.online
			g.Online = &online
			s.Groups = []*site.Group{g}
			b, err := MeetingGuide(s)
			if err != nil {
				t.Fatalf("MeetingGuide: %v", err)
			}
			_, got := decodeMeetings(t, b)
			e := got["nami-ohio-online-private"]
			_, hasURL := e["conference_url"]
			if hasURL != tt.wantURL {
				t.Errorf("MeetingGuide(%+v): conference_url present = %v, want %v", tt.online, hasURL, tt.wantURL)
			}
			if tt.wantURL && e["conference_url"] != tt.online.JoinURL {
				t.Errorf("conference_url = %v, want %q", e["conference_url"], tt.online.JoinURL)
			}
			if tt.wantAbsent != "" && bytes.Contains(b, []byte(tt.wantAbsent)) {
				t.Errorf("MeetingGuide(%+v) contains %q:\n%s", tt.online, tt.wantAbsent, b)
			}
		})
	}
}

// TestMeetingGuidePaused checks that a paused group is never shown as meeting: consumers show
// an entry with a join link as an active online meeting whatever its types, so a paused
// group's entry has no link, and its notes do not say how to ask for one.
func TestMeetingGuidePaused(t *testing.T) {
	for _, public := range []bool{true, false} {
		s := testSite(t)
		g := groupByID(t, s, "nami-ohio/online-public")
		g.Status = "paused"
		if !public {
			g.Online = &site.Online{Platform: "Zoom"}
		}
		s.Groups = []*site.Group{g}
		b, err := MeetingGuide(s)
		if err != nil {
			t.Fatalf("MeetingGuide: %v", err)
		}
		_, got := decodeMeetings(t, b)
		e := got["nami-ohio-online-public"]
		if _, has := e["conference_url"]; has {
			t.Errorf("paused group, link public %v: conference_url = %v, want none", public, e["conference_url"])
		}
		notes, _ := e["notes"].(string)
		if !strings.Contains(notes, "paused") || strings.Contains(notes, "ask the group") {
			t.Errorf("paused group, link public %v: notes = %q, want it paused, without how to ask for the link", public, notes)
		}
		if !slices.Contains(e["types"].([]any), any("TC")) {
			t.Errorf("paused group: types = %v, want TC", e["types"])
		}
	}
}

func TestMeetingGuideDeterministic(t *testing.T) {
	s := testSite(t)
	a, err := MeetingGuide(s)
	if err != nil {
		t.Fatal(err)
	}
	// Groups in another order give the same bytes.
	slices.Reverse(s.Groups)
	b, err := MeetingGuide(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("MeetingGuide differs between calls:\n%s\n---\n%s", a, b)
	}
}

func TestMeetingGuideEmpty(t *testing.T) {
	s := testSite(t)
	s.Groups = nil
	b, err := MeetingGuide(s)
	if err != nil {
		t.Fatalf("MeetingGuide: %v", err)
	}
	if got := strings.TrimSpace(string(b)); got != "[]" {
		t.Errorf("MeetingGuide(no groups) = %q, want %q", got, "[]")
	}
}

func TestTypeCodesAreReserved(t *testing.T) {
	dir := referenceDir(t)
	var types map[string]map[string]string
	raw, err := os.ReadFile(filepath.Join(dir, "types.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &types); err != nil {
		t.Fatalf("types.json: %v", err)
	}
	var codes []string
	for _, lang := range []string{"en", "es", "es-MX", "am", "ase", "da", "de", "el", "fa", "fil", "fr", "he",
		"hi", "hr", "hu", "it", "ja", "ko", "lt", "ml", "nb", "no", "pa", "pl", "pt", "ru", "sk", "sv",
		"th", "tl", "tr", "uk"} {
		c := mgLanguage(lang)
		if c == "" {
			t.Errorf("mgLanguage(%q) = \"\", want a code", lang)
		}
		codes = append(codes, c)
	}
	for _, a := range []string{"young-adults", "women", "men", "lgbtq", "bipoc", "seniors"} {
		c := mgAudience(a)
		if c == "" {
			t.Errorf("mgAudience(%q) = \"\", want a code", a)
		}
		codes = append(codes, c)
	}
	codes = append(codes, "X", "TC")
	sch := meetingSchema(t)
	for _, c := range codes {
		if _, ok := types[c]; !ok {
			t.Errorf("type code %q is not in types.json", c)
		}
		if err := sch.Validate(map[string]any{"slug": "x", "name": "x", "types": []any{c}}); err != nil {
			t.Errorf("type code %q is not in meeting-type.schema.json: %v", c, err)
		}
	}
	for _, unknown := range []string{"veterans", ""} {
		if c := mgAudience(unknown); c != "" {
			t.Errorf("mgAudience(%q) = %q, want \"\"", unknown, c)
		}
	}
	if c := mgLanguage("xx"); c != "" {
		t.Errorf("mgLanguage(%q) = %q, want \"\"", "xx", c)
	}
}

func TestWeeksOfMonth(t *testing.T) {
	tests := []struct {
		name  string
		day   time.Weekday
		weeks []int
		es    bool
		want  string
	}{
		{"one", time.Monday, []int{2}, false, "Only on the second Monday of the month."},
		{"two", time.Wednesday, []int{1, 3}, false, "Only on the first and third Wednesday of the month."},
		{"three with last", time.Friday, []int{1, 2, -1}, false, "Only on the first, second and last Friday of the month."},
		{"spanish", time.Wednesday, []int{1, 3}, true, "Solo el primer y tercer miércoles del mes."},
		{"spanish last", time.Saturday, []int{-1}, true, "Solo el último sábado del mes."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := site.Meeting{Day: tt.day, Weeks: tt.weeks}
			if got := weeksOfMonth(m, tt.es); got != tt.want {
				t.Errorf("weeksOfMonth(%v %v, es=%v) = %q, want %q", tt.day, tt.weeks, tt.es, got, tt.want)
			}
		})
	}
}

func TestShortSlug(t *testing.T) {
	tests := []struct {
		name, slug string
		wantSame   bool
	}{
		{"short", "nami-ohio-downtown", true},
		{"exactly 64", strings.Repeat("a", 64), true},
		{"long", strings.Repeat("ab-", 30), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shortSlug(tt.slug, "id")
			if (got == tt.slug) != tt.wantSame || len(got) > mgSlugMax {
				t.Errorf("shortSlug(%q) = %q, want same=%v and at most %d characters", tt.slug, got, tt.wantSame, mgSlugMax)
			}
			if again := shortSlug(tt.slug, "id"); again != got {
				t.Errorf("shortSlug(%q) = %q, then %q", tt.slug, got, again)
			}
			if other := shortSlug(tt.slug, "other"); !tt.wantSame && other == got {
				t.Errorf("shortSlug(%q) gives %q for two identities", tt.slug, got)
			}
		})
	}
}
