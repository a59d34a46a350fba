package markdown

import (
	"strings"
	"testing"
	"time"
)

func render(t *testing.T, src string) *Result {
	t.Helper()
	r, err := New(Options{BasePath: "/connection/", ReservedIDs: []string{"main"}}).Render(src, 1)
	if err != nil {
		t.Fatalf("Render(%q): %v", src, err)
	}
	return r
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name, src  string
		want, deny []string
	}{
		{"paragraph", "Hello *you*.", []string{"<p>Hello <em>you</em>.</p>"}, nil},
		{"raw HTML", "a <script>alert(1)</script> b\n\n<div onclick=x>block</div>", []string{"raw HTML omitted"}, []string{"<script", "<div", "onclick"}},
		{"javascript link", "[x](javascript:alert(1)) [y](java\tscript:1) [z](&#106;avascript:1)", []string{"x", "y"}, []string{"href", "javascript"}},
		{"data link", "[x](data:text/html,hi)", []string{"x"}, []string{"href"}},
		{"safe links", "[a](https://nami.org) [b](mailto:a@b.org) [c](tel:+15055550100) [d](/groups/nm/)",
			[]string{`href="https://nami.org"`, `href="mailto:a@b.org"`, `href="tel:+15055550100"`, `href="/connection/groups/nm/"`}, nil},
		{"protocol-relative", "[a](//evil.example/x)", []string{`href="//evil.example/x"`}, []string{"/connection//"}},
		{"image", "![a map](https://tiles.example/x.png)", []string{"a map"}, []string{"<img", "tiles.example"}},
		{"h1 becomes h2", "# Title\n\n## Part", []string{`<h2 id="title">Title</h2>`, `<h2 id="part">`}, []string{"<h1"}},
		{"reserved id", "## Main", []string{`id="main-2"`}, []string{`id="main"`}},
		{"accented id", "## ¿Qué es NAMI Conexión?", []string{`id="que-es-nami-conexion"`}, nil},
		{"table alignment", "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |", []string{`<th class="align-left">a</th>`, `<td class="align-center">2</td>`, `<td class="align-right">3</td>`}, []string{"style=", "align="}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := string(render(t, tt.src).HTML)
			for _, w := range tt.want {
				if !strings.Contains(h, w) {
					t.Errorf("HTML of %q = %q, want it to contain %q", tt.src, h, w)
				}
			}
			for _, d := range tt.deny {
				if strings.Contains(h, d) {
					t.Errorf("HTML of %q = %q, must not contain %q", tt.src, h, d)
				}
			}
		})
	}
}

func TestTextAndWords(t *testing.T) {
	src := "# Room\n\nRoom *3*, [ask us](mailto:a@b.org) or [the site](https://nami.org).\n\n- one\n- two\n\n1. first\n2. second\n\n```\ncode here\n```\n\nAT&amp;T \\*not em\\*"
	r := render(t, src)
	wantText := "Room\nRoom 3, ask us (mailto:a@b.org) or the site (https://nami.org).\n- one\n- two\n1. first\n2. second\ncode here\nAT&T *not em*"
	if r.Text != wantText {
		t.Errorf("Text =\n%s\nwant\n%s", r.Text, wantText)
	}
	wantWords := "Room Room 3, ask us or the site . one two first second AT&T *not em*"
	if r.Words != wantWords {
		t.Errorf("Words = %q, want %q", r.Words, wantWords)
	}
}

