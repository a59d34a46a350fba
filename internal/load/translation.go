package load

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Translation is a file's free text in another language than its own: a key named after
// the language ("es:") holding some of the file's text fields, which pages in that language
// show instead of the ones written for everyone.
//
//	notes: Meets in the library's back room.
//	es:
//	  notes: Se reúne en la sala del fondo de la biblioteca.
type Translation struct {
	Lang   string            // the key: "es"
	Fields map[string]string // field name → its text in Lang
	Keys   Keys
}

// translation returns a field that takes every language key of a mapping and decodes it as a
// [Translation] of the fields named.
func (d *decoder) translation(into *[]*Translation, fields ...string) field {
	return field{anyLanguage, func(n *yaml.Node) {
		lang := d.lang
		t := &Translation{Lang: lang, Fields: map[string]string{}, Keys: Keys{"": d.pos(n)}}
		if n.Kind != yaml.MappingNode {
			d.errorf(n, "%s: must hold the %s text of %s, e.g. \"%s:\\n  %s: ...\"", lang, lang, strings.Join(fields, ", "), lang, fields[0])
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if !slices.Contains(fields, k.Value) {
				d.errorf(k, "%s is written once for every language: %s: translates only %s", k.Value, lang, strings.Join(fields, ", "))
				continue
			}
			if _, dup := t.Fields[k.Value]; dup {
				d.errorf(k, "key %q appears twice in %s; keep one", k.Value, lang)
				continue
			}
			var s string
			limit := MaxNotes
			if k.Value == "title" {
				limit = MaxName
			}
			d.text(&s, limit)(v)
			t.Fields[k.Value] = s
			t.Keys[k.Value] = d.pos(v)
		}
		*into = append(*into, t)
	}}
}

// Text returns the text of field in lang from translations, or "" when there is none.
func Text(translations []*Translation, lang, field string) string {
	for _, t := range translations {
		if t.Lang == lang {
			return t.Fields[field]
		}
	}
	return ""
}
