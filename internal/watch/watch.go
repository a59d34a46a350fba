// Package watch reports changes to a site's source folders. It watches folders recursively
// with fsnotify, folders created later included, leaves out the swap, backup and lock files
// editors write beside the files they edit, and coalesces each burst of events (an editor
// writing in place, writing a temporary file and renaming it over, or saving several files)
// into one batch, sent once the folders have been quiet for a short while.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"sitegen/internal/load"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long the folders must be quiet before a batch is sent: long enough
// to cover the few events of one save, short enough not to be noticed.
const DefaultDebounce = 30 * time.Millisecond

// Watcher watches some folders under a root. Its lifetime ends with [Watcher.Close].
type Watcher struct {
	root     string
	dirs     []string // the watched folders, slash-separated and relative to root
	debounce time.Duration
	fw       *fsnotify.Watcher
	changes  chan []string
	errs     chan error
	done     chan struct{}
	stopped  chan struct{}
	once     sync.Once
}

// New starts watching the folders dirs (slash-separated, relative to root, such as "data")
// and everything under them. A folder that does not exist yet is watched once it is created.
// A debounce of zero or less means [DefaultDebounce].
func New(root string, dirs []string, debounce time.Duration) (*Watcher, error) {
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		root:     filepath.Clean(root),
		dirs:     slices.Clone(dirs),
		debounce: debounce,
		fw:       fw,
		changes:  make(chan []string),
		errs:     make(chan error, 1),
		done:     make(chan struct{}),
		stopped:  make(chan struct{}),
	}
	// The root itself, not recursively, to see a watched folder being created or replaced.
	if err := fw.Add(w.root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range w.dirs {
		if _, err := w.addTree(filepath.Join(w.root, filepath.FromSlash(d))); err != nil {
			fw.Close()
			return nil, err
		}
	}
	go w.run()
	return w, nil
}

// Changes delivers one batch per burst of changes: the slash-separated paths, relative to
// the root, of the files and folders created, written, removed or renamed, sorted. A batch
// is never empty. While the receiver is busy, further changes gather into the next batch.
func (w *Watcher) Changes() <-chan []string { return w.changes }

// Errors delivers the errors of the underlying watcher (such as an overflow of its queue,
// after which some changes may have been missed). It holds at most one: later errors are
// dropped while one waits.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching and waits until the watcher's goroutine has ended. It may be called
// more than once.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		err = w.fw.Close()
		<-w.stopped
	})
	return err
}

// run gathers events into a pending set, and offers it on changes once debounce has passed
// without a new event.
func (w *Watcher) run() {
	defer close(w.stopped)
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	ready := false
	for {
		var out chan []string
		var batch []string
		if ready && len(pending) > 0 {
			out = w.changes
			batch = sortedKeys(pending)
		}
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if w.handle(ev, pending) {
				ready = false
				timer.Reset(w.debounce)
			}
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			select {
			case w.errs <- err:
			default:
			}
		case <-timer.C:
			ready = true
		case out <- batch:
			clear(pending)
			ready = false
		}
	}
}

// handle records the event ev in pending and reports whether it counts as a change.
func (w *Watcher) handle(ev fsnotify.Event, pending map[string]bool) bool {
	rel, ok := w.relative(ev.Name)
	if !ok || Ignored(rel) {
		return false
	}
	if ev.Op == fsnotify.Chmod {
		return false // permissions and timestamps alone change nothing built
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			// A new folder: watch it, and report what it already holds, since files
			// created in it before the watch was added send no events of their own.
			files, _ := w.addTree(ev.Name)
			for _, f := range files {
				if r, ok := w.relative(f); ok && !Ignored(r) {
					pending[r] = true
				}
			}
		}
	}
	pending[rel] = true
	return true
}

// relative returns name relative to the root, slash-separated, and whether it lies in one
// of the watched folders.
func (w *Watcher) relative(name string) (string, bool) {
	rel, err := filepath.Rel(w.root, name)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	for _, d := range w.dirs {
		if rel == d || strings.HasPrefix(rel, d+"/") {
			return rel, true
		}
	}
	return "", false
}

// addTree watches dir and every folder under it, except hidden ones, and returns the files
// found. A dir that does not exist is not an error: it is watched from the root once created.
func (w *Watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			files = append(files, p)
			return nil
		}
		if err := w.fw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	return files, err
}

// Ignored reports whether a change to the slash-separated path p can be left out: a hidden
// file or folder, Emacs's lock (".#name") among them, or a file editors write beside the one
// they edit (see load.EditorFile). The loader skips both.
func Ignored(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return load.EditorFile(p[strings.LastIndex(p, "/")+1:])
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
