package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// checkProtected refuses a destination that is, contains or lies inside one of protect.
func checkProtected(dest string, protect []string) error {
	real := resolve(dest)
	for _, p := range protect {
		if p == "" {
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		abs = resolve(abs)
		switch {
		case real == abs:
			return fmt.Errorf("%w: %s is the site's %s folder; building there would replace it (choose another -d)", ErrUnsafe, dest, describe(abs))
		case within(real, abs):
			return fmt.Errorf("%w: %s is inside the site's %s folder; building there would mix the output with the source (choose another -d)", ErrUnsafe, dest, describe(abs))
		case within(abs, real):
			return fmt.Errorf("%w: %s contains the site's %s folder; building there would replace it (choose another -d, such as the default public/)", ErrUnsafe, dest, describe(abs))
		}
	}
	return nil
}

// checkSource refuses a destination that is the site's source folder or contains it; one
// inside it (the default, SOURCE/public) is fine.
func checkSource(dest, source string) error {
	d, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	s, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	d, s = resolve(d), resolve(s)
	if d == s || within(s, d) {
		return fmt.Errorf("%w: %s is the site's source folder or holds it; building there would replace the site's files (choose another -d, such as the default public/)", ErrUnsafe, dest)
	}
	return nil
}

func describe(p string) string { return filepath.Base(p) + "/" }

// within reports whether p lies strictly inside dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// resolve returns p with the symbolic links of its longest existing prefix resolved, so that
// two names of one folder compare equal.
func resolve(p string) string {
	rest := ""
	for cur := p; ; {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return p
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// checkNested refuses a destination inside a site sitegen published, or inside a store: the
// next build of that site would move it away as a file it did not make.
func checkNested(dest string) error {
	real := resolve(dest)
	// A store's own name (.public.sitegen), or a folder inside one, before any build made it:
	// the build beside it would then find its store taken by a site, and refuse.
	for dir := real; filepath.Dir(dir) != dir; dir = filepath.Dir(dir) {
		if base := filepath.Base(dir); strings.HasPrefix(base, ".") && strings.HasSuffix(base, ".sitegen") && len(base) > len("..sitegen") {
			return fmt.Errorf("%w: %s is named as sitegen names the folder that keeps a site's second copy, %s (choose another -d)", ErrUnsafe, dest, dir)
		}
	}
	for dir := filepath.Dir(real); ; dir = filepath.Dir(dir) {
		if readMarker(dir) != "" {
			return fmt.Errorf("%w: %s is inside %s, a site sitegen published; building there would nest one site in another (choose another -d)", ErrUnsafe, dest, dir)
		}
		if _, err := os.Stat(filepath.Join(dir, storeMarker)); err == nil {
			return fmt.Errorf("%w: %s is inside %s, where sitegen keeps a site's second copy (choose another -d)", ErrUnsafe, dest, dir)
		}
		if filepath.Dir(dir) == dir {
			return nil
		}
	}
}

// checkForeign refuses a destination that holds files sitegen did not write: anything but a
// missing path, an empty folder, or a folder with sitegen's marker.
func checkForeign(dest string) error {
	st, err := os.Lstat(dest)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case st.Mode()&os.ModeSymlink != 0:
		return fmt.Errorf("%w: %s is a symbolic link; give the folder it points to with -d", ErrUnsafe, dest)
	case !st.IsDir():
		return fmt.Errorf("%w: %s exists and is not a folder", ErrUnsafe, dest)
	}
	if readMarker(dest) != "" {
		return nil
	}
	f, err := os.Open(dest)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); errors.Is(err, io.EOF) {
		return nil
	}
	return fmt.Errorf("%w: %s holds files that sitegen did not write (it has no %s marker); move them away or choose another folder with -d", ErrUnsafe, dest, markerName)
}
