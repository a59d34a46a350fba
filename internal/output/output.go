// Package output writes a built site to its destination folder so that the folder is always a
// complete site, the old one or the new one, whatever happens during the build, and so that a
// rebuild touches only the files that changed.
//
// # Layout
//
// For a destination DIR/public, sitegen keeps a store beside it, DIR/.public.sitegen, holding
// a second tree (next/) and a manifest of each tree's files and their SHA-256 sums. Each tree
// carries a small marker file, .sitegen, naming it "a" or "b"; a destination folder without
// that marker is never cleaned or replaced.
//
// # A build
//
//  1. [Open] refuses a destination that is unsafe to replace (see [Protect]), takes a lock,
//     and removes leftovers of earlier, interrupted runs.
//  2. [Writer.Put] takes each file as it is rendered, in any order, from any goroutine. A file
//     equal to the one already published is not written; any other is written into next/,
//     never into the published tree.
//  3. [Writer.Commit] does nothing when no file changed. Otherwise it completes next/ (files
//     unchanged since the published build are hard-linked from it, files that no longer
//     belong are removed), writes its manifest, and swaps next/ and the destination with one
//     atomic rename (renameat2 RENAME_EXCHANGE on Linux, renamex_np RENAME_SWAP on macOS).
//     It then brings the previous tree, now next/, up to date the same way, so that the
//     tree beside the site holds nothing the site no longer publishes; after a first build,
//     it makes next/ a copy of the site by hard links, so that the next build has a tree to
//     change.
//
// Killed at any moment, the destination is one complete tree; next/ may be half-written,
// and the next build finds that (its manifest is removed before it is touched) and repairs it.
// On systems without an atomic exchange the swap is two renames; a kill between them leaves
// the destination missing until the next build, which puts the previous tree back first.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"sitegen/internal/parallel"
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

// Write replaces the contents of the folder dest with exactly files, as one build would: see
// [Open]. It is for tests and small tools; a build streams its files through a [Writer].
func Write(dest string, files Files, opts Options) (Stats, error) {
	w, err := Open(dest, opts)
	if err != nil {
		return Stats{}, err
	}
	defer w.Close()
	for _, p := range files.Paths() {
		if err := w.Put(p, files[p]); err != nil {
			return Stats{}, err
		}
	}
	return w.Commit()
}

// Options are the settings of [Open].
type Options struct {
	// Source is the site's folder: the destination may lie inside it (SOURCE/public) but
	// must not be it or contain it.
	Source string
	// Protect lists folders that the destination must not be, contain or lie inside: the
	// site's data/, content/ and templates/ folders.
	Protect []string
}

// Stats says what a build changed at the destination.
type Stats struct {
	Files     int // files of the new site
	Written   int // files written because they are new or changed
	Removed   int // files of the previous site that no longer belong
	Kept      int // files not made again, their inputs unchanged (see Writer.Keep)
	Unchanged bool
	// LeftOut are the files found in the published site (or in the store's second tree)
	// that no build made, a CNAME put there by hand, say, relative to it: the new site
	// leaves them out, and they were moved into LeftOutTo, never deleted.
	LeftOut []string
	// LeftOutTo is the folder, new for this build, in the store's left-out/, that holds
	// LeftOut; "" when there are none.
	LeftOutTo string
	// Behind is why the store's copy of the previous site (its next/) could not be brought up
	// to date once the new site was published (a folder of it made read-only, say); nil when
	// it was. The site is published all the same: the copy is left untrusted, and the next
	// build that changes a file makes it again whole.
	Behind error
}

