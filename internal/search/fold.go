package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s as the index stores it and the browser compares it: decomposed with
// compatibility mappings (Unicode NFKD: full-width "ｏｈｉｏ" and "８７１１０" as typed on
// East Asian keyboards are "ohio" and "87110", the ligature "ﬁ" is "fi"; fractions such as
// "½" stay whole, see decompose), without combining marks (category M), lower-cased, and
// with the few letters that decomposition leaves whole spelled as a visitor types them
// (ß → ss, æ → ae, ø → o, ł → l and so on), so that "Conexión" and "conexion", "Señor" and
// "senor" fold alike.
//
// templates/fold.js computes exactly the same function in the browser; testdata/fold.json
// holds the vectors both are tested with. Change the two, and the vectors, together.
func Fold(s string) string {
	d := decompose(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.M, r) {
			continue
		}
		r = unicode.ToLower(r)
		if plain := foldLetter(r); plain != "" {
			b.WriteString(plain)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldLetter returns how a visitor types the lower-case letter r when it has no
// decomposition to a plain letter, or "" when r stays as it is.
func foldLetter(r rune) string {
	switch r {
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'ø':
		return "o"
	case 'ł':
		return "l"
	case 'đ', 'ð':
		return "d"
	case 'þ':
		return "th"
	case 'ı':
		return "i"
	case 'ħ':
		return "h"
	case 'ŧ':
		return "t"
	case 'ς':
		// JavaScript lower-cases a word-final Σ to ς, Go always to σ: both end as σ.
		return "σ"
	}
	return ""
}

// Tokens returns the words of s, folded: the runs of letters and numbers (Unicode categories
// L and N) of Fold(s), in order, repeats included. "Columbus, OH 43215-1234" gives
// ["columbus" "oh" "43215" "1234"].
func Tokens(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// decompose returns s in Unicode NFKD, except for the vulgar fractions, which stay as they
// are: NFKD writes "½" as "1⁄2", and "2½" would become the number 21 and a 2.
func decompose(s string) string {
	if !strings.ContainsFunc(s, isFraction) {
		return norm.NFKD.String(s)
	}
	var b strings.Builder
	for s != "" {
		i := strings.IndexFunc(s, isFraction)
		if i < 0 {
			i = len(s)
		}
		b.WriteString(norm.NFKD.String(s[:i]))
		if i == len(s) {
			break
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r)
		s = s[i+n:]
	}
	return b.String()
}

// isFraction reports whether r is one of Unicode's vulgar fractions (¼ to ¾, ⅐ to ⅟, ↉).
func isFraction(r rune) bool {
	return r >= '¼' && r <= '¾' || r >= '⅐' && r <= '⅟' || r == '↉'
}
