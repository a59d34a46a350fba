package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"sitegen/internal/build"
	"sitegen/internal/check"
	"sitegen/internal/civil"
	"sitegen/internal/load"
	"sitegen/internal/sitetest"
	"sitegen/internal/synth"
)

// benchNow is the build date of the generated sites: their groups are verified 2026-11-01.
var benchNow = civil.Date{Year: 2026, Month: 11, Day: 23}

// site10k generates a national site of 10,000 groups and fails unless it checks clean, so
// that the benchmarks measure the work of a real, valid site.
func site10k(b *testing.B) fstest.MapFS {
	b.Helper()
	fsys := synth.Site(synth.Options{Groups: 10000, Seed: 1, Catalogs: sitetest.Catalogs(b)})
	if _, diags := build.Check(fsys, build.Options{Now: benchNow}); diags.Errors() > 0 {
		b.Fatalf("the generated site has %d errors, the first: %s", diags.Errors(), diags[0])
	}
	return fsys
}

// BenchmarkCheck10k is `sitegen check` of 10,000 groups without the disk: load, every rule,
// and the site's model. The target is well under a second.
func BenchmarkCheck10k(b *testing.B) {
	fsys := site10k(b)
	benchCheck(b, fsys)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10000, "ns/group")
}

// benchCheck runs check of fsys b.N times.
func benchCheck(b *testing.B, fsys fs.FS) {
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s, diags := build.Check(fsys, build.Options{Now: benchNow})
		if s == nil || diags.Errors() > 0 {
			b.Fatalf("check failed: %d errors", diags.Errors())
		}
	}
}

// BenchmarkCheck10kDisk is BenchmarkCheck10k on files on disk, opened as the command opens
// them (os.OpenRoot). fstest.MapFS lists a folder by scanning every file it holds, which a
// real file system does not; this is the figure an editor sees.
func BenchmarkCheck10kDisk(b *testing.B) {
	dir := b.TempDir()
	for name, f := range site10k(b) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	benchCheck(b, root.FS())
}

// BenchmarkLoad10k is the loader alone on 10,000 groups: walking, reading and parsing YAML.
func BenchmarkLoad10k(b *testing.B) {
	fsys := site10k(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if files, diags := load.Read(fsys); len(files.Groups) != 10000 || diags.Errors() > 0 {
			b.Fatalf("load read %d groups, %d errors", len(files.Groups), diags.Errors())
		}
	}
}

// BenchmarkRules10k is the rules of package check alone on 10,000 loaded groups.
func BenchmarkRules10k(b *testing.B) {
	files, _ := load.Read(site10k(b))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if diags := check.Files(files, check.Options{Now: benchNow}); diags.Errors() > 0 {
			b.Fatalf("check reported %d errors", diags.Errors())
		}
	}
}
