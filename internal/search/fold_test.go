package search

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// readVectors decodes a JSON file of testdata; fold.js's tests read the same files.
func readVectors(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("testdata/%s: %v", name, err)
	}
}

func TestFold(t *testing.T) {
	var vectors [][2]string
	readVectors(t, "fold.json", &vectors)
	if len(vectors) < 10 {
		t.Fatalf("testdata/fold.json has %d vectors, want at least 10", len(vectors))
	}
	for _, v := range vectors {
		t.Run(v[0], func(t *testing.T) {
			if got := Fold(v[0]); got != v[1] {
				t.Errorf("Fold(%q) = %q, want %q", v[0], got, v[1])
			}
		})
	}
}

func TestFoldPairs(t *testing.T) {
	tests := []struct {
		name, a, b string
	}{
		{"conexion", "Conexión", "conexion"},
		{"senor", "Señor", "senor"},
		{"upper and lower", "SÃO PAULO", "são paulo"},
		{"composed and decomposed", "Zo\u00eb", "Zoe\u0308"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if a, b := Fold(tt.a), Fold(tt.b); a != b {
				t.Errorf("Fold(%q) = %q, Fold(%q) = %q, want them equal", tt.a, a, tt.b, b)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	var vectors []struct {
		In   string
		Want []string
	}
	var raw [][2]json.RawMessage
	readVectors(t, "tokens.json", &raw)
	for _, r := range raw {
		var v struct {
			In   string
			Want []string
		}
		if err := json.Unmarshal(r[0], &v.In); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(r[1], &v.Want); err != nil {
			t.Fatal(err)
		}
		vectors = append(vectors, v)
	}
	for _, v := range vectors {
		t.Run(v.In, func(t *testing.T) {
			got := Tokens(v.In)
			if len(got) == 0 && len(v.Want) == 0 {
				return
			}
			if !slices.Equal(got, v.Want) {
				t.Errorf("Tokens(%q) = %q, want %q", v.In, got, v.Want)
			}
		})
	}
}

func FuzzTokens(f *testing.F) {
	var vectors [][2]string
	b, err := os.ReadFile("testdata/fold.json")
	if err != nil {
		f.Fatal(err)
	}
	if err := json.Unmarshal(b, &vectors); err != nil {
		f.Fatal(err)
	}
	for _, v := range vectors {
		f.Add(v[0])
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, w := range Tokens(s) {
			if w == "" {
				t.Fatalf("Tokens(%q) holds an empty word", s)
			}
			if w != Fold(w) {
				t.Errorf("Tokens(%q) holds %q, which folds to %q", s, w, Fold(w))
			}
			if strings.ContainsAny(w, " ,.-") {
				t.Errorf("Tokens(%q) holds %q, which has a separator", s, w)
			}
		}
	})
}
