package feed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"sitegen/internal/civil"
	"sitegen/internal/site"
	"sitegen/internal/sitetest"
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
	s := testSite(t)
	b, err := MeetingGuide(s)
	if err != nil {
		t.Fatalf("MeetingGuide: %v", err)
	}
	order, got := decodeMeetings(t, b)
	meetings := 0
	for _, g := range s.Groups {
		meetings += len(g.Meetings)
	}
	if len(order) != meetings {
		t.Errorf("MeetingGuide has %d entries (%v), want one per meeting, %d", len(order), order, meetings)
	}
	longSlug := ""
	for _, s := range order {
		if strings.HasPrefix(s, "nami-denver") {
			longSlug = s
		}
	}
	const base = "https://example.org/connection/"
	tests := []struct {
		name string
		slug string
		want map[string]any // field -> value; nil value: field must be absent
		// notes lists strings the notes must contain.
		notes []string
	}{
		{
			name: "in person, first meeting",
			slug: "nami-new-york-state-downtown",
			want: map[string]any{
				"name": "Downtown Connection", "day": 2.0, "time": "18:30", "end_time": "20:00",
				"timezone": "America/New_York", "types": []any{"EN", "X", "Y"},
				"location": "First Church", "address": "123 N. Main St.", "city": "Albany",
				"state": "NY", "postal_code": "12207", "country": "US",
				"formatted_address": "123 N. Main St., Albany, NY 12207-1234, USA", "approximate": "no",
				"latitude": 42.6526, "longitude": -73.7562,
				"updated": "2026-10-15 00:00:00", "url": base + "groups/nami-new-york-state/downtown/",
				"entity": "NAMI New York State", "entity_email": "info@naminys.example.org",
				"entity_url": "https://naminys.example.org", "entity_website_url": "https://naminys.example.org",
				"entity_phone": "518-555-0140", "conference_url": nil, "conference_url_notes": nil,
			},
			notes: []string{"Bring a friend. See the map (https://example.org/map).", "No meeting on Tuesday, December 22, 2026."},
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
				"notes": "Only on the first and third Monday of the month.\nFirst meeting: Monday, December 7, 2026.\nNo meeting on Monday, December 21, 2026.",
			},
		},
		{
			name: "street with an accent, no coordinates",
			slug: "nami-puerto-rico-conexion-santurce",
			want: map[string]any{
				"name": "Conexión Santurce", "types": []any{"S"}, "location": "Centro Comunal",
				"address": "Calle Loíza 1950", "city": "San Juan", "state": "PR", "postal_code": "00911",
				"formatted_address": "Calle Loíza 1950, San Juan, PR 00911, USA", "approximate": "no",
				"timezone": "America/Puerto_Rico", "latitude": nil, "entity_url": nil, "notes": nil,
			},
		},
		{
			name:  "weeks of the month, its slug taken by another group",
			slug:  "nami-new-york-state-downtown-2-" + hashOf("nami-new-york-state/downtown#2")[:6],
			want:  map[string]any{"day": 3.0, "time": "10:00", "end_time": "11:30", "name": "Downtown Connection"},
			notes: []string{"Only on the first and third Wednesday of the month."},
		},
		{
			name: "group whose slug is that of another group's second meeting",
			slug: "nami-new-york-state-downtown-2",
			want: map[string]any{"name": "Downtown Two", "day": 1.0, "address": "9 State St",
				"url": base + "groups/nami-new-york-state/downtown-2/"},
		},
		{
			name: "online, link not public",
			slug: "nami-new-york-state-evening-online",
			want: map[string]any{
				"day": 0.0, "time": "23:00", "end_time": "00:30", "types": []any{"EN", "W"},
				"conference_url": nil, "location": nil, "address": nil, "formatted_address": nil,
				"state": "NY", "country": "US", "approximate": "yes",
				"conference_url_notes": "Platform: Zoom.\nThe link is not published: ask the group for it (evening@naminys.example.org).\nWrite to us for the link.",
			},
			notes: []string{"Online (Zoom): the link is not published: ask the group for it (evening@naminys.example.org)."},
		},
		{
			name: "online, link public",
			slug: "nami-new-york-state-morning-online",
			want: map[string]any{
				"day": 6.0, "types": []any{"EN", "LGBTQ", "M", "POC", "SEN"},
				"conference_url": "https://zoom.example.org/j/123456789", "conference_url_notes": "Platform: Zoom.",
				"state": "NY", "country": "US", "approximate": "yes", "notes": nil,
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
			checkEntry(t, got, order, tt.slug, tt.want, tt.notes)
		})
	}
	if len(longSlug) == 0 || len(longSlug) > mgSlugMax {
		t.Errorf("long group's slug = %q, want 1 to %d characters", longSlug, mgSlugMax)
	}
	if n := got["nami-new-york-state-downtown"]["notes"].(string); strings.Contains(n, "November 17, 2026") {
		t.Errorf("notes = %q, want no past skip date", n)
	}
	for slug, e := range got {
		// 2026-12-22 is a Tuesday: only the Tuesday meeting mentions it.
		n, _ := e["notes"].(string)
		if strings.Contains(n, "December 22, 2026") != (slug == "nami-new-york-state-downtown") {
			t.Errorf("entry %q: notes = %q; want the skip date only on the Tuesday meeting", slug, n)
		}
	}
}

