package load

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/suggest"
)

// Budgets on the length of a value, in characters. A value is shown on its own page and also
// wherever its entry is listed (a group's name on every list of its state and its affiliate),
// so an unbounded name would make output grow with the square of the input. The limits leave
// room for any real name, address or note.
const (
	// MaxName is the longest name or title.
	MaxName = 200
	// MaxLine is the longest line of text: a street, a city, a place's name, a platform, a
	// page's summary, a county.
	MaxLine = 300
	// MaxNotes is the longest Markdown text: notes, about, directions, instructions.
	MaxNotes = 4000
	// maxCode is the longest other value: a URL, an e-mail address, a code.
	maxCode = 2000
)

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

// field is one known key of a mapping and how to decode its value.
type field struct {
	key    string
	decode func(*yaml.Node)
}

// anyLanguage is the key of a field that takes every key of its mapping that is a language
// tag ("es:"), as [decoder.translation] does; its decode finds the key in decoder.lang.
const anyLanguage = "LANG"

// langKey is the form of a key naming a language: a two-letter language code (ISO 639-1, the
// primary subtag of BCP 47 for every language that has one).
func langKey(k string) bool {
	if len(k) != 2 {
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
// repeated keys are reported, unknown ones with the closest known key. A key whose value
// load refuses is recorded apart (see [Keys]), so that check reports nothing more about it.
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
			// A block of text in another language ("es:"), where the mapping takes one.
			for j := range fields {
				if fields[j].key == anyLanguage {
					keys[k.Value] = d.pos(v)
					outer := d.lang
					d.lang = k.Value
					fields[j].decode(v)
					d.lang = outer
					f = &fields[j]
					break
				}
			}
			if f != nil {
				continue
			}
		}
		if f == nil {
			d.unknownKey(k, what, names, keys)
			continue
		}
		pos := d.pos(v)
		if isNull(v) {
			switch {
			case strings.HasPrefix(k.LineComment, "#") && !strings.HasPrefix(k.LineComment, "# ") && k.LineComment != "#":
				// "street: #200 High St": YAML reads all of it as a comment.
				d.errorf(v, "%s starts with \"#\", so YAML reads %q as a comment and %s as empty: put the value in quotes, %s: \"%s\"", k.Value, k.LineComment, k.Value, k.Value, k.LineComment)
				keys[markRefused+k.Value] = pos
			case nonNull(k.Value):
				// An editor who types "public:" and stops must not publish a group that is
				// meant to stay private: a missing value is no default here.
				d.errorf(v, "%s needs a value after the colon: write %s", k.Value, nonNullHint(k.Value))
				keys[markRefused+k.Value] = pos
			}
			if _, refused := keys[markRefused+k.Value]; !refused {
				keys[markNull+k.Value] = pos
			}
			continue // "key:" with nothing after it counts as absent
		}
		if d.placeholder(label(what, k.Value), v) {
			keys[markPlaceholder+k.Value] = pos
			continue
		}
		keys[k.Value] = pos
		before := len(*d.diags)
		outer := d.key
		d.key, d.emptyText, d.wrongKind = label(what, k.Value), false, false
		f.decode(v)
		d.key = outer
		switch {
		case d.emptyText:
			delete(keys, k.Value)
			keys[markEmpty+k.Value] = pos
		case d.refused((*d.diags)[before:], v):
			delete(keys, k.Value)
			keys[markRefused+k.Value] = pos
		}
		d.emptyText, d.wrongKind = false, false
	}
	return true
}

// unknownKey reports a key that is not one of names, with the known key it means (see
// keyMeanings) or else the closest. When that key is not in the mapping, it is recorded as
// misspelled: check then does not also report it missing.
func (d *decoder) unknownKey(k *yaml.Node, what string, names []string, keys Keys) {
	if rest, ok := strings.CutPrefix(k.Value, "-"); ok && rest != "" {
		// "-day: monday": the dash of a list item needs a space after it.
		if s := suggest.Closest(rest, names); s != "" {
			d.errorf(k, "unknown key %q in %s: a list item needs a space after its dash, \"- %s\"", k.Value, what, strings.TrimLeft(rest, " "))
			keys[markMisspelled+s] = d.pos(k)
			return
		}
	}
	s := meantKey(k.Value, names)
	if s == "" && len(k.Value) <= 100 {
		s = suggest.Closest(k.Value, names)
	}
	if s != "" {
		d.errorf(k, "unknown key %q in %s; did you mean %q?", k.Value, what, s)
		if _, ok := keys[markMisspelled+s]; !ok {
			keys[markMisspelled+s] = d.pos(k)
		}
		return
	}
	d.errorf(k, "unknown key %q in %s; known keys are %s", k.Value, what, strings.Join(names, ", "))
}

