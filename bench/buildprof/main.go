// Buildprof times each step of one `sitegen build` of a site on disk and writes a CPU profile
// of the whole build, to find where the time goes (see bench/hugo.sh for the comparison with
// Hugo).
//
// Usage:
//
//	go run ./bench/buildprof -s SITE -d OUT -cpuprofile cpu.out [-memprofile mem.out]
//	go tool pprof -top -nodecount 40 cpu.out
//
// The steps are those of the command: load, check, model, plan (templates parsed, the search
// index written), rendering and writing every file with its links checked, and the commit
// (the swap).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/check"
	"sitegen/internal/civil"
	"sitegen/internal/load"
	"sitegen/internal/output"
	"sitegen/internal/site"

	_ "time/tzdata" // as the command
)

func main() {
	src := flag.String("s", ".", "site to build")
	dest := flag.String("d", "", "output folder (required; replaced)")
	now := flag.String("now", "2026-11-23", "build date")
	cpu := flag.String("cpuprofile", "", "write a CPU profile to this file")
	mem := flag.String("memprofile", "", "write an allocation profile to this file")
	cacheFile := flag.String("cache", "", "keep parsed files in this cache file between runs")
	heap := flag.String("heapprofile", "", "write a profile of the memory in use once the site is planned")
	flag.Parse()
	if *dest == "" {
		fmt.Fprintln(os.Stderr, "buildprof: -d is required")
		os.Exit(2)
	}
	if err := run(*src, *dest, *now, *cpu, *mem, *cacheFile, *heap); err != nil {
		fmt.Fprintln(os.Stderr, "buildprof:", err)
		os.Exit(1)
	}
}

func run(src, dest, now, cpu, mem, cacheFile, heap string) error {
	date, err := civil.ParseDate(now)
	if err != nil {
		return err
	}
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	root, err := os.OpenRoot(src)
	if err != nil {
		return err
	}
	defer root.Close()
	fsys := root.FS()
	start := time.Now()
	last := start
	var cpuLast time.Duration
	step := func(name string) {
		t := time.Now()
		c := cpuTime()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("%-28s %7d ms wall %7d ms cpu %5d MB heap %5d MB from the system\n", name, t.Sub(last).Milliseconds(), (c - cpuLast).Milliseconds(), ms.HeapAlloc>>20, ms.Sys>>20)
		last, cpuLast = t, c
	}
	cpuLast = cpuTime()

	var cache *load.Cache
	if cacheFile != "" {
		cache = load.ReadCacheFile(cacheFile, "buildprof")
		step("read the cache file")
	}
	files, diags := load.ReadCached(fsys, cache)
	step("load")
	if cache != nil {
		if err := cache.WriteFile(cacheFile, "buildprof"); err != nil {
			return err
		}
		step("write the cache file")
	}
	diags = append(diags, check.Files(files, check.Options{Now: date})...)
	step("check")
	if diags.Errors() > 0 || files.Site == nil {
		return fmt.Errorf("the site has %d errors", diags.Errors())
	}
	s := site.Build(files, site.Options{Now: date})
	step("model")
	templates, err := fs.Sub(fsys, "templates")
	if err != nil {
		return err
	}
	planned, err := build.Plan(s, templates)
	if err != nil {
		return err
	}
	step(fmt.Sprintf("plan (%d files)", len(planned.Files)))
	if heap != "" {
		runtime.GC()
		f, err := os.Create(heap)
		if err != nil {
			return err
		}
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if err := errors.Join(err, f.Close()); err != nil {
			return err
		}
		step("heap profile")
	}
	w, err := output.Open(dest, output.Options{})
	if err != nil {
		return err
	}
	defer w.Close()
	broken, err := build.Write(s, planned, templates, w)
	if err != nil {
		return err
	}
	if len(broken) > 0 {
		return fmt.Errorf("%d broken links", len(broken))
	}
	step("render and write (with links)")
	if heap != "" {
		runtime.GC()
		f, err := os.Create(heap + ".render")
		if err != nil {
			return err
		}
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if err := errors.Join(err, f.Close()); err != nil {
			return err
		}
		step("heap profile (" + heap + ".render)")
	}
	stats, err := w.Commit()
	if err != nil {
		return err
	}
	step(fmt.Sprintf("commit (%d written, %d removed)", stats.Written, stats.Removed))
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("total %d ms; %d GC cycles, %d ms GC pause, %d MB allocated, heap now %d MB\n",
		time.Since(start).Milliseconds(), ms.NumGC, ms.PauseTotalNs/1e6, ms.TotalAlloc>>20, ms.HeapAlloc>>20)
	if mem != "" {
		f, err := os.Create(mem)
		if err != nil {
			return err
		}
		defer f.Close()
		return pprof.Lookup("allocs").WriteTo(f, 0)
	}
	return nil
}

// cpuTime is the processor time the process has used so far, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
