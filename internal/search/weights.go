package search

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"sync"
)

// weightSample is how many files of a folder of the index are compressed to estimate what
// one of them weighs: evenly spread over the folder's files in the order of their names, so
// the estimate depends only on the files, and a folder of 12,000 files of records costs the
// build no more than one of 50.
const weightSample = 24

// weightRound is the step to which a weight is rounded up: the manifest's own weight is
// written in itself, and rounding up keeps it true once written.
const weightRound = 64

// weights returns what reading each file of files (the index, by path) costs a search, in
// bytes gzip as a web server sends them: the own size of each of singles (the dictionary,
// the gazetteer's index…), and for any other file the mean size of the files of its folder,
// under the folder's path ("search/g/"). A file's size is own's when own has it (files that
// carry their own weight), else compressed; of a folder whose files are not all in own, a
// sample is compressed.
func weights(files map[string][]byte, singles []string, own map[string]int, sizes *Sizes) map[string]int {
	single := map[string]bool{}
	for _, name := range singles {
		single[name] = true
	}
	folders := map[string][]string{}
	for name := range files {
		if !single[name] {
			dir := path.Dir(name) + "/"
			folders[dir] = append(folders[dir], name)
		}
	}
	out := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	set := func(key string, names []string) {
		defer wg.Done()
		total := 0
		for _, name := range names {
			if w, ok := own[name]; ok {
				total += w
			} else {
				total += sizes.of(files[name])
			}
		}
		w := roundUp((total + len(names) - 1) / len(names))
		mu.Lock()
		out[key] = w
		mu.Unlock()
	}
	for _, name := range singles {
		if _, ok := files[name]; ok {
			wg.Add(1)
			go set(name, []string{name})
		}
	}
	for dir, names := range folders {
		slices.Sort(names)
		if slices.ContainsFunc(names, func(n string) bool { _, ok := own[n]; return !ok }) {
			names = sample(names, weightSample) // else every file, none to compress
		}
		wg.Add(1)
		go set(dir, names)
	}
	wg.Wait()
	return out
}

// sample returns n of names (all when there are no more), evenly spread, first and last
// included.
func sample(names []string, n int) []string {
	if len(names) <= n {
		return names
	}
	out := make([]string, n)
	for i := range out {
		out[i] = names[i*(len(names)-1)/(n-1)]
	}
	return out
}

// roundUp returns n rounded up to a multiple of weightRound.
func roundUp(n int) int {
	return (n + weightRound - 1) / weightRound * weightRound
}

// gzipSize returns the size of b compressed as a web server compresses it by default, with
// Go's gzip at its default level: zlib's, which most web servers use, makes some files up to
// 6% larger (the weekdays' files), others 1% smaller; the finder's budget keeps a margin for
// it (templates/find.js).
func gzipSize(b []byte) int {
	var n countWriter
	z := gzipWriters.Get().(*gzip.Writer)
	z.Reset(&n)
	z.Write(b) // a countWriter takes every byte
	z.Close()
	gzipWriters.Put(z)
	return int(n)
}

// Sizes remembers the sizes gzip of files by their content's SHA-256, from one build to the
// next of one process (sitegen serve), so that a rebuild compresses again only the files of
// the index that changed: about 20 ms of processor time at each save on the sample site, time
// a browser beside the server can use (the compressing ran beside the pages' planning, so a
// reload on an idle machine took as long). It keeps what the last two builds weighed. The
// zero value is ready for use, and a nil *Sizes remembers nothing. It is safe for concurrent
// use.
type Sizes struct {
	mu        sync.Mutex
	last, now map[[32]byte]int
	made      int // sizes compressed, not remembered: for tests
}

// Next begins a build: the sizes the build before the last weighed are forgotten.
func (z *Sizes) Next() {
	if z == nil {
		return
	}
	z.mu.Lock()
	z.last, z.now = z.now, nil
	z.mu.Unlock()
}

// of returns the size gzip of b (see gzipSize).
func (z *Sizes) of(b []byte) int {
	if z == nil {
		return gzipSize(b)
	}
	key := sha256.Sum256(b)
	z.mu.Lock()
	n, ok := z.now[key]
	if !ok {
		n, ok = z.last[key]
	}
	z.mu.Unlock()
	if !ok {
		n = gzipSize(b)
	}
	z.mu.Lock()
	if !ok {
		z.made++
	}
	if z.now == nil {
		z.now = map[[32]byte]int{}
	}
	z.now[key] = n
	z.mu.Unlock()
	return n
}

// gzipWriters are writers for gzipSize: making one allocates its tables, several times what
// compressing a file of the index costs.
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

// countWriter counts the bytes written to it.
type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// weighManifest sets m.Weights from the index's files (see [weights]) and returns m as
// written, weighing itself too: the weight it gives itself is its size gzip, rounded up.
func weighManifest(m *Manifest, files map[string][]byte, sizes *Sizes) ([]byte, error) {
	singles := []string{m.Words, m.Geo}
	for _, name := range m.Sites {
		singles = append(singles, name)
	}
	// The files that carry their own weight: the gazetteer's places (weighed once, as the
	// gazetteer is made), the token index's, the filters', the weekdays' and the states'
	// positions.
	own := map[string]int{}
	var geo GeoIndex
	if b, ok := files[m.Geo]; ok {
		if err := json.Unmarshal(b, &geo); err != nil {
			return nil, fmt.Errorf("search: %s: %w", m.Geo, err)
		}
		if geo.Large != "" {
			singles = append(singles, geo.Large)
		}
		for _, f := range geo.Places {
			own[f.File] = f.Weight
		}
	}
	var wg sync.WaitGroup
	for i, t := range m.Tokens {
		wg.Go(func() { m.Tokens[i].Weight = roundUp(sizes.of(files[t.File])) })
	}
	wg.Wait()
	// Filters, weekdays and states' positions: a hundred files or so, a few KB each.
	for _, values := range m.Filters {
		for v, f := range values {
			f.Weight = roundUp(sizes.of(files[f.File]))
			values[v] = f
			own[f.File] = f.Weight
		}
	}
	for day, d := range m.Days {
		d.Weight = roundUp(sizes.of(files[d.File]))
		m.Days[day] = d
		own[d.File] = d.Weight
	}
	for i, st := range m.States {
		if st.Points != "" {
			m.States[i].PointsWeight = roundUp(sizes.of(files[st.Points]))
			own[st.Points] = m.States[i].PointsWeight
		}
	}
	for _, t := range m.Tokens {
		own[t.File] = t.Weight
	}
	m.Weights = weights(files, singles, own, sizes)
	const self = "search/manifest.json"
	// Written with its own weight in, the manifest may grow a step: then once more.
	for range 3 {
		b, err := marshal(m)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		w := roundUp(sizes.of(b))
		if m.Weights[self] >= w {
			return b, nil
		}
		m.Weights[self] = w
	}
	return nil, fmt.Errorf("search: the manifest's weight does not settle")
}