// Writer updates one destination with one build's files.
type Writer struct {
	dest  string // the destination folder, absolute
	store *store
	lock  *os.File

	prev      manifest // the published tree's files; nil when it is unknown
	prevTree  string   // the published tree's name ("a" or "b"), "" when there is none
	stage     string   // the folder files are written into: the store's next/
	stageTree string   // its name
	stageMan  manifest // what next/ holds, when known (nil: repair it)
	prevBuild string   // the name of the build that made the published tree, "" if none
	build     string   // the name of this build (SetBuild)
	strays    []string // files of the published tree that its manifest does not list
	strayNext []string // files of next/ that its own manifest does not list
	leftOut   []string // the files moved out of either tree (see leaveOut)
	leftTo    string   // the folder they were moved into

	mu      sync.Mutex
	next    manifest // the new site's files, filled by Put
	kept    int      // files kept by Keep, not made again
	written map[string]bool
	dirs    map[string]bool // folders known to exist under stage
	dirty   bool            // next/ has been changed and its manifest removed
	fresh   bool            // next/ did not exist before this build: nothing in it to replace
	err     error           // the first error of Put; later calls return it at once
	done    bool
}

// ErrUnsafe is wrapped by the errors of [Open] that refuse a destination: the command line
// asked for something that would lose files.
var ErrUnsafe = errors.New("unsafe destination")

// Open prepares to write a new site to dest. It refuses (with an error wrapping [ErrUnsafe])
// a destination that lies inside, is or contains one of opts.Protect, or that is a folder
// holding files but no sitegen marker; it waits for another build writing to dest to
// finish; and it cleans up after interrupted runs. Close releases the destination.
func Open(dest string, opts Options) (*Writer, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := Check(abs, opts); err != nil {
		return nil, err
	}
	st, err := openStore(abs)
	if err != nil {
		return nil, err
	}
	w := &Writer{dest: abs, store: st, next: manifest{}, written: map[string]bool{}, dirs: map[string]bool{}}
	if w.lock, err = st.lock(); err != nil {
		return nil, err
	}
	if err := w.recover(); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// Check reports, without changing anything, whether dest may receive a build: the errors of
// a destination [Open] would refuse wrap [ErrUnsafe].
func Check(dest string, opts Options) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if opts.Source != "" {
		if err := checkSource(abs, opts.Source); err != nil {
			return err
		}
	}
	if err := checkProtected(abs, opts.Protect); err != nil {
		return err
	}
	if err := checkForeign(abs); err != nil {
		return err
	}
	if err := checkNested(abs); err != nil {
		return err
	}
	if st, err := os.Lstat(storeDir(abs)); err == nil {
		if !st.IsDir() {
			return fmt.Errorf("%w: %s exists and is not sitegen's folder", ErrUnsafe, storeDir(abs))
		}
		if _, err := os.Stat(filepath.Join(storeDir(abs), storeMarker)); err != nil {
			return fmt.Errorf("%w: %s exists but was not made by sitegen (no %s in it); move it away", ErrUnsafe, storeDir(abs), storeMarker)
		}
	}
	return nil
}

// recover puts the destination back after a run killed between the two renames of a
// non-atomic swap, removes the temporary folders of older versions of sitegen, and reads
// what the published tree and next/ hold.
func (w *Writer) recover() error {
	if err := w.store.recoverSwap(w.dest); err != nil {
		return err
	}
	removeOldTemps(w.dest)
	w.prevTree = readMarker(w.dest)
	if w.prevTree != "" {
		w.prev, w.prevBuild = w.store.readManifest(w.prevTree)
		// The new site is mostly the published one: its manifest is about as long.
		w.next = make(manifest, len(w.prev))
	}
	w.stage = w.store.next()
	w.stageTree = readMarker(w.stage)
	shared := false
	if w.stageTree == "" || w.stageTree == w.prevTree {
		// No usable next/: make a new one when something is to be written.
		w.stageTree = other(w.prevTree)
		w.stageMan = nil
	} else if w.prev != nil && w.store.sameManifest(w.prevTree, w.stageTree) {
		w.stageMan = w.prev // the usual case: next/ mirrors the site (read only, as prev)
		shared = true
	} else {
		w.stageMan, _ = w.store.readManifest(w.stageTree)
	}
	// Files changed, removed or added by hand are not the manifests' (see checkTree). In the
	// usual case next/ shares the published tree's files, and only that tree is looked at.
	if w.prev != nil {
		clean, strays, err := checkTree(w.dest, w.prev, w.store.stamp(w.prevTree))
		if err != nil {
			return err
		}
		w.prev, w.strays = clean, strays
		if shared {
			w.stageMan = clean
		}
	}
	if w.stageMan != nil && !shared {
		clean, strays, err := checkTree(w.stage, w.stageMan, w.store.stamp(w.stageTree))
		if err != nil {
			return err
		}
		w.stageMan, w.strayNext = clean, strays
	}
	return nil
}

