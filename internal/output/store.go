package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"sitegen/internal/parallel"
)

const (
	// markerName is the file every tree sitegen writes carries, naming the tree.
	markerName = ".sitegen"
	// markerText starts every marker; the tree's name follows it.
	markerText = "This folder was written by sitegen build; sitegen replaces it on the next build.\ntree "
	// storeMarker is the file that makes a store folder sitegen's.
	storeMarker = "sitegen-store"
	// tmpSuffix ends the names of files being written; they are renamed when complete.
	tmpSuffix = ".sitegen-tmp"
)

// manifest maps each file of a tree to its sum (see sumOf) and the key it was made with.
type manifest map[string]entry

// entry is what a manifest knows of one file.
type entry struct {
	sum string // see sumOf
	// key names the inputs the file was made from (see Writer.Keep); "" when unknown.
	key string
}

// sumOf returns the first 16 bytes of b's SHA-256 in hexadecimal, as a manifest writes it.
func sumOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:16])
}

// sumLen is the length of a sum (see sumOf).
const sumLen = 32

// store is the folder beside a destination that holds the second tree and the manifests.
type store struct {
	dir string
}

// storeDir returns the store folder of the destination dest.
func storeDir(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".sitegen")
}

// openStore returns dest's store, making it if needed. A folder of that name that sitegen
// did not make is refused.
func openStore(dest string) (*store, error) {
	dir := storeDir(dest)
	st, err := os.Lstat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		text := "sitegen keeps here the second copy of " + filepath.Base(dest) + "/ and the list of its files.\n" +
			"It makes rebuilds write only what changed; deleting this folder is safe.\n"
		if err := os.WriteFile(filepath.Join(dir, storeMarker), []byte(text), 0o644); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case !st.IsDir():
		return nil, fmt.Errorf("%w: %s exists and is not sitegen's folder", ErrUnsafe, dir)
	default:
		if _, err := os.Stat(filepath.Join(dir, storeMarker)); err != nil {
			return nil, fmt.Errorf("%w: %s exists but was not made by sitegen (no %s in it); move it away", ErrUnsafe, dir, storeMarker)
		}
	}
	return &store{dir: dir}, nil
}

// next returns the path of the store's second tree.
func (s *store) next() string { return filepath.Join(s.dir, "next") }

func (s *store) manifestPath(tree string) string { return filepath.Join(s.dir, tree+".sum") }

// buildPrefix starts a manifest's first line when it names the build that made the tree
// (see Writer.SetBuild).
const buildPrefix = "build "

// readManifest returns the manifest of tree and the name of the build that made it (""
// when not named), or nil when there is none or it is damaged.
func (s *store) readManifest(tree string) (manifest, string) {
	b, err := os.ReadFile(s.manifestPath(tree))
	if err != nil {
		return nil, ""
	}
	return parseManifest(string(b))
}

// parseManifest reads a manifest's text (see writeManifest): one string, whose lines' names,
// keys and sums the manifest keeps as parts of it, so that reading 21,000 lines allocates
// little more than the map.
func parseManifest(text string) (manifest, string) {
	build := ""
	if first, rest, ok := strings.Cut(text, "\n"); ok && strings.HasPrefix(first, buildPrefix) {
		build, text = first[len(buildPrefix):], rest
	}
	m := make(manifest, strings.Count(text, "\n"))
	for line := range strings.Lines(text) {
		line, ok := strings.CutSuffix(line, "\n")
		sum, rest, ok1 := strings.Cut(line, " ")
		key, name, ok2 := strings.Cut(rest, " ")
		if !ok || !ok1 || !ok2 || !isSum(sum) || !validPath(name) {
			return nil, ""
		}
		if key == "-" {
			key = ""
		}
		m[name] = entry{sum: sum, key: key}
	}
	return m, build
}

