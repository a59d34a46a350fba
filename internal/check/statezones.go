package check

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"sitegen/internal/geo"
	"sitegen/internal/load"
)

// zonesOfState returns the zones of the tz database kept somewhere in the state or territory
// with USPS code code, the one most of it keeps first, or nil for a code it does not know.
// They are the zones tz's zone.tab gives for the United States, by the regions its comments
// name, with the zones of their neighbours that a part of a state keeps: Arizona's Navajo
// Nation keeps daylight saving time (America/Denver), as do West Wendover, Nevada, and the
// western parts of the Dakotas, Nebraska, Kansas and Texas (mountain time); Florida's
// panhandle, western Kentucky and Tennessee keep central time, eastern Tennessee eastern.
func zonesOfState(code string) []string {
	const (
		eastern  = "America/New_York"
		central  = "America/Chicago"
		mountain = "America/Denver"
		pacific  = "America/Los_Angeles"
	)
	switch code {
	case "CT", "DC", "DE", "GA", "MA", "MD", "ME", "NC", "NH", "NJ", "NY", "OH", "PA", "RI", "SC", "VA", "VT", "WV":
		return []string{eastern}
	case "AL", "AR", "IA", "IL", "LA", "MN", "MO", "MS", "OK", "WI":
		return []string{central}
	case "CO", "MT", "NM", "UT", "WY":
		return []string{mountain}
	case "CA", "WA":
		return []string{pacific}
	case "AK":
		return []string{"America/Anchorage", "America/Juneau", "America/Sitka", "America/Metlakatla", "America/Yakutat", "America/Nome", "America/Adak"}
	case "AZ":
		return []string{"America/Phoenix", mountain}
	case "FL":
		return []string{eastern, central}
	case "HI":
		return []string{"Pacific/Honolulu"}
	case "ID":
		return []string{"America/Boise", pacific}
	case "IN":
		return []string{"America/Indiana/Indianapolis", central, "America/Indiana/Vincennes", "America/Indiana/Winamac",
			"America/Indiana/Marengo", "America/Indiana/Petersburg", "America/Indiana/Vevay", "America/Indiana/Tell_City", "America/Indiana/Knox"}
	case "KS", "NE", "SD":
		return []string{central, mountain}
	case "KY":
		return []string{eastern, "America/Kentucky/Louisville", "America/Kentucky/Monticello", central}
	case "MI":
		return []string{"America/Detroit", "America/Menominee"}
	case "ND":
		return []string{central, "America/North_Dakota/Center", "America/North_Dakota/New_Salem", "America/North_Dakota/Beulah", mountain}
	case "NV":
		return []string{pacific, mountain}
	case "OR":
		return []string{pacific, "America/Boise"}
	case "TN":
		return []string{central, eastern}
	case "TX":
		return []string{central, mountain}
	case "PR":
		return []string{"America/Puerto_Rico"}
	case "VI":
		return []string{"America/St_Thomas"}
	case "GU":
		return []string{"Pacific/Guam"}
	case "MP":
		return []string{"Pacific/Saipan"}
	case "AS":
		return []string{"Pacific/Pago_Pago"}
	}
	return nil
}

// clockGap is how a zone's clock differs from the nearest of a state's zones over a year.
type clockGap struct {
	// fits is true when the zone keeps the same clock as one of the state's, all year:
	// the same zone, or another name of it (US/Pacific), or one whose rules agree.
	fits bool
	// least and most are the smallest and largest differences from the state's first zone
	// through the year: America/New_York is 2 hours from America/Phoenix in winter and 3 in
	// summer, America/Denver 0 and 1.
	least, most time.Duration
	suggest     []string // the state's zones
}

// gap compares the clock of the zone named zone with the zones of state, through the year of
// the check's date (see Options.Now), once per pair in a run. It returns ok false when either
// is unknown: a zone that is no zone, or a state code that is wrong, is reported as such.
func (c *checker) gap(zone, state string) (clockGap, bool) {
	key := zone + "\x00" + state
	if v, ok := c.gaps.Load(key); ok {
		g, _ := v.(clockGap)
		return g, ok && g.suggest != nil
	}
	var g clockGap
	loc := c.loadZone(zone)
	names := zonesOfState(state)
	if loc != nil && names != nil {
		g = c.compare(loc, names)
	}
	c.gaps.Store(key, g)
	return g, g.suggest != nil
}

