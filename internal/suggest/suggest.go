// Package suggest finds the known word closest to a misspelled one, for "did you mean"
// hints in diagnostics: `dya` → `day`, `Tues` → `tuesday`, `in person` → `in-person`.
package suggest

import (
	"strings"
	"unicode/utf8"
)

// Closest returns the candidate closest to word, or "" when none is close enough to be a
// useful suggestion. Case, spaces and underscores (taken as hyphens) do not count as
// differences; an unambiguous prefix of at least three letters matches its candidate, and so
// do whole hyphen-separated parts of at least four ("olentangy" → "nami-olentangy");
// otherwise the edit distance must be at most about a third of the word's length.
func Closest(word string, candidates []string) string {
	w := normalize(word)
	if w == "" {
		return ""
	}
	for _, c := range candidates {
		if normalize(c) == w {
			return c
		}
	}
	if utf8.RuneCountInString(w) >= 3 {
		if match := only(candidates, func(c string) bool { return strings.HasPrefix(normalize(c), w) }); match != "" {
			return match
		}
	}
	if utf8.RuneCountInString(w) >= 4 {
		// A candidate holding the word as whole hyphen-separated parts, when only one does:
		// "olentangy" is "nami-olentangy", "buckeye-state" is "nami-buckeye-state".
		if match := only(candidates, func(c string) bool { return strings.Contains("-"+normalize(c)+"-", "-"+w+"-") }); match != "" {
			return match
		}
	}
	best, bestDist := "", -1
	for _, c := range candidates {
		d := Distance(w, normalize(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(1, utf8.RuneCountInString(w)/3)
	if bestDist >= 0 && bestDist <= limit {
		return best
	}
	return ""
}

func normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "-", "_", "-").Replace(s)
}

// Distance returns the Damerau–Levenshtein distance (with adjacent transpositions) between a
// and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows suffice: the previous two and the current one.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// only returns the one candidate that ok accepts, or "" when none or several do.
func only(candidates []string, ok func(string) bool) string {
	match := ""
	for _, c := range candidates {
		if ok(c) {
			if match != "" {
				return ""
			}
			match = c
		}
	}
	return match
}
