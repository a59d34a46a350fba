package schema

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"sitegen/internal/build"
	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/sitetest"
)

// sampleSite returns the repository's sample site in memory, as package sitetest reads it,
// so each case can replace one file of an otherwise valid site.
func sampleSite(t *testing.T) fstest.MapFS {
	t.Helper()
	return sitetest.Sample(t)
}

// checkErrors runs sitegen's check on fsys and returns the errors reported in file p.
func checkErrors(fsys fs.FS, p string) []diag.Diagnostic {
	_, diags := build.Check(fsys, build.Options{Now: civil.Date{Year: 2026, Month: 11, Day: 23}})
	var out []diag.Diagnostic
	for _, d := range diags {
		if d.Path == p && d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

const (
	baseGroup = `name: Agreement Test Group
attendance: in-person
meetings:
  - day: tuesday
    start: "18:30"
location:
  name: Library
  street: 1 Main Street
  city: Columbus
  state: OH
  postal_code: "43215"
  lat: 39.96
  lon: -83.0
contact:
  email: group@example.org
verified: 2026-11-01
`
	baseTraining = `title: Agreement Test Training
kind: facilitator
host: nami-buckeye-state
start: 2027-03-05
end: 2027-03-07
attendance: online
`
	baseAffiliate = `name: NAMI Agreement Test
kind: affiliate
state: OH
parent: nami-buckeye-state
email: test@example.org
`
)

// TestSchemaAgreesWithCheck feeds the same files to sitegen check and to the JSON Schema.
// Where the schema can express a rule (expressible), both must reject the file or both accept
// it; where it cannot (rules across files, arithmetic on dates), check rejects and the schema
// accepts. Editors thus never see their editor accept what CI refuses, except for those rules.
func TestSchemaAgreesWithCheck(t *testing.T) {
	schemas := compileAll(t)
	const groupPath = "data/groups/nami-olentangy/agreement-test.yaml"
	const trainingPath = "data/trainings/agreement-test.yaml"
	const affiliatePath = "data/affiliates/nami-agreement-test.yaml"
	r := strings.NewReplacer
	tests := []struct {
		name        string
		path, src   string
		expressible bool // the schema can tell this rule
		wantError   bool // check reports an error in the file
	}{
		{"valid group", groupPath, baseGroup, true, false},
		{"valid training", trainingPath, baseTraining, true, false},
		{"valid affiliate", affiliatePath, baseAffiliate, true, false},
		{"unknown key", groupPath, r("meetings:", "meetngs:").Replace(baseGroup), true, true},
		{"misspelled day", groupPath, r("day: tuesday", "day: Tues").Replace(baseGroup), true, true},
		{"attendance with space", groupPath, r("attendance: in-person", "attendance: in person").Replace(baseGroup), true, true},
		{"online with location", groupPath, r("attendance: in-person", "attendance: online\nonline: {link_public: false, instructions: Ask.}").Replace(baseGroup), true, true},
		{"in-person without location", groupPath, baseGroup[:strings.Index(baseGroup, "location:")] + "verified: 2026-11-01\n", true, true},
		{"hybrid without online", groupPath, r("attendance: in-person", "attendance: hybrid").Replace(baseGroup), true, true},
		{"bad time", groupPath, r(`start: "18:30"`, `start: "6:30pm"`).Replace(baseGroup), true, true},
		{"hour 24", groupPath, r(`start: "18:30"`, `start: "24:00"`).Replace(baseGroup), true, true},
		{"bad date", groupPath, r("verified: 2026-11-01", "verified: 11/01/2026").Replace(baseGroup), true, true},
		{"impossible date", groupPath, r("verified: 2026-11-01", "verified: 2026-13-01").Replace(baseGroup), true, true},
		// Days a month does not have (until 2026-12-05 the schema took them).
		{"February 31", groupPath, r("verified: 2026-11-01", "verified: 2026-02-31").Replace(baseGroup), true, true},
		{"April 31", groupPath, r("verified: 2026-11-01", "verified: 2026-04-31").Replace(baseGroup), true, true},
		// The date's format (asserted, as editors' validators do) knows leap years.
		{"February 29 of a common year", groupPath, r("verified: 2026-11-01", "verified: 2026-02-29").Replace(baseGroup), true, true},
		{"February 29 of a leap year", groupPath, r("verified: 2026-11-01", "verified: 2024-02-29").Replace(baseGroup), true, false},
		{"lowercase state", groupPath, r("state: OH", "state: oh").Replace(baseGroup), true, true},
		{"bad postal code", groupPath, r(`postal_code: "43215"`, `postal_code: "4321"`).Replace(baseGroup), true, true},
		{"unquoted postal code", groupPath, r(`postal_code: "43215"`, `postal_code: 43215`).Replace(baseGroup), true, true},
		{"ZIP+4", groupPath, r(`postal_code: "43215"`, `postal_code: "43215-1234"`).Replace(baseGroup), true, false},
		{"lat without lon", groupPath, r("  lon: -83.0\n", "").Replace(baseGroup), true, true},
		{"lat out of range", groupPath, r("lat: 39.96", "lat: 91").Replace(baseGroup), true, true},
		{"weeks 6", groupPath, r(`start: "18:30"`, "start: \"18:30\"\n    weeks: [6]").Replace(baseGroup), true, true},
		{"weeks last", groupPath, r(`start: "18:30"`, "start: \"18:30\"\n    weeks: [1, -1]").Replace(baseGroup), true, false},
		{"no meetings", groupPath, r("meetings:\n  - day: tuesday\n    start: \"18:30\"\n", "meetings: []\n").Replace(baseGroup), true, true},
		{"bad audience", groupPath, r("verified:", "audience: [youth]\nverified:").Replace(baseGroup), true, true},
		{"bad email", groupPath, r("email: group@example.org", "email: group.example.org").Replace(baseGroup), true, true},
		{"short phone", groupPath, r("email: group@example.org", `phone: "555-0100"`).Replace(baseGroup), true, true},
		{"public link without join url", groupPath, r("attendance: in-person", "attendance: hybrid\nonline: {link_public: true}").Replace(baseGroup), true, true},
		{"javascript join url", groupPath, r("attendance: in-person", "attendance: hybrid\nonline: {join_url: \"javascript:alert(1)\", link_public: true}").Replace(baseGroup), true, true},
		{"bad program", groupPath, r("attendance:", "program: conexión\nattendance:").Replace(baseGroup), true, true},
		{"bad status", groupPath, r("attendance:", "status: closed\nattendance:").Replace(baseGroup), true, true},
		{"public not bool", groupPath, r("attendance:", "public: \"no\"\nattendance:").Replace(baseGroup), true, true},
		{"end before start", groupPath, r(`start: "18:30"`, "start: \"18:30\"\n    end: \"17:00\"").Replace(baseGroup), false, true},
		{"verified in future", groupPath, r("verified: 2026-11-01", "verified: 2027-01-01").Replace(baseGroup), false, true},
		{"training bad kind", trainingPath, r("kind: facilitator", "kind: facilitators").Replace(baseTraining), true, true},
		{"training in-person without location", trainingPath, r("attendance: online", "attendance: in-person").Replace(baseTraining), true, true},
		{"training bad seats", trainingPath, baseTraining + "seats: 0\n", true, true},
		{"training host unknown", trainingPath, r("host: nami-buckeye-state", "host: nami-buckeye").Replace(baseTraining), false, true},
		{"training end before start", trainingPath, r("end: 2027-03-07", "end: 2027-03-01").Replace(baseTraining), false, true},
		{"training deadline after start", trainingPath, baseTraining + "application: {deadline: 2027-04-01, screening: true}\n", false, true},
		{"affiliate bad kind", affiliatePath, r("kind: affiliate", "kind: chapter").Replace(baseAffiliate), true, true},
		{"affiliate state name", affiliatePath, r("state: OH", "state: Ohio").Replace(baseAffiliate), true, true},
		{"affiliate website not http", affiliatePath, baseAffiliate + "website: ftp://example.org/\n", true, true},
		{"affiliate bad task", affiliatePath, baseAffiliate + "champions: {wanted: true, tasks: [driving]}\n", true, true},
		{"affiliate parent of another state", affiliatePath, r("state: OH", "state: NM").Replace(baseAffiliate), false, true},
		{"name at its budget", groupPath, r("name: Agreement Test Group", "name: "+strings.Repeat("n", 200)).Replace(baseGroup), true, false},
		{"name over its budget", groupPath, r("name: Agreement Test Group", "name: "+strings.Repeat("n", 201)).Replace(baseGroup), true, true},
		{"notes over their budget", groupPath, baseGroup + "notes: " + strings.Repeat("n", 4001) + "\n", true, true},
		{"street over its budget", groupPath, r("street: 1 Main Street", "street: "+strings.Repeat("s", 301)).Replace(baseGroup), true, true},
		{"blank name", groupPath, r("name: Agreement Test Group", `name: " "`).Replace(baseGroup), true, true},
		{"audience twice", groupPath, r("verified:", "audience: [veterans, veterans]\nverified:").Replace(baseGroup), true, true},
		{"county over its budget", affiliatePath, baseAffiliate + "counties: [" + strings.Repeat("c", 301) + "]\n", true, true},
		{"task twice", affiliatePath, baseAffiliate + "champions: {wanted: true, tasks: [locations, locations]}\n", true, true},
		{"affiliate duplicate name", affiliatePath, r("name: NAMI Agreement Test", "name: NAMI Olentangy").Replace(baseAffiliate), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sampleSite(t)
			fsys[tt.path] = &fstest.MapFile{Data: []byte(tt.src)}
			errs := checkErrors(fsys, tt.path)
			if got := len(errs) > 0; got != tt.wantError {
				t.Errorf("check reported errors %v, want errors = %v", errs, tt.wantError)
			}
			v, err := FromYAML([]byte(tt.src))
			schemaRejects := err != nil
			if err == nil {
				schemaRejects = schemas[schemaFor(strings.TrimPrefix(tt.path, "data/"))].Validate(v) != nil
			}
			switch {
			case tt.expressible && schemaRejects != tt.wantError:
				t.Errorf("schema rejects = %v, check errors = %v (%v): they must agree on this rule", schemaRejects, tt.wantError, errs)
			case !tt.expressible && schemaRejects:
				t.Errorf("schema rejects a file whose only problem it cannot express: %v", err)
			}
		})
	}
}

// TestSchemaRejectsOnlyWhatCheckRejects runs every data file of check's bad-input corpus
// (internal/check/testdata) through the schema: whatever the schema rejects, check must report
// as an error in the same file, or an editor's editor would flag a file CI accepts.
func TestSchemaRejectsOnlyWhatCheckRejects(t *testing.T) {
	schemas := compileAll(t)
	archives, err := fs.Glob(os.DirFS("../internal/check/testdata"), "*.txtar")
	if err != nil || len(archives) < 30 {
		t.Fatalf("found %d archives in ../internal/check/testdata (err %v), want the corpus", len(archives), err)
	}
	checked := 0
	for _, a := range archives {
		ar, err := txtar.ParseFile("../internal/check/testdata/" + a)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		for _, f := range ar.Files {
			if f.Name != "want" {
				files[f.Name] = string(f.Data)
			}
		}
		for p, body := range files {
			name := schemaFor(strings.TrimPrefix(p, "data/"))
			if !strings.HasPrefix(p, "data/") || name == "" {
				continue
			}
			v, err := FromYAML([]byte(body))
			rejected := err != nil || schemas[name].Validate(v) != nil
			if !rejected {
				continue
			}
			checked++
			fsys := sampleSite(t)
			for q, b := range files {
				fsys[q] = &fstest.MapFile{Data: []byte(b)}
			}
			if errs := checkErrors(fsys, p); len(errs) == 0 {
				t.Errorf("%s: %s: the schema rejects it but check reports no error", a, p)
			}
		}
	}
	if checked < 25 {
		t.Errorf("the schema rejected only %d corpus files; the corpus or the comparison is broken", checked)
	}
}
