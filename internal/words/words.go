// Package words holds every word and phrase of the site's interface, in every language the site
// speaks: the translation catalogues i18n/LANG.yaml of a site, read by [Parse], and the
// formatting of dates, times, time zones and lists that those catalogues drive. Pages, feeds,
// calendars, the search index and the finder's scripts all take their words from here; check's
// messages to editors stay in English and are not here.
//
// # Catalogues
//
// A catalogue is a YAML mapping from a key to a message:
//
//	nav.find: Find a group
//	finder.count:
//	  one: "{count} group"
//	  other: "{count} groups"
//
// Keys are lowercase words joined by dots (the labels of fixed values are KIND.VALUE, as
// package vocab builds them: "day.tuesday", "state.NM"). A message may name arguments in
// braces, {count}, which the caller gives; a message that depends on a number has a form for
// each plural category of its language (CLDR: zero, one, two, few, many, other; "other" is
// required), chosen by the rules of golang.org/x/text/feature/plural.
//
// Every catalogue of a site has the same keys as the site's default language's catalogue, and
// each message the same arguments: [Compare] reports the differences at their line.
package words

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"sitegen/internal/diag"
)

// Catalog is one language's words.
type Catalog struct {
	lang string // BCP 47 tag as the file names it: "en", "es"
	tag  language.Tag
	path string // the file, for diagnostics
	msgs map[string]*message
}

// message is one key's text, compiled.
type message struct {
	forms     map[plural.Form][]part // nil for a message without plural forms
	text      []part
	args      []string // the arguments it names, sorted
	line, col int
}

// part is literal text or an argument.
type part struct {
	lit string
	arg string // the argument's name, when not literal text
}

var formNames = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// Parse reads the catalogue of language lang from src, the file at path. It returns the
// catalogue and the problems of the file, at their line; the catalogue holds every message
// that could be read.
func Parse(lang, path string, src []byte) (*Catalog, diag.List) {
	var diags diag.List
	c := &Catalog{lang: lang, path: path, msgs: map[string]*message{}}
	tag, err := language.Parse(lang)
	if err != nil {
		diags.Add(path, 0, 0, diag.Error, "%q is not a language tag: name the file after the language, e.g. es.yaml", lang)
	}
	c.tag = tag
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		diags.Add(path, 0, 0, diag.Error, "YAML syntax: %v", err)
		return c, diags
	}
	if len(doc.Content) == 0 {
		diags.Add(path, 0, 0, diag.Error, "the catalogue is empty")
		return c, diags
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		diags.Add(path, root.Line, root.Column, diag.Error, "a catalogue is a list of `key: text` lines")
		return c, diags
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if !validKey(key) {
			diags.Add(path, k.Line, k.Column, diag.Error, "key %q: keys are lowercase words, digits and hyphens joined by dots, e.g. group.next-meetings", key)
			continue
		}
		if _, dup := c.msgs[key]; dup {
			diags.Add(path, k.Line, k.Column, diag.Error, "key %q is given twice", key)
			continue
		}
		m := &message{line: k.Line, col: k.Column}
		switch v.Kind {
		case yaml.ScalarNode:
			m.text = compile(v.Value)
			m.args = argsOf(m.text)
		case yaml.MappingNode:
			m.forms = map[plural.Form][]part{}
			for j := 0; j+1 < len(v.Content); j += 2 {
				fk, fv := v.Content[j], v.Content[j+1]
				form, ok := formNames[fk.Value]
				if !ok || fv.Kind != yaml.ScalarNode {
					diags.Add(path, fk.Line, fk.Column, diag.Error, "%s: %q is not a plural form (zero, one, two, few, many, other) with a text", key, fk.Value)
					continue
				}
				m.forms[form] = compile(fv.Value)
				for _, a := range argsOf(m.forms[form]) {
					if !slices.Contains(m.args, a) {
						m.args = append(m.args, a)
					}
				}
			}
			slices.Sort(m.args)
			if _, ok := m.forms[plural.Other]; !ok {
				diags.Add(path, k.Line, k.Column, diag.Error, "%s: a message with plural forms needs an `other` form", key)
				m.forms[plural.Other] = compile(key)
			}
		default:
			diags.Add(path, v.Line, v.Column, diag.Error, "%s: the text of a key is one line of text, or its plural forms", key)
			continue
		}
		c.msgs[key] = m
	}
	return c, diags
}

func validKey(k string) bool {
	if k == "" || strings.HasPrefix(k, ".") || strings.HasSuffix(k, ".") || strings.Contains(k, "..") {
		return false
	}
	for _, r := range k {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-', r == '_', r >= 'A' && r <= 'Z':
		default:
			return false
		}
	}
	return true
}

