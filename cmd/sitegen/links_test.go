package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrokenLinkFailsTheBuild: a link to no page fails the build, naming the file and line
// that wrote it, and publishes nothing.
func TestBrokenLinkFailsTheBuild(t *testing.T) {
	tests := []struct {
		name, file string
		edit       func(string) string
		want       string
	}{
		{"Markdown", "content/about.md", func(s string) string { return s + "\nSee [the list](/groupz/).\n" },
			`content/about.md:`},
		{"template", "templates/layout.html", func(s string) string {
			return strings.Replace(s, `{{link "search/"}}`, `{{link "serch/"}}`, 1)
		}, `templates/layout.html:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySample(t)
			dest := filepath.Join(t.TempDir(), "public")
			name := filepath.Join(dir, filepath.FromSlash(tt.file))
			writeFile(t, name, tt.edit(readFile(t, name)))
			r := sitegen(t, "build", "-s", dir, "-d", dest, "--now", sampleNow)
			if r.code != exitSite || !strings.Contains(r.stdout, tt.want) || !strings.Contains(r.stdout, "goes to no file of the site") {
				t.Errorf("build with a broken link = %d, stdout %q, stderr %q; want 1 naming %s", r.code, r.stdout, r.stderr, tt.want)
			}
			if _, err := os.Stat(dest); err == nil {
				t.Errorf("a build with a broken link published %s", dest)
			}
		})
	}
}
