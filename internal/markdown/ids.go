package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// headingIDs gives headings readable ids ("Qué es" → "que-es"), unique in the document and
// never one of the ids the layout uses itself. Each base id keeps the next number to try, so
// that ten thousand headings of one name cost as little as ten thousand names.
type headingIDs struct {
	used map[string]bool
	next map[string]int // base id → the next suffix to try
}

func newHeadingIDs(reserved []string) *headingIDs {
	ids := &headingIDs{used: map[string]bool{}, next: map[string]int{}}
	for _, id := range reserved {
		ids.used[id] = true
	}
	return ids
}

// Generate implements parser.IDs.
func (ids *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	id := Slug(string(value))
	if id == "" {
		id = "section"
	}
	if !ids.used[id] {
		ids.used[id] = true
		return []byte(id)
	}
	for i := max(ids.next[id], 2); ; i++ {
		alt := id + "-" + strconv.Itoa(i)
		if !ids.used[alt] {
			ids.used[alt] = true
			ids.next[id] = i + 1
			return []byte(alt)
		}
	}
}

// Put implements parser.IDs.
func (ids *headingIDs) Put(value []byte) { ids.used[string(value)] = true }

// Slug returns s as an id: lowercase ASCII letters and digits, accents removed, words joined
// by hyphens ("¿Qué es NAMI Conexión?" → "que-es-nami-conexion").
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		r = unicode.ToLower(r)
		switch {
		case unicode.Is(unicode.Mn, r):
			// An accent, after its letter.
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '-' || r == '_':
			dash = true
		}
	}
	return b.String()
}
