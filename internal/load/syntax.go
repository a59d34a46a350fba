package load

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// syntaxProblem is the mistake behind a YAML syntax error, in the editor's words.
type syntaxProblem struct {
	line, col int
	msg       string
}

// block is a mapping or a list of the file's structure, as its indentation shows it.
type block struct {
	indent int    // the column of its keys or dashes, from 0
	seq    bool   // a list rather than a mapping
	line   int    // the line of its first key or dash
	name   string // its first key, for messages
}

// keyNames are the keys of every kind of file, as editors write them: a word of a value that
// is one of them, followed by a colon, starts a second key run into the line. (The schema
// package's tests hold it to the keys of the JSON Schemas; see KnownKey.)
var keyNames = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Fields(`name kind state parent website email phone timezone about editors champions
		wanted tasks contact address street city postal_code attendance program language audience status
		notes verified meetings day start end weeks overnight location lat lon directions accessible
		online platform join_url link_public instructions skip starts title summary order blocks
		host seats setting application deadline url screening daily public counties languages
		base_url edit_url crisis helpline option text stale_after_days`) {
		m[k] = true
	}
	return m
}()

// KnownKey reports whether name is a key of some kind of file (see keyNames).
func KnownKey(name string) bool { return keyNames[name] }

// explainSyntax finds the mistake behind a YAML syntax error in src, with its line and column
// and what to type instead: a tab used to indent, a key without a colon or without a space
// after it, a colon or a closing quote inside a value, a quote or bracket never closed, a line
// indented to fit nowhere, a list item where a key belongs or under a value, a stray
// character. It reads src line by line as an editor sees it, following the indentation, and
// reports the first mistake; ok is false when it finds none (the parser's message is then
// the best there is). It is only called on a file the parser refused, so what it reports is
// never a false alarm on a valid file.
func explainSyntax(src []byte) (p syntaxProblem, ok bool) {
	lines := strings.Split(string(src), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	var stack []block
	// open is a key (or dash) with nothing after it: the following lines may hold its value,
	// indented more (or, for a list under a key, as much).
	var open struct {
		active   bool
		indent   int
		fromItem bool
	}
	// last is the line above when it gave a value on its own line ("state: OH", "- monday").
	var last struct {
		valid bool
		plain bool // a plain value, which may go on over more-indented lines
		key   string
		value string
		line  int
	}
	blockParent := -1 // inside a block scalar (| or >): lines indented more than this
	problem := func(line, byteCol int, format string, args ...any) (syntaxProblem, bool) {
		col := utf8.RuneCountInString(lines[line-1][:min(byteCol, len(lines[line-1]))]) + 1
		return syntaxProblem{line, col, fmt.Sprintf(format, args...)}, true
	}
	for i := 0; i < len(lines); i++ {
		text, ln := lines[i], i+1
		if strings.TrimSpace(text) == "" {
			continue
		}
		trimmed := strings.TrimLeft(text, " ")
		indent := len(text) - len(trimmed)
		if blockParent >= 0 {
			if indent > blockParent {
				continue
			}
			blockParent = -1
		}
		// A line indented with a space YAML does not read as one (a no-break space, pasted
		// from a web page or a word processor) looks indented and is not: named here, before
		// whatever the lines after it then seem to say. (Inside a block of text, | or >, it
		// is text.)
		lead := strings.TrimLeft(text, " \t")
		if r, _ := utf8.DecodeRuneInString(lead); r == '\ufeff' && (i > 0 || len(lead) < len(text)) {
			return problem(ln, len(text)-len(lead), "this line holds an invisible byte order mark (U+FEFF), as when one file is pasted into another: delete the line's start and type it again")
		} else if r != '\ufeff' && r > unicode.MaxASCII && unicode.IsSpace(r) {
			return problem(ln, len(text)-len(lead), "this line is indented with a %s, which YAML does not read as a space: delete the indentation and type it again with plain spaces", spaceName(r))
		}
		if trimmed[0] == '\t' {
			return problem(ln, indent, "a tab indents this line, and YAML indents with spaces only: replace the tab with spaces")
		}
		if trimmed[0] == '#' {
			continue
		}
		if indent == 0 && marker(trimmed) {
			continue
		}

		// The line: an optional dash, then a key and its value, or a value alone.
		content, contentAt := trimmed, indent
		isItem := false
		if content == "-" || strings.HasPrefix(content, "- ") || strings.HasPrefix(content, "-\t") {
			isItem = true
			rest := strings.TrimLeft(content[1:], " \t")
			contentAt += len(content) - len(rest)
			content = rest
			if strings.HasPrefix(content, "\t") {
				return problem(ln, contentAt, "a tab follows the dash of this list item: use spaces")
			}
		}
		content, contentAt = skipProperties(content, contentAt)
		if len(content) > 1 && content[0] == '-' && unicode.IsLetter(rune(content[1])) {
			if k, v, _, ok := splitKey(content); ok {
				return problem(ln, contentAt, "a list item needs a space after its dash: write - %s: %s", k[1:], shorten(stripComment(v)))
			}
		}
		key, value, valueAt, isKey := splitKey(content)
		if isKey {
			value, valueAt = skipProperties(value, valueAt)
		}
		valueAt += contentAt

		// Where the line belongs, by its indentation.
		placed := false
		if open.active {
			open.active = false
			if indent > open.indent || indent == open.indent && isItem && !open.fromItem {
				stack = append(stack, block{indent: indent, seq: isItem, line: ln, name: key})
				placed = true
			}
		} else if len(stack) > 0 && indent > stack[len(stack)-1].indent {
			switch {
			case last.valid && last.plain && !isItem && !isKey:
				continue // a long plain value going on over the next line
			case last.valid && isItem:
				return problem(ln, indent, "this list item is indented under %q, which already has a value on its line: delete %q after %s: so that the list belongs to it, or line the item up with the lines above", last.key+": "+shorten(last.value), shorten(last.value), last.key)
			case last.valid && last.key != "":
				top := stack[len(stack)-1]
				return problem(ln, indent, "%s is indented more than %s on the line above, whose value is already given, so it cannot start a key of its own: line it up with %s (%s)", describeKey(key), last.key, last.key, spaces(top.indent))
			default:
				top := stack[len(stack)-1]
				return problem(ln, indent, "this line is indented more than the lines above it: line it up with %s on line %d (%s)", nameOf(top), top.line, spaces(top.indent))
			}
		}
		if !placed {
			var popped []block
			for len(stack) > 0 && stack[len(stack)-1].indent > indent {
				popped = append(popped, stack[len(stack)-1])
				stack = stack[:len(stack)-1]
			}
			switch {
			case len(stack) == 0 && ln == firstLine(lines):
				stack = append(stack, block{indent: indent, seq: isItem, line: ln, name: key})
				if !isItem && !isKey && ln < len(lines) && strings.TrimSpace(strings.Join(lines[ln:], "")) != "" {
					return missingColon(ln, indent, content, problem)
				}
			case len(stack) == 0 || stack[len(stack)-1].indent != indent:
				want := lineUpWith(append(popped, stack...), isItem, indent)
				return problem(ln, indent, "this line is indented %s, which lines it up with nothing above: line it up with %s on line %d (%s)", spaces(indent), nameOf(want), want.line, spaces(want.indent))
			case stack[len(stack)-1].seq && !isItem:
				// A key level with a list written at its parent's indentation: the list ended.
				stack = stack[:len(stack)-1]
				if len(stack) == 0 || stack[len(stack)-1].indent != indent || stack[len(stack)-1].seq {
					return problem(ln, indent, "this line is in a list but does not start with \"- \": write - %s", shorten(content))
				}
			case !stack[len(stack)-1].seq && isItem:
				if isKey {
					return problem(ln, indent, "a list item (\"- \") where a key belongs: remove the \"- \" and write %s: %s, or move the item under a key that takes a list", key, shorten(value))
				}
				return problem(ln, indent, "a list item (\"- \") where a key belongs: remove the line, or move the item under a key that takes a list, indented below it")
			}
		}
		if isItem && isKey {
			// The item's keys form a mapping of their own, at the key's column.
			stack = append(stack, block{indent: contentAt, line: ln, name: key})
		}

		last.valid = false
		if isItem && content == "" {
			open.active, open.indent, open.fromItem = true, indent, true
			continue
		}
		if !isKey && !isItem {
			if p, ok := strayOrMissingColon(ln, indent, content, problem); ok {
				return p, ok
			}
		}
		if isKey && value == "" {
			open.active, open.indent, open.fromItem = true, contentAt, false
			continue
		}
		// The value on this line.
		switch value[0] {
		case '"', '\'':
			end, endLine, closed := closeQuote(lines, i, valueAt)
			if !closed {
				return problem(ln, valueAt, "the quote %c that opens this value is never closed: end the value with %c on the same line, e.g. %s", value[0], value[0], example(key, value))
			}
			after := strings.TrimLeft(lines[endLine][end:], " \t")
			if after != "" && after[0] != '#' {
				if endLine != i {
					return problem(ln, valueAt, "the quote %c that opens this value is never closed on its line: end the value with %c on the same line, e.g. %s", value[0], value[0], example(key, value))
				}
				return problem(ln, len(lines[endLine])-len(after), "text follows the closing quote of this value: put all of it inside quotes, e.g. %s: %s", keyOr(key), requoted(value, value[:end-valueAt], after))
			}
			i = endLine
			last.valid, last.plain, last.key, last.value, last.line = true, false, key, value, ln
		case '[', '{':
			endLine, end, closed := closeBracket(lines, i, valueAt, indent)
			if !closed {
				closer := map[byte]string{'[': "]", '{': "}"}[value[0]]
				return problem(ln, valueAt, "the %c that opens this value is never closed: end it with %s, e.g. counties: [Franklin, Delaware]", value[0], closer)
			}
			if after := strings.TrimLeft(lines[endLine][end:], " \t"); after != "" && after[0] != '#' {
				return problem(endLine+1, len(lines[endLine])-len(after), "text follows the closing bracket of this value: delete %q", shorten(strings.TrimRight(after, " ")))
			}
			i = endLine
			last.valid, last.plain, last.key, last.value, last.line = true, false, key, value, ln
		case '|', '>':
			// "|" or ">" alone (with "-", "+" or a digit) starts a block of text on the lines
			// below; followed by text on its line, it is text that starts with the sign.
			if rest := strings.TrimLeft(value[1:], "-+0123456789"); strings.TrimSpace(stripComment(rest)) != "" {
				return problem(ln, valueAt, "a value cannot start with %q followed by text: put the whole value in quotes, e.g. %s: %s", value[:1], keyOr(key), requoted(`"`+stripComment(value)+`"`, "", ""))
			}
			blockParent = indent
			if isItem && isKey {
				blockParent = contentAt
			}
		case '@', '`', '%':
			return problem(ln, valueAt, "a value cannot start with %q: put the whole value in quotes, e.g. %s: %s", value[:1], keyOr(key), requoted(`"`+stripComment(value)+`"`, "", ""))
		case '*', '&', '?', '-':
			// "*New* group", "& Friends", "? group", "- group": text that starts with a sign YAML
			// reads as an alias, an anchor, a key or a list's item. (A name after * or &, alone
			// or before a value, is an alias or an anchor, refused where they are read.)
			if sign := value[0]; (sign == '?' || sign == '-') && (len(value) == 1 || value[1] == ' ') ||
				(sign == '*' || sign == '&') && !anchorName.MatchString(strings.TrimSpace(stripComment(value))) {
				return problem(ln, valueAt, "a value cannot start with %q: put the whole value in quotes, e.g. %s: %s", value[:1], keyOr(key), requoted(`"`+stripComment(value)+`"`, "", ""))
			}
			fallthrough // a plain value that starts with the sign ("-Bring coffee: it is free")
		default:
			v := stripComment(value)
			if j := strings.Index(v+" ", ": "); j >= 0 && isKey {
				// Two keys run together ("day: monday start: \"19:00\""): quotes would make
				// one value of both.
				// Only after a value of one word ("monday", "affiliate"): in a sentence
				// ("please note the start: it is 6:30") the colon is the text's, and quotes
				// are the mend.
				before := strings.TrimRight(v[:j], " ")
				if sp := strings.LastIndexByte(before, ' '); sp > 0 && !strings.Contains(strings.TrimSpace(before[:sp]), " ") && keyNames[before[sp+1:]] {
					second := before[sp+1:]
					return problem(ln, valueAt+sp+1, "two keys on one line: put %s: %s on a line of its own, below %s: %s and lined up with %s", second, shorten(strings.TrimSpace(v[min(j+2, len(v)):])), key, shorten(before[:sp]), key)
				}
				return problem(ln, valueAt+j, "a colon followed by a space cannot be inside a value without quotes: put the whole value in quotes, e.g. %s: \"%s\"", key, shorten(v))
			}
			if strings.HasSuffix(v, ":") && isKey {
				return problem(ln, valueAt+len(v)-1, "a colon cannot end a value without quotes: put the whole value in quotes, e.g. %s: \"%s\"", key, shorten(v))
			}
			last.valid, last.plain, last.key, last.value, last.line = true, true, key, v, ln
		}
	}
	return syntaxProblem{}, false
}

// splitKey splits a line's content (after any dash) into a key and its value, with the
// value's byte offset in content; isKey is false when the content is a value alone.
func splitKey(content string) (key, value string, valueAt int, isKey bool) {
	if content == "" {
		return "", "", 0, false
	}
	start := 0
	switch content[0] {
	case '"', '\'':
		// A quoted key, or a quoted value alone.
		q := content[0]
		j := 1
		for j < len(content) {
			if content[j] == '\\' && q == '"' {
				j += 2
				continue
			}
			if content[j] == q {
				if q == '\'' && j+1 < len(content) && content[j+1] == '\'' {
					j += 2
					continue
				}
				break
			}
			j++
		}
		if j >= len(content) || !isColonAt(content, j+1) {
			return "", content, 0, false
		}
		start = j + 1
	case '[', '{', '|', '>', '#':
		return "", content, 0, false
	}
	for j := start; j < len(content); j++ {
		if content[j] == '#' && j > 0 && (content[j-1] == ' ' || content[j-1] == '\t') {
			break
		}
		if isColonAt(content, j) {
			key = strings.TrimSpace(content[:j])
			rest := content[j+1:]
			trimmed := strings.TrimLeft(rest, " \t")
			if strings.HasPrefix(trimmed, "#") {
				trimmed = ""
			}
			return key, trimmed, j + 1 + len(rest) - len(strings.TrimLeft(rest, " \t")), true
		}
	}
	return "", content, 0, false
}

// skipProperties skips the anchors (&name) and tags (!tag) before a value, which say
// something about the value but are not it; at is the value's offset, moved along.
func skipProperties(v string, at int) (string, int) {
	for len(v) > 1 && (v[0] == '&' || v[0] == '!') && v[1] != ' ' && v[1] != '\t' {
		end := strings.IndexAny(v, " \t")
		if end < 0 {
			return "", at + len(v)
		}
		rest := strings.TrimLeft(v[end:], " \t")
		at += len(v) - len(rest)
		v = rest
	}
	return v, at
}

// isColonAt reports whether s has at j a colon that ends a key: followed by a space, a tab or
// the end of the line.
func isColonAt(s string, j int) bool {
	return j < len(s) && s[j] == ':' && (j+1 == len(s) || s[j+1] == ' ' || s[j+1] == '\t')
}

// closeQuote finds the quote that closes the one at lines[i][at]: on the same line, or on a
// later one (a quoted value may run over lines). It returns the byte offset just after it
// and its line.
func closeQuote(lines []string, i, at int) (end, line int, ok bool) {
	q := lines[i][at]
	j := at + 1
	for l := i; l < len(lines); l++ {
		s := lines[l]
		for j < len(s) {
			switch {
			case s[j] == '\\' && q == '"':
				j += 2
				continue
			case s[j] == q && q == '\'' && j+1 < len(s) && s[j+1] == '\'':
				j += 2
				continue
			case s[j] == q:
				return j + 1, l, true
			}
			j++
		}
		j = 0
	}
	return 0, 0, false
}

// closeBracket finds the line on which the bracket at lines[i][at] closes, following lines
// indented more than indent (a list in brackets may run over lines).
func closeBracket(lines []string, i, at, indent int) (line, end int, ok bool) {
	depth := 0
	var quote byte
	j := at
	for l := i; l < len(lines); l++ {
		s := lines[l]
		if l > i {
			t := strings.TrimLeft(s, " ")
			if strings.TrimSpace(s) != "" && len(s)-len(t) <= indent && quote == 0 {
				return 0, 0, false // back at the key's level: the bracket never closed
			}
			j = 0
		}
		for ; j < len(s); j++ {
			c := s[j]
			switch {
			case quote != 0:
				if c == '\\' && quote == '"' {
					j++
				} else if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '#' && j > 0 && (s[j-1] == ' ' || s[j-1] == '\t'):
				j = len(s)
			case c == '[' || c == '{':
				depth++
			case c == ']' || c == '}':
				depth--
				if depth == 0 {
					return l, j + 1, true
				}
			}
		}
	}
	return 0, 0, false
}

// strayOrMissingColon explains a line that is neither a key nor a list item where one of them
// belongs.
func strayOrMissingColon(ln, indent int, content string, problem func(int, int, string, ...any) (syntaxProblem, bool)) (syntaxProblem, bool) {
	r, _ := utf8.DecodeRuneInString(content)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '"' && r != '\'' {
		return problem(ln, indent, "the character %q does not belong here: delete it", string(r))
	}
	return missingColon(ln, indent, content, problem)
}

// missingColon explains a line of words where a key belongs.
func missingColon(ln, indent int, content string, problem func(int, int, string, ...any) (syntaxProblem, bool)) (syntaxProblem, bool) {
	content = stripComment(content)
	if j := strings.IndexByte(content, ':'); j > 0 && !strings.ContainsAny(content[:j], " \t") {
		// A space that is not one to YAML (a no-break space, as some editors type after a
		// colon) looks like one: the message would read the same as the line.
		if r, size := utf8.DecodeRuneInString(content[j+1:]); size > 0 && unicode.IsSpace(r) {
			return problem(ln, indent+j+1, "the space after %s: is a %s, which YAML does not read as a space: delete it and type a plain space", content[:j], spaceName(r))
		}
		return problem(ln, indent+j, "a key needs a space after its colon: write %s: %s", content[:j], shorten(content[j+1:]))
	}
	word, rest, found := strings.Cut(content, " ")
	// A colon of another script (the full-width "：" of Chinese and Japanese keyboards) is no
	// colon to YAML.
	if k := strings.IndexAny(word, "：﹕∶꞉"); k > 0 {
		_, size := utf8.DecodeRuneInString(word[k:])
		return problem(ln, indent+k, "the colon after %q is a %q, which YAML does not read as one: write %s: %s", word[:k], word[k:k+size], word[:k], shorten(strings.TrimSpace(word[k+size:]+" "+rest)))
	}
	if found {
		return problem(ln, indent+len(word), "there is no colon after %q: write %s: %s", word, word, shorten(strings.TrimSpace(rest)))
	}
	return problem(ln, indent+len(word), "there is no colon after %q: write %s: and its value, or delete the line", word, word)
}

// spaceName names a space character other than the plain one.
func spaceName(r rune) string {
	switch r {
	case '\u00a0', '\u202f', '\u2007':
		return "no-break space"
	case '\u3000':
		return "full-width space"
	case '\t':
		return "tab"
	}
	return fmt.Sprintf("space of another kind (U+%04X)", r)
}

// lineUpWith chooses, of the blocks around a misplaced line, the one it most likely belongs
// to: of the same kind (list or mapping), the nearest in indentation, the deeper on a tie.
func lineUpWith(blocks []block, item bool, indent int) block {
	best := -1
	for i, b := range blocks {
		if b.seq != item && len(blocks) > 1 {
			continue
		}
		if best < 0 || abs(b.indent-indent) < abs(blocks[best].indent-indent) || abs(b.indent-indent) == abs(blocks[best].indent-indent) && b.indent > blocks[best].indent {
			best = i
		}
	}
	if best < 0 {
		return blocks[0]
	}
	return blocks[best]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// nameOf names a block in a message: its first key, or the dash of a list.
func nameOf(b block) string {
	if b.seq || b.name == "" {
		return "the \"-\""
	}
	return b.name
}

// describeKey names the line of key in a message.
func describeKey(key string) string {
	if key != "" {
		return key
	}
	return "this line"
}

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}

// firstLine returns the number of the first line holding something other than a comment or
// a document's marker (see marker).
func firstLine(lines []string) int {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t != "" && t[0] != '#' && (l[0] == ' ' || !marker(t)) {
			return i + 1
		}
	}
	return 0
}

