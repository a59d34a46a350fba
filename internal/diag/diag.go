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
	"strings"
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

// String formats d as PATH:LINE:COL: SEVERITY: MESSAGE.
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s", d.Position(), d.Severity, d.Message)
}

// Position formats where d is: PATH:LINE:COL, leaving out what is unknown.
func (d Diagnostic) Position() string {
	switch {
	case d.Line == 0:
		return d.Path
	case d.Col == 0:
		return fmt.Sprintf("%s:%d", d.Path, d.Line)
	}
	return fmt.Sprintf("%s:%d:%d", d.Path, d.Line, d.Col)
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
			fmt.Fprintf(&b, "::%s file=%s", d.Severity, escapeProperty(d.Path))
			if d.Line > 0 {
				fmt.Fprintf(&b, ",line=%d", d.Line)
			}
			if d.Col > 0 {
				fmt.Fprintf(&b, ",col=%d", d.Col)
			}
			fmt.Fprintf(&b, "::%s\n", escapeData(d.Message))
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
