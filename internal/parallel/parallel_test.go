package parallel

import (
	"errors"
	"sync/atomic"
	"testing"
)

// TestRanges: every index from 0 to n is given to exactly one worker, in consecutive ranges,
// for any number of workers, and every worker's error comes back.
func TestRanges(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100, 1001} {
		for _, workers := range []int{0, 1, 2, 3, 8, 2000} {
			seen := make([]atomic.Int32, n)
			var calls atomic.Int32
			err := Ranges(n, workers, func(w, lo, hi int) error {
				calls.Add(1)
				if lo > hi {
					t.Errorf("n=%d workers=%d: range [%d, %d)", n, workers, lo, hi)
				}
				for i := lo; i < hi; i++ {
					seen[i].Add(1)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for i := range seen {
				if c := seen[i].Load(); c != 1 {
					t.Errorf("n=%d workers=%d: index %d given %d times", n, workers, i, c)
				}
			}
			if int(calls.Load()) > max(workers, 1) || n > 0 && calls.Load() == 0 {
				t.Errorf("n=%d workers=%d: %d calls", n, workers, calls.Load())
			}
		}
	}
	a, b := errors.New("a"), errors.New("b")
	err := Ranges(10, 3, func(w, lo, hi int) error {
		return []error{a, nil, b}[w]
	})
	if !errors.Is(err, a) || !errors.Is(err, b) {
		t.Errorf("Ranges returned %v, want both errors", err)
	}
}

// TestAll: every part runs, and every error comes back.
func TestAll(t *testing.T) {
	var ran atomic.Int32
	a := errors.New("a")
	err := All(
		func() error { ran.Add(1); return nil },
		func() error { ran.Add(1); return a },
		func() error { ran.Add(1); return nil },
	)
	if ran.Load() != 3 || !errors.Is(err, a) {
		t.Errorf("All ran %d parts and returned %v, want 3 and a", ran.Load(), err)
	}
	if err := All(); err != nil {
		t.Errorf("All() = %v", err)
	}
}
