package render

import (
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{
			name: "paragraph and emphasis",
			src:  "Free and *confidential*.",
			want: []string{"<p>Free and <em>confidential</em>.</p>"},
		},
		{
			name:    "raw HTML block dropped",
			src:     "<script>alert(1)</script>\n\ntext",
			want:    []string{"<!-- raw HTML omitted -->", "<p>text</p>"},
			notWant: []string{"<script", "alert(1)"},
		},
		{
			name:    "raw inline HTML dropped",
			src:     "a <img src=x onerror=alert(1)> b <b onmouseover=\"alert(1)\">c</b>",
			notWant: []string{"<img", "onerror", "onmouseover", "<b"},
		},
		{
			name:    "HTML comment cannot close the placeholder",
			src:     "a <!-- x --> <script>alert(1)</script> -->",
			notWant: []string{"<script", "<!-- x"},
		},
		{
			name:    "javascript link",
			src:     "[click](javascript:alert(1))",
			want:    []string{"<p>click</p>"},
			notWant: []string{"href", "javascript"},
		},
		{
			name:    "javascript link in capitals, with a tab",
			src:     "[click](<JAVA\tSCRIPT:alert(1)>)",
			want:    []string{"click"},
			notWant: []string{"href"},
		},
		{
			name:    "entity-encoded javascript link",
			src:     "[click](&#106;avascript:alert(1))",
			want:    []string{"click"},
			notWant: []string{"href"},
		},
		{
			name:    "data and vbscript links",
			src:     "[a](data:text/html;base64,PHNjcmlwdD4=) [b](vbscript:msgbox(1))",
			notWant: []string{"href"},
		},
		{
			name:    "javascript autolink",
			src:     "<javascript:alert(1)>",
			notWant: []string{"href"},
		},
		{
			name: "allowed links",
			src:  "[site](https://nami.org/) [mail](mailto:a@example.org) [call](tel:988) [here](/groups/) [top](#top) <https://example.org/x>",
			want: []string{`href="https://nami.org/"`, `href="mailto:a@example.org"`, `href="tel:988"`,
				`href="/groups/"`, `href="#top"`, `href="https://example.org/x"`},
		},
		{
			name:    "image becomes its text",
			src:     "![a map of the area](https://tiles.example.com/x.png)",
			want:    []string{"a map of the area"},
			notWant: []string{"<img", "tiles.example.com"},
		},
		{
			name:    "link inside an image-free paragraph keeps its label markup",
			src:     "[**bold** label](javascript:x)",
			want:    []string{"<strong>bold</strong> label"},
			notWant: []string{"href"},
		},
		{
			name:    "h1 becomes h2",
			src:     "# Title\n\n## Part",
			want:    []string{`<h2 id="title">Title</h2>`, `<h2 id="part">Part</h2>`},
			notWant: []string{"<h1"},
		},
		{
			name: "heading ids: accents, duplicates, reserved",
			src:  "## Qué es\n\n## Qué es\n\n## Main\n\n## Results",
			want: []string{`id="que-es"`, `id="que-es-2"`, `id="main-2"`, `id="results-2"`},
		},
		{
			name: "table",
			src:  "| day | time |\n| --- | --- |\n| Tue | 6:30 |",
			want: []string{"<table>", "<th>day</th>", "<td>Tue</td>"},
		},
		{
			name:    "escaped text",
			src:     `" onmouseover="alert(1)`,
			want:    []string{"&quot; onmouseover=&quot;alert(1)"},
			notWant: []string{`"alert`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Markdown(tt.src)
			if err != nil {
				t.Fatalf("Markdown(%q) = %v", tt.src, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("Markdown(%q) = %q, want it to contain %q", tt.src, got, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(strings.ToLower(string(got)), strings.ToLower(w)) {
					t.Errorf("Markdown(%q) = %q, want no %q", tt.src, got, w)
				}
			}
		})
	}
}

func TestMarkdownTOC(t *testing.T) {
	_, toc, err := markdown("# One\n\n## Two *em*\n\n### Three `code`\n\n#### Four\n\n## Two *em*", "/")
	if err != nil {
		t.Fatal(err)
	}
	want := []heading{
		{Level: 2, ID: "one", Text: "One"},
		{Level: 2, ID: "two-em", Text: "Two em"},
		{Level: 3, ID: "three-code", Text: "Three code"},
		{Level: 2, ID: "two-em-2", Text: "Two em"},
	}
	if len(toc) != len(want) {
		t.Fatalf("markdown() toc = %+v, want %+v", toc, want)
	}
	for i := range want {
		if toc[i] != want[i] {
			t.Errorf("markdown() toc[%d] = %+v, want %+v", i, toc[i], want[i])
		}
	}
}

func TestMarkdownBasePath(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{name: "site path", src: "[finder](/groups/?state=oh)", want: `href="/connection/groups/?state=oh"`},
		{name: "fragment", src: "[up](#top)", want: `href="#top"`},
		{name: "relative", src: "[x](other/)", want: `href="other/"`},
		{name: "protocol-relative untouched", src: "[x](//example.org/)", want: `href="//example.org/"`},
		{name: "absolute untouched", src: "[x](https://example.org/groups/)", want: `href="https://example.org/groups/"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := markdown(tt.src, "/connection/")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(got), tt.want) {
				t.Errorf("markdown(%q, /connection/) = %q, want %s", tt.src, got, tt.want)
			}
		})
	}
}
