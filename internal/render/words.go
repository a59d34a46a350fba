package render

import (
	"fmt"
	"strings"
	"time"

	"sitegen/internal/civil"
)

// isSpanish reports whether the BCP 47 tag lang is Spanish.
func isSpanish(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "es" || strings.HasPrefix(lang, "es-") || strings.HasPrefix(lang, "es_")
}

// dateWords writes d as "Tuesday, December 1, 2026" or, in Spanish, "martes, 1 de diciembre de 2026".
func dateWords(lang string, d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	if isSpanish(lang) {
		return fmt.Sprintf("%s, %d de %s de %d", weekdayES(d.Weekday()), d.Day, monthES(d.Month), d.Year)
	}
	return fmt.Sprintf("%s, %s %d, %d", d.Weekday(), d.Month, d.Day, d.Year)
}

// shortDate writes d as "December 1, 2026" or "1 de diciembre de 2026".
func shortDate(lang string, d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	if isSpanish(lang) {
		return fmt.Sprintf("%d de %s de %d", d.Day, monthES(d.Month), d.Year)
	}
	return fmt.Sprintf("%s %d, %d", d.Month, d.Day, d.Year)
}

// dateRange writes the days from a to b: "October 9–11, 2026", "October 30 – November 1,
// 2026", "December 30, 2026 – January 1, 2027", or in Spanish "9–11 de octubre de 2026".
func dateRange(lang string, a, b civil.Date) string {
	if a == b || b.IsZero() {
		return shortDate(lang, a)
	}
	es := isSpanish(lang)
	switch {
	case a.Year == b.Year && a.Month == b.Month && es:
		return fmt.Sprintf("%d–%d de %s de %d", a.Day, b.Day, monthES(a.Month), a.Year)
	case a.Year == b.Year && a.Month == b.Month:
		return fmt.Sprintf("%s %d–%d, %d", a.Month, a.Day, b.Day, a.Year)
	case a.Year == b.Year && es:
		return fmt.Sprintf("%d de %s – %d de %s de %d", a.Day, monthES(a.Month), b.Day, monthES(b.Month), a.Year)
	case a.Year == b.Year:
		return fmt.Sprintf("%s %d – %s %d, %d", a.Month, a.Day, b.Month, b.Day, a.Year)
	}
	return shortDate(lang, a) + " – " + shortDate(lang, b)
}

// clockWords writes c as "6:30 pm", or on a 24-hour clock ("18:30") in Spanish.
func clockWords(lang string, c civil.Clock) string {
	if isSpanish(lang) {
		return fmt.Sprintf("%d:%02d", c.Hour, c.Minute)
	}
	h, suffix := c.Hour%12, "am"
	if c.Hour >= 12 {
		suffix = "pm"
	}
	if h == 0 {
		h = 12
	}
	return fmt.Sprintf("%d:%02d %s", h, c.Minute, suffix)
}

// clockRange writes the hours from a to b: "9:00 am–4:30 pm", "6:30–8:00 pm", "9:00–16:30".
func clockRange(lang string, a, b civil.Clock) string {
	sa, sb := clockWords(lang, a), clockWords(lang, b)
	if !isSpanish(lang) && (a.Hour >= 12) == (b.Hour >= 12) {
		sa = strings.TrimSuffix(strings.TrimSuffix(sa, " am"), " pm")
	}
	return sa + "–" + sb
}

// zoneName returns the abbreviation of t's zone ("EST"), or "UTC-07" when the zone has none
// (Go names those by their offset, "-07", or not at all).
func zoneName(t time.Time) string {
	zone, offset := t.Zone()
	switch {
	case zone == "":
		sign := "+"
		if offset < 0 {
			sign, offset = "-", -offset
		}
		zone = fmt.Sprintf("%s%02d", sign, offset/3600)
		if m := offset % 3600 / 60; m != 0 {
			zone += fmt.Sprintf(":%02d", m)
		}
		return "UTC" + zone
	case zone[0] == '+' || zone[0] == '-':
		return "UTC" + zone
	}
	return zone
}

// timeWords writes t as "Tuesday, December 1, 2026, 6:30 pm EST".
func timeWords(lang string, t time.Time) string {
	c := civil.Clock{Hour: t.Hour(), Minute: t.Minute()}
	return dateWords(lang, civil.DateOf(t)) + ", " + clockWords(lang, c) + " " + zoneName(t)
}

func weekdayES(d time.Weekday) string {
	return [...]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}[d]
}

