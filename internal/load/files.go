package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"sitegen/internal/diag"
)

// Budgets on a site's folders, so that no tree of files, however made, costs more than its
// size to check: a build reads at most this many files and folders, and no folder nested
// deeper than the site's layout needs (reaching a folder costs a step per level above it).
const (
	// MaxFiles is the most files read under data/, content/ and templates/ together: ten
	// times a national directory's 10,000 groups, and room to spare.
	MaxFiles = 250_000
	// MaxFolders is the most folders under data/, content/ and templates/ together.
	MaxFolders = 25_000
	// MaxDepth is how deep folders may nest below data/, content/ or templates/; the layout
	// needs two (data/groups/AFFILIATE/).
	MaxDepth = 8
)

// limits are the budgets of one read; tests lower them.
type limits struct {
	files, folders, depth int
}

func defaultLimits() limits { return limits{MaxFiles, MaxFolders, MaxDepth} }

// walker walks the trees of one site under shared budgets, reporting what it will not read.
type walker struct {
	fsys    fs.FS
	prefix  string // put before every path reported or visited: "templates/" for fs.Sub
	within  string // what a symbolic link must stay inside, for messages
	lim     limits
	diags   *diag.List
	files   int
	folders int
	full    bool // a budget ran out: nothing more is visited
	// regular holds the entries of the regular files visited (not symbolic links), when
	// not nil: their Info costs a fraction of a stat by path through an os.Root.
	regular map[string]fs.DirEntry
}

// walk visits the regular files under dir, skipping hidden ones. It reports, at their path,
// and never opens: named pipes, devices and sockets (a read of a pipe waits forever),
// symbolic links leading outside fsys or to a folder, folders nested more than the depth
// budget, and what is beyond the file and folder budgets.
func (w *walker) walk(dir string, visit func(p string)) {
	if w.full {
		return
	}
	report := func(p, format string, args ...any) {
		w.diags.Add(w.prefix+p, 0, 0, diag.Error, format, args...)
	}
	ahead := newReadAhead(w.fsys, w.lim.folders-w.folders, func(p string) bool {
		// The folders the walk will list: not those nested deeper than its budget.
		if dir != "." {
			p = strings.TrimPrefix(p, dir+"/")
		}
		return strings.Count(p, "/")+1 <= w.lim.depth
	})
	defer ahead.stop()
	err := fs.WalkDir(ahead, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			report(p, "%s", cannotRead(err))
			return nil
		}
		name := e.Name()
		if p != dir && strings.HasPrefix(name, ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !e.IsDir() && EditorFile(name) {
			return nil // an editor's file of the moment, or a backup: see EditorFile
		}
		t := e.Type()
		switch {
		case t&fs.ModeSymlink != 0:
			switch linkRefusal(w.fsys, p) {
			case "outside":
				report(p, "symbolic link points outside %s: copy the file here instead", w.within)
				return nil
			case "hidden":
				report(p, "symbolic link points into a hidden folder: sitegen reads no file there; copy the file here instead")
				return nil
			}
			st, err := statNoOpen(w.fsys, p)
			if err != nil {
				report(p, "broken symbolic link: %v", errors.Unwrap(err))
				return nil
			}
			if st.IsDir() {
				report(p, "symbolic link to a folder: use a real folder instead")
				return nil
			}
			if !st.Mode().IsRegular() {
				report(p, "symbolic link to %s, not a file: sitegen reads only regular files; remove it", irregular(st.Mode()))
				return nil
			}
		case e.IsDir():
			if p == dir {
				return nil
			}
			// A file replaced by a folder of its name, by a mistake or a merge: its page would
			// go without a word, emptied or not.
			if ext := strings.ToLower(path.Ext(name)); ext == ".yaml" || ext == ".yml" || ext == ".md" {
				report(p, "a folder, not a file: sitegen reads %s files, not folders of that name; put the file back (git restore %s) or remove the folder", ext, w.prefix+p)
				return fs.SkipDir
			}
			rel := p
			if dir != "." {
				rel = strings.TrimPrefix(p, dir+"/")
			}
			if strings.Count(rel, "/")+1 > w.lim.depth {
				report(p, "folder nested more than %d deep: sitegen does not read it; move what it holds up", w.lim.depth)
				return fs.SkipDir
			}
			if w.folders++; w.folders > w.lim.folders {
				report(p, "more than %d folders in the site: sitegen reads no more; remove the folders that do not belong", w.lim.folders)
				w.full = true
				return fs.SkipAll
			}
			return nil
		case !t.IsRegular():
			report(p, "%s, not a file: sitegen reads only regular files; remove it", irregular(t))
			return nil
		}
		if w.files++; w.files > w.lim.files {
			report(p, "more than %d files in the site: sitegen reads no more; remove the files that do not belong", w.lim.files)
			w.full = true
			return fs.SkipAll
		}
		if w.regular != nil && t.IsRegular() {
			w.regular[p] = e
		}
		visit(p)
		return nil
	})
	if err != nil {
		report(dir, "%s", cannotRead(err))
	}
}

