package load

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"time"

	"sitegen/internal/diag"
)

// A [Cache] can be kept on disk between runs ([ReadCacheFile], [Cache.WriteFile]), so that a
// check or build of a large site parses only the files that changed since the last one:
// parsing YAML is most of the time `sitegen check` takes at national scale, and decoding what
// was parsed takes a tenth of it. The file is tied to the program that wrote it; any other
// program's (a new version of sitegen) is not read.
//
// The file is gob, which leaves out a field that holds a zero value, and with it a pointer to
// a zero value, an empty list and an empty map: "public: false" would come back as no value
// at all, which publishes a private group. Each entry therefore lists where such values were
// ([zeros]), and reading puts them back.

// The file is two gob values, one after the other, and their checksum (see readSealed): a
// diskIndex, which says what each file was when it was parsed and what the last whole check
// found, and the diskChunks, the values in a few parts encoded apart (diskValues each), which
// a run decodes only when it reads a file (a check of a site that did not change needs only
// the index), each part on its own processor: decoding the values of a national site takes a
// quarter of a second.

// diskIndex is the first part of the file: the program that wrote it, when, each file's
// entry by path, and the last whole check.
type diskIndex struct {
	Program string
	Written time.Time
	Entries map[string]indexEntry
}

// diskJournal is the file beside, NAME.journal: the entries that differ from those of the
// cache file (NAME) it was written after, and the paths of the entries the cache file has
// but the site no longer does, followed by a diskChunks of its entries' values. A run that
// changed a few files writes only these, rather than the whole cache file again (which at
// national scale takes longer than the rest of a one-file check), until they are more than
// maxJournal of the entries.
type diskJournal struct {
	Program string
	Base    time.Time // the Written of the cache file it goes with
	Written time.Time
	Entries map[string]indexEntry
	Removed []string
}

// maxJournal is the largest part of the entries a journal holds (see diskJournal): beyond
// it, the whole cache file is written again.
const maxJournal = 8 // 1/8

// diskMemos is the file beside, NAME.memo, which keeps what the last runs found (see Memo):
// it changes with every run that finds something new, and is small.
type diskMemos struct {
	Program string
	Memos   []diskMemo // oldest first
}

// diskMemo is a Memo and its key.
type diskMemo struct {
	Key  [32]byte
	Memo Memo
}

// indexEntry is a cacheEntry without its value.
type indexEntry struct {
	Size    int64
	ModTime time.Time
	Diags   diag.List
	Sum     [32]byte
	Checked [32]byte
}

// diskChunks is the second part of the file: diskValues, each encoded as a gob of its own.
type diskChunks struct {
	Chunks [][]byte
}

// chunks is how many parts the values of a cache file are written in: enough for every
// processor of most machines to decode one.
const chunks = 8

// diskValues is the value of each entry, by path: one part of diskChunks, or a journal's.
type diskValues struct {
	Values map[string]diskValue
}

// decodePart decodes one part of diskChunks (a gob of diskValues) and restores the values'
// zeros (see zeros).
func decodePart(b []byte) (map[string]any, error) {
	var dv diskValues
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&dv); err != nil {
		return nil, err
	}
	values := make(map[string]any, len(dv.Values))
	for p, e := range dv.Values {
		v := e.value()
		if v != nil && !restoreZeros(reflect.ValueOf(v), e.Zeros) {
			return nil, fmt.Errorf("cache: %s does not have the shape it was written with", p)
		}
		values[p] = v
	}
	return values, nil
}

