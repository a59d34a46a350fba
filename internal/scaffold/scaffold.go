// Package scaffold writes the starting text of new data files: every key an editor is likely
// to need, each with a comment, and "FILL IN" placeholders that check reports until they are
// replaced.
package scaffold

import (
	"fmt"

	"sitegen/internal/civil"
)

// Placeholder begins every value an editor must replace; package load reports any value that
// still starts with it.
const Placeholder = "FILL IN"

// Group returns a new group file for affiliate, whose state it fills in. Every value only
// the editor knows (the name, the day and times, the place, the day the listing was confirmed)
// is a placeholder, so that the file does not pass check until each is written: a made-up
// day or date would be published as true. today is the example of a date.
func Group(affiliate, state string, today civil.Date) []byte {
	return []byte(fmt.Sprintf(`# yaml-language-server: $schema=../../../schema/group.schema.json
# A NAMI Connection support group of %[1]s. Replace every "FILL IN" value, delete the
# optional keys you do not need, then run: go run ./cmd/sitegen check

name: "FILL IN: the group's name, e.g. Tuesday Evening Connection"
program: connection          # connection, or conexion for a NAMI Conexión group in Spanish
# language: en               # defaults to en (es for conexion)
status: active               # active, paused, or ended (ended groups are not published)
public: true                 # false for groups open to residents only (jails, hospitals): never published
attendance: in-person        # in-person, online or hybrid
meetings:
  - day: "FILL IN: monday, tuesday, wednesday, thursday, friday, saturday or sunday"
    start: "FILL IN: the time it starts, 24-hour HH:MM in the group's time zone, e.g. 18:30"
    end: "FILL IN: the time it ends, HH:MM, or delete this line for 90 minutes"
    # weeks: [1, 3]          # optional: only the first and third week of the month (-1 = last)
# timezone: America/New_York # optional: defaults to the affiliate's
location:                    # for in-person and hybrid groups; remove for online groups
  name: "FILL IN: the building, e.g. First Community Church"
  street: "FILL IN: street address"
  city: "FILL IN: city"
  state: %[2]s
  postal_code: "FILL IN: 5-digit ZIP code"
  # lat: 39.9612             # optional but wanted: lets visitors sort groups by distance
  # lon: -82.9988
  # accessible: true         # wheelchair accessible
  # directions: Enter by the side door; the room is on the left.
# online:                    # for online and hybrid groups
#   platform: Zoom
#   join_url: https://example.org/j/123
#   link_public: false       # true publishes join_url; false tells people how to ask for it
#   instructions: E-mail the facilitators for the link.
# contact:                   # optional when the affiliate has an email or phone
#   email: connection@example.org
#   phone: "614-555-0100"
# audience: [young-adults]   # young-adults, veterans, lgbtq, bipoc, women, men, seniors
# notes: Free and confidential; no registration needed.
verified: "FILL IN: the day you confirmed the listing with the group, YYYY-MM-DD, e.g. %[3]s"
# starts: 2027-01-12         # optional: first meeting of a new group
# skip: [2026-12-24]         # optional: dates without a meeting (holidays)
`, affiliate, state, today))
}

// Affiliate returns a new affiliate file.
func Affiliate() []byte {
	return []byte(`# yaml-language-server: $schema=../../schema/affiliate.schema.json
# A NAMI affiliate or state organization. Replace every "FILL IN" value, delete the optional
# keys you do not need, then run: go run ./cmd/sitegen check

name: "FILL IN: the affiliate's name, e.g. NAMI Franklin County"
kind: affiliate              # affiliate, or state-organization
state: "FILL IN: USPS code, e.g. OH"
# parent: nami-ohio          # the slug of its state organization (same state)
# website: https://example.org/
# email: info@example.org
# phone: "614-555-0100"      # 10 digits
# address:
#   street: 123 Main Street
#   city: Columbus
#   state: OH
#   postal_code: "43215"
# timezone: America/New_York # defaults to the site's
# counties: [Franklin]
# champions:                 # looking for Connection Champions?
#   wanted: true
#   tasks: [locations, transportation, materials, promotion]
#   contact: champions@example.org
# about: A short description in Markdown.
# editors: [git-user-name]   # who reviews changes to this affiliate's files
`)
}

// Training returns a new training file hosted by host (may be empty).
func Training(host string, today civil.Date) []byte {
	if host == "" {
		host = `"FILL IN: the host affiliate's slug"`
	}
	return []byte(fmt.Sprintf(`# yaml-language-server: $schema=../../schema/training.schema.json
# A NAMI Connection training event. Replace every "FILL IN" value, delete the optional keys
# you do not need, then run: go run ./cmd/sitegen check

title: "FILL IN: e.g. NAMI Connection Facilitator Training"
kind: facilitator            # facilitator, trainer, or champion-orientation
program: connection          # connection, or conexion
host: %[1]s
start: "FILL IN: first day, YYYY-MM-DD"
end: "FILL IN: last day, YYYY-MM-DD (facilitator trainings last 3 days)"
# daily: {start: "09:00", end: "17:00"}
attendance: in-person        # in-person, or online (then remove location)
location:
  name: "FILL IN: the building"
  street: "FILL IN: street address"
  city: "FILL IN: city"
  state: "FILL IN: USPS code"
  postal_code: "FILL IN: 5-digit ZIP code"
# application:
#   deadline: %[2]s
#   url: https://example.org/apply
#   contact: training@example.org
#   screening: true
status: open                 # open, full, cancelled, or postponed
setting: community           # community, or correctional (links the Before You Train guide)
public: true                 # false: never published (e.g. held inside a facility)
# seats: 20
# notes: Lunch is provided.
`, host, today))
}
