package load

import (
	"io/fs"
	"syscall"
	"time"
)

// fileTime returns what says when a file last changed, for the cache: the later of its
// modification time and its status change time (ctime). A copy that keeps the old
// modification time (cp -p, rsync -t, touch -r, an archive unpacked) over an edit of the
// same size still changes the ctime, which no program can set back.
func fileTime(st fs.FileInfo) time.Time {
	t := st.ModTime()
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		if c := time.Unix(s.Ctim.Sec, s.Ctim.Nsec); c.After(t) {
			return c
		}
	}
	return t
}
