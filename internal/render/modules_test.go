package render

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func TestModules(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		want    map[string][]string // asset name → texts its output must hold
		wantNot map[string][]string // asset name → texts its output must not hold
		exports map[string][]string // asset name → the names its minified asset exports
		wantErr string
	}{
		{
			name: "bundled",
			files: map[string]string{
				"fold.js":   "export const fold = (s) => s;\nexport function keep() {}\n",
				"finder.js": "import { fold, keep as k } from \"./fold.js\";\nimport './meet.js';\nexport function go() { return k(fold('x')); }\n",
				"meet.js":   "import {\n  fold\n} from './fold.js';\nconst m = fold(1);\nexport {};\n",
			},
			want: map[string][]string{
				"finder.js": {"const module_fold = (() => {\nconst fold = (s) => s;\nfunction keep() {}\nreturn { fold, keep };\n})();",
					"const module_meet = (() => {\nconst { fold } = module_fold;", "return {  };",
					"const { fold, keep: k } = module_fold;\n\nexport function go()"},
				"meet.js": {"const module_fold", "export {};"},
				"fold.js": {"export const fold = (s) => s;"},
			},
			wantNot: map[string][]string{
				"finder.js": {"from ", "import"},
			},
			exports: map[string][]string{"finder.js": {"go"}, "fold.js": {"fold", "keep"}},
		},
		{
			name:    "missing module",
			files:   map[string]string{"finder.js": "import { fold } from './nothere.js';\n"},
			wantErr: "imports ./nothere.js",
		},
		{
			name:    "cycle",
			files:   map[string]string{"a.js": "import './b.js';\n", "b.js": "import './a.js';\n"},
			wantErr: "imports itself",
		},
		{
			name:    "export let",
			files:   map[string]string{"a.js": "import { n } from './b.js';\n", "b.js": "export let n = 1;\n"},
			wantErr: `cannot bundle "export let n = 1;"`,
		},
		{
			name:    "default export",
			files:   map[string]string{"b.js": "export default 1;\n"},
			wantErr: "cannot bundle",
		},
		{
			name:    "namespace import",
			files:   map[string]string{"a.js": "import * as b from './b.js';\n", "b.js": "export const x = 1;\n"},
			wantErr: "cannot bundle",
		},
		{
			name:    "dynamic import",
			files:   map[string]string{"a.js": "const b = await import('./b.js');\n", "b.js": "export const x = 1;\n"},
			wantErr: "cannot bundle",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"base.html": {Data: []byte(`{{template "main" .}}`)},
				"site.css":  {Data: []byte("body{}")},
			}
			for name, text := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			r, err := newRenderer(testSite(t), fsys)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("newRenderer() error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// The bundles as bundle makes them, before minify: the assets r writes are those,
			// minified (see TestAssets).
			mods := map[string]*module{}
			for name, text := range tt.files {
				mods[name] = &module{name: name, path: name, src: stripComments([]byte(text))}
			}
			for name, wants := range tt.want {
				if _, ok := r.assets[name]; !ok {
					t.Fatalf("no asset for %s", name)
				}
				b, err := bundle(name, mods)
				if err != nil {
					t.Fatal(err)
				}
				for _, want := range wants {
					if !strings.Contains(string(b), want) {
						t.Errorf("%s =\n%s\nwant it to contain %q", name, b, want)
					}
				}
				for _, not := range tt.wantNot[name] {
					if strings.Contains(string(b), not) {
						t.Errorf("%s =\n%s\nwant it without %q", name, b, not)
					}
				}
			}
			for name, exports := range tt.exports {
				b, err := r.out[r.assets[name]].Bytes()
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range exports {
					if !regexp.MustCompile(`export\s*\{[^}]*\b(as\s+)?` + e + `\b[^}]*\}|export\s+(const|function)\s+` + e + `\b`).Match(b) {
						t.Errorf("minified %s =\n%s\nwant it to export %s", name, b, e)
					}
				}
			}
		})
	}
}

func TestStripComments(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"line comments", "// a\nconst a = 1; // kept\n  // b\nf();\n", "const a = 1; // kept\nf();\n"},
		{"JSDoc", "/**\n * f does.\n * @param {import(\"./x.js\").X} x\n */\nexport function f(x) {}\n", "export function f(x) {}\n"},
		{"block on one line", "/* a */\n/* b */ g();\nh(); /* c */\n", "/* b */ g();\nh(); /* c */\n"},
		{"code after a block's end", "/* a\n b */ g();\n", "g();\n"},
		{"strings and regular expressions", "const u = \"http://x\";\nconst r = /\\/\\//;\n", "const u = \"http://x\";\nconst r = /\\/\\//;\n"},
		{"template literal over lines", "const s = `a\n// not a comment\n/* nor this */\n`;\n// gone\n", "const s = `a\n// not a comment\n/* nor this */\n`;\n"},
		{"no final newline", "f();\n// end", "f();\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(stripComments([]byte(tt.in))); got != tt.want {
				t.Errorf("stripComments(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

// BenchmarkBundleTemplates bundles every script of templates/, as each build does.
func BenchmarkBundleTemplates(b *testing.B) {
	files, err := filepath.Glob("../../templates/*.js")
	if err != nil || len(files) == 0 {
		b.Fatal("no scripts in templates/", err)
	}
	src := map[string][]byte{}
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		src[filepath.Base(f)] = d
	}
	for b.Loop() {
		mods := map[string]*module{}
		for n, d := range src {
			mods[n] = &module{name: n, path: n, src: stripComments(d)}
		}
		for n := range mods {
			if _, err := bundle(n, mods); err != nil {
				b.Fatal(err)
			}
		}
	}
}
