//go:build !linux && !darwin

package output

// exchange reports that this system has no atomic exchange of two folders.
func exchange(a, b string) error { return errNoExchange }
