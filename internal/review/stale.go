package review

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/load"
)

// DefaultStaleAfterDays is stale_after_days when data/site.yaml does not set it.
const DefaultStaleAfterDays = 365

// StaleReport lists the groups whose listing was last confirmed more than StaleAfterDays
// before Now, by affiliate. Its JSON form is what "sitegen check --stale --format json"
// prints, and what the reminders workflow reads.
type StaleReport struct {
	Now            string            `json:"now"` // YYYY-MM-DD
	StaleAfterDays int               `json:"stale_after_days"`
	Groups         int               `json:"groups"` // how many groups are listed, in all
	Affiliates     []*StaleAffiliate `json:"affiliates"`
}

// StaleAffiliate is one affiliate with stale groups, and the editors to ask.
type StaleAffiliate struct {
	Slug    string        `json:"affiliate"`
	Name    string        `json:"name"`    // empty when the affiliate has no file
	Path    string        `json:"path"`    // the affiliate's file, data/affiliates/SLUG.yaml
	Editors []string      `json:"editors"` // as CODEOWNERS writes them: "@jdoe"; never null
	Groups  []*StaleGroup `json:"groups"`
}

// StaleGroup is one group whose listing needs confirming.
type StaleGroup struct {
	ID       string `json:"id"` // AFFILIATE/SLUG
	Name     string `json:"name"`
	Path     string `json:"path"`
	Verified string `json:"verified"` // YYYY-MM-DD
	Days     int    `json:"days"`     // days from verified to now
	Status   string `json:"status"`
	Public   bool   `json:"public"`
}

// Stale lists every group of files whose verified date is more than stale_after_days (from
// data/site.yaml, default 365) before now, as check warns about them. Ended groups need no
// confirming and are left out; so are groups without a verified date, which check reports
// as errors. Affiliates are sorted by slug, each one's groups oldest first.
func Stale(files *load.Files, now civil.Date) *StaleReport {
	r := &StaleReport{Now: now.String(), StaleAfterDays: DefaultStaleAfterDays, Affiliates: []*StaleAffiliate{}}
	if files.Site != nil && files.Site.StaleAfterDays != nil && *files.Site.StaleAfterDays > 0 {
		r.StaleAfterDays = *files.Site.StaleAfterDays
	}
	bySlug := map[string]*StaleAffiliate{}
	for _, a := range files.Affiliates {
		bySlug[a.Slug] = &StaleAffiliate{Slug: a.Slug, Name: a.Name, Path: a.Path, Editors: orEmpty(Handles(a.Editors))}
	}
	for _, g := range files.Groups {
		if g.Status == "ended" || g.Verified.IsZero() {
			continue
		}
		days := now.DaysSince(g.Verified)
		if days <= r.StaleAfterDays {
			continue
		}
		a := bySlug[g.Affiliate]
		if a == nil {
			a = &StaleAffiliate{Slug: g.Affiliate, Path: "data/affiliates/" + g.Affiliate + ".yaml", Editors: []string{}}
			bySlug[g.Affiliate] = a
		}
		status := g.Status
		if status == "" {
			status = "active"
		}
		a.Groups = append(a.Groups, &StaleGroup{
			ID: g.Affiliate + "/" + g.Slug, Name: g.Name, Path: g.Path,
			Verified: g.Verified.String(), Days: days, Status: status, Public: g.Public == nil || *g.Public,
		})
		r.Groups++
	}
	for _, a := range bySlug {
		if len(a.Groups) == 0 {
			continue
		}
		slices.SortFunc(a.Groups, func(x, y *StaleGroup) int {
			return cmp.Or(cmp.Compare(x.Verified, y.Verified), cmp.Compare(x.Path, y.Path))
		})
		r.Affiliates = append(r.Affiliates, a)
	}
	slices.SortFunc(r.Affiliates, func(x, y *StaleAffiliate) int { return cmp.Compare(x.Slug, y.Slug) })
	return r
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteJSON writes r as indented JSON.
func (r *StaleReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes r for a person: each affiliate with the editors to ask, then its groups,
// then a summary line.
func (r *StaleReport) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, a := range r.Affiliates {
		name := a.Name
		if name == "" {
			name = a.Slug
		}
		ask := "no editors listed"
		if len(a.Editors) > 0 {
			ask = "ask " + strings.Join(a.Editors, " ")
		}
		fmt.Fprintf(&b, "%s (%s), %s\n", name, a.Path, ask)
		for _, g := range a.Groups {
			extra := ""
			if g.Status != "active" {
				extra += ", " + g.Status
			}
			if !g.Public {
				extra += ", not public"
			}
			fmt.Fprintf(&b, "  %s: %s, last confirmed %s (%d days ago%s)\n", g.Path, g.Name, g.Verified, g.Days, extra)
		}
		b.WriteString("\n")
	}
	switch r.Groups {
	case 0:
		fmt.Fprintf(&b, "Every group was confirmed in the %d days before %s.\n", r.StaleAfterDays, r.Now)
	default:
		fmt.Fprintf(&b, "%s of %s last confirmed more than %d days before %s: confirm each listing with the group and update its verified date.\n",
			diag.Count(r.Groups, "group", "groups"), diag.Count(len(r.Affiliates), "affiliate", "affiliates"), r.StaleAfterDays, r.Now)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
