package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/suggest"
)

// MaxFileSize is the largest data or content file read; larger files are refused before
// parsing, so a mistaken or hostile file cannot exhaust memory.
const MaxFileSize = 256 << 10

// Pos is a 1-based line and column in a file.
type Pos struct {
	Line, Col int
}

// Keys records where each key of a YAML mapping was written: for every key present (with a
// non-null value), the position of its value. The empty key "" holds the position of the
// mapping itself.
type Keys map[string]Pos

// Has reports whether key was given a value. A key whose value is still a "FILL IN"
// placeholder has none: see [Keys.Placeholder].
func (k Keys) Has(key string) bool {
	_, ok := k[key]
	return ok && key != ""
}

// Placeholder reports whether key was written with a "FILL IN" placeholder, which load has
// reported. Such a key is neither missing nor has a value to check.
func (k Keys) Placeholder(key string) bool {
	_, ok := k[placeholderPrefix+key]
	return ok
}

// placeholderPrefix marks, in Keys, a key whose value is a placeholder.
const placeholderPrefix = "\x00FILL IN\x00"

// At returns the position of key's value, or of the mapping when key is absent.
func (k Keys) At(key string) Pos {
	if p, ok := k[key]; ok {
		return p
	}
	return k[""]
}

// decoder turns YAML nodes of one file into typed values, reporting every problem it finds
// to diags at the node's position.
type decoder struct {
	path string
	// lineOffset is added to every line: front matter starts after its opening "---".
	lineOffset int
	diags      *diag.List
	// key is the key whose value is being decoded, for a field of [anyLanguage].
	key string
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line+d.lineOffset, n.Column
	}
	d.diags.Add(d.path, line, col, diag.Error, format, args...)
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{n.Line + d.lineOffset, n.Column} }

// parse reads src as exactly one YAML document and returns its root content node, or nil
// after reporting why it cannot be used.
func (d *decoder) parse(src []byte) *yaml.Node {
	if len(src) > MaxFileSize {
		d.diags.Add(d.path, 0, 0, diag.Error, "file is %d bytes, more than the %d KiB allowed; split it or remove what does not belong", len(src), MaxFileSize>>10)
		return nil
	}
	if line, col, ok := invalidUTF8(src); ok {
		d.diags.Add(d.path, line+d.lineOffset, col, diag.Error, "invalid UTF-8: save the file as UTF-8 text")
		return nil
	}
	if line, col, r, ok := controlChar(src); ok {
		// yaml.v3 refuses these too, but without saying where.
		d.diags.Add(d.path, line+d.lineOffset, col, diag.Error, "control character U+%04X is not allowed: delete it (it may be invisible in your editor)", r)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // an empty file: the caller reports what is missing
		}
		d.yamlError(err, src)
		return nil
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		d.errorf(&next, "more than one YAML document: a file holds one document, remove the \"---\" line and what follows or move it to its own file")
		return nil
	} else if !errors.Is(err, io.EOF) {
		d.yamlError(err, src)
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	if !d.noAliases(doc.Content[0]) {
		return nil
	}
	return doc.Content[0]
}

// yamlError reports a syntax error from yaml.v3, whose messages read "yaml: line N: ...".
// yaml.v3 counts lines from 1 for errors of its scanner but from 0 for errors of its parser
// (a missing key, an unclosed bracket), and leaves the line out when it is the first.
func (d *decoder) yamlError(err error, src []byte) {
	msg := err.Error()
	line := 1
	if rest, ok := strings.CutPrefix(msg, "yaml: line "); ok {
		if i := strings.Index(rest, ": "); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line, msg = n, rest[i+2:]
				if parserError(msg) {
					line++
				}
			}
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
		if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
			// An alias whose anchor is missing: refused as every alias is, where it is.
			name = strings.TrimSuffix(name, "' referenced")
			l, c := aliasPos(src, name)
			d.diags.Add(d.path, l+d.lineOffset, c, diag.Error, "YAML alias *%s is not allowed in data files: write the value out", name)
			return
		}
	}
	// An unclosed quote or bracket is found at the end of the file, on the line after the
	// last one: point at the last line, which the editor can show.
	if n := lineCount(src); line > n {
		line = max(n, 1)
	}
	d.diags.Add(d.path, line+d.lineOffset, 0, diag.Error, "YAML syntax: %s", msg)
}

// lineCount returns the number of lines of src, the last one counted whether or not it
// ends in a line feed.
func lineCount(src []byte) int {
	n := bytes.Count(src, []byte("\n"))
	if len(src) > 0 && src[len(src)-1] != '\n' {
		n++
	}
	return n
}

