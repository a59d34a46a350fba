//go:build !linux

package load

import (
	"io/fs"
	"time"
)

// fileTime returns what says when a file last changed, for the cache: its modification time
// (see the Linux version, which also reads the status change time).
func fileTime(st fs.FileInfo) time.Time { return st.ModTime() }
