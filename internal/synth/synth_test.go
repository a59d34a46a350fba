package synth

import (
	"strings"
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/civil"
	"sitegen/internal/site"
	"sitegen/internal/sitetest"
)

// TestSiteChecks proves the generated data is valid, so benchmarks measure real work.
func TestSiteChecks(t *testing.T) {
	fsys := Site(Options{Groups: 600, Seed: 1, Catalogs: sitetest.Catalogs(t)})
	s, diags := build.Check(fsys, build.Options{Now: civil.Date{Year: 2026, Month: 11, Day: 23}})
	for _, d := range diags {
		t.Errorf("%s", d)
	}
	if s == nil {
		t.Fatal("no site built")
	}
	if len(s.Groups) < 500 || len(s.Groups) >= 600 {
		t.Errorf("published %d groups of 600, want most but not all (some are private or ended)", len(s.Groups))
	}
}

// TestSiteVariety proves a generated site holds every kind of group that feeds and pages treat
// differently, so that tests on it (the TSML UI browser test) see them all.
func TestSiteVariety(t *testing.T) {
	fsys := Site(Options{Groups: 200, Seed: 1, Catalogs: sitetest.Catalogs(t)})
	s, _ := build.Check(fsys, build.Options{Now: civil.Date{Year: 2026, Month: 11, Day: 23}})
	if s == nil {
		t.Fatal("no site built")
	}
	kinds := map[string]func(g *site.Group) bool{
		"online only":            func(g *site.Group) bool { return g.Attendance == "online" },
		"hybrid":                 func(g *site.Group) bool { return g.Attendance == "hybrid" },
		"private join link":      func(g *site.Group) bool { return g.Online != nil && !g.Online.LinkPublic },
		"public join link":       func(g *site.Group) bool { return g.Online != nil && g.Online.JoinURL != "" },
		"paused":                 func(g *site.Group) bool { return g.Paused() },
		"weeks of the month":     func(g *site.Group) bool { return len(g.Meetings[0].Weeks) > 0 },
		"skip dates":             func(g *site.Group) bool { return len(g.Skip) > 0 },
		"first meeting to come":  func(g *site.Group) bool { return !g.Starts.IsZero() },
		"street with an accent":  func(g *site.Group) bool { return g.Place != nil && strings.ContainsAny(g.Place.Street, "íéñü") },
		"digits and letters mix": func(g *site.Group) bool { return g.Place != nil && strings.Contains(g.Place.Street, "th Ave") },
	}
	for name, is := range kinds {
		n := 0
		for _, g := range s.Groups {
			if is(g) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no published group is %s", name)
		}
	}
}