// marker reports whether a line, unindented, marks a document's start or end or is a
// directive ("---", "--- text", "...", "%YAML 1.2", "%TAG …"), which explainSyntax passes
// over. firstLine passes over the same lines: it took "--- s" for the first line, and a
// line after it that began the document found no block to line up with (found by
// FuzzFrontMatter: "---\n--- s\nsummary: [x\n---" panicked).
func marker(t string) bool {
	return t == "---" || t == "..." || strings.HasPrefix(t, "--- ") || strings.HasPrefix(t, "%YAML") || strings.HasPrefix(t, "%TAG")
}

// stripComment removes a comment (" #…") from the end of a plain value.
func stripComment(v string) string {
	for j := 1; j < len(v); j++ {
		if v[j] == '#' && (v[j-1] == ' ' || v[j-1] == '\t') {
			return strings.TrimRight(v[:j], " \t")
		}
	}
	return strings.TrimRight(v, " \t")
}

// example shows a quoted value closed on its line.
func example(key, value string) string {
	inner := strings.TrimRight(stripComment(value[1:]), " ")
	return fmt.Sprintf("%s: %c%s%c", keyOr(key), value[0], shorten(inner), value[0])
}

// anchorName matches "*name" or "&name", the first with nothing after it, the second with a
// value after it or none: what YAML reads as an alias or an anchor.
var anchorName = regexp.MustCompile(`^(\*[\w-]+|&[\w-]+(\s.*)?)$`)

