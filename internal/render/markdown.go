package render

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown renders src (CommonMark with GFM tables) as HTML that is safe to place in a page:
// raw HTML is dropped (goldmark's safe mode writes a fixed comment in its place), links whose
// scheme is not http, https, mailto or tel lose their link and keep their text, images become
// their alternative text (the site never loads anything from another host, and content has no
// images of its own), and level-1 headings become level-2 so a page keeps its one h1. Links
// to a path on the site ("/groups/") stay as written; the pages of [Pages] move them under
// the site's base path.
func Markdown(src string) (template.HTML, error) {
	h, _, err := markdown(src, "/")
	return h, err
}

// heading is one entry of a guide's table of contents.
type heading struct {
	Level int    // 2 or 3
	ID    string // the heading's id attribute
	Text  string // the heading's plain text
}

// markdown renders src as [Markdown] does, with links to a path on the site ("/groups/")
// moved under basePath ("/connection/groups/"), and also returns its h2 and h3 headings, in
// order.
func markdown(src, basePath string) (template.HTML, []heading, error) {
	return markdownWith(newMarkdown(basePath), src)
}

// newMarkdown returns the Markdown converter of [markdown] for basePath. Building one costs
// more than converting a short note, so a renderer makes one and shares it: goldmark keeps
// per-document state in the parser context, not in the converter.
func newMarkdown(basePath string) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(sanitizer{basePath: basePath}, 100)),
		),
	)
}

// markdownWith renders src with the converter md, as [markdown] does.
func markdownWith(md goldmark.Markdown, src string) (template.HTML, []heading, error) {
	source := []byte(src)
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
	var toc []heading
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok || h.Level > 3 {
			return ast.WalkContinue, nil
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		toc = append(toc, heading{Level: h.Level, ID: string(idb), Text: plainText(h, source)})
		return ast.WalkSkipChildren, nil
	})
	if err != nil {
		return "", nil, fmt.Errorf("markdown: %w", err)
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, source, doc); err != nil {
		return "", nil, fmt.Errorf("markdown: %w", err)
	}
	// The output is goldmark's, in safe mode, after sanitizer has run: trusted as HTML.
	return template.HTML(buf.String()), toc, nil
}

// plainText returns the text of n's inline content, without markup.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(source))
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
	return strings.TrimSpace(b.String())
}

// sanitizer is a goldmark AST transformer that removes what a page must not carry and
// goldmark's safe mode would keep: links with other schemes than an allow-list (safe mode
// only blocks a deny-list), and images, which would make the browser request another host.
// It also moves links to a path on the site under the site's base path.
type sanitizer struct {
	basePath string // "/" or "/connection/"
}

// Transform implements parser.ASTTransformer.
func (z sanitizer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var unwrap []ast.Node // links and images to replace by their text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
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
			switch {
			case !safeLink(dest):
				unwrap = append(unwrap, n)
			case strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") && !strings.HasPrefix(dest, "/\\"):
				n.Destination = []byte(z.basePath + dest[1:])
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && !safeLink(string(n.URL(source))) {
				unwrap = append(unwrap, n)
			}
		case *ast.Image:
			unwrap = append(unwrap, n)
		}
		return ast.WalkContinue, nil
	})
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

// headingIDs gives headings readable ids ("Qué es" → "que-es"), unique in the document and
// never one of the ids the layout uses itself.
type headingIDs struct {
	used map[string]bool
}

func newHeadingIDs() *headingIDs {
	// The ids that templates give elements; a heading must not take one.
	used := map[string]bool{}
	for _, id := range []string{"main", "results", "q", "contents", "guides",
		"list-facilitator-trainings", "list-state-organizations", "list-champion-calls"} {
		used[id] = true
	}
	return &headingIDs{used: used}
}

// Generate implements parser.IDs.
func (ids *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range string(value) {
		r = foldAccent(unicode.ToLower(r))
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '-' || r == '_':
			dash = true
		}
	}
	id := b.String()
	if id == "" {
		id = "section"
	}
	if !ids.used[id] {
		ids.used[id] = true
		return []byte(id)
	}
	for i := 2; ; i++ {
		alt := fmt.Sprintf("%s-%d", id, i)
		if !ids.used[alt] {
			ids.used[alt] = true
			return []byte(alt)
		}
	}
}

// Put implements parser.IDs.
func (ids *headingIDs) Put(value []byte) { ids.used[string(value)] = true }

// foldAccent returns the unaccented letter of the Latin letters Spanish and French use.
func foldAccent(r rune) rune {
	switch r {
	case 'á', 'à', 'â', 'ä', 'ã':
		return 'a'
	case 'é', 'è', 'ê', 'ë':
		return 'e'
	case 'í', 'ì', 'î', 'ï':
		return 'i'
	case 'ó', 'ò', 'ô', 'ö', 'õ':
		return 'o'
	case 'ú', 'ù', 'û', 'ü':
		return 'u'
	case 'ñ':
		return 'n'
	case 'ç':
		return 'c'
	}
	return r
}
