// Package output writes a built site to disk atomically: everything goes into a new folder
// beside the destination, and the destination is swapped for it only once every file has been
// written. On any error the previous output stays exactly as it was.
package output

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Files maps slash-separated paths relative to the output root ("groups/oh/index.html") to
// their contents.
type Files map[string][]byte

// Paths returns the paths of f, sorted.
func (f Files) Paths() []string {
	paths := make([]string, 0, len(f))
	for p := range f {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// Write replaces the folder dest with exactly files. It writes into a fresh sibling folder
// and swaps it in by renaming, so that a reader never sees half a site and a failure leaves
// dest untouched.
func Write(dest string, files Files) (err error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	if st, err := os.Lstat(dest); err == nil && !st.IsDir() {
		return fmt.Errorf("%s exists and is not a folder", dest)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	paths := files.Paths()
	dirs := map[string]bool{}
	for _, p := range paths {
		if !validPath(p) {
			return fmt.Errorf("refusing to write %q: not a path inside the output folder", p)
		}
		if dir := path.Dir(p); !dirs[dir] {
			dirs[dir] = true
			if err := os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(dir)), 0o755); err != nil {
				return err
			}
		}
	}
	// Writing is mostly waiting on the file system: a few writers at once keep it busy.
	errs := make([]error, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				errs[i] = os.WriteFile(filepath.Join(tmp, filepath.FromSlash(paths[i])), files[paths[i]], 0o644)
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return swap(tmp, dest)
}

// swap puts the folder tmp at dest, moving any previous dest out of the way first and back
// if the second rename fails.
func swap(tmp, dest string) error {
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dest, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			err = errors.Join(err, os.Rename(old, dest))
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

func validPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}
