package search

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestDictionary checks the words the finder reads queries with: from the labels and the
// search.words lists of every catalogue (English and Spanish), folded.
func TestDictionary(t *testing.T) {
	s := testSite(t)
	d := dictionary(s)
	tests := []struct {
		phrase string
		want   [][]string
	}{
		{"new mexico", [][]string{{"state", "nm"}}},
		{"nuevo mexico", [][]string{{"state", "nm"}}}, // Nuevo México, the Spanish label
		{"nm", [][]string{{"state", "nm"}}},
		{"ohio", [][]string{{"state", "oh"}}},
		{"in", [][]string{{"before"}, {"state", "in"}, {"stop"}}}, // a word unless written IN, and one before a place
		{"spanish", [][]string{{"language", "es"}}},
		{"espanol", [][]string{{"language", "es"}}},
		{"conexion", [][]string{{"program", "conexion"}}},
		{"lgbtq", [][]string{{"audience", "lgbtq"}}},
		{"young adults", [][]string{{"audience", "young-adults"}}},
		{"veterans", [][]string{{"audience", "veterans"}}},
		{"women", [][]string{{"audience", "women"}}},
		{"wheelchair accessible", [][]string{{"access", "wheelchair"}}},
		{"silla de ruedas", [][]string{{"access", "wheelchair"}}},
		{"online", [][]string{{"attendance", "online"}}},
		{"en linea", [][]string{{"attendance", "online"}}},
		{"in person", [][]string{{"attendance", "in-person"}}},
		{"tuesday", [][]string{{"day", "tuesday"}}},
		{"martes", [][]string{{"day", "tuesday"}}},
		{"miercoles", [][]string{{"day", "wednesday"}}},
		{"evening", [][]string{{"time", "evening"}}},
		{"por la noche", [][]string{{"time", "evening"}}},
		{"near me", [][]string{{"near"}}},
		{"cerca de mi", [][]string{{"near"}}},
		{"groups", [][]string{{"stop"}}},
		{"weekend", [][]string{{"day", "saturday"}, {"day", "sunday"}}},
		{"fin de semana", [][]string{{"day", "saturday"}, {"day", "sunday"}}},
		{"weekdays", [][]string{{"day", "friday"}, {"day", "monday"}, {"day", "thursday"}, {"day", "tuesday"}, {"day", "wednesday"}}},
		{"weeknights", [][]string{{"day", "friday"}, {"day", "monday"}, {"day", "thursday"}, {"day", "tuesday"}, {"day", "wednesday"}, {"time", "evening"}}},
		{"entre semana", [][]string{{"day", "friday"}, {"day", "monday"}, {"day", "thursday"}, {"day", "tuesday"}, {"day", "wednesday"}}},
		{"lunch", [][]string{{"time", "afternoon"}}},
		{"miles", [][]string{{"stop"}}},
		{"today", [][]string{{"when", "today"}}},
		{"hoy", [][]string{{"when", "today"}}},
		{"tonight", [][]string{{"when", "tonight"}}},
		{"esta noche", [][]string{{"when", "tonight"}}},
		{"tomorrow", [][]string{{"when", "tomorrow"}}},
		{"depression", [][]string{{"condition"}}},
		{"ansiedad", [][]string{{"condition"}}},
		{"family", [][]string{{"family"}}},
		{"my son", [][]string{{"family"}}},
		{"familiares", [][]string{{"family"}}},
		{"mi hija", [][]string{{"family"}}},
		{"grupos", [][]string{{"stop"}}},
		{"kill myself", [][]string{{"crisis"}}},
		{"quiero morir", [][]string{{"crisis"}}},
		{"facilitator", [][]string{{"topic", "becoming-a-facilitator"}}},
		{"connection champion", [][]string{{"topic", "becoming-a-champion"}}},
		{"jail", [][]string{{"topic", "before-you-train"}}},
		{"carcel", [][]string{{"topic", "before-you-train"}}},
		{"training", [][]string{{"topic", "trainings"}}},
	}
	for _, tt := range tests {
		if got := d.Phrases[tt.phrase]; !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("Phrases[%q] = %q, want %q", tt.phrase, got, tt.want)
		}
	}
	// The words a word being typed is read as, in its page's language only.
	for _, tt := range []struct {
		lang, has, hasNot string
	}{
		{"en", "depression", "depresion"},
		{"en", "suicide", "autolesion"},
		{"en", "facilitator", "family"}, // family words are not completed
		{"es", "autolesion", "suicide"},
		{"es", "ansiedad", "anxiety"},
	} {
		words := d.Completes[tt.lang]
		if !slices.Contains(words, tt.has) || slices.Contains(words, tt.hasNot) {
			t.Errorf("Completes[%q] = %q: want %q in it, not %q", tt.lang, words, tt.has, tt.hasNot)
		}
		if !slices.IsSorted(words) {
			t.Errorf("Completes[%q] is not sorted", tt.lang)
		}
	}
	for phrase, ms := range d.Phrases {
		if strings.Join(Tokens(phrase), " ") != phrase {
			t.Errorf("phrase %q is not its folded words joined by spaces", phrase)
		}
		// A word before a place says nothing itself: the finder reads it as a stop word.
		has := func(kind string) bool { return slices.ContainsFunc(ms, func(m []string) bool { return m[0] == kind }) }
		if has("before") && !has("stop") {
			t.Errorf("Phrases[%q] = %q: a word before a place that is not a stop word", phrase, ms)
		}
	}
	// Every fixed value a query may name has words in every catalogue.
	for _, kind := range []string{"time", "attendance", "program", "audience"} {
		found := map[string]bool{}
		for _, ms := range d.Phrases {
			for _, m := range ms {
				if m[0] == kind {
					found[m[1]] = true
				}
			}
		}
		if len(found) < 2 {
			t.Errorf("%s: words for %d values", kind, len(found))
		}
	}
}

