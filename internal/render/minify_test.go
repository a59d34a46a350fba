package render

import (
	"strings"
	"testing"
)

func TestMinify(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the output, whole; "" when an error is wanted
		wantErr  string
	}{
		{name: "site.css", in: "/* the body */\nbody {\n  color: #ffffff;\n  margin: 0px 0px;\n}\n", want: "body{color:#fff;margin:0}\n"},
		{name: "a.js", in: "// a comment\nexport function greet(name) {\n  const greeting = `¡Hola, ${name}!`;\n  return greeting;\n}\n", want: "function n(e){return`¡Hola, ${e}!`}export{n as greet};\n"},
		{name: "icon.svg", in: "<svg>  </svg>\n", want: "<svg>  </svg>\n"},
		{name: "bad.js", in: "export const = 1;\n", wantErr: "templates/bad.js: line 1, column 14"},
		{name: "look.js", in: "// words\nexport const r = /(?<!a)b/u;\n", wantErr: "templates/look.js: line 2 of what is minified: a lookbehind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := minify(tt.name, []byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("minify(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Errorf("minify(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
			}
		})
	}
}