// encodeChunks splits the values of dv in parts by path and encodes each, on every
// processor.
func encodeChunks(dv diskValues) (diskChunks, error) {
	parts := make([]diskValues, chunks)
	for i := range parts {
		parts[i].Values = make(map[string]diskValue, len(dv.Values)/chunks+1)
	}
	for p, v := range dv.Values {
		parts[chunkOf(p)].Values[p] = v
	}
	out := diskChunks{Chunks: make([][]byte, chunks)}
	errs := make([]error, chunks)
	var wg sync.WaitGroup
	for i := range parts {
		wg.Go(func() {
			var b bytes.Buffer
			errs[i] = gob.NewEncoder(&b).Encode(parts[i])
			out.Chunks[i] = b.Bytes()
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// values decodes every part of dc, on every processor, and returns the values by path.
func (dc diskChunks) values() (map[string]any, error) {
	parts := make([]map[string]any, len(dc.Chunks))
	errs := make([]error, len(dc.Chunks))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, b := range dc.Chunks {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			parts[i], errs[i] = decodePart(b)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	values := map[string]any{}
	for _, part := range parts {
		maps.Copy(values, part)
	}
	return values, nil
}

// chunkOf returns the part of a cache file's values that holds the value of path.
func chunkOf(path string) int {
	h := fnv.New32a()
	h.Write([]byte(path))
	return int(h.Sum32() % chunks)
}

// diskValue is an entry's value, under the field of its kind.
type diskValue struct {
	Site      *SiteFile
	Affiliate *Affiliate
	Group     *Group
	Training  *Training
	Page      *Page
	// Zeros are the places in the value of pointers to zero values, empty lists and empty
	// maps, each a path of field and element indexes (see zeros).
	Zeros [][]int
}

func (e *diskValue) value() any {
	switch {
	case e.Site != nil:
		return e.Site
	case e.Affiliate != nil:
		return e.Affiliate
	case e.Group != nil:
		return e.Group
	case e.Training != nil:
		return e.Training
	case e.Page != nil:
		return e.Page
	}
	return nil
}

// racy is how close to the time a cache file was written a file may have changed and not be
// trusted to have its size and time changed too (some file systems keep times to the
// second or two): such a file is parsed again.
const racy = 3 * time.Second

// ReadCacheFile returns the cache kept in the file name by program (a name of the running
// program, e.g. a hash of its executable), or an empty cache when there is none, it is
// damaged, or another program wrote it. The entries' values are decoded when a read first
// needs them.
func ReadCacheFile(name, program string) *Cache {
	c := NewCache()
	b, ok := readSealed(name)
	if !ok || program == "" {
		return c
	}
	defer func() { c.memosClean = true }()
	dec := gob.NewDecoder(bytes.NewReader(b))
	var ix diskIndex
	if err := dec.Decode(&ix); err != nil || ix.Program != program {
		return c
	}
	base := baseFile{written: ix.Written, entries: make(map[string]fileState, len(ix.Entries))}
	for p, e := range ix.Entries {
		if !e.ModTime.Before(ix.Written.Add(-racy)) {
			continue
		}
		c.entries[p] = cacheEntry{size: e.Size, modTime: e.ModTime, diags: e.Diags, sum: e.Sum, checked: e.Checked}
		base.entries[p] = c.entries[p].state()
	}
	c.base = base
	c.readMemos(name+".memo", program)
	c.clean = len(c.entries) == len(ix.Entries)
	c.readJournal(name+".journal", program)
	c.pending = func() (map[string]any, error) {
		var dc diskChunks
		if err := dec.Decode(&dc); err != nil {
			return nil, err
		}
		return dc.values()
	}
	return c
}

// readJournal applies the journal in the file name (see diskJournal) to the entries just
// read from the cache file it goes with; a journal of another program or cache file, or one
// that cannot be read whole, is left out, and the files it changed are parsed again.
func (c *Cache) readJournal(name, program string) {
	b, ok := readSealed(name)
	if !ok {
		return
	}
	dec := gob.NewDecoder(bytes.NewReader(b))
	var j diskJournal
	var dc diskChunks
	if dec.Decode(&j) != nil || j.Program != program || !j.Base.Equal(c.base.written) || dec.Decode(&dc) != nil {
		return
	}
	values, err := dc.values()
	if err != nil {
		return
	}
	for p := range j.Entries {
		if _, ok := values[p]; !ok {
			return
		}
	}
	c.journaled = make(map[string]bool, len(j.Entries))
	for _, p := range j.Removed {
		delete(c.entries, p)
	}
	for p, e := range j.Entries {
		if !e.ModTime.Before(j.Written.Add(-racy)) {
			delete(c.entries, p)
			c.clean = false
			continue
		}
		c.entries[p] = cacheEntry{size: e.Size, modTime: e.ModTime, diags: e.Diags, sum: e.Sum, checked: e.Checked, value: values[p]}
		c.journaled[p] = true
	}
}

// WriteFile keeps c in the file name for program, through a temporary file, unless nothing
// changed since it was read. When few entries differ from those the file holds, only they
// are written, to a journal beside it (see diskJournal).
func (c *Cache) WriteFile(name, program string) error {
	if program == "" {
		return nil
	}
	if err := c.writeMemos(name+".memo", program); err != nil {
		return err
	}
	c.mu.Lock()
	clean := c.clean
	c.mu.Unlock()
	if clean {
		return nil
	}
	if done, err := c.writeJournal(name+".journal", program); done || err != nil {
		return err
	}
	c.decodeValues() // values not yet decoded are written back as they were
	c.mu.Lock()
	defer c.mu.Unlock()
	ix := diskIndex{Program: program, Written: time.Now(), Entries: make(map[string]indexEntry, len(c.entries))}
	dv := diskValues{Values: make(map[string]diskValue, len(c.entries))}
	base := baseFile{written: ix.Written, entries: make(map[string]fileState, len(c.entries))}
	for p, e := range c.entries {
		v, ok := e.diskValue()
		if !ok {
			continue
		}
		ix.Entries[p] = e.indexEntry()
		dv.Values[p] = v
		if e.modTime.Before(ix.Written.Add(-racy)) { // as the next read will trust it
			base.entries[p] = e.state()
		}
	}
	dc, err := encodeChunks(dv)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	if err := writeGob(name, ix, dc); err != nil {
		return err
	}
	// A journal left from the file before goes with another cache file: the next read would
	// leave it out, and this removes it.
	if err := os.Remove(name + ".journal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	c.base, c.journaled = base, nil
	c.clean = true
	return nil
}

// writeJournal writes to the file name the entries of c that differ from those of the cache
// file read, when they are few enough (see maxJournal), and reports whether it did. The
// caller holds no lock.
func (c *Cache) writeJournal(name, program string) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.base.written.IsZero() {
		return false, nil
	}
	j := diskJournal{Program: program, Base: c.base.written, Written: time.Now(), Entries: map[string]indexEntry{}}
	dv := diskValues{Values: map[string]diskValue{}}
	for p, e := range c.entries {
		if b, ok := c.base.entries[p]; ok && b.same(e.state()) {
			continue
		}
		v, ok := e.diskValue()
		if !ok {
			continue
		}
		j.Entries[p] = e.indexEntry()
		dv.Values[p] = v
	}
	for p := range c.base.entries {
		if _, ok := c.entries[p]; !ok {
			j.Removed = append(j.Removed, p)
		}
	}
	if len(j.Entries)+len(j.Removed) > len(c.entries)/maxJournal {
		return false, nil
	}
	slices.Sort(j.Removed)
	dc, err := encodeChunks(dv)
	if err == nil {
		err = writeGob(name, j, dc)
	}
	if err != nil {
		return true, err
	}
	c.clean = true
	return true, nil
}

// same reports whether s and t are the same file, checked under the same key.
func (s fileState) same(t fileState) bool {
	return s.size == t.size && s.modTime.Equal(t.modTime) && s.sum == t.sum && s.checked == t.checked
}

// indexEntry returns e without its value, as a cache file's index keeps it.
func (e cacheEntry) indexEntry() indexEntry {
	return indexEntry{Size: e.size, ModTime: e.modTime, Diags: e.diags, Sum: e.sum, Checked: e.checked}
}

// diskValue returns e's value as a cache file keeps it, and false for a value that is not
// kept (a catalogue: a few, read each time).
func (e cacheEntry) diskValue() (diskValue, bool) {
	var v diskValue
	switch val := e.value.(type) {
	case *SiteFile:
		v.Site = val
	case *Affiliate:
		v.Affiliate = val
	case *Group:
		v.Group = val
	case *Training:
		v.Training = val
	case *Page:
		v.Page = val
	case nil:
	default:
		return v, false
	}
	if e.value != nil {
		v.Zeros = zeros(reflect.ValueOf(e.value), nil, nil)
	}
	return v, true
}

// readMemos reads the results of the last runs from the file name, if program wrote it.
func (c *Cache) readMemos(name, program string) {
	b, ok := readSealed(name)
	if !ok {
		return
	}
	var dm diskMemos
	if gob.NewDecoder(bytes.NewReader(b)).Decode(&dm) != nil || dm.Program != program {
		return
	}
	for _, m := range dm.Memos {
		c.Remember(m.Key, m.Memo)
	}
}

// writeMemos writes the results of the last runs to the file name, unless none changed.
func (c *Cache) writeMemos(name, program string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.memosClean {
		return nil
	}
	dm := diskMemos{Program: program}
	for _, k := range c.memoOrder {
		dm.Memos = append(dm.Memos, diskMemo{k, c.memos[k]})
	}
	if err := writeGob(name, dm); err != nil {
		return err
	}
	c.memosClean = true
	return nil
}

// A cache file ends with the CRC-32C of the bytes before it (see writeGob), so that a file
// damaged after it was written (on disk, by a tool, by a mistaken edit) is not read: gob
// reads much of such damage as other values (a group's name, a byte of a page), which a build
// would publish as if it were the source. (It is no defence against someone who can write the
// cache folder and mean it: they could write the sum too.)
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// readSealed returns the content of the cache file name without its checksum, and false
// when it cannot be read or its content does not match its checksum.
func readSealed(name string) ([]byte, bool) {
	b, err := os.ReadFile(name)
	if err != nil || len(b) < crc32.Size {
		return nil, false
	}
	body := b[:len(b)-crc32.Size]
	if crc32.Checksum(body, castagnoli) != binary.BigEndian.Uint32(b[len(body):]) {
		return nil, false
	}
	return body, true
}

// writeGob writes values one after another as gob to the file name, then their checksum
// (see readSealed), through a temporary file, making its folder if needed.
func writeGob(name string, values ...any) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp := name + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	sum := crc32.New(castagnoli)
	w := bufio.NewWriter(io.MultiWriter(f, sum))
	enc := gob.NewEncoder(w)
	for _, v := range values {
		if err == nil {
			err = enc.Encode(v)
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		_, err = f.Write(sum.Sum(nil))
	}
	if err = errors.Join(err, f.Close()); err != nil {
		return fmt.Errorf("cache: %w", errors.Join(err, os.Remove(tmp)))
	}
	return os.Rename(tmp, name)
}

// zeros appends to out the paths within v of the values gob leaves out but a reader of the
// value can tell from none: a pointer to a zero value, an empty list, an empty map. A path
// is the field indexes of structs and element indexes of lists that lead to the value.
func zeros(v reflect.Value, path []int, out [][]int) [][]int {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return out
		}
		if v.Elem().IsZero() {
			return append(out, append([]int(nil), path...))
		}
		return zeros(v.Elem(), path, out)
	case reflect.Slice, reflect.Map:
		if v.IsNil() {
			return out
		}
		if v.Len() == 0 {
			return append(out, append([]int(nil), path...))
		}
		if v.Kind() == reflect.Slice {
			for i := range v.Len() {
				out = zeros(v.Index(i), append(path, i), out)
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out = zeros(v.Field(i), append(path, i), out)
			}
		}
	}
	return out
}

// restoreZeros puts back in v the values zeros found, reporting false when a path does not
// lead where it should (a file of another shape), so that the cache is not used.
func restoreZeros(v reflect.Value, paths [][]int) bool {
	for _, p := range paths {
		if !restoreZero(v, p) {
			return false
		}
	}
	return true
}

func restoreZero(v reflect.Value, path []int) bool {
	for {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				if len(path) > 0 || !v.CanSet() {
					return false
				}
				v.Set(reflect.New(v.Type().Elem()))
				return true
			}
			if len(path) == 0 {
				return v.Elem().IsZero()
			}
			v = v.Elem()
			continue
		case reflect.Slice:
			if len(path) == 0 {
				if v.IsNil() && v.CanSet() {
					v.Set(reflect.MakeSlice(v.Type(), 0, 0))
				}
				return v.Len() == 0
			}
			if path[0] >= v.Len() {
				return false
			}
			v, path = v.Index(path[0]), path[1:]
		case reflect.Map:
			if len(path) > 0 {
				return false
			}
			if v.IsNil() && v.CanSet() {
				v.Set(reflect.MakeMap(v.Type()))
			}
			return v.Len() == 0
		case reflect.Struct:
			if len(path) == 0 || path[0] >= v.NumField() {
				return false
			}
			v, path = v.Field(path[0]), path[1:]
		default:
			return false
		}
	}
}

// GobEncode writes k for a cache file as one string of bytes: each key's length and name,
// then its line and column. Gob decodes a map key by key through reflection, and a national
// cache holds hundreds of thousands of positions; this is read back in one loop.
func (k Keys) GobEncode() ([]byte, error) {
	b := make([]byte, 0, len(k)*16)
	b = binary.AppendUvarint(b, uint64(len(k)))
	for name, p := range k {
		b = binary.AppendUvarint(b, uint64(len(name)))
		b = append(b, name...)
		b = binary.AppendVarint(b, int64(p.Line))
		b = binary.AppendVarint(b, int64(p.Col))
	}
	return b, nil
}

// GobDecode reads what GobEncode wrote.
func (k *Keys) GobDecode(b []byte) error {
	bad := errors.New("cache: damaged key positions")
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)) {
		return bad
	}
	b = b[w:]
	m := make(Keys, n)
	for range n {
		l, w := binary.Uvarint(b)
		if w <= 0 || l > uint64(len(b)-w) {
			return bad
		}
		name := string(b[w : w+int(l)])
		b = b[w+int(l):]
		line, w := binary.Varint(b)
		if w <= 0 {
			return bad
		}
		b = b[w:]
		col, w := binary.Varint(b)
		if w <= 0 {
			return bad
		}
		b = b[w:]
		m[name] = Pos{Line: int(line), Col: int(col)}
	}
	if len(b) != 0 {
		return bad
	}
	*k = m
	return nil
}
