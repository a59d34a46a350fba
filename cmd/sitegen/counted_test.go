package main

import "testing"

func TestCounted(t *testing.T) {
	for _, tc := range []struct {
		n    int
		one  string
		want string
	}{{0, "warning", "0 warnings"}, {1, "warning", "1 warning"}, {2, "error", "2 errors"}, {1, "page", "1 page"}} {
		if got := counted(tc.n, tc.one); got != tc.want {
			t.Errorf("counted(%d, %q) = %q, want %q", tc.n, tc.one, got, tc.want)
		}
	}
}
