// Package feed writes the site's machine-readable files: the Meeting Guide feed of groups
// (/api/groups.json), the trainings as JSON (/api/trainings.json) and as an Atom feed
// (/trainings/feed.xml), the schema.org Event JSON-LD of a training page, the sitemap and
// robots.txt.
//
// Every function is pure: it reads only the model it is given (never the wall clock; the build
// date is [site.Site.Now]) and sorts whatever it lists, so two calls on the same model give the
// same bytes. Privacy comes from the model: a [site.Site] holds no private or ended group or
// training, and an online group's join link only when its link is public; this package adds no
// other source of data.
package feed

import (
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sitegen/internal/site"
)

// groupURL returns the absolute address of g's page.
func groupURL(s *site.Site, g *site.Group) string {
	return s.BaseURL + "groups/" + g.ID + "/"
}

// trainingURL returns the absolute address of t's page.
func trainingURL(s *site.Site, t *site.Training) string {
	return s.BaseURL + "trainings/" + t.Slug + "/"
}

// affiliateURL returns the absolute address of a's page.
func affiliateURL(s *site.Site, a *site.Affiliate) string {
	return s.BaseURL + "affiliates/" + a.Slug + "/"
}

// zoneOf returns loc, or the site's zone when loc is nil, or UTC when both are.
func zoneOf(s *site.Site, loc *time.Location) *time.Location {
	switch {
	case loc != nil:
		return loc
	case s.Location != nil:
		return s.Location
	}
	return time.UTC
}

// isSpanish reports whether lang (a BCP 47 tag) is Spanish.
func isSpanish(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "es" || strings.HasPrefix(lang, "es-")
}

// plainText returns Markdown source md as plain text: the words of every block, one block a
// line, links followed by their address in parentheses, raw HTML left out.
func plainText(md string) string {
	if strings.TrimSpace(md) == "" {
		return ""
	}
	src := []byte(md)
	doc := goldmark.DefaultParser().Parse(text.NewReader(src))
	var b strings.Builder
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				v := n.Segment.Value(src)
				if !n.IsRaw() {
					v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
				}
				b.Write(v)
				switch {
				case n.HardLineBreak():
					b.WriteByte('\n')
				case n.SoftLineBreak():
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				b.Write(n.Value)
			}
		case *ast.AutoLink:
			if entering {
				b.Write(n.Label(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if entering {
				break
			}
			dest := string(n.Destination)
			label := string(linkLabel(n, src))
			if dest != "" && dest != label && strings.TrimPrefix(dest, "mailto:") != label {
				b.WriteString(" (" + dest + ")")
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			if entering {
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					b.Write(seg.Value(src))
				}
				b.WriteByte('\n')
			}
			return ast.WalkSkipChildren, nil
		case *ast.ListItem:
			if entering {
				b.WriteByte('\n')
				if l, ok := n.Parent().(*ast.List); ok && l.IsOrdered() {
					b.WriteString(strconv.Itoa(l.Start+indexOf(n)) + ". ")
				} else {
					b.WriteString("- ")
				}
			}
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock, *ast.ThematicBreak:
			if !entering {
				b.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
	var lines []string
	for _, line := range strings.Split(b.String(), "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line != "" && line != "-" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// linkLabel returns the text of link n's children.
func linkLabel(n ast.Node, src []byte) []byte {
	var out []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			out = append(out, t.Segment.Value(src)...)
		} else {
			out = append(out, linkLabel(c, src)...)
		}
	}
	return out
}

// indexOf returns the position of n among its siblings.
func indexOf(n ast.Node) int {
	i := 0
	for c := n.PreviousSibling(); c != nil; c = c.PreviousSibling() {
		i++
	}
	return i
}
