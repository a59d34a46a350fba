package markdown

import (
	"bytes"
	"html"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// linksKey is where the sanitizer leaves a document's links for Render, and rawKey the lines
// of its raw HTML.
var (
	linksKey = parser.NewContextKey()
	rawKey   = parser.NewContextKey()
)

// sanitizer is a goldmark AST transformer that removes what a page must not carry and
// goldmark's safe mode would keep (see the package comment), and records every link.
type sanitizer struct {
	basePath string // "/" or "/connection/"
}

// Transform implements parser.ASTTransformer.
func (z sanitizer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var links []Link
	var raw []int         // lines of raw HTML, which goldmark's safe mode leaves out
	var unwrap []ast.Node // links and images to replace by their text
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 1 {
				n.Level = 2
			}
		case *ast.Link:
			dest := string(n.Destination)
			safe := safeLink(dest)
			links = append(links, Link{Dest: dest, Line: lineOf(n, source), Safe: safe})
			switch {
			case !safe:
				unwrap = append(unwrap, n)
			case strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") && !strings.HasPrefix(dest, "/\\"):
				n.Destination = []byte(z.basePath + dest[1:])
			}
		case *ast.AutoLink:
			dest := string(n.URL(source))
			safe := n.AutoLinkType != ast.AutoLinkURL || safeLink(dest)
			if n.AutoLinkType == ast.AutoLinkEmail {
				dest = "mailto:" + dest
			}
			links = append(links, Link{Dest: dest, Line: lineOf(n, source), Safe: safe})
			if !safe {
				unwrap = append(unwrap, n)
			}
		case *ast.Image:
			unwrap = append(unwrap, n)
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				raw = append(raw, lineAt(n.Lines().At(0).Start, source))
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				raw = append(raw, lineAt(n.Segments.At(0).Start, source))
			}
		case *east.TableCell:
			switch n.Alignment {
			case east.AlignLeft:
				n.SetAttributeString("class", []byte("align-left"))
			case east.AlignCenter:
				n.SetAttributeString("class", []byte("align-center"))
			case east.AlignRight:
				n.SetAttributeString("class", []byte("align-right"))
			}
		}
		return ast.WalkContinue, nil
	})
	pc.Set(linksKey, links)
	pc.Set(rawKey, raw)
	// Replace innermost first, so that a node to unwrap inside another is handled before its
	// parent moves it.
	for i := len(unwrap) - 1; i >= 0; i-- {
		n := unwrap[i]
		parent := n.Parent()
		if parent == nil {
			continue
		}
		switch n := n.(type) {
		case *ast.AutoLink:
			parent.ReplaceChild(parent, n, ast.NewString(n.Label(source)))
		default:
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				parent.InsertBefore(parent, n, c)
				c = next
			}
			parent.RemoveChild(parent, n)
		}
	}
}

// lineOf returns the 1-based line on which inline node n's first text starts, or of its
// block when it has none.
func lineOf(n ast.Node, source []byte) int {
	offset := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			offset = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if offset < 0 {
		for b := n; b != nil; b = b.Parent() {
			if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
				offset = b.Lines().At(0).Start
				break
			}
		}
	}
	if offset < 0 {
		return 1
	}
	return lineAt(offset, source)
}

// lineAt returns the 1-based line of source on which the byte at offset is.
func lineAt(offset int, source []byte) int {
	return 1 + bytes.Count(source[:offset], []byte("\n"))
}

// safeLink reports whether a link destination may be published: a relative reference or an
// absolute URL with scheme http, https, mailto or tel. The destination is looked at as the
// browser will see it: with character references resolved (goldmark writes "&#106;" as "j")
// and without the whitespace and control characters browsers ignore ("java\tscript:").
func safeLink(dest string) bool {
	var b strings.Builder
	for _, r := range html.UnescapeString(dest) {
		if r <= ' ' || r == 0x7f || unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	u := b.String()
	end := strings.IndexAny(u, "/?#")
	if end < 0 {
		end = len(u)
	}
	colon := strings.IndexByte(u[:end], ':')
	if colon < 0 {
		return true // relative
	}
	switch u[:colon] {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}
