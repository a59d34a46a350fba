// Package diag collects problems found in a site's files and prints them the way editors,
// terminals and CI read them: one per line as PATH:LINE:COL: SEVERITY: MESSAGE, as GitHub
// Actions workflow commands, or as JSON.
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Severity says whether a problem fails the build.
type Severity int

const (
	// Error fails check and build.
	Error Severity = iota
	// Warning is reported but fails only under --strict.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem at one place in one file.
type Diagnostic struct {
	Path     string // slash-separated, relative to the site root
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Col      int    // 1-based; 0 when unknown
	Severity Severity
	Message  string
}

// String formats d as PATH:LINE:COL: SEVERITY: MESSAGE, on one line whatever the path and
// the message hold (see [Diagnostic.Position] and [Escape]).
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s", d.Position(), d.Severity, Escape(d.Message))
}

// Position formats where d is: PATH:LINE:COL, leaving out what is unknown. A path holding a
// character that could forge a line or reach the terminal as a command (a line feed, an
// escape) or a quote is written as a Go string in quotes, "data/a\nb.yaml".
func (d Diagnostic) Position() string {
	p := d.Path
	if needsQuoting(p) {
		p = strconv.Quote(p)
	}
	switch {
	case d.Line == 0:
		return p
	case d.Col == 0:
		return fmt.Sprintf("%s:%d", p, d.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p, d.Line, d.Col)
}

// needsQuoting reports whether a path would print as something else than itself.
func needsQuoting(p string) bool {
	return needsEscape(p) || strings.ContainsAny(p, `"\`)
}

// unsafeRune reports the characters a terminal or a log reader acts on rather than shows: C0
// and C1 controls (line feed, escape), DEL, line and paragraph separators, and the bidi
// controls that reorder what is shown.
func unsafeRune(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x2028 || r == 0x2029 ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// Escape writes the characters of s that a terminal would act on (see unsafeRune), and bytes
// that are not UTF-8, as Go escapes (\n, \x1b, \u202e), so that a message is always one
// line of plain text.
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r):
			q := strconv.QuoteRune(r) // '\n', '\x1b', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for _, r := range s {
		if unsafeRune(r) {
			return true
		}
	}
	return !utf8.ValidString(s)
}

// List is a list of diagnostics. The zero List is empty and ready to use.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(path string, line, col int, sev Severity, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// Sort orders l by path, line, column, then message, and drops exact repeats.
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			strings.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			strings.Compare(a.Message, b.Message),
			cmp.Compare(a.Severity, b.Severity),
		)
	})
	return slices.Compact(l)
}

// Errors returns how many diagnostics are errors.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings returns how many diagnostics are warnings.
func (l List) Warnings() int { return len(l) - l.Errors() }

// Count returns n with the English noun one, or many when n is not 1, as the command's
// reports count things: "1 warning", "2 warnings".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Failed reports whether l fails a run: any error, or any warning when strict.
func (l List) Failed(strict bool) bool {
	return l.Errors() > 0 || strict && len(l) > 0
}

// Formats names the output formats that [List.Write] accepts.
var Formats = []string{"text", "github", "json"}

// Write prints l in format "text", "github" or "json".
func (l List) Write(w io.Writer, format string) error {
	switch format {
	case "json":
		type entry struct {
			Path     string `json:"path"`
			Line     int    `json:"line"`
			Col      int    `json:"col"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		}
		out := make([]entry, 0, len(l))
		for _, d := range l {
			out = append(out, entry{d.Path, d.Line, d.Col, d.Severity.String(), d.Message})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "github":
		var b strings.Builder
		for _, d := range l {
			// Workflow command properties and messages escape %, CR, LF (and , : in properties).
			fmt.Fprintf(&b, "::%s file=%s", d.Severity, escapeProperty(Escape(d.Path)))
			if d.Line > 0 {
				fmt.Fprintf(&b, ",line=%d", d.Line)
			}
			if d.Col > 0 {
				fmt.Fprintf(&b, ",col=%d", d.Col)
			}
			fmt.Fprintf(&b, "::%s\n", escapeData(Escape(d.Message)))
		}
		_, err := io.WriteString(w, b.String())
		return err
	case "text", "":
		var b strings.Builder
		for _, d := range l {
			b.WriteString(d.String())
			b.WriteByte('\n')
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return fmt.Errorf("unknown format %q (want text, github or json)", format)
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
