package render

import (
	"errors"
	"html/template"
	"reflect"
	"strings"
	"text/template/parse"
	"unicode/utf8"
)

// Folding the actions whose output is the same on every page.
//
// A page template writes some forty messages and links that depend on nothing but the page's
// language: {{t "group.schedule"}}, {{link "groups/"}}. Executed, each is two calls through
// reflection, the function's and the escaper's that html/template adds, and together they were
// a quarter of a group page's execution. Once a template is escaped, fold writes each such
// action's output, escaped as html/template would, into the template as text.

// pureFuncs are the template functions whose result depends only on their arguments and the
// page's language: an action calling one of them with constant arguments can be folded.
var pureFuncs = map[string]bool{
	"t": true, "label": true, "link": true, "file": true, "asset": true,
	"stateName": true, "langName": true,
}

// errStop ends an execution at its first write: see escape.
var errStop = errors.New("render: stop")

// stopWriter fails every write.
type stopWriter struct{}

func (stopWriter) Write([]byte) (int, error) { return 0, errStop }

// escape has html/template escape the template name of t and every template it calls, which it
// does only on a first execution, without running it: the execution stops at its first write.
// It reports whether the templates were escaped; when they were not, executing the template
// reports why.
func escape(t *template.Template, name string) bool {
	_ = t.ExecuteTemplate(stopWriter{}, name, struct{}{})
	e := t.Lookup(name)
	return e != nil && e.Tree != nil
}

// fold escapes template name of t and folds the constant actions of it and of every template
// it calls (see pureFuncs), with the functions funcs that t was given. It must run before t is
// executed anywhere else.
func fold(t *template.Template, name string, funcs template.FuncMap) {
	if !escape(t, name) {
		return
	}
	f := folder{funcs: funcs, seen: map[string]bool{}}
	f.template(t, name)
}

// folder folds the templates of one set.
type folder struct {
	funcs template.FuncMap
	seen  map[string]bool // templates folded or being folded
}

// template folds the template name of t and those it calls. Only templates reached from an
// escaped one are folded: they are escaped too, in the context they are called in. A template
// html/template derived for another context is not in t's set and stays as it is.
func (f *folder) template(t *template.Template, name string) {
	if f.seen[name] {
		return
	}
	f.seen[name] = true
	tt := t.Lookup(name)
	if tt == nil || tt.Tree == nil || tt.Tree.Root == nil {
		return
	}
	f.list(t, tt.Tree.Root)
}

// list folds the actions of l, and merges the texts that end up side by side.
func (f *folder) list(t *template.Template, l *parse.ListNode) {
	if l == nil {
		return
	}
	out := l.Nodes[:0]
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if s, ok := f.constant(n.Pipe); ok {
				out = appendText(out, n.Pos, s)
				continue
			}
		case *parse.TextNode:
			if k := len(out) - 1; k >= 0 {
				if _, ok := out[k].(*parse.TextNode); ok {
					out = appendText(out, n.Pos, string(n.Text))
					continue
				}
			}
		case *parse.IfNode:
			f.list(t, n.List)
			f.list(t, n.ElseList)
		case *parse.RangeNode:
			f.list(t, n.List)
			f.list(t, n.ElseList)
		case *parse.WithNode:
			f.list(t, n.List)
			f.list(t, n.ElseList)
		case *parse.TemplateNode:
			f.template(t, n.Name)
		}
		out = append(out, n)
	}
	clear(l.Nodes[len(out):])
	l.Nodes = out
}

// appendText appends text s to nodes, to the text that ends them if one does.
func appendText(nodes []parse.Node, pos parse.Pos, s string) []parse.Node {
	if k := len(nodes) - 1; k >= 0 {
		if last, ok := nodes[k].(*parse.TextNode); ok {
			nodes[k] = &parse.TextNode{NodeType: parse.NodeText, Pos: last.Pos, Text: append(last.Text[:len(last.Text):len(last.Text)], s...)}
			return nodes
		}
	}
	return append(nodes, &parse.TextNode{NodeType: parse.NodeText, Pos: pos, Text: []byte(s)})
}

// constant returns what the escaped pipeline p writes when that is the same on every page: a
// pure function (pureFuncs) called with constant strings, then only escapers whose output
// fold knows. It reports false for any other pipeline, which stays as it is.
func (f *folder) constant(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || p.IsAssign || len(p.Cmds) < 2 {
		return "", false
	}
	s, ok := f.call(p.Cmds[0])
	if !ok {
		return "", false
	}
	for _, c := range p.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok {
			return "", false
		}
		if s, ok = escapeAs(id.Ident, s); !ok {
			return "", false
		}
	}
	return s, true
}

// call returns the value of command c when it is a pure function of constant strings, or a
// constant string itself.
func (f *folder) call(c *parse.CommandNode) (string, bool) {
	if len(c.Args) == 1 {
		if s, ok := c.Args[0].(*parse.StringNode); ok {
			return s.Text, true
		}
	}
	id, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok || !pureFuncs[id.Ident] {
		return "", false
	}
	fn := reflect.ValueOf(f.funcs[id.Ident])
	if fn.Kind() != reflect.Func {
		return "", false
	}
	ft := fn.Type()
	args := make([]reflect.Value, 0, len(c.Args)-1)
	for i, a := range c.Args[1:] {
		s, ok := a.(*parse.StringNode)
		if !ok {
			return "", false
		}
		var in reflect.Type
		switch {
		case ft.IsVariadic() && i >= ft.NumIn()-1:
			in = ft.In(ft.NumIn() - 1).Elem()
		case i < ft.NumIn():
			in = ft.In(i)
		default:
			return "", false
		}
		v := reflect.ValueOf(s.Text)
		if !v.Type().AssignableTo(in) {
			return "", false
		}
		args = append(args, v)
	}
	if n := len(args); n < ft.NumIn()-1 || !ft.IsVariadic() && n != ft.NumIn() {
		return "", false
	}
	// Only a plain string: a value of one of html/template's content types (template.HTML)
	// is escaped by other rules.
	if ft.NumOut() == 0 || ft.Out(0) != reflect.TypeFor[string]() {
		return "", false
	}
	out := fn.Call(args)
	if len(out) == 2 {
		if err, _ := out[1].Interface().(error); err != nil {
			return "", false // left for the page's execution to report
		}
	}
	return out[0].String(), true
}

// escapeAs returns s as html/template's escaper named esc writes a plain string, when fold
// knows that escaper's output for s.
func escapeAs(esc, s string) (string, bool) {
	switch esc {
	case "_html_template_htmlescaper", "_html_template_attrescaper", "_html_template_rcdataescaper":
		return htmlEscape(s), true
	case "_html_template_urlfilter", "_html_template_urlnormalizer":
		// A path or an address of unreserved characters and slashes: no scheme to filter,
		// nothing to encode.
		return s, plainURL(s, true)
	case "_html_template_urlescaper":
		return s, plainURL(s, false)
	}
	return "", false
}

// plainURL reports whether s is made only of URL characters that need no encoding (RFC 3986's
// unreserved characters) and, when slash is true, slashes.
func plainURL(s string, slash bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-' || c == '.' || c == '_' || c == '~':
		case c == '/' && slash:
		default:
			return false
		}
	}
	return true
}

// htmlEscape escapes s for HTML text and quoted attribute values as html/template does for a
// plain string (its htmlReplacementTable): NUL becomes U+FFFD, and " & ' + < > character
// references.
func htmlEscape(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		var repl string
		switch r {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		}
		if repl != "" {
			b.WriteString(s[last:i])
			b.WriteString(repl)
			last = i + w
		}
		i += w
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