func TestHeadingsAndLinks(t *testing.T) {
	r := render(t, "Intro\n\n## One\n\n### Two [x](javascript:1)\n\n#### Deep\n\nSee <https://nami.org> and\n[ref][r].\n\n[r]: https://example.org/ref\n")
	want := []Heading{{2, "one", "One"}, {3, "two-xjavascript1", "Two x"}}
	if len(r.Headings) != len(want) {
		t.Fatalf("Headings = %v, want %v", r.Headings, want)
	}
	for i := range want {
		if r.Headings[i] != want[i] {
			t.Errorf("Headings[%d] = %v, want %v", i, r.Headings[i], want[i])
		}
	}
	wantLinks := []Link{{"javascript:1", 5, false}, {"https://nami.org", 9, true}, {"https://example.org/ref", 10, true}}
	if len(r.Links) != len(wantLinks) {
		t.Fatalf("Links = %v, want %v", r.Links, wantLinks)
	}
	for i := range wantLinks {
		if r.Links[i] != wantLinks[i] {
			t.Errorf("Links[%d] = %v, want %v", i, r.Links[i], wantLinks[i])
		}
	}
	// Lines count from the text's first line in its file.
	r2, _ := New(Options{}).Render("a\n[x](data:1)", 20)
	if r2.Links[0].Line != 21 {
		t.Errorf("link line with firstLine 20 = %d, want 21", r2.Links[0].Line)
	}
}

func TestLimits(t *testing.T) {
	nested := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}
	tests := []struct {
		name, src string
		line      int // of the first problem; 0 for none
	}{
		{"fine", "## a\n\n- b\n  - c\n\n> d\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", 0},
		{"deep list", nested(30), 13},
		{"deep quote", "x\n" + strings.Repeat(">", 40) + " x", 2},
		{"headings", strings.Repeat("## a\n", 300), 201},
		{"wide table", "|" + strings.Repeat("a|", 30) + "\n|" + strings.Repeat("-|", 30) + "\n", 2},
		{"long table", "|a|b|\n|-|-|\n" + strings.Repeat("|1|2|\n", 3000), 2501},
		{"brackets", strings.Repeat("[a](", 2000), 1},
		{"delimiters", strings.Repeat("*a _b `c\n", 1500), 1334},
		{"code is not nesting", "```\n" + strings.Repeat(" ", 80) + "x\n```\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := Check(tt.src, 1)
			switch {
			case tt.line == 0 && len(probs) > 0:
				t.Errorf("Check = %v, want no problem", probs)
			case tt.line > 0 && len(probs) == 0:
				t.Errorf("Check found no problem, want one on line %d", tt.line)
			case tt.line > 0 && probs[0].Line != tt.line:
				t.Errorf("Check = %v, want the first on line %d", probs, tt.line)
			}
			if _, err := New(Options{}).Render(tt.src, 1); (err != nil) != (tt.line > 0) {
				t.Errorf("Render error = %v, want one: %v", err, tt.line > 0)
			}
		})
	}
}

// TestCostIsLinear renders, within the limits, the shapes on which Markdown parsers are
// slowest, at two sizes: four times the text may not cost much more than four times the time.
func TestCostIsLinear(t *testing.T) {
	c := New(Options{})
	shapes := map[string]func(n int) string{
		"headings of one name": func(n int) string { return strings.Repeat("## a\n", n/50) + strings.Repeat("text ", n) },
		"brackets":             func(n int) string { return strings.Repeat("[a](", n/40) + strings.Repeat("x ", n) },
		"emphasis":             func(n int) string { return strings.Repeat("*a _b ", n/8) + strings.Repeat("text ", n) },
		"backticks":            func(n int) string { return strings.Repeat("`a ``b ", n/8) + strings.Repeat("text ", n) },
		"nested within limits": func(n int) string { return strings.Repeat("> > > > - - - x\n", n) },
	}
	for name, shape := range shapes {
		cost := func(n int) time.Duration {
			src := shape(n)
			best := time.Hour
			for range 3 {
				start := time.Now()
				if _, err := c.Render(src, 1); err != nil {
					t.Fatalf("%s, n=%d: %v", name, n, err)
				}
				best = min(best, time.Since(start))
			}
			return best
		}
		// Quadratic work takes 16 times as long for 4 times the text, every time; a busy
		// machine (the race detector's tests beside this one) can slow one measure, so the
		// pair is measured again before failing.
		var small, large time.Duration
		for range 3 {
			small, large = cost(2000), cost(8000)
			if large <= 8*small+10*time.Millisecond {
				break
			}
		}
		if large > 8*small+10*time.Millisecond {
			t.Errorf("%s: 4x the text took %v, against %v: more than linear", name, large, small)
		}
	}
}