// keyMeanings maps keys editors write for a known one, by what they mean, to the keys they
// may mean ("zip" is postal_code; "url" is join_url in online, website in an affiliate).
var keyMeanings = map[string][]string{
	"zip": {"postal_code"}, "zipcode": {"postal_code"}, "zip_code": {"postal_code"}, "postcode": {"postal_code"},
	"postalcode": {"postal_code"}, "postal": {"postal_code"}, "post_code": {"postal_code"},
	"time": {"start"}, "start_time": {"start"}, "starts_at": {"start"}, "begins": {"start"}, "from": {"start"},
	"end_time": {"end"}, "ends_at": {"end"}, "ends": {"end"}, "until": {"end"}, "to": {"end"},
	"title": {"name"}, "group_name": {"name"}, "address": {"street"}, "street_address": {"street"}, "address1": {"street"},
	"last_verified": {"verified"}, "verified_on": {"verified"}, "last_checked": {"verified"}, "confirmed": {"verified"},
	"latitude": {"lat"}, "longitude": {"lon"}, "lng": {"lon"}, "long": {"lon"},
	"wheelchair": {"accessible"}, "wheelchair_accessible": {"accessible"}, "accessibility": {"accessible"},
	"telephone": {"phone"}, "tel": {"phone"}, "phone_number": {"phone"},
	"email_address": {"email"}, "e-mail": {"email"}, "mail": {"email"},
	"join_link": {"join_url"}, "link": {"join_url", "website"}, "url": {"join_url", "website"}, "zoom_link": {"join_url"},
	"meeting_link": {"join_url"}, "zoom": {"join_url"}, "web": {"website"}, "site": {"website"}, "homepage": {"website"},
	"town": {"city"}, "tz": {"timezone"}, "time_zone": {"timezone"}, "zone": {"timezone"}, "lang": {"language"},
	"days": {"day"}, "weekday": {"day"}, "type": {"kind", "attendance"}, "format": {"attendance"},
}

// meantKey returns the key of names that k means, by keyMeanings, or "".
func meantKey(k string, names []string) string {
	for _, s := range keyMeanings[strings.ToLower(k)] {
		if slices.Contains(names, s) {
			return s
		}
	}
	return ""
}

// refused reports whether the diagnostics l, made while decoding v, refuse v whole: a
// value with an error, a list or a mapping where a list was expected ("expected a list, not
// a mapping": see wrongKind), a list with an error at itself, or one each of whose items has
// one ("weeks: [first, third]"). A key refused so is written but not had (see Keys.Written):
// checks of its value, and that it is given, say nothing more. A mapping with an error inside
// keeps its other values checked (its position is its first key's, so an error there is not
// one at the mapping).
func (d *decoder) refused(l diag.List, v *yaml.Node) bool {
	if !hasError(l) {
		return false
	}
	at := func(n *yaml.Node) bool {
		for _, x := range l {
			if x.Severity == diag.Error && x.Line == n.Line+d.lineOffset && x.Col == n.Column {
				return true
			}
		}
		return false
	}
	switch {
	case v.Kind == yaml.ScalarNode || d.wrongKind:
		return true
	case v.Kind == yaml.SequenceNode && at(v):
		return true
	case v.Kind == yaml.SequenceNode && len(v.Content) > 0:
		for _, item := range v.Content {
			if !at(item) {
				return false
			}
		}
		return true
	}
	return false
}

func hasError(l diag.List) bool {
	for _, d := range l {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
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
		return fmt.Sprintf("%q", shorten(n.Value))
	}
	return "something else"
}