// requoted returns a value whose text goes on after its closing quote as the whole text in
// quotes. A value that ends with its opening quote holds a quote of its own: "'Women's
// group'" is "\"Women's group\"", and '"The "Tuesday" group"' is "'The \"Tuesday\" group'".
// Another was quoted in part: '"NAMI" Three' is "\"NAMI Three\"". quoted is the value up to
// its closing quote, after what follows it.
func requoted(value, quoted, after string) string {
	q := value[:1]
	whole := strings.TrimRight(stripComment(value), " ")
	if len(whole) < 2 || !strings.HasSuffix(whole, q) {
		return q + shorten(strings.Trim(quoted, `"'`)+" "+strings.TrimRight(stripComment(after), " ")) + q
	}
	inner := shorten(whole[1 : len(whole)-1])
	switch {
	case !strings.Contains(inner, `"`):
		return `"` + inner + `"`
	case !strings.Contains(inner, "'"):
		return "'" + inner + "'"
	}
	return strconv.Quote(inner)
}

func keyOr(key string) string {
	if key == "" {
		return "-"
	}
	return key
}

// plainSyntax puts yaml.v3's messages for the mistakes explainSyntax does not find in plainer
// words.
func plainSyntax(msg string) string {
	for _, m := range []struct{ prefix, words string }{
		{"mapping values are not allowed", "a colon where none can be: a value holding \": \" needs quotes, and each key needs its own line; look at this line and the one above it"},
		{"did not find expected key", "this line does not fit with the ones above: check its indentation and that it is a key, a colon and a value"},
		{"could not find expected ':'", "a key without its colon: write key: value"},
		{"found character that cannot start any token", "a character that cannot start a value (a tab, @ or `): remove it, or put the value in quotes"},
		{"found unexpected end of stream", "the file ends inside a quoted value or a list: close the quote or the bracket"},
		{"did not find expected ',' or ']'", "a list in [brackets] is not closed: end it with ]"},
		{"did not find expected ',' or '}'", "a mapping in {braces} is not closed: end it with }"},
		{"did not find expected '-' indicator", "a list item without its dash: start it with \"- \""},
	} {
		if strings.HasPrefix(msg, m.prefix) {
			return m.words
		}
	}
	return msg
}