// compare measures loc's clock against the zones names (see clockGap), at noon UTC every
// week of the year.
func (c *checker) compare(loc *time.Location, names []string) clockGap {
	year := c.opts.Now.Year
	if year == 0 {
		year = time.Now().Year()
	}
	start := time.Date(year, time.January, 1, 12, 0, 0, 0, time.UTC)
	g := clockGap{suggest: names, least: -1}
	for i, name := range names {
		other := c.loadZone(name)
		if other == nil {
			continue
		}
		same := true
		for w := 0; w < 53; w++ {
			t := start.AddDate(0, 0, 7*w)
			_, a := t.In(loc).Zone()
			_, b := t.In(other).Zone()
			same = same && a == b
			if i == 0 {
				d := (time.Duration(a-b) * time.Second).Abs()
				g.most = max(g.most, d)
				if g.least < 0 || d < g.least {
					g.least = d
				}
			}
		}
		if same {
			return clockGap{fits: true, suggest: names}
		}
	}
	return g
}

// off says how far a clock is from a state's: "3 hours", "2 to 3 hours", "1 hour for part of
// the year".
func (g clockGap) off() string {
	hours := func(d time.Duration) string { return strconv.FormatFloat(d.Hours(), 'f', -1, 64) }
	switch {
	case g.least == g.most && g.most == time.Hour:
		return "1 hour"
	case g.least == g.most:
		return hours(g.most) + " hours"
	case g.least == 0 && g.most == time.Hour:
		return "1 hour for part of the year"
	case g.least == 0:
		return hours(g.most) + " hours for part of the year"
	}
	return hours(g.least) + " to " + hours(g.most) + " hours"
}

// use names the zones to write instead: "America/Los_Angeles", "America/Los_Angeles (or
// America/Boise, which part of Oregon keeps)".
func (g clockGap) use(state string) string {
	if len(g.suggest) == 1 {
		return g.suggest[0]
	}
	name := state
	if st, ok := geo.StateByCode(state); ok {
		name = st.Name
	}
	which := "part of " + name + " keeps"
	if len(g.suggest) > 2 {
		which = "parts of " + name + " keep"
	}
	return fmt.Sprintf("%s (or %s, which %s)", g.suggest[0], strings.Join(g.suggest[1:], ", "), which)
}

// affiliateClock warns when the zone an affiliate's groups take their times from is kept
// nowhere in its state: its own timezone, or else the site's, which a national site's
// affiliates in other zones would otherwise take without a word.
func (c *checker) affiliateClock(a *load.Affiliate) {
	if !a.Keys.Has("state") {
		return
	}
	zone, own := a.Timezone, a.Keys.Has("timezone")
	if !own {
		zone = c.siteZone
	}
	g, ok := c.gap(zone, a.State)
	if !ok || g.fits {
		return
	}
	if own {
		c.warnf(a.Path, a.Keys.At("timezone"), "timezone %q is not kept in %s: this affiliate's meeting times would be off by %s; use %s", zone, stateName(a.State), g.off(), g.use(a.State))
		return
	}
	c.warnf(a.Path, a.Keys.At("state"), "this affiliate has no timezone, so its groups' times are read in %s, the site's, which is not kept in %s: they would be off by %s; add timezone: %s", zone, stateName(a.State), g.off(), g.use(a.State))
}

// clock warns when the zone the times of a group or training (what) are read in is kept
// nowhere in the state of its location. Its own timezone is checked; a zone it takes from
// its affiliate (host) or the site only where its state is not the affiliate's, since
// affiliateClock reports the affiliate's own. One that meets online is left alone: its zone
// may be chosen for people of any state.
func (c *checker) clock(p string, k load.Keys, what, zone string, loc *load.Location, aff *load.Affiliate) {
	if loc == nil || !loc.Keys.Has("state") {
		return
	}
	state := loc.State
	if k.Has("timezone") {
		if g, ok := c.gap(zone, state); ok && !g.fits {
			c.warnf(p, k.At("timezone"), "timezone %q is not kept in %s, where this %s meets: its times would be off by %s; use %s", zone, stateName(state), what, g.off(), g.use(state))
		}
		return
	}
	if aff == nil || aff.Failed || !aff.Keys.Has("state") || strings.EqualFold(state, aff.State) {
		return
	}
	from, zone := aff.Path, aff.Timezone
	if !aff.Keys.Has("timezone") {
		from, zone = "site.yaml, as "+aff.Path+" has none", c.siteZone
	}
	if g, ok := c.gap(zone, state); ok && !g.fits {
		c.warnf(p, loc.Keys.At("state"), "this %s meets in %s, but with no timezone of its own its times are read in %s (from %s): they would be off by %s; add timezone: %s", what, stateName(state), zone, from, g.off(), g.use(state))
	}
}
