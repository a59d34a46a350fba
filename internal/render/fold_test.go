package render

import (
	"html/template"
	"strings"
	"testing"
	"text/template/parse"
)

// foldFuncs are template functions standing for a language's: "t" returns words full of
// characters the escapers change.
func foldFuncs() template.FuncMap {
	return template.FuncMap{
		"t": func(key string, args ...any) string {
			return "<" + key + "> & \"q\" 'a' +1 \x00 é \ufdd0 " + strings.Repeat("·", len(args))
		},
		"link":  func(p string) string { return "/base/" + p },
		"label": func(kind, v string) (string, error) { return kind + ":" + v, nil },
		"asset": func(name string) (template.HTML, error) { return template.HTML("<b>" + name + "</b>"), nil },
		"page":  func() string { return "not pure" },
	}
}

// foldText puts constant actions in every context html/template knows, and actions that
// must not be folded beside them.
const foldText = `{{define "base"}}<!DOCTYPE html>
<title>{{t "title"}}</title>
<p title="{{t "attr"}}" class={{t "unquoted"}}>{{t "text" "n" "1"}} {{"const<"}} {{.S}} {{t .S}}</p>
<a href="{{link "groups/"}}">{{label "kind" "v"}}</a>
<a href="{{link "a b/"}}">x</a> <a href="{{link "q/?q=1&r=+"}}">x</a>
<a href="{{t "scheme"}}">y</a>
<a href="/x?q={{link "z"}}">z</a>
<a onclick="f({{t "js"}})" style="color: {{t "css"}}">w</a>
<textarea>{{t "rc"}}</textarea>
<script>var s = {{t "script"}}; var u = "{{link "x"}}";</script>
<style>p { content: "{{t "style"}}" }</style>
<!-- {{t "comment"}} -->
{{asset "x"}} {{page}} {{$v := t "decl"}}{{$v}}
{{if .S}}{{t "if"}}{{else}}{{t "else"}}{{end}}
{{range $i, $e := .L}}{{t "range"}}{{end}}
{{with .S}}{{t "with"}}{{end}}
{{template "part" .}}
<p data-x="{{template "attrpart"}}">p</p>
{{end}}
{{define "part"}}<em>{{t "part"}}</em>{{end}}
{{define "attrpart"}}{{t "in-attr"}}{{end}}`

func TestFoldWritesWhatExecutionWould(t *testing.T) {
	parse := func() *template.Template {
		t.Helper()
		tt, err := template.New("x").Funcs(foldFuncs()).Parse(foldText)
		if err != nil {
			t.Fatal(err)
		}
		return tt
	}
	type data struct {
		S string
		L []string
	}
	for _, data := range []data{{"data & <b>", []string{"a", "b"}}, {}} {
		var want, got strings.Builder
		if err := parse().ExecuteTemplate(&want, "base", data); err != nil {
			t.Fatal(err)
		}
		folded := parse()
		fold(folded, "base", foldFuncs())
		left := actions(folded.Lookup("base").Tree.Root)
		if err := folded.ExecuteTemplate(&got, "base", data); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("folded output differs:\n got %q\nwant %q", got.String(), want.String())
		}
		// The constant messages of text, quoted attributes, RCDATA and plain paths are folded:
		// what is left is the actions of data, impure functions, HTML values, and contexts
		// (URLs with a query, scripts, styles, unquoted attributes) fold does not know.
		if left > 17 {
			t.Errorf("%d actions left after folding, want at most 17", left)
		}
		if got := actions(folded.Lookup("part").Tree.Root); got != 0 {
			t.Errorf("a called template keeps %d actions, want its message folded", got)
		}
	}
}

// actions counts the actions of a template's tree.
func actions(n parse.Node) int {
	count := 0
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return 0
		}
		for _, c := range n.Nodes {
			count += actions(c)
		}
	case *parse.ActionNode:
		count++
	case *parse.IfNode:
		count += actions(n.List) + actions(n.ElseList)
	case *parse.RangeNode:
		count += actions(n.List) + actions(n.ElseList)
	case *parse.WithNode:
		count += actions(n.List) + actions(n.ElseList)
	}
	return count
}

func TestFoldLeavesUnescapedTemplates(t *testing.T) {
	// A template that does not escape (an unclosed attribute) is left as parsed: its execution
	// reports the error.
	tt := template.Must(template.New("x").Funcs(foldFuncs()).Parse(`<a title="{{t "x"}}`))
	fold(tt, "x", foldFuncs())
	if err := tt.Execute(&strings.Builder{}, nil); err == nil {
		t.Fatal("a template ending inside an attribute executed")
	}
	// A template not called by the one escaped is not escaped, and not folded: folding it
	// would write its message unescaped.
	tt = template.Must(template.New("x").Funcs(foldFuncs()).Parse(`{{define "a"}}a{{end}}{{define "b"}}{{t "b"}}{{end}}`))
	fold(tt, "a", foldFuncs())
	if n := actions(tt.Lookup("b").Tree.Root); n != 1 {
		t.Errorf("template b, not escaped, has %d actions after folding, want 1", n)
	}
	var b strings.Builder
	if err := tt.ExecuteTemplate(&b, "b", nil); err != nil || !strings.HasPrefix(b.String(), "&lt;b&gt;") {
		t.Errorf("template b wrote %q, %v; want its message escaped", b.String(), err)
	}
}

func TestHTMLEscapeAsTemplate(t *testing.T) {
	tt := template.Must(template.New("x").Parse(`{{.}}|<p title="{{.}}">|<title>{{.}}</title>`))
	for _, s := range []string{"", "plain", `<a href="x">&amp;'+'</a>`, "\x00nul", "é\ufdd0\uffff", "bad \xff utf-8", "+"} {
		var b strings.Builder
		if err := tt.Execute(&b, s); err != nil {
			t.Fatal(err)
		}
		e := htmlEscape(s)
		if want := e + `|<p title="` + e + `">|<title>` + e + `</title>`; b.String() != want {
			t.Errorf("htmlEscape(%q) = %q; html/template wrote %q", s, e, b.String())
		}
	}
}