// readAhead is a file system for fs.WalkDir alone: when the walk lists a folder, the folders
// in it are listed at once, in order, on a few goroutines, so that the walk finds them ready.
// Listing a folder costs a stat of each of its files where the file system does not give
// their kinds, and a build after one change spent a tenth of its time waiting for that.
type readAhead struct {
	fs.FS
	budget  int                 // how many more folders it may list ahead: the walk's folder budget
	wanted  func(p string) bool // whether the walk will list the folder p
	slots   chan struct{}
	done    chan struct{}
	mu      sync.Mutex
	pending map[string]chan listing
}

// listing is what fs.ReadDir returned for a folder.
type listing struct {
	entries []fs.DirEntry
	err     error
}

// readAheadListers is how many folders a readAhead lists at once.
const readAheadListers = 4

func newReadAhead(fsys fs.FS, budget int, wanted func(p string) bool) *readAhead {
	return &readAhead{FS: fsys, budget: budget, wanted: wanted, slots: make(chan struct{}, readAheadListers),
		done: make(chan struct{}), pending: map[string]chan listing{}}
}

// Stat is fs.Stat of the file system read.
func (r *readAhead) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.FS, name) }

// ReadDir returns the listing of name, made ahead or now, and starts listing the folders in
// it that a walk visits (not the hidden ones).
func (r *readAhead) ReadDir(name string) ([]fs.DirEntry, error) {
	r.mu.Lock()
	ready, ok := r.pending[name]
	delete(r.pending, name)
	r.mu.Unlock()
	var l listing
	if ok {
		l = <-ready
	} else {
		l.entries, l.err = fs.ReadDir(r.FS, name)
	}
	var dirs []string
	for _, e := range l.entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && len(dirs) < r.budget {
			if d := path.Join(name, e.Name()); r.wanted(d) {
				dirs = append(dirs, d)
			}
		}
	}
	r.budget -= len(dirs)
	r.listAhead(dirs)
	return l.entries, l.err
}

// listAhead lists dirs on the goroutines free, starting them in order, until stop.
func (r *readAhead) listAhead(dirs []string) {
	if len(dirs) == 0 {
		return
	}
	results := make([]chan listing, len(dirs))
	r.mu.Lock()
	for i, d := range dirs {
		results[i] = make(chan listing, 1)
		r.pending[d] = results[i]
	}
	r.mu.Unlock()
	go func() {
		for i, d := range dirs {
			select {
			case r.slots <- struct{}{}:
			case <-r.done:
				return
			}
			go func() {
				defer func() { <-r.slots }()
				var l listing
				l.entries, l.err = fs.ReadDir(r.FS, d)
				results[i] <- l
			}()
		}
	}()
}

// stop lists nothing more ahead: the walk is over.
func (r *readAhead) stop() { close(r.done) }

// irregular names the kind of a file that is not a regular file.
func irregular(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "something other than a file"
}

// statNoOpen returns what name is, following symbolic links, without opening it: fs.Stat
// opens the file on a file system that cannot stat (fs.Sub's), and opening a named pipe waits
// for a writer forever. Links are followed by hand where the file system can read them.
func statNoOpen(fsys fs.FS, name string) (fs.FileInfo, error) {
	if _, ok := fsys.(fs.StatFS); ok {
		return fs.Stat(fsys, name)
	}
	if _, ok := fsys.(fs.ReadLinkFS); !ok {
		return fs.Stat(fsys, name) // no links to follow, and no other way to ask
	}
	for range maxLinkHops {
		info, err := fs.Lstat(fsys, name)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return info, err
		}
		target, err := fs.ReadLink(fsys, name)
		if err != nil {
			return nil, err
		}
		next := path.Join(path.Dir(name), target)
		if path.IsAbs(target) || next == ".." || strings.HasPrefix(next, "../") {
			return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
		}
		name = next
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: errors.New("too many levels of symbolic links")}
}

