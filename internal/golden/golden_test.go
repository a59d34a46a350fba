package golden

import (
	"testing"

	"golang.org/x/tools/txtar"
)

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name, want, got, diff string
	}{
		{"same", "a\nb\n", "a\nb\n", "  a\n  b\n"},
		{"changed", "a\nb\n", "a\nc\n", "  a\n+ c\n- b\n"},
		{"empty want", "", "x\n", "+ x\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := LineDiff(tt.want, tt.got); d != tt.diff {
				t.Errorf("LineDiff(%q, %q) = %q, want %q", tt.want, tt.got, d, tt.diff)
			}
		})
	}
}

// TestSet checks that -update rewrites only the want file, keeping the rest of an archive
// byte for byte, and adds one to an archive that has none.
func TestSet(t *testing.T) {
	tests := []struct {
		name, src, want, out string
	}{
		{"replace", "a comment\n-- data/x.yaml --\nname: x\n-- want --\nold\n", "new\n",
			"a comment\n-- data/x.yaml --\nname: x\n-- want --\nnew\n"},
		{"empty", "a comment\n-- data/x.yaml --\nname: x\n-- want --\n", "",
			"a comment\n-- data/x.yaml --\nname: x\n-- want --\n"},
		{"add", "a comment\n-- data/x.yaml --\nname: x\n", "e\n",
			"a comment\n-- data/x.yaml --\nname: x\n-- want --\ne\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := txtar.Parse([]byte(tt.src))
			Set(a, "want", tt.want)
			if got := string(txtar.Format(a)); got != tt.out {
				t.Errorf("Set(%q, want, %q) gives %q, want %q", tt.src, tt.want, got, tt.out)
			}
			if got, ok := File(a, "want"); !ok || got != tt.want {
				t.Errorf("File(want) = %q, %v; want %q", got, ok, tt.want)
			}
		})
	}
}
