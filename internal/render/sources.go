package render

import (
	"io/fs"
	"regexp"
	"strings"
	"text/template/parse"

	"sitegen/internal/links"
	"sitegen/internal/load"
)

// hrefInText finds an address written as text in a template: href="/groups/".
var hrefInText = regexp.MustCompile(`(?:href|src)="(/[^"{]*)"`)

// TemplateLinks returns the addresses the templates write as constants, with the file and
// line of each: {{link "groups/"}}, {{file "api/groups.json"}}, {{asset "site.css"}}, and
// href="/…" in the text. A build names them when such a link goes nowhere.
func TemplateLinks(templates fs.FS) []links.Source {
	files, _ := load.Walk(templates, ".")
	var out []links.Source
	for _, p := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		b, err := load.ReadFile(templates, p)
		if err != nil {
			continue
		}
		funcs := map[string]any{"html": true, "print": true, "len": true, "le": true, "eq": true,
			"ne": true, "not": true, "and": true, "or": true, "index": true, "slice": true}
		for name := range (&renderer{}).funcs(&lang{}) {
			funcs[name] = true
		}
		trees, err := parse.Parse(p, string(b), "{{", "}}", funcs)
		if err != nil {
			continue // the build reports it
		}
		text := string(b)
		lineAt := func(pos parse.Pos) int { return 1 + strings.Count(text[:min(int(pos), len(text))], "\n") }
		for _, tree := range trees {
			visit(tree.Root, func(n parse.Node) {
				switch n := n.(type) {
				case *parse.CommandNode:
					if len(n.Args) < 2 {
						return
					}
					id, ok := n.Args[0].(*parse.IdentifierNode)
					arg, ok2 := n.Args[1].(*parse.StringNode)
					if !ok || !ok2 {
						return
					}
					switch id.Ident {
					case "link", "file":
						out = append(out, links.Source{File: "templates/" + p, Line: lineAt(n.Pos), Dest: arg.Text})
					case "asset":
						out = append(out, links.Source{File: "templates/" + p, Line: lineAt(n.Pos), Dest: "assets/" + arg.Text})
					}
				case *parse.TextNode:
					for _, m := range hrefInText.FindAllSubmatchIndex(n.Text, -1) {
						line := lineAt(n.Pos) + strings.Count(string(n.Text[:m[0]]), "\n")
						out = append(out, links.Source{File: "templates/" + p, Line: line, Dest: string(n.Text[m[2]:m[3]])})
					}
				}
			})
		}
	}
	return out
}

// visit calls f on every node of a template's tree.
func visit(n parse.Node, f func(parse.Node)) {
	if n == nil {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				visit(c, f)
			}
		}
	case *parse.ActionNode:
		visit(n.Pipe, f)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				visit(c, f)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			visit(a, f)
		}
	case *parse.IfNode:
		visit(n.Pipe, f)
		visit(n.List, f)
		visit(n.ElseList, f)
	case *parse.RangeNode:
		visit(n.Pipe, f)
		visit(n.List, f)
		visit(n.ElseList, f)
	case *parse.WithNode:
		visit(n.Pipe, f)
		visit(n.List, f)
		visit(n.ElseList, f)
	case *parse.TemplateNode:
		visit(n.Pipe, f)
	}
}
