package markdown

import (
	"fmt"
	"strings"
)

// Limits bound the structure of one text, so that converting it costs time and memory in
// proportion to its length. Markdown parsers take quadratic time on deep nesting and on
// thousands of link openers, and a table pads every row to its header's width, so that a
// small file can make a page of a hundred megabytes.
type Limits struct {
	Depth    int // block quotes and list levels on one line (indentation counts a level per 2 columns)
	Headings int // headings in the text
	Columns  int // columns of one table
	Cells    int // cells of all its tables, rows times columns
	Brackets int // "[" characters, each a possible link opener
	// Delimiters counts "*", "_" and "`", each a possible opener of emphasis or code, which
	// parsers match by scanning ahead.
	Delimiters int
}

// DefaultLimits returns limits far beyond what a group's notes or a guide needs.
func DefaultLimits() Limits {
	return Limits{Depth: 12, Headings: 200, Columns: 20, Cells: 5000, Brackets: 1000, Delimiters: 4000}
}

// Problem is a text beyond a limit, at a line of its file.
type Problem struct {
	Line    int
	Message string
}

func (p Problem) Error() string { return fmt.Sprintf("line %d: %s", p.Line, p.Message) }

// Check reports where src, a text starting on line firstLine of its file, goes beyond the
// default limits; it reads the text once.
func Check(src string, firstLine int) []Problem {
	return DefaultLimits().check(src, firstLine)
}

func (l Limits) check(src string, firstLine int) []Problem {
	var probs []Problem
	add := func(line int, format string, args ...any) {
		probs = append(probs, Problem{Line: firstLine + line, Message: fmt.Sprintf(format, args...)})
	}
	headings, brackets, cells, delims := 0, 0, 0, 0
	reportedDepth, reportedCells := false, false
	fence := ""    // the fence of the code block we are in, if any
	tableCols := 0 // columns of the table we are in, if any
	prev := ""     // the previous line, a table's header row when this is its delimiter row
	lines := strings.Split(src, "\n")
	for i, line := range lines {
		line = strings.TrimSuffix(line, "\r")
		rest, depth := strip(line)
		if fence != "" {
			if strings.HasPrefix(rest, fence) {
				fence = ""
			}
			prev = line
			continue
		}
		if strings.HasPrefix(rest, "```") || strings.HasPrefix(rest, "~~~") {
			fence = rest[:3]
			prev = line
			continue
		}
		if depth > l.Depth && !reportedDepth {
			add(i, "Markdown nested %d levels deep (block quotes, lists or indentation); at most %d: flatten it", depth, l.Depth)
			reportedDepth = true
		}
		if strings.HasPrefix(rest, "#") {
			n := len(rest) - len(strings.TrimLeft(rest, "#"))
			if n <= 6 && (len(rest) == n || rest[n] == ' ' || rest[n] == '\t') {
				headings++
				if headings == l.Headings+1 {
					add(i, "more than %d Markdown headings in one text: split it", l.Headings)
				}
			}
		}
		brackets += strings.Count(line, "[")
		if brackets > l.Brackets && brackets-strings.Count(line, "[") <= l.Brackets {
			add(i, "more than %d \"[\" in one Markdown text: links are written [text](https://…); remove the extra brackets", l.Brackets)
		}
		n := strings.Count(line, "*") + strings.Count(line, "_") + strings.Count(line, "`")
		if delims += n; delims > l.Delimiters && delims-n <= l.Delimiters {
			add(i, "more than %d \"*\", \"_\" and \"`\" in one Markdown text: remove the ones that are not emphasis or code", l.Delimiters)
		}
		switch {
		case tableCols > 0 && strings.Contains(line, "|"):
			cells += tableCols
		case isDelimiterRow(rest) && strings.Contains(prev, "|"):
			tableCols = strings.Count(strings.Trim(strings.TrimSpace(rest), "|"), "|") + 1
			if tableCols > l.Columns {
				add(i, "a Markdown table of %d columns; at most %d", tableCols, l.Columns)
			}
			cells += 2 * tableCols // its header and delimiter rows
		default:
			tableCols = 0
		}
		if cells > l.Cells && !reportedCells {
			add(i, "Markdown tables of more than %d cells in one text: shorten them or link to a document", l.Cells)
			reportedCells = true
		}
		prev = line
	}
	return probs
}

// strip removes a line's leading indentation, block quote markers and list markers, and
// returns what is left and how many levels it removed.
func strip(line string) (string, int) {
	depth, cols := 0, 0
	for {
		switch {
		case line == "":
			return line, depth + cols/2
		case line[0] == ' ':
			cols++
			line = line[1:]
		case line[0] == '\t':
			cols += 4
			line = line[1:]
		case line[0] == '>':
			depth++
			line = line[1:]
		case (line[0] == '-' || line[0] == '*' || line[0] == '+') && len(line) > 1 && (line[1] == ' ' || line[1] == '\t'):
			depth++
			line = line[1:]
		default:
			n := 0
			for n < len(line) && n < 9 && line[n] >= '0' && line[n] <= '9' {
				n++
			}
			if n > 0 && n+1 < len(line) && (line[n] == '.' || line[n] == ')') && (line[n+1] == ' ' || line[n+1] == '\t') {
				depth++
				line = line[n+1:]
				continue
			}
			return line, depth + cols/2
		}
	}
}

// isDelimiterRow reports whether line is a GFM table's delimiter row: cells of hyphens with
// optional colons, separated by pipes ("| --- | :-: |").
func isDelimiterRow(line string) bool {
	line = strings.TrimSpace(line)
	if !strings.Contains(line, "-") {
		return false
	}
	if !strings.Contains(line, "|") && !strings.HasPrefix(line, ":") {
		return false
	}
	for _, r := range line {
		switch r {
		case '|', '-', ':', ' ', '\t':
		default:
			return false
		}
	}
	return true
}
