package schema

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"sitegen/internal/load"
)

// names lists every schema file; TestFilesListed keeps it in step with the directory.
var names = []string{"site.schema.json", "affiliate.schema.json", "group.schema.json", "training.schema.json"}

// compileAll compiles every schema, failing the test at the first that does not compile.
func compileAll(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	m := make(map[string]*jsonschema.Schema)
	for _, name := range names {
		sch, err := Compile(name)
		if err != nil {
			t.Fatalf("Compile(%q) = %v, want nil error", name, err)
		}
		m[name] = sch
	}
	return m
}

func TestFilesListed(t *testing.T) {
	got, err := fs.Glob(Files, "*.json")
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Sorted(slices.Values(names))
	if !slices.Equal(got, want) {
		t.Errorf("embedded schemas = %v, want %v", got, want)
	}
}

func TestCompile(t *testing.T) {
	compileAll(t)
	if _, err := Compile("nope.schema.json"); err == nil {
		t.Errorf("Compile(%q) = nil error, want an error", "nope.schema.json")
	}
}

// schemaDoc returns the schema file name read as JSON.
func schemaDoc(t *testing.T, name string) any {
	t.Helper()
	src, err := Files.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(src)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestSchemaDocumented checks what editors rely on: the root names the draft, has an $id ending
// in the file name, a title and a description; every property has a description, and every
// object that lists properties forbids unknown keys.
func TestSchemaDocumented(t *testing.T) {
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			root := schemaDoc(t, name).(map[string]any)
			if got, want := root["$schema"], "https://json-schema.org/draft/2020-12/schema"; got != want {
				t.Errorf("$schema = %v, want %v", got, want)
			}
			if id, _ := root["$id"].(string); !strings.HasPrefix(id, "https://") || !strings.HasSuffix(id, "/"+name) {
				t.Errorf("$id = %q, want an https URL ending in /%s", id, name)
			}
			for _, key := range []string{"title", "description"} {
				if s, _ := root[key].(string); s == "" {
					t.Errorf("root %s is empty", key)
				}
			}
			walkSchema(t, "#", root)
		})
	}
}

// walkSchema checks the rules of TestSchemaDocumented on s and every schema below it.
func walkSchema(t *testing.T, at string, s any) {
	t.Helper()
	switch s := s.(type) {
	case map[string]any:
		if props, ok := s["properties"].(map[string]any); ok {
			// Properties inside if (conditions) are not shown to editors and need no help, nor
			// are those only refused in a then ("location": false for an online group).
			refusedOnly := !slices.ContainsFunc(slices.Collect(maps.Values(props)), func(p any) bool { return p != false })
			if !strings.HasSuffix(at, "/if") && !(strings.HasSuffix(at, "/then") && refusedOnly) {
				if s["additionalProperties"] != false {
					t.Errorf("%s: additionalProperties = %v, want false", at, s["additionalProperties"])
				}
				for key, p := range props {
					pm, _ := p.(map[string]any)
					if d, _ := pm["description"].(string); d == "" {
						t.Errorf("%s/properties/%s: no description", at, key)
					}
				}
			}
		}
		for key, v := range s {
			walkSchema(t, at+"/"+key, v)
		}
	case []any:
		for _, v := range s {
			walkSchema(t, at, v)
		}
	}
}

// problems lists the leaf errors of err as "INSTANCE-PATH KEYWORD", e.g.
// "/meetings/0/weeks/0 enum", so that a test can check which rule failed.
func problems(err error) []string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []string{err.Error()}
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			// The keyword is the first of the error's keyword path; a few kinds (not) have
			// none, and are named by their type instead (*kind.Not is "not").
			kw := fmt.Sprintf("%T", e.ErrorKind)
			kw = strings.ToLower(kw[strings.LastIndex(kw, ".")+1:])
			if p := e.ErrorKind.KeywordPath(); len(p) > 0 {
				kw = p[0]
			}
			out = append(out, "/"+strings.Join(e.InstanceLocation, "/")+" "+kw)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

// validate converts src and validates it against sch.
func validate(t *testing.T, sch *jsonschema.Schema, src string) error {
	t.Helper()
	v, err := FromYAML([]byte(src))
	if err != nil {
		t.Fatalf("FromYAML(%q) = %v", src, err)
	}
	return sch.Validate(v)
}

