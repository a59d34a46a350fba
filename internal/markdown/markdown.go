// Package markdown owns the site's Markdown: goldmark's setup (CommonMark with GFM tables),
// what a page may carry of it, and what every other output takes from it. One parse of a text
// gives its HTML for pages, its plain text for feeds and calendars, its words for the search
// index, its headings for a table of contents, and its links for check.
//
// What a page carries, whatever the text says:
//   - no raw HTML (goldmark's safe mode writes a fixed comment in its place);
//   - links only to relative addresses and to http, https, mailto and tel URLs; others lose
//     their link and keep their text, and check warns about them;
//   - no images: they become their alternative text (the site never loads anything from
//     another host, and content has no images of its own);
//   - level-1 headings become level-2, so a page keeps its one h1;
//   - table alignment as classes (align-left, align-center, align-right), never an inline
//     style, which the site's Content-Security-Policy forbids;
//   - links to a path on the site ("/groups/") moved under the site's base path.
//
// Every cost is linear in the text: [Check] refuses texts beyond [Limits] (deep nesting, huge
// tables, thousands of headings or link openers, on which Markdown parsers take quadratic
// time or multiply their output), and [Render] refuses them too.
package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The raw HTML a text may hold is left to goldmark's safe mode, which writes
// "<!-- raw HTML omitted -->" in its place; plain text leaves it out.

// Result is everything the site takes from one Markdown text.
type Result struct {
	// HTML is safe to place in a page as it is.
	HTML template.HTML
	// Text is the plain text: one block a line, list items starting "- " or "1. ", links
	// followed by their address in parentheses, code as written. For feeds and calendars.
	Text string
	// Words is the text a search indexes: prose without link addresses or code blocks.
	Words string
	// Headings are the level-2 and level-3 headings (after level-1 became level-2), in order.
	Headings []Heading
	// Links are every link of the text, as written, including those the page drops.
	Links []Link
	// RawHTML are the 1-based lines on which the text's pieces of raw HTML start (a block
	// of HTML, or a tag or comment among the words), in order: the page leaves them out.
	RawHTML []int
}

// Heading is one entry of a table of contents.
type Heading struct {
	Level int    // 2 or 3
	ID    string // the heading's id attribute
	Text  string // its plain text
}

// Link is one link of a text.
type Link struct {
	Dest string // the destination as written
	Line int    // 1-based line of the link's text in the text given
	Safe bool   // false when the page drops it (javascript:, data: and the like)
}

// Converter renders Markdown for one site. Building one costs more than converting a short
// note, so a build makes one and shares it between goroutines: goldmark keeps per-document
// state in the parser context, not in the converter.
type Converter struct {
	md       goldmark.Markdown
	basePath string
	limits   Limits
	reserved []string // ids a heading may not take
}

// Options are the settings of a [Converter].
type Options struct {
	// BasePath is the path of the site's base URL, "/" or "/connection/": links to "/x"
	// become BasePath+"x".
	BasePath string
	// ReservedIDs are the element ids the site's templates use: no heading takes one.
	ReservedIDs []string
	// Limits bound a text's structure; the zero value means [DefaultLimits].
	Limits Limits
}

// New returns a converter with opts.
func New(opts Options) *Converter {
	base := opts.BasePath
	if base == "" {
		base = "/"
	}
	limits := opts.Limits
	if limits == (Limits{}) {
		limits = DefaultLimits()
	}
	c := &Converter{basePath: base, limits: limits, reserved: opts.ReservedIDs}
	c.md = goldmark.New(
		goldmark.WithExtensions(extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone))),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(sanitizer{basePath: base}, 100)),
		),
	)
	return c
}

// Render converts src, a text starting on line firstLine of its file (for errors), once, into
// every form the site uses. It fails on a text beyond the converter's limits, naming the line.
func (c *Converter) Render(src string, firstLine int) (*Result, error) {
	if p := c.limits.check(src, firstLine); len(p) > 0 {
		return nil, p[0]
	}
	source := []byte(src)
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs(c.reserved)))
	doc := c.md.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
	r := &Result{}
	links, _ := ctx.Get(linksKey).([]Link)
	for i := range links {
		links[i].Line += firstLine - 1
	}
	r.Links = links
	r.RawHTML, _ = ctx.Get(rawKey).([]int)
	for i := range r.RawHTML {
		r.RawHTML[i] += firstLine - 1
	}
	r.Headings = headings(doc, source)
	r.Text, r.Words = plain(doc, source)
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := c.md.Renderer().Render(&buf, source, doc); err != nil {
		return nil, fmt.Errorf("markdown: %w", err)
	}
	// The output is goldmark's, with raw HTML replaced and links sanitised: trusted as HTML.
	r.HTML = template.HTML(buf.String())
	return r, nil
}

// headings returns doc's level-2 and level-3 headings.
func headings(doc ast.Node, source []byte) []Heading {
	var out []Heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if h.Level <= 3 {
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			out = append(out, Heading{Level: h.Level, ID: string(idb), Text: inlineText(h, source)})
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// inlineText returns the text of n's inline content, without markup.
func inlineText(n ast.Node, source []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(textValue(c, source))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// textValue returns a text node's characters with backslash escapes and character references
// resolved.
func textValue(n *ast.Text, source []byte) []byte {
	v := n.Segment.Value(source)
	if n.IsRaw() {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// plain returns doc's plain text and words (see [Result]).
func plain(doc ast.Node, source []byte) (text, words string) {
	var t, w strings.Builder
	both := func(s []byte) { t.Write(s); w.Write(s) }
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				both(textValue(n, source))
				switch {
				case n.HardLineBreak():
					t.WriteByte('\n')
					w.WriteByte(' ')
				case n.SoftLineBreak():
					both([]byte{' '})
				}
			}
		case *ast.String:
			if entering {
				if n.IsCode() || !bytes.HasPrefix(n.Value, []byte("<!--")) {
					both(n.Value)
				}
			}
		case *ast.AutoLink:
			if entering {
				t.Write(n.Label(source))
				w.WriteByte(' ')
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if !entering {
				dest := string(n.Destination)
				label := inlineText(n, source)
				if dest != "" && dest != label && strings.TrimPrefix(dest, "mailto:") != label && strings.TrimPrefix(dest, "tel:") != label {
					t.WriteString(" (" + dest + ")")
				}
				w.WriteByte(' ')
			}
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			if entering {
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					t.Write(seg.Value(source))
				}
				t.WriteByte('\n')
			}
			return ast.WalkSkipChildren, nil
		case *ast.ListItem:
			if entering {
				t.WriteByte('\n')
				w.WriteByte(' ')
				if l, ok := n.Parent().(*ast.List); ok && l.IsOrdered() {
					t.WriteString(strconv.Itoa(l.Start+indexOf(n)) + ". ")
				} else {
					t.WriteString("- ")
				}
			}
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock, *ast.ThematicBreak:
			if !entering {
				t.WriteByte('\n')
				w.WriteByte(' ')
			}
		case *east.TableCell:
			if !entering {
				t.WriteByte(' ')
				w.WriteByte(' ')
			}
		case *east.TableRow, *east.TableHeader:
			if !entering {
				t.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
	var lines []string
	for _, line := range strings.Split(t.String(), "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line != "" && line != "-" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n"), strings.Join(strings.Fields(w.String()), " ")
}

// indexOf returns the position of n among its siblings.
func indexOf(n ast.Node) int {
	i := 0
	for c := n.PreviousSibling(); c != nil; c = c.PreviousSibling() {
		i++
	}
	return i
}