// shorten cuts a value quoted in a message to a readable length.
func shorten(s string) string {
	if len(s) <= 60 {
		return s
	}
	cut := 60
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// what names the key being decoded in a message: "name", or "the value" in a list.
func (d *decoder) what() string {
	if d.key == "" {
		return "the value"
	}
	return d.key
}

// scalar returns the text of the scalar n as the site would use it, reporting what would
// publish it wrong: curly quotes around it (taken off, so that the value's own rules do not
// report it again), control characters however written (refused).
func (d *decoder) scalar(n *yaml.Node) (string, bool) {
	v := n.Value
	if inner, ok := curlyQuoted(v); ok {
		d.errorf(n, "%s is in curly quotes (%s…%s), which YAML reads as part of the value: use straight quotes, %s: \"%s\", or none", d.what(), firstRune(v), lastRune(v), lastWord(d.what()), shorten(inner))
		v = inner
	}
	if i, r, ok := controlIn(v); ok {
		d.errorf(n, "%s holds the control character U+%04X (its character %d), which cannot be published: remove it (it may be invisible, or written as %s)", d.what(), r, utf8.RuneCountInString(v[:i])+1, escaped(r))
		return v, false
	}
	return v, true
}

// curlyQuoted reports whether s is wrapped in typographic quotes, as word processors and
// phones type them, and returns what is inside.
func curlyQuoted(s string) (string, bool) {
	if utf8.RuneCountInString(s) < 2 {
		return "", false
	}
	first, n1 := utf8.DecodeRuneInString(s)
	last, n2 := utf8.DecodeLastRuneInString(s)
	if !strings.ContainsRune("“”„‟«‘’‚‛‹", first) || !strings.ContainsRune("“”‟»’‘›", last) {
		return "", false
	}
	return strings.TrimSpace(s[n1 : len(s)-n2]), true
}

// lastWord returns the key of a label ("street" of "location street"), as it is typed.
func lastWord(label string) string { return label[strings.LastIndexByte(label, ' ')+1:] }

func firstRune(s string) string { r, _ := utf8.DecodeRuneInString(s); return string(r) }
func lastRune(s string) string  { r, _ := utf8.DecodeLastRuneInString(s); return string(r) }

// controlIn returns the byte offset of the first control character of s other than tab and
// line feed (C0, DEL and C1), which YAML escapes such as "\x01" and "\e" can write.
func controlIn(s string) (int, rune, bool) {
	for i, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f {
			return i, r, true
		}
	}
	return 0, 0, false
}

// escaped writes r as a YAML escape, the way it may have been typed.
func escaped(r rune) string {
	switch r {
	case 0x1b:
		return `\e`
	case '\r':
		return `\r`
	case 0:
		return `\0`
	}
	return fmt.Sprintf(`\x%02X`, r)
}

// textScalar returns the text of n, a scalar that text was expected of, and false when it is
// something else (reported). A number or yes/no is reported and its text, as written, stored
// in into: unquoted, 02134 would be read as a number by other YAML readers (and editors'
// schema validation), losing its zero, so the message asks for quotes, as the schema does;
// keeping the text stops the value's own rules (postal code, phone) reporting it again as
// empty.
func (d *decoder) textScalar(n *yaml.Node, into *string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "expected text, not %s", describe(n))
		return "", false
	}
	if n.Tag == "!!int" || n.Tag == "!!float" || n.Tag == "!!bool" {
		d.errorf(n, "expected text, not %s: put it in quotes, \"%s\"", describe(n), n.Value)
		*into = n.Value
		return "", false
	}
	return d.scalar(n)
}

// str decodes any scalar as its text, as written: `postal_code: 02134` keeps its zero. It is
// for codes, addresses of the web and other values with rules of their own; free text uses
// [decoder.text].
func (d *decoder) str(into *string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		v, ok := d.textScalar(n, into)
		if !ok {
			return
		}
		if strings.TrimSpace(v) == "" {
			d.emptyText = true // as for text: `email: ""` is empty, not a wrong address
			return
		}
		if c := utf8.RuneCountInString(v); c > maxCode {
			d.errorf(n, "%s is %d characters long, more than the %d allowed: shorten it", d.what(), c, maxCode)
			return
		}
		*into = v
	}
}

// text decodes free text (a name, an address, Markdown notes) of at most max characters.
// Empty text counts as not written; a "#" that cut the text short is reported.
func (d *decoder) text(into *string, max int) func(*yaml.Node) {
	return func(n *yaml.Node) {
		v, ok := d.textScalar(n, into)
		if !ok {
			return
		}
		if strings.TrimSpace(v) == "" {
			d.emptyText = true
			return
		}
		if c := utf8.RuneCountInString(v); c > max {
			d.errorf(n, "%s is %d characters long, more than the %d allowed: shorten it", d.what(), c, max)
			return
		}
		d.comment(n, v)
		*into = v
	}
}