func monthES(m time.Month) string {
	return [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
		"septiembre", "octubre", "noviembre", "diciembre"}[m-1]
}

// programName returns the public name of a program.
func programName(program string) string {
	if program == "conexion" {
		return "NAMI Conexión"
	}
	return "NAMI Connection"
}

// attendanceWords says how a group or training meets.
func attendanceWords(attendance string) string {
	switch attendance {
	case "in-person":
		return "In person"
	case "online":
		return "Online"
	case "hybrid":
		return "In person and online"
	}
	return attendance
}

// audienceWords names who a group is for.
func audienceWords(a string) string {
	switch a {
	case "young-adults":
		return "Young adults"
	case "veterans":
		return "Veterans"
	case "lgbtq":
		return "LGBTQ+ people"
	case "bipoc":
		return "Black, Indigenous and people of color"
	case "women":
		return "Women"
	case "men":
		return "Men"
	case "seniors":
		return "Older adults"
	}
	return a
}

// taskWords says what a Connection Champion would help with.
func taskWords(task string) string {
	switch task {
	case "locations":
		return "Securing group locations"
	case "transportation":
		return "Helping facilitators with transportation"
	case "materials":
		return "Keeping resource materials and refreshments stocked"
	case "promotion":
		return "Promoting groups in the community"
	}
	return task
}

// statusWords names a training's status.
func statusWords(status string) string {
	switch status {
	case "open":
		return "Open"
	case "full":
		return "Full"
	case "cancelled":
		return "Cancelled"
	case "postponed":
		return "Postponed"
	}
	return status
}

// kindWords names a kind of training.
func kindWords(kind string) string {
	switch kind {
	case "facilitator":
		return "Facilitator training"
	case "trainer":
		return "Trainer training"
	case "champion-orientation":
		return "Connection Champion orientation"
	}
	return kind
}

// settingWords names where a training's facilitators will lead groups.
func settingWords(setting string) string {
	switch setting {
	case "correctional":
		return "For groups in correctional settings"
	case "community":
		return "For community groups"
	}
	return setting
}

// languageName names a language by its BCP 47 primary tag, in English.
func languageName(tag string) string {
	switch strings.ToLower(tag) {
	case "en":
		return "English"
	case "es":
		return "Spanish"
	case "fr":
		return "French"
	case "zh":
		return "Chinese"
	case "vi":
		return "Vietnamese"
	case "ko":
		return "Korean"
	case "ar":
		return "Arabic"
	case "ru":
		return "Russian"
	case "ht":
		return "Haitian Creole"
	case "tl":
		return "Tagalog"
	case "pt":
		return "Portuguese"
	case "nv":
		return "Navajo"
	case "asl", "ase":
		return "American Sign Language"
	}
	return tag
}

// stateName returns the name of the state or territory with USPS code (either case).
func stateName(code string) string {
	switch strings.ToUpper(code) {
	case "AL":
		return "Alabama"
	case "AK":
		return "Alaska"
	case "AZ":
		return "Arizona"
	case "AR":
		return "Arkansas"
	case "CA":
		return "California"
	case "CO":
		return "Colorado"
	case "CT":
		return "Connecticut"
	case "DE":
		return "Delaware"
	case "DC":
		return "District of Columbia"
	case "FL":
		return "Florida"
	case "GA":
		return "Georgia"
	case "HI":
		return "Hawaii"
	case "ID":
		return "Idaho"
	case "IL":
		return "Illinois"
	case "IN":
		return "Indiana"
	case "IA":
		return "Iowa"
	case "KS":
		return "Kansas"
	case "KY":
		return "Kentucky"
	case "LA":
		return "Louisiana"
	case "ME":
		return "Maine"
	case "MD":
		return "Maryland"
	case "MA":
		return "Massachusetts"
	case "MI":
		return "Michigan"
	case "MN":
		return "Minnesota"
	case "MS":
		return "Mississippi"
	case "MO":
		return "Missouri"
	case "MT":
		return "Montana"
	case "NE":
		return "Nebraska"
	case "NV":
		return "Nevada"
	case "NH":
		return "New Hampshire"
	case "NJ":
		return "New Jersey"
	case "NM":
		return "New Mexico"
	case "NY":
		return "New York"
	case "NC":
		return "North Carolina"
	case "ND":
		return "North Dakota"
	case "OH":
		return "Ohio"
	case "OK":
		return "Oklahoma"
	case "OR":
		return "Oregon"
	case "PA":
		return "Pennsylvania"
	case "RI":
		return "Rhode Island"
	case "SC":
		return "South Carolina"
	case "SD":
		return "South Dakota"
	case "TN":
		return "Tennessee"
	case "TX":
		return "Texas"
	case "UT":
		return "Utah"
	case "VT":
		return "Vermont"
	case "VA":
		return "Virginia"
	case "WA":
		return "Washington"
	case "WV":
		return "West Virginia"
	case "WI":
		return "Wisconsin"
	case "WY":
		return "Wyoming"
	case "PR":
		return "Puerto Rico"
	case "GU":
		return "Guam"
	case "VI":
		return "U.S. Virgin Islands"
	case "AS":
		return "American Samoa"
	case "MP":
		return "Northern Mariana Islands"
	}
	return code
}

