package render

import (
	"os"
	"path/filepath"
	"regexp"
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

// newer finds what the scripts must not use: functions the oldest browsers minify targets
// lack (Safari 14.1 has neither Object.hasOwn nor Array's findLast and at, which came in
// 15.4), which esbuild leaves as they are, and a lookbehind in a regular expression (Safari
// 16.4), which esbuild writes as a call of RegExp. A script would stop at either.
var newer = regexp.MustCompile(`Object\.hasOwn\(|\.findLast(Index)?\(|\.at\(|structuredClone\(|\.to(Sorted|Reversed|Spliced)\(|Object\.groupBy\(|Promise\.withResolvers\(|\(\?<[=!]`)

func TestScriptsUseWhatTheTargetsHave(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "templates", "*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts in templates: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			code := strings.TrimSpace(line)
			if strings.HasPrefix(code, "//") || strings.HasPrefix(code, "*") {
				continue
			}
			if m := newer.FindString(code); m != "" {
				t.Errorf("%s:%d: %s, which the oldest browsers of the build's targets lack", filepath.Base(f), i+1, m)
			}
		}
	}
}
