package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"sitegen/internal/site"
	"sitegen/internal/vocab"
)

// Dictionary is search/words.HASH.json: the words people type for what the finder's filters
// and its "near me" mean, in every interface language of the site, so that a query in either
// language works on either language's page.
type Dictionary struct {
	// Phrases maps a phrase, as its words fold and join with single spaces ("new mexico",
	// "en linea"), to what it means, each meaning a filter's name and value ("state", "nm")
	// or one word: "near" (the visitor's position), "stop" (a word that says nothing about
	// which group, such as "the" or "grupos"), "condition" (a mental health condition, such
	// as "depression": every group welcomes adults living with any) or "family" (someone
	// close, such as "my son" or "familia": the groups are for adults living with a
	// condition, whom their family may bring, not for the family itself) or "before" (a stop
	// word that often comes before a place's name, such as "in" or "cerca": the finder reads
	// the words after it first in a long query). A phrase with a stop
	// meaning and another, such as "in" (Indiana), has the other only when written in
	// capitals. ("when", "today"), ("when", "tonight") and ("when", "tomorrow") are days
	// counted from the visitor's clock, which only the browser knows.
	//
	// The file groups the phrases by what they mean (see [Dictionary.MarshalJSON]).
	Phrases map[string][][]string `json:"-"`
	// Completes lists, by interface language, the words of one word that name a condition,
	// a crisis or a guide's topic, sorted: those the finder reads a word being typed or cut
	// short as ("depre": depression), in its page's language only ("auto" is not the
	// Spanish autolesión on the English page).
	Completes map[string][]string `json:"completes"`
	// Starts and Ends list, sorted, the phrases of one word that say nothing about which
	// group ([edgeKinds]) and start or end the name of a place of the gazetteer of two words
	// or more: "la" (La Crosse), "old" (Old Town), "county" (Arlington County). The finder
	// looks up a run of a query's words as a place's name only when the words of the
	// dictionary at its edges are among them: "we just moved to virginia beach" is not
	// looked up as "we just moved to beach", nor "just moved to beach", which cost a file of
	// the gazetteer each.
	Starts []string `json:"starts"`
	Ends   []string `json:"ends"`
	// Names lists, sorted, the phrases of one word that are stop words, and nothing else
	// (not a condition's, someone close's or a topic's: "nina", "champion"), and the whole
	// name of a place of the gazetteer: "friendly" (Friendly, MD), "welcome" (Welcome, NC).
	// The finder looks such a word up as a place only when a state, and nothing else, is
	// beside it ("friendly md").
	Names []string `json:"names"`
}

// MarshalJSON writes d with its phrases grouped by what they mean, under "meanings": each
// list of meanings, written as its meanings' words joined by spaces and the meanings by "|"
// ("time afternoon|time evening"), maps to its phrases, sorted. Of the dictionary's
// 1,600 phrases, 740 say nothing: written once each with its meaning, the file weighed 1.7
// KB more gzip, which every search read. The finder rebuilds the phrases from it
// (templates/search-index.js, phrasesOf).
func (d Dictionary) MarshalJSON() ([]byte, error) {
	meanings := map[string][]string{}
	for phrase, ms := range d.Phrases {
		keys := make([]string, len(ms))
		for i, m := range ms {
			for _, w := range m {
				if w == "" || strings.ContainsAny(w, " |") {
					return nil, fmt.Errorf("search: the meaning %q of %q holds a space or a bar", m, phrase)
				}
			}
			keys[i] = strings.Join(m, " ")
		}
		k := strings.Join(keys, "|")
		meanings[k] = append(meanings[k], phrase)
	}
	for _, phrases := range meanings {
		slices.Sort(phrases)
	}
	type fields Dictionary // without this method
	return json.Marshal(struct {
		Meanings map[string][]string `json:"meanings"`
		fields
	}{meanings, fields(d)})
}

// edgeKinds are the meanings of the words the finder reads as saying nothing about which
// group (stop words, and the conditions, family, crisis and topics it answers apart): the
// words a run of a query's words may begin or end with, as a place's name, and so those
// [Dictionary.Starts] and Ends are of.
var edgeKinds = []string{"stop", "before", "condition", "family", "crisis", "topic"}

// DictionaryFile returns the path of the dictionary's file, search/words.HASH.json, as Write
// names it, so that the finder's page can have the browser fetch it early.
func DictionaryFile(s *site.Site) (string, error) {
	b, err := marshal(dictionary(s))
	if err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	return hashedName("search/words", b), nil
}