// parserError reports whether msg is one of yaml.v3's parser (not scanner) errors.
func parserError(msg string) bool {
	for _, p := range []string{
		"did not find expected <", "did not find expected key", "did not find expected node content",
		"did not find expected '-' indicator", "did not find expected ',' or ",
		"found duplicate %", "found incompatible YAML document", "found undefined tag handle",
	} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// aliasPos returns the line and column of the first "*name" in src, or 1, 1.
func aliasPos(src []byte, name string) (line, col int) {
	i := bytes.Index(src, []byte("*"+name))
	if i < 0 {
		return 1, 1
	}
	line = 1 + bytes.Count(src[:i], []byte("\n"))
	return line, 1 + utf8.RuneCount(src[bytes.LastIndexByte(src[:i], '\n')+1:i])
}

// noAliases refuses anchors and aliases anywhere under n: they are never expanded, so a
// file cannot blow up into something huge or hide what it says.
func (d *decoder) noAliases(n *yaml.Node) bool {
	ok := true
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		switch {
		case n.Kind == yaml.AliasNode:
			d.errorf(n, "YAML alias *%s is not allowed in data files: write the value out", n.Value)
			ok = false
			return
		case n.Anchor != "":
			d.errorf(n, "YAML anchor &%s is not allowed in data files: write each value out", n.Anchor)
			ok = false
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return ok
}

// invalidUTF8 returns the position of the first byte that is not valid UTF-8.
func invalidUTF8(src []byte) (line, col int, found bool) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col, true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return 0, 0, false
}

// controlChar returns the position of the first character that YAML does not allow in a
// file: C0 and C1 control characters other than tab, line feed, carriage return and next
// line, and the noncharacters U+FFFE and U+FFFF.
func controlChar(src []byte) (line, col int, r rune, found bool) {
	line, col = 1, 1
	for _, r := range string(src) {
		switch {
		case r == '\n':
			line, col = line+1, 1
			continue
		case r == '\t' || r == '\r' || r == 0x85:
		case r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0xfffe || r == 0xffff:
			return line, col, r, true
		}
		col++
	}
	return 0, 0, 0, false
}

// field is one known key of a mapping and how to decode its value.
// nonNull reports the keys whose empty value ("public:" and nothing after) is an error rather
// than absent: true/false settings and statuses, where a default could publish what an editor
// was about to hide.
func nonNull(key string) bool {
	switch key {
	case "public", "status", "link_public", "accessible", "overnight", "screening", "wanted":
		return true
	}
	return false
}

func nonNullHint(key string) string {
	if key == "status" {
		return "the status, e.g. active, paused or ended"
	}
	return "true or false"
}

type field struct {
	key    string
	decode func(*yaml.Node)
}

// anyLanguage is the key of a field that takes every key of its mapping that is a language
// tag ("es:"), as [decoder.translation] does; its decode finds the key in decoder.key.
const anyLanguage = "LANG"

// langKey is the form of a key naming a language: a BCP 47 primary language subtag.
func langKey(k string) bool {
	if len(k) < 2 || len(k) > 3 {
		return false
	}
	for _, r := range k {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// mapping decodes the mapping n into fields, recording positions in keys. Unknown and
// repeated keys are reported, unknown ones with the closest known key.
func (d *decoder) mapping(n *yaml.Node, what string, keys Keys, fields ...field) bool {
	keys[""] = d.pos(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of keys to values, not %s", what, describe(n))
		return false
	}
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		if f.key != anyLanguage {
			names = append(names, f.key)
		}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "a key must be a plain word")
			continue
		}
		if seen[k.Value] {
			d.errorf(k, "key %q appears twice in %s; keep one", k.Value, what)
			continue
		}
		seen[k.Value] = true
		var f *field
		for j := range fields {
			if fields[j].key == k.Value && k.Value != anyLanguage {
				f = &fields[j]
				break
			}
		}
		if f == nil && langKey(k.Value) {
			for j := range fields {
				if fields[j].key == anyLanguage {
					keys[k.Value] = d.pos(v)
					d.key = k.Value
					fields[j].decode(v)
					f = &fields[j]
					break
				}
			}
			if f != nil {
				continue
			}
		}
		if f == nil {
			if s := suggest.Closest(k.Value, names); s != "" {
				d.errorf(k, "unknown key %q in %s; did you mean %q?", k.Value, what, s)
			} else {
				d.errorf(k, "unknown key %q in %s; known keys are %s", k.Value, what, strings.Join(names, ", "))
			}
			continue
		}
		if isNull(v) {
			if nonNull(k.Value) {
				// An editor who types "public:" and stops must not publish a group that is
				// meant to stay private: a missing value is no default here.
				d.errorf(v, "%s needs a value after the colon: write %s", k.Value, nonNullHint(k.Value))
			}
			continue // "key:" with nothing after it counts as absent
		}
		if d.placeholder(v) {
			keys[placeholderPrefix+k.Value] = d.pos(v)
			continue
		}
		keys[k.Value] = d.pos(v)
		f.decode(v)
	}
	return true
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!bool":
			return "true/false"
		case "!!int", "!!float":
			return "a number"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

// str decodes any scalar as its text, as written: `postal_code: 02134` keeps its zero.
func (d *decoder) str(into *string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, "expected text, not %s", describe(n))
			return
		}
		if n.Tag == "!!int" || n.Tag == "!!float" || n.Tag == "!!bool" {
			// Unquoted, 02134 would be read as a number by other YAML readers (and editors'
			// schema validation), losing its zero: ask for quotes, as the schema does.
			d.errorf(n, "expected text, not %s: put it in quotes, \"%s\"", describe(n), n.Value)
			// Keep the text as written, so the value's own rules (postal code, phone) do
			// not report it again as empty.
			*into = n.Value
			return
		}
		if d.placeholder(n) {
			return
		}
		*into = n.Value
	}
}