// comment reports a comment after a plain value of free text: "street: 820 High St #200" is
// read as "820 High St" and a comment. A "#" directly followed by text is almost always part
// of the value (a suite, a room number), and the site would publish the value cut short: an
// error. "# " with a space is how comments are written, but an editor may have meant it as
// text: a warning.
func (d *decoder) comment(n *yaml.Node, v string) {
	c := n.LineComment
	if n.Style != 0 || c == "" || !strings.HasPrefix(c, "#") {
		return
	}
	c, _, _ = strings.Cut(c, "\n")
	line, col := d.commentPos(n, c)
	if len(c) > 1 && c[1] != ' ' && c[1] != '\t' {
		d.diags.Add(d.path, line, col, diag.Error, "%q is read as a comment, so %s would be published as %q: put the whole value in quotes, %s: \"%s %s\"", shorten(c), d.what(), shorten(v), lastWord(d.what()), shorten(v), shorten(c))
		return
	}
	d.diags.Add(d.path, line, col, diag.Warning, "the text after \"#\" is a comment and is not published: if %q belongs to %s, put the whole value in quotes; if it is a note to editors, move it to a line of its own", shorten(strings.TrimSpace(c[1:])), d.what())
}

// commentPos finds where the comment c after the value n starts: on the value's first line,
// or on a later one when a plain value runs over several lines.
func (d *decoder) commentPos(n *yaml.Node, c string) (int, int) {
	for l := n.Line; l < n.Line+50; l++ {
		text, ok := d.sourceLine(l)
		if !ok {
			break
		}
		for _, sep := range []string{" ", "\t"} {
			if i := strings.Index(text, sep+c); i >= 0 {
				return l + d.lineOffset, utf8.RuneCountInString(text[:i+1]) + 1
			}
		}
	}
	return n.Line + d.lineOffset, n.Column
}

// sourceLine returns line l (1-based) of the YAML being decoded, without its line ending.
func (d *decoder) sourceLine(l int) (string, bool) {
	if d.lineStarts == nil {
		d.lineStarts = []int{0}
		for i, b := range d.src {
			if b == '\n' {
				d.lineStarts = append(d.lineStarts, i+1)
			}
		}
	}
	if l < 1 || l > len(d.lineStarts) {
		return "", false
	}
	line := d.src[d.lineStarts[l-1]:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return strings.TrimSuffix(string(line), "\r"), true
}

// label names key of the mapping what in a message: "location name", or "name" of the
// file's own mapping.
func label(what, key string) string {
	switch what {
	case "location", "address", "online", "contact", "application", "daily", "champions", "helpline", "crisis":
		return what + " " + key
	}
	return key
}

// placeholder reports a value that still holds the "FILL IN" text of a new file.
func (d *decoder) placeholder(key string, n *yaml.Node) bool {
	if n.Kind == yaml.ScalarNode && strings.HasPrefix(n.Value, "FILL IN") {
		hint := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(n.Value, "FILL IN"), ":"))
		if key == "" {
			d.errorf(n, "fill in this value: %s", hint)
		} else {
			d.errorf(n, "fill in %s: %s", key, hint)
		}
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
			d.errorf(n, "expected a whole number, not %s", shorten(n.Value))
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
		if math.IsNaN(f) || math.IsInf(f, 0) || !decimalRE.MatchString(n.Value) {
			// YAML's .nan and .inf are numbers to a parser, but no place on Earth; and 0x28,
			// 0o50 or 4_0 are 40 to it, not what an editor meant by them.
			example := "39.9612"
			if strings.HasSuffix(d.key, "lon") {
				example = "-82.9988"
			}
			d.errorf(n, "%s %s is not a number the site can use: write decimal degrees, e.g. %s", d.what(), n.Value, example)
			return
		}
		*into = &f
	}
}

// decimalRE matches a number written in decimal, as people write coordinates: 39.96, -83,
// +40.5, 4.1e1.
var decimalRE = regexp.MustCompile(`^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$`)

// wordDateLayouts are the ways a date is written in words, as in a letter: "Nov 23 2026",
// "November 23, 2026", "23 Nov 2026".
var wordDateLayouts = []string{"Jan 2 2006", "Jan 2, 2006", "January 2 2006", "January 2, 2006", "2 Jan 2006", "2 January 2006", "Jan. 2, 2006"}

// isoDateRE matches a date written year, month and day, whether or not with two digits for
// the month and the day, and whether or not the day exists.
var isoDateRE = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

// usDateRE matches a date written the American way, M/D/YYYY.
var usDateRE = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)