// dictionary returns the dictionary of s, from its catalogues: the labels of states (and
// their USPS codes), days and languages, and the lists under search.words.
//
// Each search.words key holds phrases separated by commas. search.words.KIND.VALUE gives more
// words for a filter value (search.words.audience.lgbtq: "lgbt, gay, queer"),
// search.words.near the phrases that mean "near me", search.words.stop the words that say
// nothing about which group, search.words.condition the names of mental health conditions,
// search.words.family the words for family members and friends, search.words.crisis the words
// of someone in crisis or thinking about suicide, search.words.topic.T the words of what the
// site's guide T (its slug) or its trainings ("trainings") are about, search.words.before the stop
// words that come before a place's name, and search.words.when.today,
// .tonight and .tomorrow the days counted from now.
func dictionary(s *site.Site) Dictionary {
	d := Dictionary{Phrases: map[string][][]string{}, Completes: map[string][]string{}}
	// The meanings whose words of one word go in Completes: not "family", whose words'
	// starts are other words' ("grand", "pare").
	completed := []string{"condition", "crisis", "topic"}
	add := func(phrase string, meaning ...string) {
		k := strings.Join(Tokens(phrase), " ")
		if k == "" {
			return
		}
		for _, m := range d.Phrases[k] {
			if slices.Equal(m, meaning) {
				return
			}
		}
		d.Phrases[k] = append(d.Phrases[k], meaning)
	}
	for _, lang := range s.Languages {
		w := s.Words(lang)
		list := func(key string, meaning ...string) {
			if !w.Has(key) {
				return
			}
			for _, p := range strings.Split(w.T(key), ",") {
				add(p, meaning...)
				if t := Tokens(p); len(t) == 1 && slices.Contains(completed, meaning[0]) && !slices.Contains(d.Completes[lang], t[0]) {
					d.Completes[lang] = append(d.Completes[lang], t[0])
				}
			}
		}
		for _, code := range vocab.StateCodes() {
			add(strings.ToLower(code), "state", strings.ToLower(code))
			add(w.Label("state", code), "state", strings.ToLower(code))
			list("search.words.state."+code, "state", strings.ToLower(code))
		}
		for _, day := range vocab.Days() {
			add(w.Label("day", day), "day", day)
			list("search.words.day."+day, "day", day)
		}
		for _, part := range vocab.TimesOfDay() {
			list("search.words.time."+part, "time", part)
		}
		// (A hybrid group meets in person and online: the finder's filter of either value
		// finds it, for the words as for the form. See Index.filterRefs in search-index.js.)
		for _, a := range vocab.Attendances() {
			list("search.words.attendance."+a, "attendance", a)
		}
		for _, key := range w.Keys() {
			if code, ok := strings.CutPrefix(key, "language."); ok {
				add(w.T(key), "language", code)
				list("search.words.language."+code, "language", code)
			}
		}
		for _, p := range vocab.Programs() {
			list("search.words.program."+p, "program", p)
		}
		for _, a := range vocab.Audiences() {
			list("search.words.audience."+a, "audience", a)
		}
		list("search.words.access.wheelchair", "access", "wheelchair")
		for _, when := range []string{"today", "tonight", "tomorrow"} {
			list("search.words.when."+when, "when", when)
		}
		list("search.words.near", "near")
		list("search.words.stop", "stop")
		list("search.words.before", "before")
		list("search.words.condition", "condition")
		list("search.words.family", "family")
		list("search.words.crisis", "crisis")
		for _, key := range w.Keys() {
			if topic, ok := strings.CutPrefix(key, "search.words.topic."); ok {
				list(key, "topic", topic)
			}
		}
	}
	for _, ms := range d.Phrases {
		slices.SortFunc(ms, func(a, b []string) int { return slices.Compare(a, b) })
	}
	for _, words := range d.Completes {
		slices.Sort(words)
	}
	g := loadGazetteer() // its error is Write's to report
	for k, ms := range d.Phrases {
		if strings.Contains(k, " ") || !slices.ContainsFunc(ms, func(m []string) bool { return slices.Contains(edgeKinds, m[0]) }) {
			continue
		}
		if g.first[k] {
			d.Starts = append(d.Starts, k)
		}
		if g.last[k] {
			d.Ends = append(d.Ends, k)
		}
		if g.whole[k] && !slices.ContainsFunc(ms, func(m []string) bool { return m[0] != "stop" && m[0] != "before" }) {
			d.Names = append(d.Names, k)
		}
	}
	slices.Sort(d.Starts)
	slices.Sort(d.Ends)
	slices.Sort(d.Names)
	return d
}
