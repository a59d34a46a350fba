package load

import (
	"io/fs"
	"syscall"
	"time"
)

// fileTime returns what says when a file last changed, for the cache: its status change time
// (ctime), which every write and every change of its modification time sets to the clock,
// and which no program can set back. The modification time alone missed an edit of the same
// size copied in with the file's old time (cp -p, rsync -t, touch -r, an archive unpacked),
// and the later of the two missed one whose kept time was ahead of the clock.
func fileTime(st fs.FileInfo) time.Time {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return time.Unix(s.Ctim.Unix())
	}
	return st.ModTime()
}
