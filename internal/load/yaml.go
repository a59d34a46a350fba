package load

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"sitegen/internal/diag"
)

// MaxFileSize is the largest data or content file read; larger files are refused before
// parsing, so a mistaken or hostile file cannot exhaust memory.
const MaxFileSize = 256 << 10

// Pos is a 1-based line and column in a file.
type Pos struct {
	Line, Col int
}

// Keys records where each key of a YAML mapping was written: for every key present (with a
// usable value), the position of its value. The empty key "" holds the position of the
// mapping itself. Keys written in a way that load has already reported (a "FILL IN"
// placeholder, a misspelling, a value load refused, empty text) are recorded apart, so that
// check neither reports them as missing nor checks their value again.
type Keys map[string]Pos

// Markers of keys recorded apart, prefixed to the key's name.
const (
	markPlaceholder = "\x00placeholder\x00" // the value is still a "FILL IN" placeholder
	markMisspelled  = "\x00misspelled\x00"  // an unknown key close to this one was written
	markRefused     = "\x00refused\x00"     // load reported the value as wrong
	markEmpty       = "\x00empty\x00"       // text that is empty or only spaces
	// markNull records a key written with nothing after its colon ("name:"), which counts
	// as absent: it is neither had nor written, and only says where the key is.
	markNull = "\x00null\x00"
)

// Has reports whether key was given a usable value.
func (k Keys) Has(key string) bool {
	_, ok := k[key]
	return ok && key != ""
}

// Placeholder reports whether key was written with a "FILL IN" placeholder, which load has
// reported. Such a key is neither missing nor has a value to check.
func (k Keys) Placeholder(key string) bool {
	_, ok := k[markPlaceholder+key]
	return ok
}

// Empty reports whether key was written with empty text ("" or only spaces), or with nothing
// after its colon ("name:"): for a required key, that is reported as empty, at the key,
// rather than missing.
func (k Keys) Empty(key string) bool {
	_, empty := k[markEmpty+key]
	_, null := k[markNull+key]
	return empty || null
}

// EmptyKeys returns the keys written with nothing after their colon or with empty text, in
// the order they were written: see Empty.
func (k Keys) EmptyKeys() []string {
	var keys []string
	for name := range k {
		for _, m := range []string{markEmpty, markNull} {
			if key, ok := strings.CutPrefix(name, m); ok {
				keys = append(keys, key)
			}
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		pa, pb := k.At(a), k.At(b)
		return cmp.Or(cmp.Compare(pa.Line, pb.Line), cmp.Compare(pa.Col, pb.Col), strings.Compare(a, b))
	})
	return keys
}

// Written reports whether the editor wrote key in some form: with a usable value, or in a
// form load reported (a placeholder, a misspelling of it, a value refused, empty text). A key
// that is written is not missing.
func (k Keys) Written(key string) bool {
	if k.Has(key) {
		return true
	}
	for _, m := range []string{markPlaceholder, markMisspelled, markRefused, markEmpty} {
		if _, ok := k[m+key]; ok {
			return true
		}
	}
	return false
}

// At returns the position of key's value (or of whatever was written for it), or of the
// mapping when key is absent.
func (k Keys) At(key string) Pos {
	if p, ok := k[key]; ok {
		return p
	}
	for _, m := range []string{markPlaceholder, markMisspelled, markRefused, markEmpty, markNull} {
		if p, ok := k[m+key]; ok {
			return p
		}
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
	src        []byte // the YAML being decoded, to find what the parser does not position
	lineStarts []int  // the offset in src of each line, made when first needed
	key        string // the key whose value is being decoded, to name it in messages
	emptyText  bool   // set by a decoder of text whose value is empty
	wrongKind  bool   // set by a decoder of a list given a value of another kind
	lang       string // the language key whose block is being decoded, for [anyLanguage]
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
	d.src, d.lineStarts = src, nil
	if len(src) > MaxFileSize {
		d.diags.Add(d.path, 0, 0, diag.Error, "file is %d bytes, more than the %d KiB allowed; split it or remove what does not belong", len(src), MaxFileSize>>10)
		return nil
	}
	if line, col, msg, ok := encodingProblem(src); ok {
		d.diags.Add(d.path, line+d.lineOffset, col, diag.Error, "%s", msg)
		return nil
	}
	if line, ok := conflict(src); ok {
		d.diags.Add(d.path, line+d.lineOffset, 1, diag.Error, conflictMessage)
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

// yamlError reports a syntax error from yaml.v3, whose messages read "yaml: line N: ...",
// in the editor's words: [explainSyntax] finds the mistake behind most of them, with its line
// and column and what to type. The parser's own message is the fallback.
//
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
			d.diags.Add(d.path, l+d.lineOffset, c, diag.Error, "YAML alias *%s is not allowed in data files: write the value out (in quotes if it starts with *)", name)
			return
		}
	}
	if p, ok := explainSyntax(src); ok {
		d.diags.Add(d.path, p.line+d.lineOffset, p.col, diag.Error, "%s", p.msg)
		return
	}
	// An unclosed quote or bracket is found at the end of the file, on the line after the
	// last one: point at the last line, which the editor can show.
	if n := lineCount(src); line > n {
		line = max(n, 1)
	}
	d.diags.Add(d.path, line+d.lineOffset, 0, diag.Error, "YAML syntax: %s", plainSyntax(msg))
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
// file cannot blow up into something huge or hide what it says. It refuses tags too: YAML
// reads "!Important" at the start of a value as a tag and drops it from the value, so that
// "name: !Important group" published "group". An alias leaves its value out, and the file is
// read no further (false); an anchor or a tag leaves the value whole, and the file's other
// problems are reported with it.
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
		case n.Style&yaml.TaggedStyle != 0 && coreTags[n.Tag]:
			// "!!str 43214": text, as it says; nothing left out.
		case n.Style&yaml.TaggedStyle != 0 && n.Kind == yaml.ScalarNode:
			d.errorf(n, "YAML reads %s at the start of a value as a tag and leaves it out: put the whole value in quotes, e.g. %s", n.Tag, strconv.Quote(strings.TrimSpace(n.Tag+" "+n.Value)))
		case n.Style&yaml.TaggedStyle != 0:
			d.errorf(n, "YAML reads %s at the start of a value as a tag: remove it", n.Tag)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return ok
}

// coreTags are the tags of YAML's own kinds of value, which say what the value is and leave
// nothing of it out ("postal_code: !!str 43214").
var coreTags = map[string]bool{"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true}

// conflictMessage says what to do about a merge conflict left in a file.
const conflictMessage = "a merge conflict is left in the file, from this line to the line starting >>>>>>>: keep the lines you want of the two versions, and delete the rest and the lines starting <<<<<<<, ======= and >>>>>>>"

// conflict returns the line of the first "<<<<<<<" that git writes where a merge could not
// join two changes, when a "=======" and a ">>>>>>>" line follow it: such a file would give
// a syntax error about "<" at best, or publish both versions and the markers, inside text.
func conflict(src []byte) (line int, found bool) {
	if !bytes.Contains(src, []byte("<<<<<<<")) {
		return 0, false // every file of every build: no lines made
	}
	start, middle := 0, false
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimRight(l, "\r")
		switch {
		case l == "<<<<<<<" || strings.HasPrefix(l, "<<<<<<< "):
			if start == 0 {
				start = i + 1
			}
		case start > 0 && l == "=======":
			middle = true
		case start > 0 && middle && (l == ">>>>>>>" || strings.HasPrefix(l, ">>>>>>> ")):
			return start, true
		}
	}
	return 0, false
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