// SetBuild names this build: a key of everything the site is made from, which [Built] then
// returns for the destination, so that a later build with the same key knows that it would
// make the same site. It must be called before Commit; "" names none.
func (w *Writer) SetBuild(key string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.build = key
}

// Built returns the name the build that made dest's site gave it (see [Writer.SetBuild]), or
// "" when there is none, or when dest is not a complete site sitegen published (a missing
// destination, a swap to finish), so that a build must run.
func Built(dest string) string {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return ""
	}
	dir := storeDir(abs)
	if _, err := os.Lstat(filepath.Join(dir, "old")); err == nil {
		return "" // a swap was interrupted: the next build finishes it
	}
	tree := readMarker(abs)
	if tree == "" {
		return ""
	}
	m, build := (&store{dir: dir}).readManifest(tree)
	if m == nil {
		return ""
	}
	return build
}

// Put adds the file name with contents b to the new site. Files equal to the published ones
// are not written. It may be called from several goroutines; after the first error every
// call returns that error.
func (w *Writer) Put(name string, b []byte) error { return w.PutKey(name, "", b) }

// Keep reports whether the published file name was made with key, and if so adds it to the
// new site as it is, so that its maker need not make it again. key names every input the
// file is made from (a hash of its source files, the templates and the build's settings); ""
// never matches. It may be called from several goroutines.
func (w *Writer) Keep(name, key string) bool {
	if key == "" {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil || w.prev == nil {
		return false
	}
	e, ok := w.prev[name]
	if !ok || e.key != key {
		return false
	}
	if _, dup := w.next[name]; dup {
		return false
	}
	w.next[name] = e
	w.kept++
	return true
}

// PutKey is Put for a file made with key (see Keep).
func (w *Writer) PutKey(name, key string, b []byte) error {
	if !validPath(name) || name == markerName {
		return w.fail(fmt.Errorf("refusing to write %q: not a path inside the output folder", name))
	}
	sum := sumOf(b)
	w.mu.Lock()
	if w.err != nil {
		defer w.mu.Unlock()
		return w.err
	}
	if _, dup := w.next[name]; dup {
		w.mu.Unlock()
		return w.fail(fmt.Errorf("two files would be written to %s", name))
	}
	w.next[name] = entry{sum: sum, key: key}
	same := w.prev != nil && w.prev[name].sum == sum
	inStage := w.stageMan != nil && w.stageMan[name].sum == sum
	w.mu.Unlock()
	if same || inStage {
		return nil // the published tree has it; next/ gets it at Commit, if anything changed
	}
	if err := w.beginStage(); err != nil {
		return w.fail(err)
	}
	if err := w.writeFile(name, b); err != nil {
		return w.fail(err)
	}
	w.mu.Lock()
	w.written[name] = true
	w.mu.Unlock()
	return nil
}

func (w *Writer) fail(err error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
	return w.err
}

// beginStage makes next/ ready to be changed, once: it removes next/'s manifest first, so
// that a run killed while next/ is half-written leaves it marked as unknown.
func (w *Writer) beginStage() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.dirty {
		return nil
	}
	if err := w.store.removeManifest(w.stageTree); err != nil {
		return err
	}
	if _, err := os.Lstat(w.stage); errors.Is(err, fs.ErrNotExist) {
		w.fresh = true
	}
	if err := os.MkdirAll(w.stage, 0o755); err != nil {
		return err
	}
	if err := writeMarker(w.stage, w.stageTree); err != nil {
		return err
	}
	w.dirty = true
	w.dirs["."] = true
	return nil
}

