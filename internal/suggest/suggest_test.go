package suggest

import "testing"

func TestClosest(t *testing.T) {
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	keys := []string{"day", "start", "end", "weeks", "overnight"}
	attendance := []string{"in-person", "online", "hybrid"}
	zones := []string{"America/Phoenix", "America/Denver", "America/New_York", "Europe/Paris"}
	tests := []struct {
		name, word string
		candidates []string
		want       string
	}{
		{"transposed key", "dya", keys, "day"},
		{"missing letter", "strt", keys, "start"},
		{"case and prefix", "Tues", days, "tuesday"},
		{"capitalized", "Monday", days, "monday"},
		{"space for hyphen", "in person", attendance, "in-person"},
		{"underscore", "in_person", attendance, "in-person"},
		{"zone typo", "America/Phonix", zones, "America/Phoenix"},
		{"zone case", "america/new_york", zones, "America/New_York"},
		{"ambiguous prefix", "t", days, ""},
		{"affiliate without its prefix", "olentangy", []string{"nami-ohio", "nami-olentangy", "nami-verde-rim"}, "nami-olentangy"},
		{"affiliate parts", "buckeye-state", []string{"nami-buckeye-state", "nami-ohio"}, "nami-buckeye-state"},
		{"ambiguous parts", "ohio", []string{"nami-ohio-north", "nami-ohio-south"}, ""},
		{"command", "chek", []string{"check", "build", "serve", "new", "version", "help"}, "check"},
		{"too far", "banana", keys, ""},
		{"empty", "", keys, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Closest(tt.word, tt.candidates); got != tt.want {
				t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"day", "dya", 1},
		{"kitten", "sitting", 3},
		{"conexión", "conexion", 1},
		{"abc", "", 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
