package load

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
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

// diskEntry is a cacheEntry as the file keeps it, its value under the field of its kind.
type diskEntry struct {
	Size      int64
	ModTime   time.Time
	Diags     diag.List
	Sum       [32]byte
	Site      *SiteFile
	Affiliate *Affiliate
	Group     *Group
	Training  *Training
	Page      *Page
	// Zeros are the places in the value of pointers to zero values, empty lists and empty
	// maps, each a path of field and element indexes (see zeros).
	Zeros [][]int
}

func (e *diskEntry) value() any {
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

// diskCache is the file: the program that wrote it, when, and its entries by path.
type diskCache struct {
	Program string
	Written time.Time
	Entries map[string]diskEntry
}

// racy is how close to the time a cache file was written a file may have changed and not be
// trusted to have its size and time changed too (some file systems keep times to the
// second or two): such a file is parsed again.
const racy = 3 * time.Second

// ReadCacheFile returns the cache kept in the file name by program (a name of the running
// program, e.g. a hash of its executable), or an empty cache when there is none, it is
// damaged, or another program wrote it.
func ReadCacheFile(name, program string) *Cache {
	c := NewCache()
	f, err := os.Open(name)
	if err != nil || program == "" {
		return c
	}
	defer f.Close()
	var d diskCache
	if err := gob.NewDecoder(bufio.NewReader(f)).Decode(&d); err != nil || d.Program != program {
		return c
	}
	for p, e := range d.Entries {
		if !e.ModTime.Before(d.Written.Add(-racy)) {
			continue
		}
		v := e.value()
		if v != nil && !restoreZeros(reflect.ValueOf(v), e.Zeros) {
			return NewCache()
		}
		c.entries[p] = cacheEntry{size: e.Size, modTime: e.ModTime, value: v, diags: e.Diags, sum: e.Sum}
	}
	c.clean = len(c.entries) == len(d.Entries)
	return c
}

// WriteFile keeps c in the file name for program, through a temporary file, unless nothing
// changed since it was read.
func (c *Cache) WriteFile(name, program string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.clean || program == "" {
		return nil
	}
	d := diskCache{Program: program, Written: time.Now(), Entries: make(map[string]diskEntry, len(c.entries))}
	for p, e := range c.entries {
		de := diskEntry{Size: e.size, ModTime: e.modTime, Diags: e.diags, Sum: e.sum}
		switch v := e.value.(type) {
		case *SiteFile:
			de.Site = v
		case *Affiliate:
			de.Affiliate = v
		case *Group:
			de.Group = v
		case *Training:
			de.Training = v
		case *Page:
			de.Page = v
		case nil:
		default:
			continue // catalogues: a few, read each time
		}
		if e.value != nil {
			de.Zeros = zeros(reflect.ValueOf(e.value), nil, nil)
		}
		d.Entries[p] = de
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp := name + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	err = gob.NewEncoder(w).Encode(d)
	if err == nil {
		err = w.Flush()
	}
	if err = errors.Join(err, f.Close()); err != nil {
		return fmt.Errorf("cache: %w", errors.Join(err, os.Remove(tmp)))
	}
	if err := os.Rename(tmp, name); err != nil {
		return err
	}
	c.clean = true
	return nil
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
