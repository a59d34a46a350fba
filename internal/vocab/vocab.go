// Package vocab holds the site's fixed vocabularies: the values a data file may give for
// each enumerated key (days, states, audiences, programs and the rest), each defined once,
// in the order pages list them. Their labels, in every language, are in the translation
// catalogues (package words) under the key "KIND.VALUE", e.g. "audience.lgbtq" or
// "state.NM"; [LabelKey] builds it.
//
// The lists are returned by functions, new each call, so no caller can change them for
// another.
package vocab

import (
	"slices"
	"strings"
	"time"
)

// Days returns the weekday values of meetings, Monday first, as pages and the finder list them.
func Days() []string {
	return []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
}

// Weekday returns the time.Weekday of a day value ("tuesday"), and false for any other text.
func Weekday(day string) (time.Weekday, bool) {
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if DayOf(wd) == day {
			return wd, true
		}
	}
	return 0, false
}

// DayOf returns the day value of a weekday: "tuesday".
func DayOf(wd time.Weekday) string { return strings.ToLower(wd.String()) }

// Audiences returns the values of a group's audience.
func Audiences() []string {
	return []string{"young-adults", "veterans", "lgbtq", "bipoc", "women", "men", "seniors"}
}

// Programs returns the values of program: NAMI Connection and NAMI Conexión.
func Programs() []string { return []string{"connection", "conexion"} }

// Attendances returns how a group may meet; trainings are in person or online only.
func Attendances() []string { return []string{"in-person", "online", "hybrid"} }

// GroupStatuses returns the values of a group's status.
func GroupStatuses() []string { return []string{"active", "paused", "ended"} }

// AffiliateKinds returns the values of an affiliate's kind.
func AffiliateKinds() []string { return []string{"affiliate", "state-organization"} }

// ChampionTasks returns what an affiliate may ask Connection Champions to help with.
func ChampionTasks() []string { return []string{"locations", "transportation", "materials", "promotion"} }

// TrainingKinds returns the values of a training's kind.
func TrainingKinds() []string { return []string{"facilitator", "trainer", "champion-orientation"} }

// TrainingStatuses returns the values of a training's status.
func TrainingStatuses() []string { return []string{"open", "full", "cancelled", "postponed"} }

// Settings returns where a training's facilitators will lead groups.
func Settings() []string { return []string{"community", "correctional"} }

// TimesOfDay returns the parts of the day the finder filters meetings by (see [TimeOfDay]).
func TimesOfDay() []string { return []string{"morning", "afternoon", "evening"} }

// TimeOfDay returns the part of the day in which a meeting starting at hour:minute falls:
// "morning" before 12:00, "afternoon" from 12:00 to 17:00 included, "evening" after 17:00.
func TimeOfDay(hour, minute int) string {
	switch m := hour*60 + minute; {
	case m < 12*60:
		return "morning"
	case m <= 17*60:
		return "afternoon"
	}
	return "evening"
}

// Blocks returns the data lists a guide may show after its text.
func Blocks() []string {
	return []string{"facilitator-trainings", "state-organizations", "champion-calls"}
}

// State is a US state, the District of Columbia or a territory.
type State struct {
	Code string // USPS code, uppercase: "NM"
	// Zone is the IANA time zone of most of its people, for examples and generated data; a
	// site's data always names its zones.
	Zone string
}

// Slug returns the state's code as it appears in addresses: "nm".
func (s State) Slug() string { return strings.ToLower(s.Code) }

// States returns the 50 states, DC and the five inhabited territories, by code.
func States() []State {
	return []State{
		{"AK", "America/Anchorage"}, {"AL", "America/Chicago"}, {"AR", "America/Chicago"},
		{"AS", "Pacific/Pago_Pago"}, {"AZ", "America/Phoenix"}, {"CA", "America/Los_Angeles"},
		{"CO", "America/Denver"}, {"CT", "America/New_York"}, {"DC", "America/New_York"},
		{"DE", "America/New_York"}, {"FL", "America/New_York"}, {"GA", "America/New_York"},
		{"GU", "Pacific/Guam"}, {"HI", "Pacific/Honolulu"}, {"IA", "America/Chicago"},
		{"ID", "America/Boise"}, {"IL", "America/Chicago"}, {"IN", "America/Indiana/Indianapolis"},
		{"KS", "America/Chicago"}, {"KY", "America/New_York"}, {"LA", "America/Chicago"},
		{"MA", "America/New_York"}, {"MD", "America/New_York"}, {"ME", "America/New_York"},
		{"MI", "America/Detroit"}, {"MN", "America/Chicago"}, {"MO", "America/Chicago"},
		{"MP", "Pacific/Saipan"}, {"MS", "America/Chicago"}, {"MT", "America/Denver"},
		{"NC", "America/New_York"}, {"ND", "America/Chicago"}, {"NE", "America/Chicago"},
		{"NH", "America/New_York"}, {"NJ", "America/New_York"}, {"NM", "America/Denver"},
		{"NV", "America/Los_Angeles"}, {"NY", "America/New_York"}, {"OH", "America/New_York"},
		{"OK", "America/Chicago"}, {"OR", "America/Los_Angeles"}, {"PA", "America/New_York"},
		{"PR", "America/Puerto_Rico"}, {"RI", "America/New_York"}, {"SC", "America/New_York"},
		{"SD", "America/Chicago"}, {"TN", "America/Chicago"}, {"TX", "America/Chicago"},
		{"UT", "America/Denver"}, {"VA", "America/New_York"}, {"VI", "America/St_Thomas"},
		{"VT", "America/New_York"}, {"WA", "America/Los_Angeles"}, {"WI", "America/Chicago"},
		{"WV", "America/New_York"}, {"WY", "America/Denver"},
	}
}

// StateCodes returns the USPS codes of [States].
func StateCodes() []string {
	var out []string
	for _, s := range States() {
		out = append(out, s.Code)
	}
	return out
}

// StateOf returns the state with USPS code code, in either case.
func StateOf(code string) (State, bool) {
	code = strings.ToUpper(code)
	for _, s := range States() {
		if s.Code == code {
			return s, true
		}
	}
	return State{}, false
}

// Is reports whether value is one of values.
func Is(value string, values []string) bool { return slices.Contains(values, value) }

// LabelKey returns the catalogue key of a value's label: LabelKey("audience", "lgbtq") is
// "audience.lgbtq".
func LabelKey(kind, value string) string { return kind + "." + value }
