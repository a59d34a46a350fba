package load

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"time"

	"sitegen/internal/diag"
)

// Cache keeps what [ReadCached] parsed, so that a rebuild after a change parses only the
// files that changed (sitegen serve). An entry is keyed by the file's path, and is reused
// only while the file's size and time (see fileTime: on Linux its status change time, else
// its modification time) stay the same; a caller that knows a file
// changed (a file watcher) can also drop its entry with [Cache.Forget], which covers a
// rewrite within the file system's timestamp resolution that keeps the size.
//
// The values handed out are shared between reads: callers must treat them as read-only, as
// package check and package site do. A Cache is safe for concurrent use; the zero Cache is
// not ready, use [NewCache].
type Cache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
	clean   bool // the entries are those of the cache file read, none added or dropped
	// pending decodes the values of the entries read from a cache file, which are left
	// undecoded until a read needs them (see Unchanged); nil when there are none to decode.
	pending func() (map[string]any, error)
	// memos hold the results of the last whole runs, by key, in memoOrder, oldest first
	// (see Remember).
	memos      map[[32]byte]Memo
	memoOrder  [][32]byte
	memosClean bool // the memos are those of the file read
	// base is what the cache file holds without its journal (see WriteFile): when it was
	// written, and the entries of it that were trusted, by path; zero when there is none.
	base baseFile
	// journaled are the paths whose values came from the journal, decoded already.
	journaled map[string]bool
	// walked is the walk of the last Unchanged that found a change, which the read that
	// follows takes instead of walking the site again (see Unchanged).
	walked *walk
}

// walk is what plan found in a file system: the files to read and what it reported.
type walk struct {
	fsys   fs.FS
	jobs   []job
	walked diag.List
}

// takeWalk returns the walk of fsys that Unchanged kept, if any, and forgets it.
func (c *Cache) takeWalk(fsys fs.FS) *walk {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := c.walked
	c.walked = nil
	if w == nil || !sameFS(w.fsys, fsys) {
		return nil
	}
	return w
}

// sameFS reports whether a and b are the same file system value; values of a type that
// cannot be compared (fstest.MapFS, a map) never are.
func sameFS(a, b fs.FS) bool {
	ta := reflect.TypeOf(a)
	return ta == reflect.TypeOf(b) && ta.Comparable() && a == b
}

// baseFile is the part of a cache file that a run changing a few files leaves as it is.
type baseFile struct {
	written time.Time
	entries map[string]fileState
}

// fileState is what says a file is the one an entry was made from, and what its last check
// found.
type fileState struct {
	size    int64
	modTime time.Time // see fileTime
	sum     [32]byte
	checked [32]byte
}

func (e cacheEntry) state() fileState { return fileState{e.size, e.modTime, e.sum, e.checked} }

// cacheEntry is what one file gave: its decoded value (nil when it had none) and its
// diagnostics.
type cacheEntry struct {
	size    int64
	modTime time.Time // when the file last changed, as fileTime says
	value   any       // *SiteFile, *Affiliate, *Group, *Training, *Page or *words.Catalog
	sum     [32]byte
	diags   diag.List
	// checked is the key under which package check last found the file without a problem
	// (see Checked).
	checked [32]byte
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]cacheEntry{}} }

// Forget drops the entries of the given slash-separated paths (relative to the site root),
// so that the next read parses them again. Paths not in the cache are ignored.
func (c *Cache) Forget(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		delete(c.entries, p)
	}
}

// Checked reports whether package check found the file at path without a problem under key
// (see check.Memo); the entry must be of the file as it is now, which a read made sure of.
func (c *Cache) Checked(path string, key [32]byte) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[path]
	return ok && e.checked == key
}

// SetChecked remembers that package check found the file at path without a problem under
// key, if the cache has the file.
func (c *Cache) SetChecked(path string, key [32]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[path]; ok && e.checked != key {
		e.checked = key
		c.entries[path] = e
		c.clean = false
	}
}