// TestDictionaryFile checks that the page names the dictionary's file as Write writes it.
func TestDictionaryFile(t *testing.T) {
	s := testSite(t)
	w := write(t, s)
	name, err := DictionaryFile(s)
	if err != nil {
		t.Fatal(err)
	}
	if name != w.m.Words {
		t.Errorf("DictionaryFile = %s, Write wrote %s", name, w.m.Words)
	}
}

// TestDictionaryFileMeanings checks that the file of the dictionary lists each phrase once,
// under its meanings, as the finder rebuilds them (templates/search-index.js, phrasesOf).
func TestDictionaryFileMeanings(t *testing.T) {
	s := testSite(t)
	w := write(t, s)
	var file struct {
		Meanings map[string][]string `json:"meanings"`
		Phrases  any                 `json:"phrases"`
	}
	decode(t, w.files, w.m.Words, &file)
	if file.Phrases != nil {
		t.Error("the file lists the phrases one by one too")
	}
	got := map[string][][]string{}
	for key, phrases := range file.Meanings {
		if !slices.IsSorted(phrases) {
			t.Errorf("%q: phrases not sorted", key)
		}
		var ms [][]string
		for _, m := range strings.Split(key, "|") {
			ms = append(ms, strings.Split(m, " "))
		}
		for _, p := range phrases {
			if _, ok := got[p]; ok {
				t.Errorf("%q is listed twice", p)
			}
			got[p] = ms
		}
	}
	want := dictionary(s).Phrases
	if len(got) != len(want) || len(want) < 500 {
		t.Errorf("the file lists %d phrases, the dictionary has %d", len(got), len(want))
	}
	for p, ms := range want {
		if !slices.EqualFunc(got[p], ms, slices.Equal) {
			t.Errorf("%q means %q in the file, %q in the dictionary", p, got[p], ms)
		}
	}
	// A meaning's word holding a space or a bar could not be read back: an error, not a file.
	bad := Dictionary{Phrases: map[string][][]string{"x": {{"topic", "a b"}}}}
	if _, err := bad.MarshalJSON(); err == nil {
		t.Error("a meaning with a space was written")
	}
}