// isSum reports whether s is a sum as sumOf writes it.
func isSum(s string) bool {
	if len(s) != sumLen {
		return false
	}
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// writeManifest writes m as tree's manifest, naming the build that made it (none when
// build is ""), through a temporary file: the name and the files change together.
func (s *store) writeManifest(tree string, m manifest, build string) error {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	var b bytes.Buffer
	b.Grow(len(names) * 64)
	if build != "" && !strings.ContainsAny(build, "\n") {
		b.WriteString(buildPrefix + build + "\n")
	}
	for _, name := range names {
		e := m[name]
		b.WriteString(e.sum)
		b.WriteByte(' ')
		if e.key == "" || strings.ContainsAny(e.key, " \n") {
			b.WriteByte('-')
		} else {
			b.WriteString(e.key)
		}
		b.WriteByte(' ')
		b.WriteString(name)
		b.WriteByte('\n')
	}
	p := s.manifestPath(tree)
	if err := writeNew(p+tmpSuffix, b.Bytes()); err != nil {
		return err
	}
	return os.Rename(p+tmpSuffix, p)
}

// linkManifest makes tree's manifest the one of from, which was just written with the same
// files and build: one hard link, so that the next build reads it once (see recover). It
// writes a copy where the file system has no links.
func (s *store) linkManifest(from, tree string) error {
	return linkOrCopy(s.manifestPath(from), s.manifestPath(tree))
}

// sameManifest reports whether the manifests of trees a and b are one file (see
// linkManifest). A manifest is only ever replaced or removed, never changed in place, so
// one file means one content.
func (s *store) sameManifest(a, b string) bool {
	sa, err := os.Stat(s.manifestPath(a))
	if err != nil {
		return false
	}
	sb, err := os.Stat(s.manifestPath(b))
	return err == nil && os.SameFile(sa, sb)
}

func (s *store) removeManifest(tree string) error {
	if err := os.Remove(s.manifestPath(tree)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// lock takes the store's lock, waiting for another build that holds it.
func (s *store) lock() (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(s.dir, "lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// swap puts next/ at dest and what was at dest, if anything, at next/.
func (s *store) swap(dest string) error {
	next := s.next()
	if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(next, dest)
	}
	err := exchange(next, dest)
	if !errors.Is(err, errNoExchange) {
		return err
	}
	// Two renames: a kill between them leaves dest missing, which recoverSwap repairs.
	old := filepath.Join(s.dir, "old")
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(next, dest); err != nil {
		return errors.Join(err, os.Rename(old, dest))
	}
	return os.Rename(old, next)
}

// recoverSwap finishes or undoes a two-rename swap that was interrupted.
func (s *store) recoverSwap(dest string) error {
	old := filepath.Join(s.dir, "old")
	if _, err := os.Lstat(old); err != nil {
		return nil
	}
	if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(old, dest) // the previous site, complete
	}
	if _, err := os.Lstat(s.next()); errors.Is(err, os.ErrNotExist) {
		return os.Rename(old, s.next())
	}
	return os.RemoveAll(old)
}

// readMarker returns the name of the tree at dir ("a" or "b"), or "" when dir has no marker.
func readMarker(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, markerName))
	if err != nil {
		return ""
	}
	tree, ok := strings.CutPrefix(string(b), markerText)
	tree = strings.TrimSpace(tree)
	if !ok || tree != "a" && tree != "b" {
		return ""
	}
	return tree
}

func writeMarker(dir, tree string) error {
	return writeNew(filepath.Join(dir, markerName), []byte(markerText+tree+"\n"))
}

// removeOldTemps removes the folders that versions of sitegen before the store left beside
// dest when they were interrupted (".public.new-123", ".public.new-123.old": os.MkdirTemp's
// digits): complete or partial old sites, which may hold groups made private since. A folder
// of any other name is someone's (".public.new-backup"), and left alone.
func removeOldTemps(dest string) {
	prefix := "." + filepath.Base(dest) + ".new-"
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		rest = strings.TrimSuffix(rest, ".old")
		if ok && e.IsDir() && rest != "" && strings.Trim(rest, "0123456789") == "" {
			os.RemoveAll(filepath.Join(filepath.Dir(dest), e.Name()))
		}
	}
}

// newLeftOut makes and returns a new folder in the store's left-out/, named by the time now
// (and a number, when a folder of that name exists).
func (s *store) newLeftOut(now time.Time) (string, error) {
	base := filepath.Join(s.dir, "left-out", now.UTC().Format("2006-01-02T150405Z"))
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		return "", err
	}
	dir := base
	for i := 2; ; i++ {
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", err
		}
		dir = fmt.Sprintf("%s-%d", base, i)
	}
}

// stamp returns when tree's manifest was written: every file of the tree was complete by
// then (see checkTree). The zero time when there is no manifest.
func (s *store) stamp(tree string) time.Time {
	st, err := os.Stat(s.manifestPath(tree))
	if err != nil {
		return time.Time{}
	}
	return st.ModTime()
}

// checkTree compares the tree at root with its manifest m, written at stamp, and returns a
// copy of m in which the files that are not as sitegen left them, changed since (modified
// after stamp) or missing, have no sum and no key; and the files under root that m does not
// list. The two trees share their files by hard links, so a file edited by hand in the
// published one is edited in the other too: trusted, it would outlive every rebuild (until
// 2026-12-05 it did, even after the published folder was deleted). A file whose
// modification time was set back (cp -p, touch -r) is not seen.
func checkTree(root string, m manifest, stamp time.Time) (manifest, []string, error) {
	// The names first, from the folders alone; then each listed file's time, on several
	// goroutines: at 10,000 groups the published tree has 41,000 files, and each look waits
	// on the file system more than on the processor.
	var listed, extra []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch _, ok := m[rel]; {
		case rel == markerName || strings.HasSuffix(rel, tmpSuffix):
		case ok:
			listed = append(listed, rel)
		default:
			extra = append(extra, rel)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("checking %s against the list of its files: %w", root, err)
	}
	changed := make([]bool, len(listed))
	parallel.Ranges(len(listed), linkers, func(_, lo, hi int) error {
		for i := lo; i < hi; i++ {
			info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(listed[i])))
			changed[i] = err != nil || !info.Mode().IsRegular() || info.ModTime().After(stamp)
		}
		return nil
	})
	// A file changed or missing stays listed, with no sum and no key: the build makes it
	// again if it still belongs (no sum matches), and removes it from both trees if it does
	// not (a group made private since: until the review of 2026-12-05, a page edited by
	// hand was dropped from the list, and so never removed).
	clean := make(manifest, len(m))
	for name := range m {
		clean[name] = entry{}
	}
	for i, name := range listed {
		if !changed[i] {
			clean[name] = m[name]
		}
	}
	slices.Sort(extra)
	return clean, extra, nil
}

// errNoExchange says that the system cannot swap two folders atomically.
var errNoExchange = errors.New("no atomic exchange")
