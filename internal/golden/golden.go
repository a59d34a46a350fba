// Package golden runs a package's golden tests: cases kept as txtar archives in the package's
// testdata/ folder, each a comment that says what the case is, the inputs as files, and what
// the code should write in files named "want" or "want SOMETHING". `go test -update` rewrites
// the want files from what the code writes now, leaving the rest of each archive byte for
// byte.
package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Run runs test on each testdata/*.txtar archive, at least min of them, as a subtest named
// for the file. test returns what the code wrote, by the name of the want file that holds
// what it should write. With update, those files are set (added last when new) and the
// archive is written again; without, each is compared, and a difference shown line by line.
func Run(t *testing.T, min int, update bool, test func(t *testing.T, a *txtar.Archive) map[string]string) {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < min {
		t.Errorf("%d golden cases, want at least %d", len(names), min)
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(string(a.Comment)) == "" {
				t.Errorf("%s has no comment describing the case", name)
			}
			got := test(t, a)
			if t.Failed() && !update {
				return
			}
			if update {
				for _, k := range sortedKeys(got) {
					Set(a, k, got[k])
				}
				if err := os.WriteFile(name, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, k := range sortedKeys(got) {
				want, ok := File(a, k)
				if !ok {
					t.Errorf("%s has no -- %s -- file; run go test -update", name, k)
					continue
				}
				if want != got[k] {
					t.Errorf("%s differs (-want +got):\n%s", k, LineDiff(want, got[k]))
				}
			}
		})
	}
}

// File returns the data of a's file name, and whether a has one.
func File(a *txtar.Archive, name string) (string, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

// Set sets a's file name to data, adding it last when a has none.
func Set(a *txtar.Archive, name, data string) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = []byte(data)
			return
		}
	}
	a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(data)})
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// LineDiff shows the lines of want and got, "-" before those only want has and "+" before
// those only got has, from a longest common subsequence of lines.
func LineDiff(want, got string) string {
	w := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	g := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if want == "" {
		w = nil
	}
	if got == "" {
		g = nil
	}
	lcs := make([][]int, len(w)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(g)+1)
	}
	for i := len(w) - 1; i >= 0; i-- {
		for j := len(g) - 1; j >= 0; j-- {
			if w[i] == g[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b strings.Builder
	i, j := 0, 0
	for i < len(w) || j < len(g) {
		switch {
		case i < len(w) && j < len(g) && w[i] == g[j]:
			fmt.Fprintf(&b, "  %s\n", w[i])
			i, j = i+1, j+1
		case j < len(g) && (i == len(w) || lcs[i][j+1] >= lcs[i+1][j]):
			fmt.Fprintf(&b, "+ %s\n", g[j])
			j++
		default:
			fmt.Fprintf(&b, "- %s\n", w[i])
			i++
		}
	}
	return b.String()
}
