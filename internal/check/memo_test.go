package check_test

import (
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"sitegen/internal/check"
	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/load"
)

// mapMemo is a check.Memo in memory that counts what it was asked.
type mapMemo struct {
	keys      map[string][32]byte
	hits, set int
}

func (m *mapMemo) Checked(path string, key [32]byte) bool {
	k, ok := m.keys[path]
	if ok && k == key {
		m.hits++
		return true
	}
	return false
}

func (m *mapMemo) SetChecked(path string, key [32]byte) {
	m.keys[path] = key
	m.set++
}

// runMemo is run with a memo.
func runMemo(fsys fstest.MapFS, now civil.Date, memo check.Memo) diag.List {
	files, diags := load.Read(fsys)
	return append(diags, check.Files(files, check.Options{Now: now, Memo: memo})...).Sort()
}

// TestMemoSameAsWithout: on every golden case, a check with a memo, run twice (the second
// time taking what the first remembered), finds what a check without one finds.
func TestMemoSameAsWithout(t *testing.T) {
	cases, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(cases) < 10 {
		t.Fatalf("%d golden cases: %v", len(cases), err)
	}
	hits := 0
	for _, name := range cases {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys := baseSite()
		for _, f := range a.Files {
			if f.Name != "want" {
				fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
			}
		}
		applyDirectives(t, fsys, string(a.Comment))
		want := run(t, fsys)
		memo := &mapMemo{keys: map[string][32]byte{}}
		for i := range 2 {
			if got := runMemo(fsys, testNow, memo); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, run %d with a memo:\n%s\nwant\n%s", name, i+1, text(t, got), text(t, want))
			}
		}
		hits += memo.hits
	}
	if hits == 0 {
		t.Error("the memo was never used")
	}
}

// TestMemoKey: what a group's check depends on beyond its own file makes it checked again:
// its affiliate's email and phone (for a group without contact), its affiliate's zone (for a
// group in another state), and the date (a listing goes stale). Nothing changed, nothing is
// checked again.
func TestMemoKey(t *testing.T) {
	fsys := baseSite()
	fsys["data/groups/nami-franklin/tuesday-evening.yaml"].Data = []byte(`name: Tuesday Evening Connection
attendance: online
online: {link_public: false, instructions: Ask the affiliate.}
meetings:
  - day: tuesday
    start: "18:30"
verified: 2026-11-01
`)
	memo := &mapMemo{keys: map[string][32]byte{}}
	if got := runMemo(fsys, testNow, memo); len(got) != 0 || memo.set != 1 {
		t.Fatalf("the base site: %v, %d remembered; want clean, 1", got, memo.set)
	}
	if got := runMemo(fsys, testNow, memo); len(got) != 0 || memo.hits != 1 || memo.set != 1 {
		t.Errorf("again: %v, %d taken from the memo, %d remembered; want clean, 1, 1", got, memo.hits, memo.set)
	}

	later := civil.Date{Year: testNow.Year + 2, Month: testNow.Month, Day: testNow.Day}
	if got := runMemo(fsys, later, memo); len(got) != 1 || got[0].Severity != diag.Warning {
		t.Errorf("two years later: %v, want the listing stale", got)
	}

	noEmail := copyFS(fsys)
	noEmail["data/affiliates/nami-franklin.yaml"] = &fstest.MapFile{Data: []byte("name: NAMI Franklin\nkind: affiliate\nstate: OH\nparent: nami-ohio\n")}
	if got := runMemo(noEmail, testNow, memo); len(got) != 1 || got[0].Path != "data/groups/nami-franklin/tuesday-evening.yaml" {
		t.Errorf("the affiliate without email or phone: %v, want the group without contact reported", got)
	}

	// A group meeting in Arizona takes its affiliate's zone: when that changes, the group is
	// checked again.
	const group = "data/groups/nami-franklin/tucson.yaml"
	away := copyFS(fsys)
	away[group] = &fstest.MapFile{Data: []byte("name: Tucson Connection\nattendance: in-person\nmeetings:\n  - {day: monday, start: \"18:00\"}\n" +
		"location: {name: Library, street: 1 Main St, city: Tucson, state: AZ, postal_code: \"85701\", lat: 32.22, lon: -110.97}\nverified: 2026-11-01\n")}
	away["data/affiliates/nami-franklin.yaml"] = &fstest.MapFile{Data: []byte("name: NAMI Franklin\nkind: affiliate\nstate: OH\nparent: nami-ohio\nemail: a@franklin.example.org\ntimezone: America/Phoenix\n")}
	if got := runMemo(away, testNow, memo); len(got) != 1 || got[0].Path != "data/affiliates/nami-franklin.yaml" {
		t.Errorf("the affiliate on Arizona's clock: %v, want only the affiliate warned", got)
	}
	away["data/affiliates/nami-franklin.yaml"] = &fstest.MapFile{Data: []byte("name: NAMI Franklin\nkind: affiliate\nstate: OH\nparent: nami-ohio\nemail: a@franklin.example.org\ntimezone: America/New_York\n")}
	if got := runMemo(away, testNow, memo); len(got) != 1 || got[0].Path != group || got[0].Severity != diag.Warning {
		t.Errorf("the affiliate on Ohio's clock: %v, want the group in Arizona warned", got)
	}
}

// copyFS returns a copy of fsys.
func copyFS(fsys fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = v
	}
	return out
}