const (
	siteMin = "title: NAMI Connection Groups\nbase_url: https://groups.example.org/\ntimezone: America/New_York\n"

	groupInPerson = `name: Tuesday Evening Connection
attendance: in-person
meetings:
  - {day: tuesday, start: "18:30"}
verified: 2025-09-15
location: {name: First Church, street: 100 Oak St, city: Columbus, state: OH, postal_code: "43215"}
`
	groupOnline = `name: Online Connection
attendance: online
meetings: [{day: monday, start: "19:00"}]
verified: 2025-09-15
online: {platform: Zoom}
`
	trainingOnline = `title: Facilitator Training
kind: facilitator
host: nami-ohio
start: 2026-03-13
end: 2026-03-15
attendance: online
`
)

func TestValidate(t *testing.T) {
	schemas := compileAll(t)
	tests := []struct {
		name   string
		schema string
		yaml   string
		// want is "" for a valid document, else "INSTANCE-PATH KEYWORD" of the rule it breaks.
		want string
	}{
		// site.yaml
		{"site minimal", "site", siteMin, ""},
		{"site full", "site", siteMin + `language: es
helpline: {name: NAMI HelpLine, phone: 1-800-950-6264, text: Text "helpline" to 62640, url: https://www.nami.org/help}
crisis: {name: 988 Lifeline, phone: "988"}
stale_after_days: 180
edit_url: https://git.example.org/edit/main/
`, ""},
		{"site missing title", "site", "base_url: https://x.org/\ntimezone: UTC\n", "/ required"},
		{"site language French", "site", siteMin + "language: French\n", "/language pattern"},
		{"site languages", "site", siteMin + "languages: [en, es]\nes: {title: Grupos}\n", ""},
		{"site translation of an unknown key", "site", siteMin + "es: {base_url: https://x.org/}\n", "/es additionalProperties"},
		{"group translation of its name", "group", groupInPerson + "es: {name: Grupo}\n", "/es additionalProperties"},
		{"group translation of its notes", "group", groupInPerson + "es: {notes: Notas}\n", ""},
		{"site javascript base_url", "site", "title: T\nbase_url: javascript:alert(1)\ntimezone: UTC\n", "/base_url pattern"},
		{"site relative edit_url", "site", siteMin + "edit_url: /edit/\n", "/edit_url pattern"},
		{"site stale_after_days 0", "site", siteMin + "stale_after_days: 0\n", "/stale_after_days minimum"},
		{"site helpline without phone", "site", siteMin + "helpline: {name: HelpLine}\n", "/helpline required"},
		{"site unknown key", "site", siteMin + "titel: x\n", "/ additionalProperties"},

		// affiliates
		{"affiliate full", "affiliate", `name: NAMI Franklin County
kind: affiliate
state: OH
parent: nami-ohio
website: https://namifranklincounty.org/
email: info@namifranklincounty.org
phone: (614) 555-0142
address: {street: 1225 Main St, city: Columbus, state: OH, postal_code: "43215-1234"}
timezone: America/New_York
counties: [Franklin, Delaware]
champions: {wanted: true, tasks: [locations, promotion], contact: champions@example.org}
about: Serving **central Ohio**.
editors: ["@jdoe", asmith, example/ohio-editors]
`, ""},
		{"affiliate phone with leading 1", "affiliate", "name: A\nkind: affiliate\nstate: PR\nphone: +1 787 555 0142\n", ""},
		{"affiliate phone with 9 digits", "affiliate", "name: A\nkind: affiliate\nstate: OH\nphone: 614-555-014\n", "/phone pattern"},
		{"affiliate phone with 11 digits not starting with 1", "affiliate", "name: A\nkind: affiliate\nstate: OH\nphone: 2614-555-0142\n", "/phone pattern"},
		{"affiliate bad kind", "affiliate", "name: A\nkind: chapter\nstate: OH\n", "/kind enum"},
		{"affiliate lowercase usps", "affiliate", "name: A\nkind: affiliate\nstate: oh\n", "/state enum"},
		{"affiliate unknown usps", "affiliate", "name: A\nkind: affiliate\nstate: XX\n", "/state enum"},
		{"affiliate bad slug in parent", "affiliate", "name: A\nkind: affiliate\nstate: OH\nparent: NAMI_Ohio\n", "/parent pattern"},
		{"affiliate slug with double hyphen", "affiliate", "name: A\nkind: affiliate\nstate: OH\nparent: nami--ohio\n", "/parent pattern"},
		{"affiliate slug too long", "affiliate", "name: A\nkind: affiliate\nstate: OH\nparent: " + strings.Repeat("a", 81) + "\n", "/parent maxLength"},
		{"affiliate bad postal code", "affiliate", "name: A\nkind: affiliate\nstate: OH\naddress: {street: s, city: c, state: OH, postal_code: \"4321\"}\n", "/address/postal_code pattern"},
		{"affiliate unquoted postal code", "affiliate", "name: A\nkind: affiliate\nstate: OH\naddress: {street: s, city: c, state: OH, postal_code: 43215}\n", "/address/postal_code type"},
		{"affiliate bad email", "affiliate", "name: A\nkind: affiliate\nstate: OH\nemail: info at example.org\n", "/email pattern"},
		{"affiliate bad champion task", "affiliate", "name: A\nkind: affiliate\nstate: OH\nchampions: {wanted: true, tasks: [cooking]}\n", "/champions/tasks/0 enum"},
		{"affiliate champions wanted without tasks", "affiliate", "name: A\nkind: affiliate\nstate: OH\nchampions: {wanted: true}\n", "/champions required"},
		{"affiliate data: website", "affiliate", "name: A\nkind: affiliate\nstate: OH\nwebsite: data:text/html,hi\n", "/website pattern"},

		// groups
		{"group in person", "group", groupInPerson, ""},
		{"group online", "group", groupOnline, ""},
		{"group hybrid full", "group", `name: Hybrid Conexión
program: conexion
language: es
status: paused
public: false
attendance: hybrid
meetings:
  - {day: saturday, start: "23:00", end: "00:30", overnight: true, weeks: [1, 3, -1]}
  - day: sunday
    start: "10:00"
    end: "11:30"
timezone: America/Chicago
location:
  name: Centro Comunitario
  street: 200 Elm St
  city: Chicago
  state: IL
  postal_code: 60601-1234
  lat: 41.88
  lon: -87.62
  accessible: true
  directions: Room 2.
online: {platform: Zoom, join_url: https://zoom.us/j/123, link_public: true, instructions: Ask us.}
contact: {email: g@example.org, phone: 312.555.0100}
audience: [young-adults, lgbtq]
notes: Bring a friend.
verified: 2025-09-15
starts: 2026-01-06
skip: [2025-12-25, 2026-01-01]
`, ""},
		{"group other language", "group", strings.Replace(groupOnline, "name:", "language: vi\nname:", 1), ""},
		{"group bad language", "group", strings.Replace(groupOnline, "name:", "language: English\nname:", 1), "/language pattern"},
		{"group unknown meeting key", "group", strings.Replace(groupOnline, "day: monday", "dya: monday", 1), "/meetings/0 additionalProperties"},
		{"group bad day", "group", strings.Replace(groupOnline, "day: monday", "day: Monday", 1), "/meetings/0/day enum"},
		{"group bad time", "group", strings.Replace(groupOnline, `start: "19:00"`, `start: "7pm"`, 1), "/meetings/0/start pattern"},
		{"group time 24:00", "group", strings.Replace(groupOnline, `start: "19:00"`, `start: "24:00"`, 1), "/meetings/0/start pattern"},
		{"group weeks 6", "group", strings.Replace(groupOnline, `start: "19:00"`, `start: "19:00", weeks: [1, 6]`, 1), "/meetings/0/weeks/1 enum"},
		{"group weeks 0", "group", strings.Replace(groupOnline, `start: "19:00"`, `start: "19:00", weeks: [0]`, 1), "/meetings/0/weeks/0 enum"},
		{"group meetings empty", "group", strings.Replace(groupOnline, `meetings: [{day: monday, start: "19:00"}]`, "meetings: []", 1), "/meetings minItems"},
		{"group overnight not bool", "group", strings.Replace(groupOnline, `start: "19:00"`, `start: "19:00", overnight: yes please`, 1), "/meetings/0/overnight type"},
		{"group bad status", "group", groupOnline + "status: closed\n", "/status enum"},
		{"group bad program", "group", groupOnline + "program: conexión\n", "/program enum"},
		{"group bad attendance", "group", strings.Replace(groupOnline, "attendance: online", "attendance: virtual", 1), "/attendance enum"},
		{"group bad audience", "group", groupOnline + "audience: [teens]\n", "/audience/0 enum"},
		{"group bad verified date", "group", strings.Replace(groupOnline, "verified: 2025-09-15", "verified: 09/15/2025", 1), "/verified pattern"},
		{"group month 13", "group", strings.Replace(groupOnline, "verified: 2025-09-15", "verified: 2025-13-01", 1), "/verified pattern"},
		{"group bad skip date", "group", groupOnline + "skip: [Christmas]\n", "/skip/0 pattern"},
		{"group without verified", "group", strings.Replace(groupOnline, "verified: 2025-09-15\n", "", 1), "/ required"},
		// Refused at the key, not as the whole file "must not be valid" (until 2026-12-06).
		{"group online with location", "group", groupOnline + "location: {name: n, street: s, city: c, state: OH, postal_code: \"43215\"}\n", "/location falseschema"},
		{"group online without online block", "group", strings.Replace(groupOnline, "online: {platform: Zoom}\n", "", 1), "/ required"},
		{"group in-person without location", "group", strings.Replace(groupInPerson, "location:", "# location:", 1), "/ required"},
		{"group hybrid without online", "group", strings.Replace(groupInPerson, "in-person", "hybrid", 1), "/ required"},
		{"group lat without lon", "group", strings.Replace(groupInPerson, `"43215"}`, `"43215", lat: 39.9}`, 1), "/location dependentRequired"},
		{"group lon out of range", "group", strings.Replace(groupInPerson, `"43215"}`, `"43215", lat: 39.9, lon: -200}`, 1), "/location/lon minimum"},
		{"group location bad usps", "group", strings.Replace(groupInPerson, "state: OH", "state: Ohio", 1), "/location/state enum"},
		{"group javascript join_url", "group", strings.Replace(groupOnline, "{platform: Zoom}", "{join_url: javascript:alert(1)}", 1), "/online/join_url pattern"},
		{"group contact phone with 9 digits", "group", groupOnline + "contact: {phone: 555-0100 12}\n", "/contact/phone pattern"},
		{"group empty contact", "group", groupOnline + "contact: {}\n", "/contact minProperties"},

		// trainings
		{"training online", "training", trainingOnline, ""},
		{"training in person full", "training", `title: Conexión Facilitator Training
kind: facilitator
program: conexion
language: es
host: nami-ohio
start: 2026-03-13
end: 2026-03-15
daily: {start: "09:00", end: "17:00"}
timezone: America/New_York
attendance: in-person
location: {name: NAMI Ohio, street: 1225 Main St, city: Columbus, state: OH, postal_code: "43215", lat: 39.96, lon: -82.99}
application: {deadline: 2026-02-20, url: https://namiohio.org/apply, contact: training@namiohio.org, screening: true}
status: full
setting: correctional
public: false
seats: 16
notes: Lunch provided.
`, ""},
		{"training bad slug in host", "training", strings.Replace(trainingOnline, "host: nami-ohio", "host: NAMI Ohio", 1), "/host pattern"},
		{"training bad kind", "training", strings.Replace(trainingOnline, "kind: facilitator", "kind: workshop", 1), "/kind enum"},
		{"training hybrid not allowed", "training", strings.Replace(trainingOnline, "attendance: online", "attendance: hybrid", 1), "/attendance enum"},
		{"training in-person without location", "training", strings.Replace(trainingOnline, "attendance: online", "attendance: in-person", 1), "/ required"},
		{"training bad end date", "training", strings.Replace(trainingOnline, "end: 2026-03-15", "end: March 15", 1), "/end pattern"},
		{"training bad daily time", "training", trainingOnline + "daily: {start: \"9:00\", end: \"17:00\"}\n", "/daily/start pattern"},
		{"training daily without end", "training", trainingOnline + "daily: {start: \"09:00\"}\n", "/daily required"},
		{"training seats 0", "training", trainingOnline + "seats: 0\n", "/seats minimum"},
		{"training seats not whole", "training", trainingOnline + "seats: 12.5\n", "/seats type"},
		{"training bad status", "training", trainingOnline + "status: sold-out\n", "/status enum"},
		{"training bad setting", "training", trainingOnline + "setting: prison\n", "/setting enum"},
		{"training javascript application url", "training", trainingOnline + "application: {url: javascript:void(0)}\n", "/application/url pattern"},
		{"training unknown application key", "training", trainingOnline + "application: {screened: true}\n", "/application additionalProperties"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sch := schemas[tt.schema+".schema.json"]
			err := validate(t, sch, tt.yaml)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("validate(%q) = %v, want nil", tt.yaml, err)
			case tt.want != "" && err == nil:
				t.Errorf("validate(%q) = nil, want error %q", tt.yaml, tt.want)
			// A date refused by its pattern may be refused by its format first: either says it.
			case tt.want != "" && !slices.Contains(problems(err), tt.want) &&
				!(strings.HasSuffix(tt.want, " pattern") && slices.Contains(problems(err), strings.TrimSuffix(tt.want, "pattern")+"format")):
				t.Errorf("validate(%q) = %q, want a problem %q", tt.yaml, problems(err), tt.want)
			}
		})
	}
}

