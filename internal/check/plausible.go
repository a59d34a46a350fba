package check

import (
	"fmt"
	"math"
	"slices"

	"sitegen/internal/geo"
	"sitegen/internal/load"
	"sitegen/internal/vocab"
)

// nearMiles is how far outside its state's (simplified) outline a place may lie before its
// coordinates are taken for a mistake: every Census place's centre lies within 3 miles of its
// state's outline, every ZIP code's (ZCTA's) within 7 (islands off Maine).
const nearMiles = 10

// maxNearest is how many places outside every state a run looks for the nearest state of:
// each search measures the distance to every outline, and a site of misplaced groups must
// still be checked in time linear in its size.
const maxNearest = 200

// plausible warns about a place whose ZIP code or coordinates belong to another state than
// the one written: the finder would place it wrongly for everyone searching near it. It
// names the state they point to, and for coordinates the likely slip (a dropped minus sign,
// latitude and longitude swapped). lat and lon are nil for an address without coordinates.
func (c *checker) plausible(p string, k load.Keys, state, postal string, lat, lon *float64) {
	if !k.Has("state") || !slices.Contains(vocab.StateCodes(), state) {
		return // a state code that is wrong is reported as such
	}
	if k.Has("postal_code") && postalRE.MatchString(postal) {
		if states := geo.PrefixStates(postal); len(states) > 0 && !slices.Contains(states, state) {
			c.warnf(p, k.At("postal_code"), "postal_code %q is a ZIP code of %s, not of %s: check the ZIP code and the state", postal, stateName(states[0]), stateName(state))
		}
	}
	if lat == nil || lon == nil || math.Abs(*lat) > 90 || math.Abs(*lon) > 180 {
		return
	}
	st, ok := geo.StateByCode(state)
	if !ok {
		return
	}
	at := geo.Point{Lat: *lat, Lon: *lon}
	if st.DistanceTo(at) <= nearMiles {
		return
	}
	msg := fmt.Sprintf("lat %v and lon %v are %s, not in %s", *lat, *lon, c.whereIs(at), stateName(state))
	for _, slip := range []struct {
		p    geo.Point
		hint string
	}{
		{geo.Point{Lat: *lat, Lon: -*lon}, fmt.Sprintf("a minus sign dropped? lon: %v is in %s", -*lon, stateName(state))},
		{geo.Point{Lat: -*lat, Lon: *lon}, fmt.Sprintf("a minus sign too many? lat: %v is in %s", -*lat, stateName(state))},
		{geo.Point{Lat: *lon, Lon: *lat}, fmt.Sprintf("lat and lon swapped? lat: %v, lon: %v is in %s", *lon, *lat, stateName(state))},
		{geo.Point{Lat: *lon, Lon: -*lat}, fmt.Sprintf("lat and lon swapped? lat: %v, lon: %v is in %s", *lon, -*lat, stateName(state))},
	} {
		if math.Abs(slip.p.Lat) <= 90 && st.DistanceTo(slip.p) <= nearMiles {
			msg += ": " + slip.hint
			c.warnf(p, k.At("lat"), "%s", msg)
			return
		}
	}
	c.warnf(p, k.At("lat"), "%s: check them, or the finder will place it there", msg)
}

// whereIs says where a point lies, for a message: "in New Mexico (NM)", "at sea, 12 miles off
// Ohio (OH)", "outside the United States".
func (c *checker) whereIs(at geo.Point) string {
	if s, ok := geo.StateAt(at); ok {
		return "in " + stateName(s.Code)
	}
	if c.nearest < maxNearest {
		c.nearest++
		if s, d := geo.NearestState(at); d < 50 {
			return fmt.Sprintf("%.0f miles off %s", math.Ceil(d), stateName(s.Code))
		}
	}
	return "outside the United States"
}

// stateName names a state for a message: "New Mexico (NM)"; codes of the armed forces and
// freely associated states, which package geo does not name, as they are.
func stateName(code string) string {
	if s, ok := geo.StateByCode(code); ok {
		return fmt.Sprintf("%s (%s)", s.Name, s.Code)
	}
	return code
}
