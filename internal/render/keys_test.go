package render

import (
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template/parse"

	"sitegen/internal/vocab"
	"sitegen/internal/words"
)

// catalogues returns the repository's catalogues.
func catalogues(t *testing.T) []*words.Catalog {
	t.Helper()
	var out []*words.Catalog
	for _, lang := range []string{"en", "es"} {
		b, err := os.ReadFile("../../i18n/" + lang + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		c, diags := words.Parse(lang, "i18n/"+lang+".yaml", b)
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		out = append(out, c)
	}
	return out
}

// TestTemplateKeysInCatalogues fails when a template asks for a key that a catalogue lacks:
// every {{t "key"}}, {{tn "key" n}} and {{label "kind" "value"}} with constant arguments.
func TestTemplateKeysInCatalogues(t *testing.T) {
	keys := map[string]string{} // key → the template that uses it
	err := fs.WalkDir(templatesFS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := fs.ReadFile(templatesFS(), p)
		if err != nil {
			return err
		}
		funcs := map[string]any{}
		for name := range (&renderer{}).funcs(&lang{w: &words.Catalog{}}) {
			funcs[name] = true
		}
		trees, err := parse.Parse(p, string(b), "{{", "}}", funcs, map[string]any{"html": true, "print": true, "len": true, "le": true, "eq": true, "ne": true, "not": true, "and": true, "or": true})
		if err != nil {
			return err
		}
		for _, tree := range trees {
			visit(tree.Root, func(n parse.Node) {
				c, ok := n.(*parse.CommandNode)
				if !ok || len(c.Args) < 2 {
					return
				}
				id, ok := c.Args[0].(*parse.IdentifierNode)
				if !ok {
					return
				}
				first, ok := c.Args[1].(*parse.StringNode)
				if !ok {
					return
				}
				switch id.Ident {
				case "t", "tn":
					keys[first.Text] = p
				case "label":
					if len(c.Args) > 2 {
						if v, ok := c.Args[2].(*parse.StringNode); ok {
							keys[first.Text+"."+v.Text] = p
						}
					}
				}
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 50 {
		t.Fatalf("found %d keys in the templates: the walk missed them", len(keys))
	}
	for _, c := range catalogues(t) {
		for _, key := range slices.Sorted(func(yield func(string) bool) {
			for k := range keys {
				if !yield(k) {
					return
				}
			}
		}) {
			if !c.Has(key) {
				t.Errorf("%s uses %q, which %s lacks", keys[key], key, c.Path())
			}
		}
	}
}

// TestScriptKeysInCatalogues fails when a script asks for a key that a catalogue lacks or
// that the build does not write into the page.
func TestScriptKeysInCatalogues(t *testing.T) {
	call := regexp.MustCompile(`\b(?:t|tn)\("([a-z0-9.-]+)"|\["[a-z]+", "([a-z0-9.-]+)"\]|label\("([a-z-]+)", "`)
	files, err := fs.Glob(templatesFS(), "*.js")
	if err != nil || len(files) == 0 {
		t.Fatal("no scripts", err)
	}
	used := map[string]string{}
	for _, f := range files {
		b, _ := fs.ReadFile(templatesFS(), f)
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			if key := m[1] + m[2]; f != "search.js" && slices.Contains(searchOnlyKeys, key) {
				t.Errorf("%s uses %q, which the finder's page does not carry (render.searchOnlyKeys)", f, key)
			}
			switch {
			case m[1] != "":
				used[m[1]] = f
			case m[2] != "":
				used[m[2]] = f
			case m[3] != "":
				used[m[3]+"."] = f // a prefix: labels of a kind
			}
		}
	}
	if len(used) < 20 {
		t.Fatalf("found %d keys in the scripts: the search missed them", len(used))
	}
	prefixes := scriptKeys()
	for key, f := range used {
		if !slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(key, p) }) {
			t.Errorf("%s uses %q, which the pages do not carry (render.scriptKeys)", f, key)
		}

		if strings.HasSuffix(key, ".") {
			continue
		}
		for _, c := range catalogues(t) {
			if !c.Has(key) {
				t.Errorf("%s uses %q, which %s lacks", f, key, c.Path())
			}
		}
	}
}

// TestLabelsOfEveryValue: every value of every fixed list has a label in every catalogue.
func TestLabelsOfEveryValue(t *testing.T) {
	kinds := map[string][]string{
		"day": vocab.Days(), "audience": vocab.Audiences(), "program": vocab.Programs(),
		"attendance": vocab.Attendances(), "task": vocab.ChampionTasks(), "training-kind": vocab.TrainingKinds(),
		"training-status": vocab.TrainingStatuses(), "setting": vocab.Settings(), "time-of-day": vocab.TimesOfDay(),
		"state": vocab.StateCodes(), "block": vocab.Blocks(), "zone": words.GenericZones(),
		"week": {"1", "2", "3", "4", "5", "last"}, "month": {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"},
		"answer": {"yes", "no"}, "filter": Filters(),
	}
	for _, c := range catalogues(t) {
		for kind, values := range kinds {
			for _, v := range values {
				if !c.Has(kind + "." + v) {
					t.Errorf("%s lacks %s.%s", c.Path(), kind, v)
				}
			}
		}
	}
}
