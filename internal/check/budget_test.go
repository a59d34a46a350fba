package check

import (
	"fmt"
	"strings"
	"testing"

	"sitegen/internal/civil"
	"sitegen/internal/load"
)

// TestSuggestionBudget checks groups in many folders that name no affiliate, among many
// affiliates: every group is reported, and suggestions stop once the run's budget of
// suggestion work is spent, so that the cost of "did you mean" cannot grow with the square of
// the site.
func TestSuggestionBudget(t *testing.T) {
	f := &load.Files{}
	for i := range 300 {
		f.Affiliates = append(f.Affiliates, &load.Affiliate{Path: fmt.Sprintf("data/affiliates/nami-county-%03d.yaml", i), Slug: fmt.Sprintf("nami-county-%03d", i), Failed: true})
	}
	for i := range 300 {
		f.Groups = append(f.Groups, &load.Group{Path: fmt.Sprintf("data/groups/nami-countu-%03d/g.yaml", i), Affiliate: fmt.Sprintf("nami-countu-%03d", i), Failed: true})
	}
	opts := Options{Now: civil.Date{Year: 2026, Month: 11, Day: 23}}
	count := func(budget int) (errors, suggestions int) {
		for _, d := range files(f, opts, budget) {
			if strings.Contains(d.Message, "is not an affiliate") {
				errors++
				if strings.Contains(d.Message, "did you mean") {
					suggestions++
				}
			}
		}
		return errors, suggestions
	}
	if e, s := count(suggestWork); e != 300 || s != 300 {
		t.Errorf("with the full budget: %d errors, %d suggestions; want 300 and 300", e, s)
	}
	// One folder's search costs about 300 × 17 × 17 characters compared.
	if e, s := count(10 * 300 * 18 * 18); e != 300 || s < 5 || s > 15 {
		t.Errorf("with a budget for about ten searches: %d errors, %d suggestions; want 300 and about 10", e, s)
	}
}
