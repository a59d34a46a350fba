package check

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// meanings maps, for each key with a fixed list of values, what editors write for a value
// (folded: lowercase, without accents, spaces as hyphens) to the value or values they mean.
// It is searched before spelling: "inactive" is one letter from "active", but a group that no
// longer meets must never be suggested back onto the site.
var meanings = map[string]map[string][]string{
	"day": {
		"lunes": {"monday"}, "martes": {"tuesday"}, "miercoles": {"wednesday"}, "jueves": {"thursday"},
		"viernes": {"friday"}, "sabado": {"saturday"}, "domingo": {"sunday"},
		"lun": {"monday"}, "mar": {"tuesday"}, "mie": {"wednesday"}, "jue": {"thursday"},
		"vie": {"friday"}, "sab": {"saturday"}, "dom": {"sunday"},
		"mon": {"monday"}, "tue": {"tuesday"}, "tues": {"tuesday"}, "wed": {"wednesday"},
		"weds": {"wednesday"}, "thu": {"thursday"}, "thur": {"thursday"}, "thurs": {"thursday"},
		"fri": {"friday"}, "sat": {"saturday"}, "sun": {"sunday"},
	},
	"status": {
		"inactive": {"paused", "ended"}, "not-active": {"paused", "ended"}, "non-active": {"paused", "ended"},
		"on-hold": {"paused"}, "hold": {"paused"}, "hiatus": {"paused"}, "on-hiatus": {"paused"},
		"suspended": {"paused"}, "temporarily-closed": {"paused"}, "pause": {"paused"}, "break": {"paused"},
		"closed": {"ended"}, "cancelled": {"ended"}, "canceled": {"ended"}, "discontinued": {"ended"},
		"finished": {"ended"}, "done": {"ended"}, "stopped": {"ended"}, "end": {"ended"},
		"permanently-closed": {"ended"}, "retired": {"ended"}, "dead": {"ended"}, "archived": {"ended"},
		"open": {"active"}, "running": {"active"}, "meeting": {"active"}, "live": {"active"},
		"activo": {"active"}, "activa": {"active"}, "pausado": {"paused"}, "terminado": {"ended"},
	},
	"attendance": {
		"in-person": {"in-person"}, "inperson": {"in-person"}, "person": {"in-person"},
		"face-to-face": {"in-person"}, "onsite": {"in-person"}, "on-site": {"in-person"}, "presencial": {"in-person"},
		"virtual": {"online"}, "zoom": {"online"}, "remote": {"online"}, "video": {"online"}, "en-linea": {"online"},
		"both": {"hybrid"}, "in-person-and-online": {"hybrid"}, "online-and-in-person": {"hybrid"},
		"hibrido": {"hybrid"}, "hibrida": {"hybrid"}, "mixed": {"hybrid"},
	},
	"program": {
		"nami-connection": {"connection"}, "nami-conexion": {"conexion"}, "connexion": {"conexion"},
		"spanish": {"conexion"}, "espanol": {"conexion"}, "english": {"connection"},
	},
	"audience": {
		"youth": {"young-adults"}, "young-adult": {"young-adults"}, "young": {"young-adults"},
		"veteran": {"veterans"}, "military": {"veterans"},
		"lgbt": {"lgbtq"}, "lgbtq+": {"lgbtq"}, "lgbtqia": {"lgbtq"}, "lgbtqia+": {"lgbtq"}, "queer": {"lgbtq"},
		"poc": {"bipoc"}, "people-of-color": {"bipoc"},
		"woman": {"women"}, "female": {"women"}, "man": {"men"}, "male": {"men"},
		"senior": {"seniors"}, "older-adults": {"seniors"}, "elderly": {"seniors"},
	},
	"kind": {
		"chapter": {"affiliate"}, "local": {"affiliate"}, "state": {"state-organization"},
		"state-org": {"state-organization"}, "state-organisation": {"state-organization"},
	},
}

// fold writes a value as meanings keys it: lowercase, without accents, words joined by
// hyphens.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(s))) {
		switch {
		case r >= 0x300 && r <= 0x36f: // a combining accent
		case r == ' ' || r == '_' || r == '\t':
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// meant returns the values of allowed that an editor writing value for key most likely
// meant, by meaning first ("inactive" → paused or ended, "jueves" → thursday, "every
// Thursday" → thursday), then by spelling. It returns nothing rather than a guess that could
// publish the wrong thing.
func meant(key, value string, allowed []string) []string {
	f := fold(value)
	if f == "" || len(value) > maxSuggest {
		return nil
	}
	for _, a := range allowed {
		if f == a {
			return []string{a} // only case or spaces differ: "Thursday"
		}
	}
	table := map[string][]string{}
	for k, vals := range meanings[key] {
		// A table serves every list its key names (a group's status and a training's): keep
		// the values this list allows.
		var in []string
		for _, v := range vals {
			if slices.Contains(allowed, v) {
				in = append(in, v)
			}
		}
		if len(in) > 0 {
			table[k] = in
		}
	}
	if key == "day" {
		// "every thursday", "Thursdays", "thursday evening", "jueves por la noche"
		for _, w := range strings.Split(f, "-") {
			w = strings.TrimSuffix(strings.Trim(w, ".,;"), "s")
			for _, a := range allowed {
				if w == a || w+"s" == a || w == strings.TrimSuffix(a, "s") {
					return []string{a}
				}
			}
			if v, ok := table[w]; ok {
				return v
			}
			if v, ok := table[w+"s"]; ok { // "martes", "jueves" lost their s above
				return v
			}
		}
	}
	if v, ok := table[f]; ok {
		return v
	}
	if v, ok := table[strings.TrimSuffix(f, ".")]; ok {
		return v
	}
	if key == "status" && (strings.HasPrefix(f, "in") || strings.HasPrefix(f, "not") || strings.HasPrefix(f, "non") || strings.HasPrefix(f, "un")) {
		return nil // a negation: spelling would suggest its opposite
	}
	if s := closest(value, allowed); s != "" {
		return []string{s}
	}
	return nil
}

// didYouMeanAny words meant's answer as the end of a message.
func didYouMeanAny(vals []string) string {
	switch len(vals) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("; did you mean %q?", vals[0])
	}
	quoted := make([]string, len(vals))
	for i, v := range vals {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return "; did you mean " + strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1] + "?"
}
