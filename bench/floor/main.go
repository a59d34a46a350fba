// Floor measures the least a build of a site can take on this machine's file system: writing
// its files and nothing else. bench/hugo.sh runs it beside sitegen and Hugo, so that a build's
// time can be read against the cost of the files it must create.
//
// Usage:
//
//	go run ./bench/floor -pack TREE -o PACK      # once, untimed: TREE's files into one file
//	go run ./bench/floor -unpack PACK -d DEST     # timed: PACK's files written under DEST
//	go run ./bench/floor -unpack PACK -d DEST -link SECOND
//
// -unpack reads the pack (one sequential read of one file, nothing to parse but lengths), then
// makes every folder and writes every file under DEST, the files in path order, split in
// consecutive runs among -workers goroutines, as sitegen's writer does. With -link it then
// also makes SECOND a copy of DEST by hard links (sitegen's second tree, see internal/output):
// the floor of a build that keeps one.
package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
)

func main() {
	pack := flag.String("pack", "", "folder to pack")
	out := flag.String("o", "", "pack file to write (with -pack)")
	unpack := flag.String("unpack", "", "pack file to write out")
	dest := flag.String("d", "", "folder to write the pack's files into (must not exist)")
	link := flag.String("link", "", "also link every file into this folder (must not exist)")
	workers := flag.Int("workers", 2*runtime.NumCPU(), "goroutines writing files")
	flag.Parse()
	var err error
	switch {
	case *pack != "" && *out != "":
		err = packTree(*pack, *out)
	case *unpack != "" && *dest != "":
		err = unpackTree(*unpack, *dest, *link, *workers)
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

// file is one file of a pack: its slash-separated path under the tree, and its bytes.
type file struct {
	name string
	data []byte
}

// packTree writes every regular file under root into the pack file out: for each, the
// lengths of its name and content (uvarints), then both.
func packTree(root, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	var buf [2 * binary.MaxVarintLen64]byte
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		n := binary.PutUvarint(buf[:], uint64(len(name)))
		n += binary.PutUvarint(buf[n:], uint64(len(b)))
		w.Write(buf[:n])
		w.WriteString(name)
		_, err = w.Write(b)
		return err
	})
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// readPack returns the files of the pack file p, in path order.
func readPack(p string) ([]file, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var files []file
	for len(b) > 0 {
		nl, n1 := binary.Uvarint(b)
		if n1 <= 0 {
			return nil, errors.New("corrupt pack")
		}
		dl, n2 := binary.Uvarint(b[n1:])
		if n2 <= 0 || uint64(len(b)-n1-n2) < nl+dl {
			return nil, errors.New("corrupt pack")
		}
		b = b[n1+n2:]
		files = append(files, file{name: string(b[:nl]), data: b[nl : nl+dl]})
		b = b[nl+dl:]
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, nil
}

func unpackTree(pack, dest, second string, workers int) error {
	files, err := readPack(pack)
	if err != nil {
		return err
	}
	if err := os.Mkdir(dest, 0o755); err != nil {
		return err
	}
	err = each(files, workers, dest, func(f file, target string) error {
		return os.WriteFile(target, f.data, 0o644)
	})
	if err != nil || second == "" {
		return err
	}
	if err := os.Mkdir(second, 0o755); err != nil {
		return err
	}
	return each(files, workers, second, func(f file, target string) error {
		return os.Link(filepath.Join(dest, filepath.FromSlash(f.name)), target)
	})
}

// each calls do for every file, with its path under root, on workers goroutines, each given
// a consecutive run of files and making the folders its files need (one mkdir for a new
// folder whose parent is known).
func each(files []file, workers int, root string, do func(f file, target string) error) error {
	var (
		mu    sync.Mutex
		made  = map[string]bool{".": true}
		wg    sync.WaitGroup
		errs  = make([]error, workers)
		chunk = (len(files) + workers - 1) / workers
	)
	var mkdir func(dir string) error
	mkdir = func(dir string) error {
		mu.Lock()
		known := made[dir]
		mu.Unlock()
		if known {
			return nil
		}
		if err := mkdir(path.Dir(dir)); err != nil {
			return err
		}
		if err := os.Mkdir(filepath.Join(root, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		mu.Lock()
		made[dir] = true
		mu.Unlock()
		return nil
	}
	for w := range workers {
		lo, hi := min(w*chunk, len(files)), min((w+1)*chunk, len(files))
		wg.Go(func() {
			for _, f := range files[lo:hi] {
				if err := mkdir(path.Dir(f.name)); err != nil {
					errs[w] = err
					return
				}
				if err := do(f, filepath.Join(root, filepath.FromSlash(f.name))); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