// maxLinkHops is the most links followed from one path, as Linux's limit.
const maxLinkHops = 40

// linkRefusal returns why the link at p may not be read, "" when it may: it leads out of
// fsys ("outside"), or into a hidden folder ("hidden": .git/, whose config holds a CI
// checkout's token, which a pull request's link would otherwise have quoted in an error or
// published). Every link on the way is followed, each folder of the path too, as the file
// system would: a link to a link (docs/n to ../.git/config) or through a linked folder (gitdir
// to .git) is refused as the direct one is. A file system that cannot read links (embed.FS)
// has none to escape through.
func linkRefusal(fsys fs.FS, p string) string {
	var real []string // the path resolved so far, each part a real folder
	parts := strings.Split(p, "/")
	for hops := 0; len(parts) > 0; {
		part := parts[0]
		parts = parts[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if len(real) == 0 {
				return "outside"
			}
			real = real[:len(real)-1]
			continue
		}
		next := strings.Join(append(real[:len(real):len(real)], part), "/")
		info, err := fs.Lstat(fsys, next)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			// (A part that does not exist is the reader's to report: a broken link.)
			if strings.HasPrefix(part, ".") {
				return "hidden"
			}
			real = append(real, part)
			continue
		}
		if hops++; hops > maxLinkHops {
			return "outside"
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil || path.IsAbs(target) || strings.HasPrefix(target, "/") || strings.Contains(target, `\`) {
			return "outside"
		}
		parts = append(strings.Split(target, "/"), parts...)
	}
	return ""
}

// Walk lists the files under dir of fsys that sitegen reads, in lexical order, under the
// rules of every file of a site: hidden files and folders are left out, and what is refused is
// reported in the list (and left out): named pipes, devices and sockets, symbolic links
// leading out of fsys or to a folder, files larger than [MaxFileSize], folders nested more
// than [MaxDepth] deep, more than [MaxFiles] files or [MaxFolders] folders. Package render
// reads the templates folder with it and [ReadFile]; [Read] checks that folder the same way.
func Walk(fsys fs.FS, dir string) ([]string, diag.List) {
	var diags diag.List
	files := walkSized(fsys, dir, defaultLimits(), &diags)
	return files, diags.Sort()
}

// walkSized is Walk under the budgets lim, reporting to diags.
func walkSized(fsys fs.FS, dir string, lim limits, diags *diag.List) []string {
	w := &walker{fsys: fsys, within: "its folder", lim: lim, diags: diags}
	return w.sized(dir)
}

// sized walks dir as walk does, also refusing files larger than MaxFileSize, and returns
// the files in lexical order. It serves folders whose files are not parsed (templates/).
func (w *walker) sized(dir string) []string {
	var files []string
	w.walk(dir, func(p string) {
		if st, err := statNoOpen(w.fsys, p); err == nil && st.Size() > MaxFileSize {
			w.diags.Add(w.prefix+p, 0, 0, diag.Error, "%v", errTooLarge)
			return
		}
		files = append(files, p)
	})
	slices.Sort(files)
	return files
}

// ReadFile reads the file name of fsys under the rules of every file of a site: a symbolic
// link must lead to a file inside fsys; only a regular file is opened (a named pipe would
// block the read forever, a device never end it); it may hold at most [MaxFileSize] bytes.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	if info, err := fs.Lstat(fsys, name); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		switch linkRefusal(fsys, name) {
		case "outside":
			return nil, fmt.Errorf("%s: symbolic link points outside its folder", name)
		case "hidden":
			return nil, fmt.Errorf("%s: symbolic link points into a hidden folder", name)
		}
	}
	st, err := statNoOpen(fsys, name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %s, not a file: sitegen reads only regular files", name, irregular(st.Mode()))
	}
	b, err := readFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// readFile reads a file that the walk found regular, refusing one larger than MaxFileSize
// before reading it whole.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("%s, not a file", irregular(st.Mode()))
		}
		if st.Size() > MaxFileSize {
			return nil, errTooLarge
		}
		// One read into a buffer of the file's size, plus a byte to see that it ended.
		buf := make([]byte, st.Size()+1)
		n, err := io.ReadFull(f, buf)
		switch {
		case err == io.ErrUnexpectedEOF || err == io.EOF:
			return buf[:n], nil
		case err != nil:
			return nil, err
		}
		// The file grew since Stat: read the rest under the limit.
		rest, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1-int64(n)))
		if err != nil {
			return nil, err
		}
		if buf = append(buf, rest...); len(buf) > MaxFileSize {
			return nil, errTooLarge
		}
		return buf, nil
	}
	buf, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(buf) > MaxFileSize {
		return nil, errTooLarge
	}
	return buf, nil
}

var errTooLarge = fmt.Errorf("file is larger than %d KiB; split it or remove what does not belong", MaxFileSize>>10)

// cannotRead words an error of the file system for a diagnostic that already names the path.
func cannotRead(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, errTooLarge) {
		return err.Error()
	}
	return "cannot read: " + err.Error()
}

// maxSameReadError is how many files a read error that many share is reported at, before
// the rest are counted in one line: a failing disk must not bury the screen.
const maxSameReadError = 3

// collapseReadErrors keeps, of the "cannot read" diagnostics sharing a message, the first few
// (by path) and counts the others in one line at the last of them. l must be sorted.
func collapseReadErrors(l diag.List) diag.List {
	count := map[string]int{}
	last := map[string]diag.Diagnostic{}
	for _, d := range l {
		if strings.HasPrefix(d.Message, "cannot read: ") {
			count[d.Message]++
			last[d.Message] = d
		}
	}
	kept := map[string]int{}
	out := l[:0:0]
	for _, d := range l {
		n := count[d.Message]
		if n <= maxSameReadError+1 || !strings.HasPrefix(d.Message, "cannot read: ") {
			out = append(out, d)
			continue
		}
		if kept[d.Message] < maxSameReadError {
			kept[d.Message]++
			out = append(out, d)
			continue
		}
		if d == last[d.Message] {
			d.Message = fmt.Sprintf("cannot read this file and %d more before it (not listed), all for the same reason: %s", n-maxSameReadError-1, strings.TrimPrefix(d.Message, "cannot read: "))
			out = append(out, d)
		}
	}
	return out
}

// EditorFile reports whether a file named base is one editors write beside the one they
// edit, for a moment or as a backup: Vim's swap files and the "4913" file it writes to test
// a folder, backups ending in "~", Emacs's auto-save ("#name#") files, JetBrains' and
// Chromium's temporary files. The loader does not read them, nor say they are not read, and
// the dev server's watcher does not rebuild for them (see watch.Ignored).
func EditorFile(base string) bool {
	switch {
	case base == "4913",
		strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swo"), strings.HasSuffix(base, ".swx"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		strings.HasSuffix(base, "___jb_tmp___"), strings.HasSuffix(base, "___jb_old___"),
		strings.HasSuffix(base, ".crswap"):
		return true
	}
	return false
}

// looksLikeData reports whether a file under data/ that is not read has a name that says it
// was meant to be: "tuesday.YAML", "tuesday.yml", "tuesday.yaml.txt" (as Notepad saves),
// "tuesday" with no extension. It returns the name to rename it to. Names in capitals without
// an extension (README, LICENSE, CODEOWNERS) are documentation, not data.
func looksLikeData(base string) (rename string, ok bool) {
	lower := strings.ToLower(base)
	stem := ""
	switch {
	case strings.HasSuffix(lower, ".yaml.txt"), strings.HasSuffix(lower, ".yml.txt"):
		stem = base[:strings.LastIndex(lower, ".y")]
	case strings.HasSuffix(lower, ".yaml"), strings.HasSuffix(lower, ".yml"):
		stem = base[:strings.LastIndexByte(base, '.')]
	case path.Ext(base) == "" && !strings.ContainsAny(base[:1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
		stem = base
	default:
		return "", false
	}
	return Slugify(stem) + ".yaml", true
}
