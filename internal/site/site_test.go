package site

import "testing"

func TestListState(t *testing.T) {
	oh := &Affiliate{State: "OH"}
	tests := []struct {
		name string
		g    *Group
		want string
	}{
		{"meets in its affiliate's state", &Group{Affiliate: oh, Place: &Place{State: "OH"}}, "oh"},
		{"meets across the state line", &Group{Affiliate: oh, Place: &Place{State: "PA"}}, "pa"},
		{"online", &Group{Affiliate: oh, Online: &Online{}}, "oh"},
	}
	for _, tt := range tests {
		if got := tt.g.ListState(); got != tt.want {
			t.Errorf("%s: ListState() = %q, want %q", tt.name, got, tt.want)
		}
	}
}