func TestFromYAML(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    any
		wantErr bool
	}{
		{"empty", "", nil, false},
		{"date stays string", "d: 2025-09-15", map[string]any{"d": "2025-09-15"}, false},
		{"time stays string", "t: 18:30", map[string]any{"t": "18:30"}, false},
		{"int stays int", "n: 16", map[string]any{"n": 16}, false},
		{"float", "x: -82.5", map[string]any{"x": -82.5}, false},
		{"bool null and list", "b: true\nz: null\nl: [1, a]", map[string]any{"b": true, "z": nil, "l": []any{1, "a"}}, false},
		{"quoted number is string", `z: "02134"`, map[string]any{"z": "02134"}, false},
		{"int key becomes string", "1: a", map[string]any{"1": "a"}, false},
		{"alias", "a: &x 1\nb: *x", nil, true},
		{"duplicate key", "a: 1\na: 2", nil, true},
		{"two documents", "a: 1\n---\nb: 2", nil, true},
		{"infinity", "x: .inf", nil, true},
		{"custom tag", "x: !secret abc", nil, true},
		{"syntax error", "a: [1, 2", nil, true},
		{"sequence key", "? [a]\n: 1", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromYAML([]byte(tt.src))
			if (err != nil) != tt.wantErr {
				t.Fatalf("FromYAML(%q) error = %v, want error %v", tt.src, err, tt.wantErr)
			}
			if !tt.wantErr && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("FromYAML(%q) = %#v, want %#v", tt.src, got, tt.want)
			}
		})
	}
}

