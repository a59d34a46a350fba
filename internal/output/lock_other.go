//go:build !unix

package output

import "os"

// lockFile does nothing where flock is missing: two builds into one destination at once are
// not prevented there.
func lockFile(f *os.File) error { return nil }

func unlock(f *os.File) error { return f.Close() }