// checkEntry compares the entry slug of a decoded feed with want (field -> value; a nil value:
// the field must be absent) and checks that its notes hold each of notes.
func checkEntry(t *testing.T, got map[string]map[string]any, order []string, slug string, want map[string]any, notes []string) {
	t.Helper()
	e, ok := got[slug]
	if !ok {
		t.Fatalf("MeetingGuide has no entry %q; slugs %v", slug, order)
	}
	for field, w := range want {
		v, present := e[field]
		switch {
		case w == nil && present:
			t.Errorf("entry %q: %s = %v, want absent", slug, field, v)
		case w != nil && !equalJSON(v, w):
			t.Errorf("entry %q: %s = %#v, want %#v", slug, field, v, w)
		}
	}
	n, _ := e["notes"].(string)
	for _, w := range notes {
		if !strings.Contains(n, w) {
			t.Errorf("entry %q: notes = %q, want it to contain %q", slug, n, w)
		}
	}
}

// TestMeetingGuidePartialPlace gives a group a place without street, postal code or
// coordinates and no confirmation date, which check refuses: should the model ever hold one,
// the feed still writes a valid entry, placed approximately by its city.
func TestMeetingGuidePartialPlace(t *testing.T) {
	s := testSite(t)
	g := sitetest.Group(t, s, "nami-new-york-state/downtown-2")
	g.Place = &site.Place{Name: "Library", City: "Albany", State: "NY"}
	g.Verified = civil.Date{}
	b, err := MeetingGuide(s)
	if err != nil {
		t.Fatalf("MeetingGuide: %v", err)
	}
	order, got := decodeMeetings(t, b)
	checkEntry(t, got, order, "nami-new-york-state-downtown-2", map[string]any{
		"address": nil, "postal_code": nil, "latitude": nil, "city": "Albany", "state": "NY",
		"formatted_address": "Albany, NY, USA", "approximate": "yes", "updated": nil,
	}, nil)
	if err := meetingSchema(t).Validate(toJSONValue(t, got["nami-new-york-state-downtown-2"])); err != nil {
		t.Errorf("the entry does not validate: %v", err)
	}
}