// schemaFor names the schema for a file under data/, by its place; "" when it has none.
func schemaFor(p string) string {
	if !strings.HasSuffix(p, ".yaml") {
		return "" // not a data file: notes, READMEs
	}
	parts := strings.Split(p, "/")
	switch {
	case p == "site.yaml":
		return "site.schema.json"
	case len(parts) == 2 && parts[0] == "affiliates":
		return "affiliate.schema.json"
	case len(parts) == 3 && parts[0] == "groups":
		return "group.schema.json"
	case len(parts) == 2 && parts[0] == "trainings":
		return "training.schema.json"
	}
	return ""
}

// TestSampleData validates every data/**/*.yaml file of the repository, when there is one,
// against the schema for its place.
func TestSampleData(t *testing.T) {
	const dir = "../data"
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		t.Fatal("no data directory: the sample site belongs in the repository")
	}
	schemas := compileAll(t)
	fsys := os.DirFS(dir)
	n := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".yaml" {
			return err
		}
		n++
		name := schemaFor(p)
		if name == "" {
			t.Errorf("data/%s: no schema for a file in this place", p)
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		v, err := FromYAML(src)
		if err != nil {
			t.Errorf("data/%s: %v", p, err)
			return nil
		}
		if err := schemas[name].Validate(v); err != nil {
			t.Errorf("data/%s: %s: %v", p, name, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("validated %d files", n)
}

func TestSchemaFor(t *testing.T) {
	tests := []struct {
		path string
		want string
	}{
		{"site.yaml", "site.schema.json"},
		{"affiliates/nami-ohio.yaml", "affiliate.schema.json"},
		{"groups/nami-ohio/tuesday.yaml", "group.schema.json"},
		{"trainings/oh-2026.yaml", "training.schema.json"},
		{"groups/tuesday.yaml", ""},
		{"affiliates/x/y.yaml", ""},
		{"other.yaml", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := schemaFor(tt.path); got != tt.want {
				t.Errorf("schemaFor(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

// TestKeysKnownToLoad: every key the schemas name is one load's syntax hints know (see
// load.KnownKey), so that "kind: affiliate state: OH" is said to be two keys whatever the key.
func TestKeysKnownToLoad(t *testing.T) {
	for _, name := range names {
		doc := schemaDoc(t, name)
		var walk func(any)
		walk = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				if props, ok := v["properties"].(map[string]any); ok {
					for key := range props {
						if !load.KnownKey(key) {
							t.Errorf("%s: key %q is not in load's keyNames", name, key)
						}
					}
				}
				for _, x := range v {
					walk(x)
				}
			case []any:
				for _, x := range v {
					walk(x)
				}
			}
		}
		walk(doc)
	}
}
