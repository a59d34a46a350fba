// Package parallel runs independent pieces of a build's work at once: the processors of a
// small machine, and the waits of a slow file system, are shared by the steps that need them.
package parallel

import (
	"errors"
	"sync"
)

// Ranges calls do with consecutive ranges [lo, hi) that cover 0 to n, one for each of
// workers goroutines w (fewer when n is smaller, one when workers is less), at once, and
// returns their errors joined.
// Consecutive ranges keep what is near in order (a folder's files, a state's groups) on one
// goroutine.
func Ranges(n, workers int, do func(w, lo, hi int) error) error {
	if n <= 0 {
		return nil
	}
	workers = max(1, min(workers, n))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { errs[w] = do(w, w*n/workers, (w+1)*n/workers) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// All runs parts at once and returns their errors joined.
func All(parts ...func() error) error {
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Go(func() { errs[i] = part() })
	}
	wg.Wait()
	return errors.Join(errs...)
}