// toJSONValue converts a decoded entry to the values the validator expects.
func toJSONValue(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// equalJSON compares decoded JSON values.
func equalJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// eveningOnline is the start of the fixture's group nami-new-york-state/evening-online, up to
// its online block, which the cases below give.
const eveningOnline = `name: Evening Online
attendance: online
meetings:
  - day: sunday
    start: "23:00"
    end: "00:30"
    overnight: true
contact:
  email: evening@naminys.example.org
verified: 2026-11-01
`

func TestMeetingGuidePrivacy(t *testing.T) {
	const file = "data/groups/nami-new-york-state/evening-online.yaml"
	tests := []struct {
		name       string
		online     string // the file's online block
		wantURL    string
		wantAbsent string // must not appear anywhere in the output
	}{
		{"not public, no link", "online: {platform: Zoom, link_public: false}", "", "zoom.example.org/j/evening"},
		{"not public, with a link", "online: {platform: Zoom, join_url: \"https://zoom.example.org/j/evening\", link_public: false}", "", "zoom.example.org/j/evening"},
		{"public link", "online: {platform: Zoom, join_url: \"https://zoom.example.org/j/42\", link_public: true}", "https://zoom.example.org/j/42", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := buildOn(t, sitetest.Set(sitetest.Fixture(t), file, eveningOnline+tt.online+"\n"), buildDate)
			b, err := MeetingGuide(s)
			if err != nil {
				t.Fatalf("MeetingGuide: %v", err)
			}
			_, got := decodeMeetings(t, b)
			e := got["nami-new-york-state-evening-online"]
			if u, _ := e["conference_url"].(string); u != tt.wantURL {
				t.Errorf("MeetingGuide(%s): conference_url = %q, want %q", tt.online, u, tt.wantURL)
			}
			if tt.wantAbsent != "" && bytes.Contains(b, []byte(tt.wantAbsent)) {
				t.Errorf("MeetingGuide(%s) contains %q:\n%s", tt.online, tt.wantAbsent, b)
			}
		})
	}
	// The model never holds a link whose file does not say link_public: true; the feed
	// refuses one all the same.
	s := testSite(t)
	g := sitetest.Group(t, s, "nami-new-york-state/evening-online")
	g.Online = &site.Online{JoinURL: "https://zoom.example.org/j/secret", LinkPublic: false}
	b, err := MeetingGuide(s)
	if err != nil {
		t.Fatalf("MeetingGuide: %v", err)
	}
	if bytes.Contains(b, []byte("zoom.example.org/j/secret")) {
		t.Errorf("MeetingGuide publishes a join link without link_public")
	}
}