// spanish returns the Spanish of the English phrases that group and training pages use; a
// phrase without one stays in English. A new map per call: no shared mutable state.
func spanish() map[string]string {
	return map[string]string{
		"Schedule":      "Horario",
		"Next meetings": "Próximas reuniones",
		"This group is paused and is not meeting right now.": "Este grupo está en pausa y no se reúne por ahora.",
		"Paused":                              "En pausa",
		"First meeting:":                      "Primera reunión:",
		"Where":                               "Dónde",
		"Online":                              "En línea",
		"Directions":                          "Cómo llegar",
		"Open the map":                        "Ver el mapa",
		"Wheelchair accessible:":              "Accesible en silla de ruedas:",
		"yes":                                 "sí",
		"no":                                  "no",
		"How to join online":                  "Cómo unirse en línea",
		"Platform:":                           "Plataforma:",
		"Join the meeting":                    "Unirse a la reunión",
		"Ask for the link:":                   "Pida el enlace:",
		"Contact":                             "Contacto",
		"E-mail:":                             "Correo electrónico:",
		"Phone:":                              "Teléfono:",
		"Who it is for":                       "Para quién es",
		"Notes":                               "Notas",
		"Add to calendar":                     "Agregar al calendario",
		"Last confirmed":                      "Confirmado por última vez el",
		"Suggest a correction":                "Sugerir una corrección",
		"Other groups of":                     "Otros grupos de",
		"Run by":                              "Organizado por",
		"Program:":                            "Programa:",
		"Language:":                           "Idioma:",
		"In person":                           "En persona",
		"In person and online":                "En persona y en línea",
		"Attendance:":                         "Modalidad:",
		"No upcoming meetings are scheduled.": "No hay reuniones programadas.",
		"Dates":                               "Fechas",
		"Daily hours":                         "Horario diario",
		"Host":                                "Organiza",
		"Status":                              "Estado",
		"Seats":                               "Plazas",
		"How to apply":                        "Cómo inscribirse",
		"Apply by":                            "Inscríbase antes del",
		"Apply online":                        "Inscribirse en línea",
		"Applicants are screened.":            "Se hace una entrevista de selección a los solicitantes.",
		"Open":                                "Abierta",
		"Full":                                "Completa",
		"Cancelled":                           "Cancelada",
		"Postponed":                           "Aplazada",
		"Before you train":                    "Antes de la capacitación",
		"Read the guide for facilitators of groups in correctional settings": "Lea la guía para facilitadores de grupos en centros correccionales",
		"Add upcoming trainings to your calendar":                            "Agregar las próximas capacitaciones a su calendario",
		"Facilitator training":                                               "Capacitación de facilitadores",
		"Trainer training":                                                   "Capacitación de capacitadores",
		"Connection Champion orientation":                                    "Orientación para Connection Champions",
		"For groups in correctional settings":                                "Para grupos en centros correccionales",
		"For community groups":                                               "Para grupos en la comunidad",
		"Where it is held":                                                   "Lugar",
		"Young adults":                                                       "Adultos jóvenes",
		"Veterans":                                                           "Veteranos",
		"LGBTQ+ people":                                                      "Personas LGBTQ+",
		"Black, Indigenous and people of color":                              "Personas negras, indígenas y de color",
		"Women":                                                              "Mujeres",
		"Men":                                                                "Hombres",
		"Older adults":                                                       "Adultos mayores",
		"English":                                                            "Inglés",
		"Spanish":                                                            "Español",
		"Setting":                                                            "Ámbito",
		"This training has ended.":                                           "Esta capacitación ya terminó.",
	}
}