func (d *decoder) date(into *civil.Date) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, "expected a date written as YYYY-MM-DD, not %s", describe(n))
			return
		}
		if d.placeholder(d.key, n) {
			return
		}
		v, ok := d.scalar(n)
		if !ok {
			return
		}
		t, err := civil.ParseDate(v)
		if err != nil {
			if m := usDateRE.FindStringSubmatch(v); m != nil {
				mo, _ := strconv.Atoi(m[1])
				day, _ := strconv.Atoi(m[2])
				if us, err := civil.ParseDate(fmt.Sprintf("%s-%02d-%02d", m[3], mo, day)); err == nil {
					d.errorf(n, "%q is not a date written as YYYY-MM-DD: write %s (year, month, day)", shorten(v), us)
					return
				}
			}
			for _, layout := range wordDateLayouts {
				if t, err := time.Parse(layout, strings.Join(strings.Fields(v), " ")); err == nil {
					d.errorf(n, "%q is not a date written as YYYY-MM-DD: write %s (year, month, day)", shorten(v), civil.DateOf(t))
					return
				}
			}
			if m := isoDateRE.FindStringSubmatch(v); m != nil {
				// In the right order, but one digit for a month or day ("2027-2-5"), or no
				// such day ("2025-02-29", "2026-04-31").
				y, _ := strconv.Atoi(m[1])
				mo, _ := strconv.Atoi(m[2])
				day, _ := strconv.Atoi(m[3])
				if padded, err := civil.ParseDate(fmt.Sprintf("%s-%02d-%02d", m[1], mo, day)); err == nil {
					d.errorf(n, "%q is not a date written as YYYY-MM-DD: write %s, with two digits for the month and the day", v, padded)
				} else if mo < 1 || mo > 12 {
					d.errorf(n, "%q has no month %d: a month is 01 to 12 (YYYY-MM-DD)", v, mo)
				} else {
					last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
					d.errorf(n, "%q is not a day of the calendar: %s %d has %d days", v, time.Month(mo), y, last)
				}
				return
			}
			d.errorf(n, "%q is not a date written as YYYY-MM-DD, e.g. 2026-11-23", shorten(v))
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
		v, ok := d.scalar(n)
		if !ok {
			return
		}
		c, err := civil.ParseClock(v)
		if err == nil {
			*into = c
			return
		}
		if c, ok := twelveHour(v); ok {
			// Translated, so that the meeting's other rules (an end before the start) see the
			// time meant and do not add a second, misleading error.
			*into = c
			d.errorf(n, "%s %q is not a 24-hour time: write \"%s\"", d.what(), v, c)
			return
		}
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "24:00", "24:00:00":
			d.errorf(n, "%q is not a time of day (00:00 to 23:59): a meeting that ends at midnight ends at \"00:00\", with overnight: true", v)
			return
		case "noon", "midday", "mediodía", "mediodia":
			d.errorf(n, "%s %q is not a 24-hour time: write \"12:00\"", d.what(), v)
			return
		case "midnight", "medianoche":
			d.errorf(n, "%s %q is not a 24-hour time: write \"00:00\"", d.what(), v)
			return
		}
		// "19:00-20:30", "7 to 8:30pm": a start and an end in one.
		if a, b, ok := clockRange(v); ok {
			d.errorf(n, "%s %q holds two times: write start: \"%s\" and end: \"%s\", each on its own line", d.what(), v, a, b)
			return
		}
		if h, m, ok := hourMinute(v); ok {
			switch {
			case h >= 1 && h <= 11:
				// Either could be meant: an evening group moved to the morning is worse than
				// a question.
				d.errorf(n, "%s %q is not a 24-hour time: write \"%02d:%02d\" for the morning or \"%02d:%02d\" for the afternoon or evening", d.what(), v, h, m, h+12, m)
			default:
				d.errorf(n, "%s %q is not a 24-hour time: write \"%02d:%02d\"", d.what(), v, h, m)
			}
			return
		}
		d.errorf(n, "%v", err)
	}
}