// TestMeetingGuidePaused checks that a paused group is never shown as meeting: consumers show
// an entry with a join link as an active online meeting whatever its types, so a paused
// group's entry has no link, and its notes do not say how to ask for one.
func TestMeetingGuidePaused(t *testing.T) {
	const file = "data/groups/nami-new-york-state/morning-online.yaml"
	for _, public := range []bool{true, false} {
		fsys := sitetest.Fixture(t)
		src := "status: paused\n" + string(fsys[file].Data)
		if !public {
			src = strings.Replace(src, "link_public: true", "link_public: false", 1)
		}
		s := buildOn(t, sitetest.Set(fsys, file, src), buildDate)
		if g := sitetest.Group(t, s, "nami-new-york-state/morning-online"); !g.Paused() || (g.Online.JoinURL != "") != public {
			t.Fatalf("the variant did not take: paused %v, link %q", g.Paused(), g.Online.JoinURL)
		}
		b, err := MeetingGuide(s)
		if err != nil {
			t.Fatalf("MeetingGuide: %v", err)
		}
		_, got := decodeMeetings(t, b)
		e := got["nami-new-york-state-morning-online"]
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
	s := buildOn(t, without(sitetest.Fixture(t), "data/groups/"), buildDate)
	if len(s.Groups) != 0 {
		t.Fatalf("the site without group files has %d groups", len(s.Groups))
	}
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

// TestNotesInTheSitesLanguage checks the words the notes of the feed say what the format
// cannot, in the site's own language, from its catalogue.
func TestNotesInTheSitesLanguage(t *testing.T) {
	tests := []struct {
		name       string
		fsys       fstest.MapFS
		slug       string
		notes      string // the whole notes, when not empty
		contains   []string
		conference string // conference_url_notes, when not empty
	}{
		{name: "weeks, first meeting, skip date", fsys: sitetest.Fixture(t), slug: "nami-southern-arizona-south-tucson",
			notes: "Only on the first and third Monday of the month.\nFirst meeting: Monday, December 7, 2026.\nNo meeting on Monday, December 21, 2026."},
		{name: "second and last", fsys: sitetest.Fixture(t), slug: "nami-denver-metro-and-the-front-range-communities-conexion-en-espanol-los-martes",
			contains: []string{"This group is paused: it is not meeting for now.", "Only on the second and last Thursday of the month."}},
		{name: "in Spanish: weeks, first meeting, skip date", fsys: spanishFixture(t), slug: "nami-southern-arizona-south-tucson",
			notes: "Solo el primer y tercer lunes del mes.\nPrimera reunión: lunes, 7 de diciembre de 2026.\nNo hay reunión el lunes, 21 de diciembre de 2026."},
		{name: "in Spanish: first and third", fsys: spanishFixture(t), slug: "nami-new-york-state-downtown-2-" + hashOf("nami-new-york-state/downtown#2")[:6],
			contains: []string{"Solo el primer y tercer miércoles del mes."}},
		{name: "in Spanish: paused, second and last", fsys: spanishFixture(t), slug: "nami-denver-metro-and-the-front-range-communities-conexion-en-espanol-los-martes",
			contains: []string{"Este grupo está en pausa: por ahora no se reúne.", "Solo el segundo y último jueves del mes."}},
		{name: "in Spanish: how to ask for the link", fsys: spanishFixture(t), slug: "nami-new-york-state-evening-online",
			contains:   []string{"En línea (Zoom): el enlace no se publica: pídalo al grupo (evening@naminys.example.org)."},
			conference: "Plataforma: Zoom.\nEl enlace no se publica: pídalo al grupo (evening@naminys.example.org).\nWrite to us for the link."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := MeetingGuide(buildOn(t, tt.fsys, buildDate))
			if err != nil {
				t.Fatalf("MeetingGuide: %v", err)
			}
			order, got := decodeMeetings(t, b)
			slug := tt.slug
			if _, ok := got[slug]; !ok {
				// A slug too long for the format is cut and given a hash: find it by its start.
				for _, o := range order {
					if strings.HasPrefix(o, slug[:mgSlugMax/2]) {
						slug = o
					}
				}
			}
			want := map[string]any{}
			if tt.notes != "" {
				want["notes"] = tt.notes
			}
			if tt.conference != "" {
				want["conference_url_notes"] = tt.conference
			}
			checkEntry(t, got, order, slug, want, tt.contains)
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

// TestMarshalEach: the entries, encoded in parts on every processor, make a JSON list with
// one entry per line, in order, each as json.Marshal encodes it (HTML characters escaped).
func TestMarshalEach(t *testing.T) {
	type entry struct {
		Name  string   `json:"name"`
		Types []string `json:"types,omitempty"`
		Day   *int     `json:"day,omitempty"`
	}
	two := 2
	all := []entry{{Name: "A <b> & \"c\""}, {Name: "B", Types: []string{"O", "X"}, Day: &two}, {Name: "C", Types: []string{}}}
	for i := range 97 {
		all = append(all, entry{Name: fmt.Sprintf("E%d", i)})
	}
	for _, n := range []int{0, 1, 2, 3, len(all)} {
		list := all[:n]
		want := "[\n"
		for i, e := range list {
			b, err := json.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			want += "  " + string(b)
			if i < n-1 {
				want += ","
			}
			want += "\n"
		}
		want += "]\n"
		if n == 0 {
			want = "[]\n"
		}
		got, err := marshalEach(n, func(b []byte, i int) ([]byte, error) {
			e, err := json.Marshal(list[i])
			return append(b, e...), err
		})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%d entries: got\n%s\nwant\n%s", n, got, want)
		}
		var back []entry
		if err := json.Unmarshal(got, &back); err != nil || len(back) != n {
			t.Errorf("%d entries: read back %d, %v", n, len(back), err)
		}
	}
}