// Len returns the number of files in the cache.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// ReadCached is [Read] with a cache: it gives the same files and diagnostics, but reuses the
// parse of every file whose size and time (see fileTime) are those recorded in c, and records
// the files it parses. Files that are gone are dropped from c. With a nil cache it is Read.
func ReadCached(fsys fs.FS, c *Cache) (*Files, diag.List) { return read(fsys, defaultLimits(), c) }

// read reads the site with limits lim, through the cache c when it is not nil.
func read(fsys fs.FS, lim limits, c *Cache) (*Files, diag.List) {
	var diags diag.List
	var jobs []job
	var w *walk
	if c != nil && lim == defaultLimits() {
		w = c.takeWalk(fsys)
	}
	if w != nil {
		jobs, diags = w.jobs, slices.Clone(w.walked)
	} else {
		jobs = plan(fsys, lim, &diags)
	}
	walked := slices.Clone(diags)
	if c != nil {
		c.decodeValues()
	}
	results := make([]cacheEntry, len(jobs))
	keep := make([]bool, len(jobs)) // the stat worked, so the entry may be cached
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			res := &results[i]
			if c != nil && !j.fresh {
				if st, err := stat(fsys, j); err == nil {
					res.size, res.modTime, keep[i] = st.Size(), fileTime(st), true
					c.mu.Lock()
					e, ok := c.entries[j.path]
					c.mu.Unlock()
					if ok && e.size == res.size && e.modTime.Equal(res.modTime) {
						*res = e
						return
					}
				}
			}
			d := &decoder{path: j.path, diags: &res.diags}
			src, err := readFile(fsys, j.path)
			if err != nil {
				res.diags.Add(j.path, 0, 0, diag.Error, "%s", cannotRead(err))
				res.value = j.failed
				return
			}
			res.sum = sha256.Sum256(src)
			res.value = j.decode(d, src)
		}()
	}
	wg.Wait()
	values := make([]any, len(jobs))
	sums := make(map[string][32]byte, len(jobs))
	for i, res := range results {
		diags = append(diags, res.diags...)
		values[i] = res.value
		if res.sum != ([32]byte{}) {
			sums[jobs[i].path] = res.sum
		}
	}
	if c != nil {
		entries := make(map[string]cacheEntry, len(jobs))
		for i, j := range jobs {
			if keep[i] && !j.fresh {
				entries[j.path] = results[i]
			}
		}
		c.mu.Lock()
		if c.clean && len(entries) == len(c.entries) {
			for p, e := range entries {
				if old, ok := c.entries[p]; !ok || old.size != e.size || !old.modTime.Equal(e.modTime) {
					c.clean = false
					break
				}
			}
		} else {
			c.clean = false
		}
		c.entries = entries // files no longer planned (removed, renamed) leave the cache
		c.mu.Unlock()
	}
	files := collect(values)
	files.Sums = sums
	files.Key = siteKey(jobs, func(i int) [32]byte { return results[i].sum }, walked)
	return files, collapseReadErrors(diags.Sort())
}