// writeFile writes b to name under next/. A new file is created in place; a file that
// exists is replaced through a temporary file and a rename, never changed in place: next/ may
// share files with the published tree through hard links.
func (w *Writer) writeFile(name string, b []byte) error {
	if err := w.mkdirFor(name); err != nil {
		return err
	}
	target := filepath.Join(w.stage, filepath.FromSlash(name))
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err == nil {
		_, err = f.Write(b)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(target) // next/ is untrusted until its manifest is written
		}
		return err
	}
	if !errors.Is(err, fs.ErrExist) {
		return err
	}
	tmp := target + tmpSuffix
	if err := writeNew(tmp, b); err != nil {
		return err
	}
	return os.Rename(tmp, target)
}

// writeNew writes b to a new file at name, removing what stands there first. A temporary
// name may be left by a run killed between making a hard link to a published file under it
// and renaming it (linkOrCopy): opening that name to write would write into the published
// file. On error nothing is left at name.
func writeNew(name string, b []byte) error {
	if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// linkFile makes next/'s name the published tree's file, by a hard link where the file
// system allows, else by a copy.
func (w *Writer) linkFile(from, name string) error {
	if err := w.mkdirFor(name); err != nil {
		return err
	}
	src := filepath.Join(from, filepath.FromSlash(name))
	target := filepath.Join(w.stage, filepath.FromSlash(name))
	if w.fresh && os.Link(src, target) == nil {
		// next/ was made by this build, so nothing stands at target but what this build put
		// there: one link, no temporary name.
		return nil
	}
	if a, err := os.Lstat(src); err == nil {
		if b, err := os.Lstat(target); err == nil && os.SameFile(a, b) {
			// Already the same file. (Renaming a link over another link to the same file
			// does nothing, which would leave the temporary name behind.)
			return nil
		}
	}
	return linkOrCopy(src, target)
}

// linkOrCopy makes target the file src, through a temporary name: by a hard link where the
// file system allows, else by a copy.
func linkOrCopy(src, target string) error {
	tmp := target + tmpSuffix
	os.Remove(tmp)
	if err := os.Link(src, tmp); err != nil {
		b, rerr := os.ReadFile(src)
		if rerr != nil {
			return rerr
		}
		if err := writeNew(tmp, b); err != nil {
			return err
		}
		// A copy is as old as its source, or checkTree would take it for an edit.
		if st, err := os.Stat(src); err == nil {
			os.Chtimes(tmp, st.ModTime(), st.ModTime())
		}
	}
	return os.Rename(tmp, target)
}

// linkAll links names from the published tree into next/ (see linkFile), on several
// goroutines: after a first build (see fill), that is every file of the site, and each link
// waits on the file system more than on the processor.
func (w *Writer) linkAll(names []string) error {
	// Sorted, so that each goroutine makes the folders of its own run of files.
	slices.Sort(names)
	return parallel.Ranges(len(names), linkers, func(_, lo, hi int) error {
		for _, name := range names[lo:hi] {
			if err := w.linkFile(w.dest, name); err != nil {
				return err
			}
		}
		return nil
	})
}

// linkers is how many goroutines linkAll runs: more than the processors, since a link mostly
// waits for the file system.
const linkers = 8

func (w *Writer) mkdirFor(name string) error {
	dir := path.Dir(name)
	w.mu.Lock()
	known := w.dirs[dir]
	w.mu.Unlock()
	if known {
		return nil
	}
	full := filepath.Join(w.stage, filepath.FromSlash(dir))
	// Most folders are new and their parent made just before: one mkdir.
	err := os.Mkdir(full, 0o755)
	if errors.Is(err, fs.ErrExist) {
		if st, serr := os.Lstat(full); serr == nil && !st.IsDir() {
			// A file of the previous site stands where a folder is now needed.
			if err := os.Remove(full); err != nil {
				return err
			}
			err = os.Mkdir(full, 0o755)
		} else {
			err = nil
		}
	}
	if err != nil {
		if err := os.MkdirAll(full, 0o755); err != nil {
			return err
		}
	}
	w.mu.Lock()
	for d := dir; d != "." && !w.dirs[d]; d = path.Dir(d) {
		w.dirs[d] = true
	}
	w.mu.Unlock()
	return nil
}

// Commit publishes the files given to Put, unless none changed: see the package comment.
// After Commit the Writer is done; Close it.
func (w *Writer) Commit() (Stats, error) {
	w.mu.Lock()
	err, done := w.err, w.done
	w.done = true
	w.mu.Unlock()
	if err != nil {
		return Stats{}, err
	}
	if done {
		return Stats{}, errors.New("output: commit called twice")
	}
	stats := Stats{Files: len(w.next)}
	var removed []string
	for name := range w.prev {
		if _, ok := w.next[name]; !ok {
			removed = append(removed, name)
		}
	}
	slices.Sort(removed)
	stats.Removed = len(removed)
	var changed []string
	keysChanged := false
	for name, e := range w.next {
		if w.prev == nil || w.prev[name].sum != e.sum {
			changed = append(changed, name)
		} else if w.prev[name].key != e.key {
			keysChanged = true
		}
	}
	slices.Sort(changed)
	stats.Written = len(changed)
	stats.Kept = w.kept
	if w.prev != nil && len(changed) == 0 && len(removed) == 0 {
		stats.Unchanged = true
		if keysChanged || w.build != w.prevBuild {
			// Same files, made from other inputs (a new version of sitegen, say): the
			// manifest learns the new keys, so the next build can keep them.
			return stats, w.store.writeManifest(w.prevTree, w.next, w.build)
		}
		return stats, nil
	}
	if err := w.beginStage(); err != nil {
		return Stats{}, err
	}
	if err := w.completeStage(); err != nil {
		return Stats{}, err
	}
	if err := w.store.writeManifest(w.stageTree, w.next, w.build); err != nil {
		return Stats{}, err
	}
	if err := w.store.swap(w.dest); err != nil {
		if errors.Is(err, syscall.EBUSY) {
			// A mount point (a Docker volume, say) cannot be renamed.
			return Stats{}, fmt.Errorf("publishing %s: %w: it is a mount point, and sitegen replaces its destination as a whole; build into a folder inside it (-d %s), or mount the folder above it", w.dest, err, filepath.Join(w.dest, "site"))
		}
		return Stats{}, fmt.Errorf("publishing %s: %w", w.dest, err)
	}
	// The destination is now the new site. Bring the previous one, now next/, up to date,
	// so that it holds nothing the site no longer publishes, and move away what no build
	// made (it would come back with the next swap).
	// A failure from here on is not the build's: the site is published, and is reported
	// so (Stats.Behind), with next/ left without a manifest, which the next build does not
	// trust.
	var behind error
	if w.prevTree != "" {
		if err := w.leaveOut(w.stage, w.strays); err != nil {
			// Named, for they are removed when the next build makes the copy again.
			names := w.strays
			if len(names) > 10 {
				names = append(names[:10:10], fmt.Sprintf("and %d more", len(w.strays)-10))
			}
			behind = fmt.Errorf("moving what no build made (%s) out of %s: %w", strings.Join(names, ", "), w.stage, err)
		} else if err := w.mirror(changed, removed); err != nil {
			behind = fmt.Errorf("updating %s: %w", w.stage, err)
		}
		if behind != nil {
			behind = errors.Join(behind, w.store.removeManifest(w.prevTree))
		}
	} else if err := w.fill(); err != nil {
		behind = fmt.Errorf("filling %s: %w", w.stage, err)
	}
	stats.LeftOut, stats.LeftOutTo, stats.Behind = w.leftOut, w.leftTo, behind
	return stats, nil
}

// leaveOut moves the files names of the tree at root, which no build made, into a folder of
// the store's left-out/ that this build makes (named by the time, so that nothing moved
// there before is replaced), and removes the folders they leave empty.
func (w *Writer) leaveOut(root string, names []string) error {
	if len(names) == 0 {
		return nil
	}
	if w.leftTo == "" {
		dir, err := w.store.newLeftOut(time.Now())
		if err != nil {
			return err
		}
		w.leftTo = dir
	}
	for _, name := range names {
		target := filepath.Join(w.leftTo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(root, filepath.FromSlash(name)), target); err != nil {
			return err
		}
		if err := removeFile(root, name); err != nil { // its folders, when empty
			return err
		}
		w.leftOut = append(w.leftOut, name)
	}
	return nil
}

// fill makes next/, after a first build, a copy of the published site by hard links: the
// first build with a change then writes only what changed, as every later one does, instead
// of linking the whole site itself (at 10,000 groups, half a second more for a first build,
// and half a second less for the first change).
func (w *Writer) fill() error {
	published := w.stageTree
	w.stage, w.stageTree = w.store.next(), other(published)
	w.dirs = map[string]bool{".": true}
	if err := w.store.removeManifest(w.stageTree); err != nil {
		return err
	}
	// A swap with an empty destination folder leaves that folder at next/: nothing in it.
	if err := os.RemoveAll(w.stage); err != nil {
		return err
	}
	w.fresh = true
	if err := os.MkdirAll(w.stage, 0o755); err != nil {
		return err
	}
	if err := writeMarker(w.stage, w.stageTree); err != nil {
		return err
	}
	if err := w.linkAll(slices.Collect(maps.Keys(w.next))); err != nil {
		return err
	}
	return w.store.linkManifest(published, w.stageTree)
}

// completeStage makes next/ hold exactly the new site: files not written by Put are linked
// from the published tree, and files that do not belong are removed.
func (w *Writer) completeStage() error {
	var link []string
	for name, e := range w.next {
		if w.written[name] || w.stageMan != nil && w.stageMan[name].sum == e.sum {
			continue
		}
		if w.prev == nil || w.prev[name].sum != e.sum {
			return fmt.Errorf("output: %s was neither written nor published", name)
		}
		link = append(link, name)
	}
	if err := w.linkAll(link); err != nil {
		return err
	}
	if w.stageMan != nil {
		for name := range w.stageMan {
			if _, ok := w.next[name]; !ok {
				if err := removeFile(w.stage, name); err != nil {
					return err
				}
			}
		}
		// Files in next/ that no build made (put there by a swap of versions before 2026-12-05,
		// which left a hand-added file in the tree it swapped out) are moved aside too.
		return w.leaveOut(w.stage, w.strayNext)
	}
	if w.fresh {
		return nil // nothing in next/ but this build's files
	}
	return prune(w.stage, w.next)
}

// mirror applies a build's changes to the previous tree, now at next/.
func (w *Writer) mirror(changed, removed []string) error {
	w.stage, w.stageTree = w.store.next(), w.prevTree
	w.dirs = map[string]bool{".": true}
	w.fresh = false
	if err := w.store.removeManifest(w.stageTree); err != nil {
		return err
	}
	for _, name := range changed {
		if err := w.linkFile(w.dest, name); err != nil {
			return err
		}
	}
	for _, name := range removed {
		if err := removeFile(w.stage, name); err != nil {
			return err
		}
	}
	if w.prev == nil {
		if err := prune(w.stage, w.next); err != nil {
			return err
		}
	}
	// The published tree's manifest, just written, says the same.
	return w.store.linkManifest(other(w.stageTree), w.stageTree)
}

// Close releases the destination. Without a successful Commit, the destination is as it was.
func (w *Writer) Close() error {
	if w.lock == nil {
		return nil
	}
	err := unlock(w.lock)
	w.lock = nil
	return err
}

// removeFile removes name under root, and the folders it leaves empty.
func removeFile(root, name string) error {
	if err := os.Remove(filepath.Join(root, filepath.FromSlash(name))); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if os.Remove(filepath.Join(root, filepath.FromSlash(dir))) != nil {
			break // not empty
		}
	}
	return nil
}

// prune removes from the tree at root every file that is not in keep (and the folders it
// leaves empty), except the tree's marker: for a tree whose contents are unknown.
func prune(root string, keep manifest) error {
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if rel == "." || rel == markerName {
			return nil
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		if _, ok := keep[rel]; !ok {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		os.Remove(dirs[i]) // only succeeds when empty
	}
	return nil
}

func validPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) || strings.HasSuffix(p, tmpSuffix) {
		return false
	}
	for part := range strings.SplitSeq(p, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

func other(tree string) string {
	if tree == "a" {
		return "b"
	}
	return "a"
}
