package load

import (
	"bytes"

	"go.yaml.in/yaml/v3"

	"sitegen/internal/civil"
	"sitegen/internal/diag"
)

// Page is a Markdown file under content/: its front matter and its body.
type Page struct {
	Path     string
	Slug     string
	Guide    bool   // under content/guides/
	Lang     string // "es" for content/es/…: another language's version of a page; "" for the site's own
	Title    string
	Summary  string
	Order    *int
	Updated  civil.Date
	Blocks   []string
	BlocksAt []Pos
	Body     string
	// BodyLine is the line of the file on which Body starts.
	BodyLine int
	Keys     Keys
	// Failed is set when the file could not be read as a page; load has reported why, and
	// check skips the page's own rules so as not to report the same problem again.
	Failed bool
}

// splitFrontMatter separates a leading "---" … "---" block from the Markdown after it. It
// returns the YAML (without the fences), the body, and the 1-based line on which the body
// starts; ok is false when the file does not open with front matter or never closes it.
func splitFrontMatter(src []byte) (meta, body []byte, bodyLine int, ok bool) {
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, src, 1, false
	}
	line := 2
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		next := len(rest)
		if end >= 0 {
			l, next = rest[off:off+end], off+end+1
		} else {
			l = rest[off:]
		}
		if string(bytes.TrimRight(l, " \t\r")) == "---" {
			return rest[:off], rest[next:], line + 1, true
		}
		off = next
		line++
	}
	return nil, src, 1, false
}

func (d *decoder) page(src []byte, slug string, guide bool) *Page {
	p := &Page{Path: d.path, Slug: slug, Guide: guide, Keys: Keys{"": {1, 1}}}
	// The whole file, body included: the front matter's own checks would miss the body.
	if line, col, msg, ok := encodingProblem(src); ok {
		d.diags.Add(d.path, line, col, diag.Error, "%s", msg)
		p.Failed = true
		return p
	}
	if line, col, r, ok := controlChar(src); ok {
		d.diags.Add(d.path, line, col, diag.Error, "control character U+%04X is not allowed: delete it (it may be invisible in your editor)", r)
		p.Failed = true
		return p
	}
	if line, ok := conflict(src); ok {
		d.diags.Add(d.path, line, 1, diag.Error, conflictMessage)
		p.Failed = true
		return p
	}
	// A byte order mark, as some Windows editors write before the first line, is no
	// character of the page: YAML files may start with one too.
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	meta, body, bodyLine, ok := splitFrontMatter(src)
	if !ok {
		first, _, _ := bytes.Cut(src, []byte("\n"))
		if string(bytes.TrimRight(first, " \t\r")) == "---" {
			d.errorf(&yaml.Node{Line: 1, Column: 1}, "front matter is not closed: add a line \"---\" after its last key")
		} else {
			d.errorf(&yaml.Node{Line: 1, Column: 1}, "missing front matter: start the file with a line \"---\", then \"title: ...\", then a line \"---\"")
		}
		p.Failed = true
		return p
	}
	p.Body, p.BodyLine = string(body), bodyLine
	d.lineOffset = 1 // the YAML starts on the line after the opening "---"
	before := len(*d.diags)
	n := d.parse(meta)
	if n == nil {
		p.Failed = len(*d.diags) > before
		return p
	}
	p.Failed = !d.mapping(n, "front matter", p.Keys,
		field{"title", d.text(&p.Title, MaxName)},
		field{"summary", d.text(&p.Summary, MaxLine)},
		field{"order", d.integer(&p.Order)},
		field{"updated", d.date(&p.Updated)},
		field{"blocks", d.strings(&p.Blocks, &p.BlocksAt, maxCode)},
	)
	return p
}