// TestTopicsNameGuides checks that every search.words.topic.KEY of the project's catalogues
// names one of its guides (content/guides/KEY.md) or "trainings": the finder links the page
// of that key, and a key naming none would link nothing.
func TestTopicsNameGuides(t *testing.T) {
	catalogues, err := filepath.Glob("../../i18n/*.yaml")
	if err != nil || len(catalogues) == 0 {
		t.Fatalf("no catalogues: %v", err)
	}
	seen := 0
	for _, name := range catalogues {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			key, _, ok := strings.Cut(line, ":")
			topic, isTopic := strings.CutPrefix(key, "search.words.topic.")
			if !ok || !isTopic {
				continue
			}
			seen++
			if topic == "trainings" {
				continue
			}
			if _, err := os.Stat(filepath.Join("../../content/guides", topic+".md")); err != nil {
				t.Errorf("%s: search.words.topic.%s names no guide: %v", name, topic, err)
			}
		}
	}
	if seen < 8 {
		t.Errorf("%d topics in the catalogues, want the four guides' and trainings' in each", seen)
	}
}

// TestDictionaryEdges checks the words of the dictionary that start or end a place's name:
// those of names ("la" of La Crosse, "county" of Arlington County), not the words of a
// sentence around them ("we just moved to virginia beach").
func TestDictionaryEdges(t *testing.T) {
	d := dictionary(testSite(t))
	for _, w := range []string{"la", "las", "el", "the"} {
		if !slices.Contains(d.Starts, w) {
			t.Errorf("%q starts no place's name, says Starts", w)
		}
	}
	for _, w := range []string{"we", "just", "to", "for", "in", "near"} {
		if slices.Contains(d.Starts, w) {
			t.Errorf("%q starts a place's name, says Starts", w)
		}
	}
	if !slices.Contains(d.Ends, "county") {
		t.Errorf("\"county\" ends no place's name, says Ends")
	}
	if slices.Contains(d.Ends, "groups") {
		t.Errorf("\"groups\" ends a place's name, says Ends")
	}
	for _, w := range []string{"friendly", "welcome"} {
		if !slices.Contains(d.Names, w) {
			t.Errorf("%q is no place's whole name, says Names", w)
		}
	}
	for _, w := range []string{"group", "la", "county", "nina", "champion"} {
		if slices.Contains(d.Names, w) {
			t.Errorf("%q is a place's whole name, says Names", w)
		}
	}
	if !slices.IsSorted(d.Starts) || !slices.IsSorted(d.Ends) || !slices.IsSorted(d.Names) {
		t.Error("Starts, Ends or Names not sorted")
	}
}

// TestEdgeKindsAsTheFinder checks that edgeKinds are the meanings the finder's query.js reads
// as saying nothing about which group (its quietKinds and saidKinds): were they to drift
// apart, the finder would look up runs of words as places' names that it need not, or leave
// out some it should look up.
func TestEdgeKindsAsTheFinder(t *testing.T) {
	b, err := os.ReadFile("../../templates/query.js")
	if err != nil {
		t.Fatal(err)
	}
	var js []string
	for _, name := range []string{"quietKinds", "saidKinds"} {
		m := regexp.MustCompile(`(?s)export const ` + name + ` = \[(.*?)\];`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("templates/query.js: no list %s", name)
		}
		for _, q := range regexp.MustCompile(`(?m)^\s*"([a-z]+)"`).FindAllSubmatch(m[1], -1) {
			js = append(js, string(q[1]))
		}
	}
	slices.Sort(js)
	got := slices.Sorted(slices.Values(edgeKinds))
	if !slices.Equal(got, js) {
		t.Errorf("edgeKinds = %q, query.js's quietKinds and saidKinds = %q", got, js)
	}
}
