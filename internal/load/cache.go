package load

import (
	"crypto/sha256"
	"io/fs"
	"runtime"
	"sync"
	"time"

	"sitegen/internal/diag"
)

// Cache keeps what [ReadCached] parsed, so that a rebuild after a change parses only the
// files that changed (sitegen serve). An entry is keyed by the file's path, and is reused
// only while the file's size and modification time stay the same; a caller that knows a file
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
}

// cacheEntry is what one file gave: its decoded value (nil when it had none) and its
// diagnostics.
type cacheEntry struct {
	size    int64
	modTime time.Time
	value   any // *SiteFile, *Affiliate, *Group, *Training, *Page or *words.Catalog
	sum     [32]byte
	diags   diag.List
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

// Len returns the number of files in the cache.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// ReadCached is [Read] with a cache: it gives the same files and diagnostics, but reuses the
// parse of every file whose size and modification time are those recorded in c, and records
// the files it parses. Files that are gone are dropped from c. With a nil cache it is Read.
func ReadCached(fsys fs.FS, c *Cache) (*Files, diag.List) { return read(fsys, defaultLimits(), c) }

// read reads the site with limits lim, through the cache c when it is not nil.
func read(fsys fs.FS, lim limits, c *Cache) (*Files, diag.List) {
	var diags diag.List
	jobs := plan(fsys, lim, &diags)
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
				if st, err := fs.Stat(fsys, j.path); err == nil {
					res.size, res.modTime, keep[i] = st.Size(), st.ModTime(), true
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
	return files, collapseReadErrors(diags.Sort())
}
