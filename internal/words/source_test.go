package words

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGoKeysInCatalogues fails when Go code asks a catalogue for a constant key it lacks:
// every .T("key"…), .N("key"…) and Label("kind", "value") outside tests.
func TestGoKeysInCatalogues(t *testing.T) {
	en, es := catalogs(t)
	call := regexp.MustCompile(`\.(?:T|N)\("([a-z0-9.-]+)"|\.Label\("([a-z-]+)", "([a-z0-9-]+)"\)`)
	used := map[string]string{}
	err := filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			key := m[1]
			if key == "" {
				key = m[2] + "." + m[3]
			}
			if !strings.HasSuffix(key, ".") { // a prefix, completed at run time: see the labels test in render
				used[key] = p
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 30 {
		t.Fatalf("found %d keys in the Go code: the search missed them", len(used))
	}
	for key, p := range used {
		for _, c := range []*Catalog{en, es} {
			if !c.Has(key) {
				t.Errorf("%s asks for %q, which %s lacks", p, key, c.Path())
			}
		}
	}
}
