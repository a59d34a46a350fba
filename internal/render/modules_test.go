package render

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestModules(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		want    map[string]string // asset name → text its output must hold
		wantErr string
	}{
		{
			name: "import rewritten",
			files: map[string]string{
				"fold.js":   "export const fold = (s) => s;\n",
				"finder.js": "import { fold } from \"./fold.js\";\nimport './meet.js';\n",
				"meet.js":   "export {};\n",
			},
			want: map[string]string{"finder.js": `from "./fold.`},
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
			for name, want := range tt.want {
				b, err := r.out[r.assets[name]].Bytes()
				if err != nil {
					t.Fatal(err)
				}
				out := string(b)
				if !strings.Contains(out, want) {
					t.Errorf("%s = %q, want it to contain %q", name, out, want)
				}
				for dep := range tt.files {
					hashed := strings.TrimPrefix(r.assets[dep], "assets/")
					if dep != name && strings.Contains(tt.files[name], "./"+dep) && !strings.Contains(out, "./"+hashed) {
						t.Errorf("%s = %q, want it to import ./%s", name, out, hashed)
					}
				}
			}
		})
	}
}
