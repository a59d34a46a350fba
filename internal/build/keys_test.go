package build

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"sitegen/internal/sitetest"
)

// keyedFile is a file the plan names the inputs of, and what it holds.
type keyedFile struct {
	key string
	b   []byte
}

// keyedFiles plans fsys and makes every file that has a key.
func keyedFiles(t *testing.T, fsys fstest.MapFS) map[string]keyedFile {
	t.Helper()
	s, diags := Check(fsys, Options{Now: now, BuildID: "test"})
	if s == nil {
		t.Fatalf("check failed:\n%v", diags)
	}
	tmpl, err := fs.Sub(fsys, "templates")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Plan(s, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]keyedFile{}
	for name, l := range p.Files {
		if l.Key == "" {
			continue
		}
		b, err := l.Take()
		if err != nil {
			t.Fatal(err)
		}
		out[name] = keyedFile{l.Key, b}
	}
	return out
}

var firstName = regexp.MustCompile(`(?m)^name: (.*)$`)

// edit returns fsys with the file name changed by f.
func edit(t *testing.T, fsys fstest.MapFS, name string, f func(string) string) fstest.MapFS {
	t.Helper()
	file, ok := fsys[name]
	if !ok {
		t.Fatalf("the sample has no %s", name)
	}
	changed := f(string(file.Data))
	if changed == string(file.Data) {
		t.Fatalf("the edit left %s as it was", name)
	}
	return sitetest.Set(fsys, name, changed)
}

func rename(s string) string {
	loc := firstName.FindStringSubmatchIndex(s)
	return s[:loc[3]] + " Renamed" + s[loc[3]:]
}

// TestKeysCoverWhatPagesShow: a rebuild keeps a published file whose key is unchanged
// instead of making it again, so a file made again with the same key must come out the
// same. Each edit below changes one input; every file whose key it left alone must be the
// same byte for byte, the files of what was edited must have new keys, and files of other
// affiliates must keep theirs (or nothing would be kept).
func TestKeysCoverWhatPagesShow(t *testing.T) {
	base := sampleSite(t)
	before := keyedFiles(t, base)
	if len(before) == 0 {
		t.Fatal("no file has a key: every rebuild makes every page again")
	}
	for _, name := range []string{"affiliates/nami-olentangy/index.html", "groups/oh/index.html", "es/groups/oh/index.html"} {
		if _, ok := before[name]; !ok {
			t.Errorf("%s has no key: a rebuild makes it again whatever changed", name)
		}
	}
	const olentangy = "data/groups/nami-olentangy/"
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		changed string // files whose key must change contain this
		global  bool   // every key must change
	}{
		{"a group renamed", edit(t, base, olentangy+"clintonville-men.yaml", rename), "/nami-olentangy/", false},
		{"a group added", sitetest.Set(base, olentangy+"clintonville-women.yaml",
			strings.Replace(string(base[olentangy+"clintonville-men.yaml"].Data), "name: ", "name: Women's ", 1)), "/nami-olentangy/", false},
		{"a group removed", without(base, olentangy+"women-online.yaml"), "/nami-olentangy/", false},
		{"a group's file renamed", sitetest.Set(without(base, olentangy+"women-online.yaml"), olentangy+"online-women.yaml",
			string(base[olentangy+"women-online.yaml"].Data)), "/nami-olentangy/", false},
		{"an affiliate renamed", edit(t, base, "data/affiliates/nami-olentangy.yaml", rename), "/nami-olentangy/", false},
		{"a group of another state's affiliate renamed", edit(t, base, "data/groups/nami-sandia-foothills/nob-hill-tuesday.yaml", rename), "/nami-sandia-foothills/", false},
		{"a group moved to another state", edit(t, base, olentangy+"clintonville-men.yaml", func(s string) string {
			return strings.Replace(s, "state: OH", "state: NM", 1)
		}), "/nami-olentangy/", false},
		{"a training renamed", edit(t, base, "data/trainings/oh-facilitator-2026-10.yaml", func(s string) string {
			return strings.Replace(s, "title: ", "title: Renamed ", 1)
		}), "", true},
		{"the site's title", edit(t, base, "data/site.yaml", func(s string) string {
			return strings.Replace(s, "title: ", "title: Renamed ", 1)
		}), "", true},
		{"a template", sitetest.Set(base, "templates/pages/group.html", string(base["templates/pages/group.html"].Data)+"\n"), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := keyedFiles(t, tt.fsys)
			kept, changed := 0, 0
			for name, a := range after {
				b, ok := before[name]
				if !ok {
					continue
				}
				if a.key != b.key {
					changed++
					continue
				}
				kept++
				// An asset's key is its source's: only an edit of that file changes it.
				if tt.global && !strings.HasPrefix(name, "assets/") {
					t.Errorf("%s kept its key", name)
				}
				if tt.changed != "" && strings.Contains(name, tt.changed) {
					t.Errorf("%s kept its key though its affiliate's files changed", name)
				}
				if !bytes.Equal(a.b, b.b) {
					t.Errorf("%s changed but kept its key: the key leaves out an input the file shows", name)
				}
			}
			if !tt.global && (kept == 0 || changed == 0) {
				t.Errorf("%d files kept their keys and %d changed: want some of each", kept, changed)
			}
		})
	}
}

// without returns fsys without the file name.
func without(fsys fstest.MapFS, name string) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range fsys {
		if k != name {
			out[k] = v
		}
	}
	return out
}
