package feed_test

import (
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/civil"
	"sitegen/internal/feed"
	"sitegen/internal/sitetest"
	"sitegen/internal/synth"
)

// BenchmarkMeetingGuide10k makes the Meeting Guide feed of 10,000 generated groups, as every
// build with a change does.
func BenchmarkMeetingGuide10k(b *testing.B) {
	fsys := synth.Site(synth.Options{Groups: 10000, Seed: 7, Catalogs: sitetest.Catalogs(b)})
	s, diags := build.Check(fsys, build.Options{Now: civil.Date{Year: 2026, Month: 11, Day: 23}})
	if s == nil {
		b.Fatalf("the generated site does not build: %v", diags)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := feed.MeetingGuide(s); err != nil {
			b.Fatal(err)
		}
	}
}
