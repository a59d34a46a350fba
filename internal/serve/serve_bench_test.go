package serve

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sitegen/internal/sitetest"
	"sitegen/internal/synth"
)

// BenchmarkReload measures the time from a file write to the reload event the browser gets:
// the watcher's debounce, the rebuild, and the event. Each iteration renames a group. It
// runs on the sample site and on a generated site of 10,000 groups, written to disk.
//
//	go test -run '^$' -bench BenchmarkReload ./internal/serve
func BenchmarkReload(b *testing.B) {
	b.Run("site=sample", func(b *testing.B) {
		benchReload(b, copySite(b), groupFile)
	})
	b.Run("groups=10000", func(b *testing.B) {
		dir, file := writeSynth(b, 10000)
		benchReload(b, dir, file)
	})
}

func benchReload(b *testing.B, dir, file string) {
	s, base := start(b, dir, 0) // the default debounce, as in sitegen serve
	if strings.HasSuffix(s.Build(), "-0") {
		b.Fatal("the site does not build")
	}
	events := listen(b, base)
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		edit(b, dir, file, rename(fmt.Sprintf("Benchmark Group %d", i)))
		waitReload(b, events)
		total += time.Since(t0)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/reload")
}

// writeSynth writes a generated site of n groups, with the real templates, to a new folder,
// and returns it with the path of a published group's file.
func writeSynth(b *testing.B, n int) (dir, file string) {
	b.Helper()
	templates := map[string][]byte{}
	tfs := os.DirFS("../../templates")
	err := fs.WalkDir(tfs, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(tfs, p)
		templates[p] = data
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	site := synth.Site(synth.Options{Groups: n, Seed: 1, Templates: templates, Catalogs: sitetest.Catalogs(b)})
	dir = b.TempDir()
	var groups []string
	for name, f := range site {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
		s := string(f.Data)
		if strings.HasPrefix(name, "data/groups/") && !strings.Contains(s, "public: false") && !strings.Contains(s, "status: ended") {
			groups = append(groups, name)
		}
	}
	slices.Sort(groups)
	return dir, groups[len(groups)/2]
}