// compile splits a message into literal text and {arguments}. A brace that does not enclose
// a name is text.
func compile(s string) []part {
	var parts []part
	lit := strings.Builder{}
	for len(s) > 0 {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			lit.WriteString(s)
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 || !isName(s[i+1:i+j]) {
			lit.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		lit.WriteString(s[:i])
		if lit.Len() > 0 {
			parts = append(parts, part{lit: lit.String()})
			lit.Reset()
		}
		parts = append(parts, part{arg: s[i+1 : i+j]})
		s = s[i+j+1:]
	}
	if lit.Len() > 0 {
		parts = append(parts, part{lit: lit.String()})
	}
	return parts
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '_') {
			return false
		}
	}
	return true
}

func argsOf(parts []part) []string {
	var out []string
	for _, p := range parts {
		if p.arg != "" && !slices.Contains(out, p.arg) {
			out = append(out, p.arg)
		}
	}
	slices.Sort(out)
	return out
}

// Lang returns the catalogue's language tag, as its file is named: "es".
func (c *Catalog) Lang() string { return c.lang }

// Path returns the catalogue's file.
func (c *Catalog) Path() string { return c.path }

// Has reports whether the catalogue has key.
func (c *Catalog) Has(key string) bool { _, ok := c.msgs[key]; return ok }

// Keys returns the catalogue's keys, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.msgs))
	for k := range c.msgs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// T returns the message of key with its arguments filled in from args, name and value pairs:
// T("group.run-by", "affiliate", name). A key the catalogue lacks comes back as "[key]", so
// that it shows; check and the tests make sure none does.
func (c *Catalog) T(key string, args ...any) string {
	m, ok := c.msgs[key]
	if !ok {
		return "[" + key + "]"
	}
	parts := m.text
	if m.forms != nil {
		parts = m.forms[plural.Other]
	}
	return fill(parts, args)
}

// N returns the message of key in the plural form its language uses for n, with {count} set
// to n and the other arguments from args.
func (c *Catalog) N(key string, n int, args ...any) string {
	m, ok := c.msgs[key]
	if !ok {
		return "[" + key + "]"
	}
	args = append([]any{"count", n}, args...)
	if m.forms == nil {
		return fill(m.text, args)
	}
	abs := n
	if abs < 0 {
		abs = -abs
	}
	form := plural.Cardinal.MatchPlural(c.tag, abs, 0, 0, 0, 0)
	parts, ok := m.forms[form]
	if !ok {
		parts = m.forms[plural.Other]
	}
	return fill(parts, args)
}

func fill(parts []part, args []any) string {
	if len(parts) == 1 && parts[0].arg == "" {
		return parts[0].lit
	}
	var b strings.Builder
	for _, p := range parts {
		if p.arg == "" {
			b.WriteString(p.lit)
			continue
		}
		found := false
		for i := 0; i+1 < len(args); i += 2 {
			if name, _ := args[i].(string); name == p.arg {
				b.WriteString(valueString(args[i+1]))
				found = true
				break
			}
		}
		if !found {
			b.WriteString("{" + p.arg + "}")
		}
	}
	return b.String()
}

func valueString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// Messages returns the messages whose key starts with one of prefixes, as plain data for the
// browser: a text, or a map from plural category to text, with arguments left in braces.
func (c *Catalog) Messages(prefixes ...string) map[string]any {
	out := map[string]any{}
	for key, m := range c.msgs {
		if !slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(key, p) }) {
			continue
		}
		if m.forms == nil {
			out[key] = source(m.text)
			continue
		}
		forms := map[string]string{}
		for name, f := range formNames {
			if parts, ok := m.forms[f]; ok {
				forms[name] = source(parts)
			}
		}
		out[key] = forms
	}
	return out
}

func source(parts []part) string {
	var b strings.Builder
	for _, p := range parts {
		if p.arg != "" {
			b.WriteString("{" + p.arg + "}")
		} else {
			b.WriteString(p.lit)
		}
	}
	return b.String()
}

// Compare reports how catalogue c differs from ref, the default language's: keys c lacks,
// keys ref lacks, and messages naming other arguments than ref's. Each problem is at its
// line in c's file (a missing key at the file's start, naming ref's line).
func Compare(ref, c *Catalog) diag.List {
	var diags diag.List
	for _, key := range ref.Keys() {
		if _, ok := c.msgs[key]; !ok {
			diags.Add(c.path, 1, 1, diag.Error, "%s lacks %s (%s line %d): add its %s text", c.path, key, ref.path, ref.msgs[key].line, c.lang)
		}
	}
	for _, key := range c.Keys() {
		m := c.msgs[key]
		rm, ok := ref.msgs[key]
		if !ok {
			diags.Add(c.path, m.line, m.col, diag.Error, "key %s is not in %s: remove it, or add it there first", key, ref.path)
			continue
		}
		if !slices.Equal(m.args, rm.args) {
			diags.Add(c.path, m.line, m.col, diag.Error, "%s names %s, but %s names %s: use the same {names}", key, argList(m.args), ref.path, argList(rm.args))
		}
	}
	return diags
}

func argList(args []string) string {
	if len(args) == 0 {
		return "no {argument}"
	}
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = "{" + a + "}"
	}
	return strings.Join(out, ", ")
}