// siteKey returns a hash of what makes a site's files what they are: the path and sum of each
// file to read, in the walk's order, and what the walk reported (files it will not read).
func siteKey(jobs []job, sum func(i int) [32]byte, walked diag.List) [32]byte {
	h := sha256.New()
	for i, j := range jobs {
		s := sum(i)
		h.Write([]byte(j.path))
		h.Write([]byte{0})
		h.Write(s[:])
	}
	for _, d := range walked {
		fmt.Fprintf(h, "%s\x00", d)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// Unchanged reports whether every file of the site rooted at fsys has the size and time c
// recorded for it, and if so returns the site's key, as [Files].Key would be. It parses no
// file and decodes no value kept in a cache file: with [Cache.Recall], a run over a site that
// did not change can say what the last one said. The next read of fsys through c takes the
// folders as Unchanged just listed them instead of listing them again (a tenth of a second
// at national scale).
func (c *Cache) Unchanged(fsys fs.FS) ([32]byte, bool) {
	return c.UnchangedListed(List(fsys))
}

// A Listing is what a walk of a site's folders found: the files a read parses and what the
// walk reported (see [List]).
type Listing struct{ w *walk }

// List walks the folders of the site in fsys as a read does, opening no file: a run lists
// the site while it reads its cache, then gives the listing to [Cache.UnchangedListed].
func List(fsys fs.FS) *Listing {
	var walked diag.List
	jobs := plan(fsys, defaultLimits(), &walked)
	return &Listing{&walk{fsys: fsys, jobs: jobs, walked: walked}}
}

// UnchangedListed is [Cache.Unchanged] with the site's folders as l lists them.
func (c *Cache) UnchangedListed(l *Listing) ([32]byte, bool) {
	fsys, jobs, walked := l.w.fsys, l.w.jobs, l.w.walked
	c.mu.Lock()
	c.walked = l.w
	c.mu.Unlock()
	sums := make([][32]byte, len(jobs))
	for i, j := range jobs {
		if j.fresh {
			src, err := readFile(fsys, j.path)
			if err != nil {
				return [32]byte{}, false
			}
			sums[i] = sha256.Sum256(src)
			continue
		}
		st, err := stat(fsys, j)
		if err != nil {
			return [32]byte{}, false
		}
		c.mu.Lock()
		e, ok := c.entries[j.path]
		c.mu.Unlock()
		if !ok || e.size != st.Size() || !e.modTime.Equal(fileTime(st)) {
			return [32]byte{}, false
		}
		sums[i] = e.sum
	}
	return siteKey(jobs, func(i int) [32]byte { return sums[i] }, walked), true
}

// A Memo is what a whole run over the site found (a check, a build), kept in a cache file so
// that the next run over the same files and settings can say it again without doing it.
type Memo struct {
	Diags diag.List
	Note  string // what else the run said, e.g. a build's summary
}

// maxMemos is how many results a cache keeps: the last check's and build's, and a few more.
const maxMemos = 4

// Recall returns the result remembered under key (see [Cache.Remember]).
func (c *Cache) Recall(key [32]byte) (Memo, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.memos[key]
	return m, ok
}

// Remember keeps m as the result of a run whose key is key: the caller's key must name the
// site (its [Files].Key) and everything else the run's result depends on. The oldest result
// is dropped beyond a few.
func (c *Cache) Remember(key [32]byte, m Memo) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.memos == nil {
		c.memos = map[[32]byte]Memo{}
	}
	if old, ok := c.memos[key]; ok && reflect.DeepEqual(old, m) {
		return
	}
	m.Diags = slices.Clone(m.Diags)
	c.memos[key] = m
	c.memoOrder = append(slices.DeleteFunc(c.memoOrder, func(k [32]byte) bool { return k == key }), key)
	for len(c.memoOrder) > maxMemos {
		delete(c.memos, c.memoOrder[0])
		c.memoOrder = c.memoOrder[1:]
	}
	c.memosClean = false
}

// decodeValues decodes the values of the entries read from a cache file, once; when that
// fails, the entries are dropped and every file is parsed again.
func (c *Cache) decodeValues() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pending == nil {
		return
	}
	values, err := c.pending()
	c.pending = nil
	if err != nil {
		c.entries = map[string]cacheEntry{}
		c.clean = false
		return
	}
	for p, e := range c.entries {
		if c.journaled[p] {
			continue // the journal's value, newer than the file's
		}
		v, ok := values[p]
		if !ok {
			delete(c.entries, p)
			c.clean = false
			continue
		}
		e.value = v
		c.entries[p] = e
	}
}

// stat returns the size and time of j's file, from its folder's entry when the walk found one.
func stat(fsys fs.FS, j job) (fs.FileInfo, error) {
	if j.entry != nil {
		return j.entry.Info()
	}
	return fs.Stat(fsys, j.path)
}