// clockRange reads a start and an end written as one value ("19:00-20:30", "7-8:30pm",
// "18:30 to 20:00"), each on the 24-hour clock; the end's am or pm is the start's too when
// the start has none and reads as 12-hour then ("7-8:30pm" is 19:00 to 20:30).
func clockRange(s string) (start, end civil.Clock, ok bool) {
	parts := rangeSep.Split(strings.TrimSpace(s), -1)
	if len(parts) != 2 {
		return start, end, false
	}
	read := func(p string) (civil.Clock, bool) {
		if c, err := civil.ParseClock(strings.TrimSpace(p)); err == nil {
			return c, true
		}
		return twelveHour(strings.TrimSpace(p))
	}
	e, okE := read(parts[1])
	st, okS := read(parts[0])
	if !okS && okE {
		// "7-8:30pm": the start takes the end's half of the day.
		if g := twelveRE.FindStringSubmatch(strings.TrimSpace(parts[1])); g != nil {
			st, okS = twelveHour(strings.TrimSpace(parts[0]) + g[3] + "m")
		}
	}
	return st, e, okS && okE
}

// rangeSep is what separates a start and an end written as one value.
var rangeSep = regexp.MustCompile(`\s*(?:-|–|—|\bto\b|\ba\b)\s*`)

// twelveRE matches a time on the 12-hour clock: 6pm, 6:30 PM, 6.30 p.m., 11:15am.
var twelveRE = regexp.MustCompile(`^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m?\.?$`)

// twelveHour reads a time written on the 12-hour clock.
func twelveHour(s string) (civil.Clock, bool) {
	m := twelveRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return civil.Clock{}, false
	}
	h, _ := strconv.Atoi(m[1])
	min := 0
	if m[2] != "" {
		min, _ = strconv.Atoi(m[2])
	}
	if min > 59 || h > 12 || h == 0 && m[3] == "p" {
		if h > 12 && h <= 23 && min <= 59 && m[3] == "p" {
			return civil.Clock{Hour: h, Minute: min}, true // "18:30pm": the 24-hour time meant
		}
		return civil.Clock{}, false
	}
	switch {
	case m[3] == "a" && h == 12:
		h = 0
	case m[3] == "p" && h < 12:
		h += 12
	}
	return civil.Clock{Hour: h, Minute: min}, true
}

// hourRE matches a time without am/pm in a form other than HH:MM: 6:30, 9.00, 1830, 18h30.
var hourRE = regexp.MustCompile(`^(\d{1,2})(?:[:.h]?(\d{2})|h)?$`)

// hourMinute reads an hour and minute written without am/pm but not as HH:MM.
func hourMinute(s string) (h, m int, ok bool) {
	g := hourRE.FindStringSubmatch(strings.TrimSpace(s))
	if g == nil {
		return 0, 0, false
	}
	h, _ = strconv.Atoi(g[1])
	if g[2] != "" {
		m, _ = strconv.Atoi(g[2])
	}
	if h > 23 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// list decodes a sequence, calling item for each element. A value of another kind is
// refused whole (see refused).
func (d *decoder) list(item func(i int, n *yaml.Node)) func(*yaml.Node) {
	return d.listOf(false, item)
}

// plainList is list for a list of text, dates or weeks, whose single value is told the
// brackets to write ("audience: men": [men]; "weeks: 1": [1]).
func (d *decoder) plainList(item func(i int, n *yaml.Node)) func(*yaml.Node) {
	return d.listOf(true, item)
}

func (d *decoder) listOf(plain bool, item func(i int, n *yaml.Node)) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind != yaml.SequenceNode {
			d.wrongKind = true
			if plain && n.Kind == yaml.ScalarNode && !isNull(n) && !strings.ContainsAny(n.Value, "\n[]{}") {
				d.errorf(n, "expected a list, not %s: write it in brackets, [%s]", describe(n), shorten(n.Value))
				return
			}
			d.errorf(n, "expected a list, not %s", describe(n))
			return
		}
		for i, c := range n.Content {
			item(i, c)
		}
	}
}

// strings decodes a list of scalars of at most max characters each, keeping each one's
// position.
func (d *decoder) strings(into *[]string, at *[]Pos, max int) func(*yaml.Node) {
	return d.plainList(func(_ int, n *yaml.Node) {
		if n.Kind != yaml.ScalarNode || isNull(n) {
			d.errorf(n, "expected text, not %s", describe(n))
			return
		}
		v, ok := d.scalar(n)
		if !ok {
			return
		}
		if c := utf8.RuneCountInString(v); c > max {
			d.errorf(n, "an item of %s is %d characters long, more than the %d allowed: shorten it", d.what(), c, max)
			return
		}
		if strings.TrimSpace(v) == "" {
			// "counties: [Franklin, ]" or [""]: an item that says nothing.
			d.errorf(n, "an item of %s is empty: remove it", d.what())
			return
		}
		*into = append(*into, v)
		if at != nil {
			*at = append(*at, d.pos(n))
		}
	})
}
