package load

import (
	"io/fs"
	"runtime"
	"slices"
	"strings"
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
}

// cacheEntry is what one file gave: its decoded value (nil when it had none) and its
// diagnostics.
type cacheEntry struct {
	size    int64
	modTime time.Time
	value   any // *SiteFile, *Affiliate, *Group, *Training or *Page
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
func ReadCached(fsys fs.FS, c *Cache) (*Files, diag.List) {
	if c == nil {
		return Read(fsys)
	}
	var diags diag.List
	// plan's closures append each decoded value to scratch; the values are then taken back
	// out by path, so that each can be cached on its own.
	scratch := &Files{}
	var mu sync.Mutex
	jobs := plan(fsys, defaultLimits(), scratch, &mu, &diags)

	type result struct {
		entry cacheEntry
		hit   bool
		keep  bool // the stat worked, so the entry may be cached
	}
	results := make([]result, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			res := &results[i]
			if st, err := fs.Stat(fsys, j.path); err == nil {
				res.entry.size, res.entry.modTime, res.keep = st.Size(), st.ModTime(), true
				c.mu.Lock()
				e, ok := c.entries[j.path]
				c.mu.Unlock()
				if ok && e.size == res.entry.size && e.modTime.Equal(res.entry.modTime) {
					res.entry, res.hit = e, true
					return
				}
			}
			d := &decoder{path: j.path, diags: &res.entry.diags}
			src, err := readFile(fsys, j.path)
			if err != nil {
				res.entry.diags.Add(j.path, 0, 0, diag.Error, "%s", cannotRead(err))
				return
			}
			j.decode(d, src)
		}()
	}
	wg.Wait()

	parsed := map[string]any{}
	if scratch.Site != nil {
		parsed[scratch.Site.Path] = scratch.Site
	}
	for _, a := range scratch.Affiliates {
		parsed[a.Path] = a
	}
	for _, g := range scratch.Groups {
		parsed[g.Path] = g
	}
	for _, t := range scratch.Trainings {
		parsed[t.Path] = t
	}
	for _, p := range scratch.Pages {
		parsed[p.Path] = p
	}

	files := &Files{}
	entries := make(map[string]cacheEntry, len(jobs))
	for i, j := range jobs {
		res := results[i]
		if !res.hit {
			res.entry.value = parsed[j.path]
		}
		if res.keep {
			entries[j.path] = res.entry
		}
		diags = append(diags, res.entry.diags...)
		switch v := res.entry.value.(type) {
		case *SiteFile:
			files.Site = v
		case *Affiliate:
			files.Affiliates = append(files.Affiliates, v)
		case *Group:
			files.Groups = append(files.Groups, v)
		case *Training:
			files.Trainings = append(files.Trainings, v)
		case *Page:
			files.Pages = append(files.Pages, v)
		}
	}
	c.mu.Lock()
	c.entries = entries // files no longer planned (removed, renamed) leave the cache
	c.mu.Unlock()

	slices.SortFunc(files.Affiliates, func(a, b *Affiliate) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(files.Groups, func(a, b *Group) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(files.Trainings, func(a, b *Training) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(files.Pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	return files, collapseReadErrors(diags.Sort())
}