// placeholder reports a value that still holds the "FILL IN" text of a new file.
func (d *decoder) placeholder(n *yaml.Node) bool {
	if n.Kind == yaml.ScalarNode && strings.HasPrefix(n.Value, "FILL IN") {
		d.errorf(n, "fill in this value: %s", strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(n.Value, "FILL IN"), ":")))
		return true
	}
	return false
}

func (d *decoder) boolean(into **bool) func(*yaml.Node) {
	return func(n *yaml.Node) {
		var b bool
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
			d.errorf(n, "expected true or false, not %s", describe(n))
			return
		}
		*into = &b
	}
}

func (d *decoder) integer(into **int) func(*yaml.Node) {
	return func(n *yaml.Node) {
		var i int
		if n.Kind == yaml.ScalarNode && n.Tag == "!!float" {
			d.errorf(n, "expected a whole number, not %s", n.Value)
			return
		}
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil {
			d.errorf(n, "expected a whole number, not %s", describe(n))
			return
		}
		*into = &i
	}
}

func (d *decoder) number(into **float64) func(*yaml.Node) {
	return func(n *yaml.Node) {
		var f float64
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&f) != nil {
			d.errorf(n, "expected a number, not %s", describe(n))
			return
		}
		*into = &f
	}
}

func (d *decoder) date(into *civil.Date) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, "expected a date written as YYYY-MM-DD, not %s", describe(n))
			return
		}
		if d.placeholder(n) {
			return
		}
		t, err := civil.ParseDate(n.Value)
		if err != nil {
			d.errorf(n, "%v, e.g. 2026-11-23", err)
			return
		}
		*into = t
	}
}

func (d *decoder) clock(into *civil.Clock) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, "expected a time written as HH:MM, not %s", describe(n))
			return
		}
		c, err := civil.ParseClock(n.Value)
		if err != nil {
			hint := ""
			if strings.ContainsAny(strings.ToLower(n.Value), "apm") {
				hint = ": use the 24-hour clock, e.g. 18:30 for 6:30 pm"
			} else if len(n.Value) == 4 && n.Value[1] == ':' {
				hint = fmt.Sprintf(": write two digits for the hour, e.g. \"0%s\"", n.Value)
			}
			d.errorf(n, "%v%s", err, hint)
			return
		}
		*into = c
	}
}

// list decodes a sequence, calling item for each element.
func (d *decoder) list(item func(i int, n *yaml.Node)) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "expected a list, not %s", describe(n))
			return
		}
		for i, c := range n.Content {
			item(i, c)
		}
	}
}

// strings decodes a list of scalars, keeping each one's position.
func (d *decoder) strings(into *[]string, at *[]Pos) func(*yaml.Node) {
	return d.list(func(_ int, n *yaml.Node) {
		if n.Kind != yaml.ScalarNode || isNull(n) {
			d.errorf(n, "expected text, not %s", describe(n))
			return
		}
		*into = append(*into, n.Value)
		if at != nil {
			*at = append(*at, d.pos(n))
		}
	})
}
