// Package synth generates large fictional sites for benchmarks and scale tests: a national
// directory of any number of groups spread over affiliates in every state, written as the
// same YAML and Markdown files editors write, so that benchmarks run the real loader.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/geo"
)

// state is a USPS code with a time zone and a rough centre for coordinates.
type state struct {
	code, name, zone string
	lat, lon         float64
}

func states() []state {
	return []state{
		{"AL", "Alabama", "America/Chicago", 32.8, -86.8}, {"AK", "Alaska", "America/Anchorage", 61.2, -149.9},
		{"AZ", "Arizona", "America/Phoenix", 33.4, -112.1}, {"AR", "Arkansas", "America/Chicago", 34.7, -92.3},
		{"CA", "California", "America/Los_Angeles", 36.7, -119.4}, {"CO", "Colorado", "America/Denver", 39.7, -105.0},
		{"CT", "Connecticut", "America/New_York", 41.6, -72.7}, {"DE", "Delaware", "America/New_York", 39.2, -75.5},
		{"FL", "Florida", "America/New_York", 28.5, -81.4}, {"GA", "Georgia", "America/New_York", 33.7, -84.4},
		{"HI", "Hawaii", "Pacific/Honolulu", 21.3, -157.9}, {"ID", "Idaho", "America/Boise", 43.6, -116.2},
		{"IL", "Illinois", "America/Chicago", 41.9, -87.6}, {"IN", "Indiana", "America/Indiana/Indianapolis", 39.8, -86.2},
		{"IA", "Iowa", "America/Chicago", 41.6, -93.6}, {"KS", "Kansas", "America/Chicago", 38.5, -98.0},
		{"KY", "Kentucky", "America/New_York", 38.2, -85.8}, {"LA", "Louisiana", "America/Chicago", 30.5, -91.1},
		{"ME", "Maine", "America/New_York", 44.3, -69.8}, {"MD", "Maryland", "America/New_York", 39.0, -76.6},
		{"MA", "Massachusetts", "America/New_York", 42.4, -71.1}, {"MI", "Michigan", "America/Detroit", 42.7, -84.6},
		{"MN", "Minnesota", "America/Chicago", 44.9, -93.1}, {"MS", "Mississippi", "America/Chicago", 32.3, -90.2},
		{"MO", "Missouri", "America/Chicago", 38.6, -92.2}, {"MT", "Montana", "America/Denver", 46.6, -112.0},
		{"NE", "Nebraska", "America/Chicago", 40.8, -96.7}, {"NV", "Nevada", "America/Los_Angeles", 39.2, -119.8},
		{"NH", "New Hampshire", "America/New_York", 43.2, -71.5}, {"NJ", "New Jersey", "America/New_York", 40.2, -74.8},
		{"NM", "New Mexico", "America/Denver", 35.1, -106.6}, {"NY", "New York", "America/New_York", 42.7, -73.8},
		{"NC", "North Carolina", "America/New_York", 35.8, -78.6}, {"ND", "North Dakota", "America/Chicago", 46.8, -100.8},
		{"OH", "Ohio", "America/New_York", 40.0, -83.0}, {"OK", "Oklahoma", "America/Chicago", 35.5, -97.5},
		{"OR", "Oregon", "America/Los_Angeles", 44.9, -123.0}, {"PA", "Pennsylvania", "America/New_York", 40.3, -76.9},
		{"RI", "Rhode Island", "America/New_York", 41.8, -71.4}, {"SC", "South Carolina", "America/New_York", 34.0, -81.0},
		{"SD", "South Dakota", "America/Chicago", 44.4, -100.3}, {"TN", "Tennessee", "America/Chicago", 36.2, -86.8},
		{"TX", "Texas", "America/Chicago", 30.3, -97.7}, {"UT", "Utah", "America/Denver", 40.8, -111.9},
		{"VT", "Vermont", "America/New_York", 44.3, -72.6}, {"VA", "Virginia", "America/New_York", 37.5, -77.4},
		{"WA", "Washington", "America/Los_Angeles", 47.0, -122.9}, {"WV", "West Virginia", "America/New_York", 38.3, -81.6},
		{"WI", "Wisconsin", "America/Chicago", 43.1, -89.4}, {"WY", "Wyoming", "America/Denver", 41.1, -104.8},
		{"DC", "District of Columbia", "America/New_York", 38.9, -77.0}, {"PR", "Puerto Rico", "America/Puerto_Rico", 18.4, -66.1},
	}
}

var (
	words   = strings.Fields("Hope Bridge Harbor Lantern Compass Meadow River Cedar Summit Horizon Willow Anchor Beacon Haven Oak Maple Pine Sunrise Valley Lakeside")
	cities  = strings.Fields("Springfield Riverton Fairview Greenville Franklin Clinton Madison Georgetown Salem Arlington Ashland Dover Milton Oxford Burlington Lexington Jackson Marion Newport Auburn")
	places  = []string{"Community Library", "First Community Church", "Recovery Center", "Public Library", "Wellness Center", "Senior Center", "Community Hall", "YMCA"}
	days    = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	audList = []string{"young-adults", "veterans", "lgbtq", "bipoc", "women", "men", "seniors"}
)

// Options say how large a site to generate.
type Options struct {
	Groups int // number of group files
	// PerAffiliate is how many groups each local affiliate gets (default 25).
	PerAffiliate int
	Seed         uint64 // the same seed gives the same site
	// Verified is the verified date written in every group, e.g. "2026-11-01".
	Verified string
	// Templates, when not nil, are copied under templates/ (e.g. the sample site's).
	Templates map[string][]byte
	// Catalogs are the translation catalogues, by language ("en" → i18n/en.yaml's bytes);
	// every language given is one of the site's (English first). Without any, the site
	// speaks English with an empty catalogue, which check refuses: give at least "en".
	Catalogs map[string][]byte
}

// Site returns a generated site as an in-memory file system rooted at the site's root.
// Every file passes check. About one group in fifty is private and one in fifty ended, so
// that privacy holds at scale too.
func Site(opts Options) fstest.MapFS {
	if opts.PerAffiliate <= 0 {
		opts.PerAffiliate = 25
	}
	if opts.Verified == "" {
		opts.Verified = "2026-11-01"
	}
	r := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	fsys := fstest.MapFS{}
	put := func(name, content string) { fsys[name] = &fstest.MapFile{Data: []byte(content), Mode: 0o644} }
	langs := []string{"en"}
	for lang, b := range opts.Catalogs {
		put("i18n/"+lang+".yaml", string(b))
		if lang != "en" {
			langs = append(langs, lang)
		}
	}
	slices.Sort(langs[1:])
	// Spanish pages say the lines as the sample site does: the HelpLine's Spanish-speaking
	// staff, and 988's option 2 and text line.
	helplineES, crisisES := "", ""
	if slices.Contains(langs, "es") {
		helplineES = `, es: {name: Línea de Ayuda de NAMI (se habla español), url: https://www.nami.org/help}`
		crisisES = `, es: {name: 988 Línea de Prevención del Suicidio y Crisis, option: "2", text: Envíe “AYUDA” por mensaje de texto al 988, url: https://988lifeline.org/es/}`
	}
	put("data/site.yaml", `title: NAMI Connection Recovery Support Groups
base_url: https://connection.example.org/
language: en
languages: [`+strings.Join(langs, ", ")+`]
timezone: America/New_York
helpline: {name: NAMI HelpLine, phone: 1-800-950-6264, text: Text "helpline" to 62640, url: https://www.nami.org/help`+helplineES+`}
crisis: {name: 988 Suicide & Crisis Lifeline, phone: "988", text: "988", url: https://988lifeline.org/`+crisisES+`}
`)
	put("content/index.md", "---\ntitle: Find a NAMI Connection group\nsummary: Free, weekly, peer-led groups.\n---\nNAMI Connection groups are free and led by peers.\n")
	put("content/guides/becoming-a-facilitator.md", "---\ntitle: Becoming a facilitator\nsummary: How to lead a group.\norder: 1\nblocks: [facilitator-trainings, state-organizations]\n---\n## Training\n\nFacilitators attend a 3-day training.\n")
	for name, b := range opts.Templates {
		fsys["templates/"+name] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	sts := states()
	// Real ZIP codes of each state, with their centres, so that every place is plausible to
	// check: its ZIP code and coordinates in the state written.
	zips := map[string][]geo.ZIPArea{}
	for z := range geo.ZIPs() {
		zips[z.State] = append(zips[z.State], z)
	}
	nAff := (opts.Groups + opts.PerAffiliate - 1) / opts.PerAffiliate
	for i, st := range sts {
		slug := "nami-" + strings.ToLower(strings.ReplaceAll(st.name, " ", "-"))
		put("data/affiliates/"+slug+".yaml", fmt.Sprintf("name: NAMI %s\nkind: state-organization\nstate: %s\ntimezone: %s\nemail: info@%s.example.org\nphone: \"555-010-%04d\"\nchampions: {wanted: %t, tasks: [locations, promotion], contact: champions@%s.example.org}\n",
			st.name, st.code, st.zone, strings.ToLower(st.code), i, i%3 == 0, strings.ToLower(st.code)))
	}
	for a := 0; a < nAff; a++ {
		st := sts[a%len(sts)]
		parent := "nami-" + strings.ToLower(strings.ReplaceAll(st.name, " ", "-"))
		city := cities[(a/len(sts))%len(cities)]
		aff := fmt.Sprintf("nami-%s-%s-%d", strings.ToLower(st.code), strings.ToLower(city), a)
		// Its state's time zone, as an editor sets it: an affiliate without one takes the
		// site's (data.md), and Oregon's groups would meet on New York's clock.
		put("data/affiliates/"+aff+".yaml", fmt.Sprintf("name: NAMI %s Area %d (%s)\nkind: affiliate\nstate: %s\nparent: %s\ntimezone: %s\nemail: connect@%s.example.org\n",
			city, a, st.code, st.code, parent, st.zone, aff))
		for k := 0; k < opts.PerAffiliate && a*opts.PerAffiliate+k < opts.Groups; k++ {
			n := a*opts.PerAffiliate + k
			put(fmt.Sprintf("data/groups/%s/group-%d.yaml", aff, n), group(r, n, st, city, zips[st.code]))
		}
	}
	return fsys
}

func group(r *rand.Rand, n int, st state, city string, zips []geo.ZIPArea) string {
	var b strings.Builder
	name := fmt.Sprintf("%s %s Connection Group %d", words[r.IntN(len(words))], city, n)
	program := "connection"
	if r.IntN(8) == 0 {
		program = "conexion"
		name = fmt.Sprintf("Grupo Conexión %s %s %d", words[r.IntN(len(words))], city, n)
	}
	fmt.Fprintf(&b, "name: %s\nprogram: %s\n", name, program)
	switch r.IntN(50) {
	case 0:
		b.WriteString("public: false\n")
	case 1:
		b.WriteString("status: ended\n")
	case 2, 3:
		b.WriteString("status: paused\n")
	}
	att := []string{"in-person", "in-person", "in-person", "online", "hybrid"}[r.IntN(5)]
	fmt.Fprintf(&b, "attendance: %s\nmeetings:\n", att)
	day := days[r.IntN(7)]
	h := 9 + r.IntN(11)
	fmt.Fprintf(&b, "  - day: %s\n    start: \"%02d:%02d\"\n", day, h, []int{0, 15, 30}[r.IntN(3)])
	if r.IntN(4) == 0 {
		b.WriteString("    weeks: [1, 3]\n")
	}
	if att != "online" {
		lat := st.lat + (r.Float64()-0.5)*3
		lon := st.lon + (r.Float64()-0.5)*3
		zip := fmt.Sprintf("%05d", 10000+r.IntN(89999))
		if len(zips) > 0 {
			// The same draws as before, so the rest of the site is as it was: a ZIP code of
			// the state, and a point within a few hundred metres of its centre.
			n, _ := strconv.Atoi(zip)
			z := zips[n%len(zips)]
			zip = z.Code
			lat = z.Center.Lat + (lat-st.lat)/300
			lon = z.Center.Lon + (lon-st.lon)/300
		}
		fmt.Fprintf(&b, "location:\n  name: %s %s\n  street: %s\n  city: %s\n  state: %s\n  postal_code: \"%s\"\n  lat: %.4f\n  lon: %.4f\n  accessible: %t\n",
			city, places[r.IntN(len(places))], street(r), city, st.code, zip, lat, lon, r.IntN(2) == 0)
	}
	if att != "in-person" {
		public := r.IntN(2) == 0
		fmt.Fprintf(&b, "online:\n  platform: Zoom\n  join_url: https://meet.example.org/j/%d\n  link_public: %t\n  instructions: E-mail the facilitators for the link.\n", 100000+n, public)
	}
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, "audience: [%s]\n", audList[r.IntN(len(audList))])
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "contact:\n  email: group%d@example.org\n", n)
	}
	b.WriteString("notes: Free and confidential. No registration needed.\nverified: 2026-11-01\n")
	// Some groups skip a holiday, some are new and start later; both fall on the meeting's
	// weekday, as check asks.
	if r.IntN(5) == 0 {
		fmt.Fprintf(&b, "skip: [%s, %s]\n", onOrAfter(2026, 12, 24, day), onOrAfter(2026, 12, 31, day))
	}
	if r.IntN(10) == 0 {
		fmt.Fprintf(&b, "starts: %s\n", onOrAfter(2027, 1, 11, day))
	}
	return b.String()
}

// street returns a street address of one of the shapes real directories hold: plain, with
// digits and letters mixed ("3601 S 6th Ave"), with a unit, or Spanish with accents and the
// number last ("Calle Loíza 1950").
func street(r *rand.Rand) string {
	n := 100 + r.IntN(9000)
	switch r.IntN(5) {
	case 0:
		return fmt.Sprintf("%d S %s Ave", n, []string{"1st", "2nd", "3rd", "6th", "12th", "21st"}[n%6])
	case 1:
		return fmt.Sprintf("Calle %s %d", []string{"Loíza", "San Sebastián", "Peñuelas", "Güemes"}[n%4], n)
	case 2:
		return fmt.Sprintf("%d N. Main St., Suite %d", n, 100+n%300)
	case 3:
		return fmt.Sprintf("%d Avenida Ponce de León", n)
	}
	return fmt.Sprintf("%d Main Street", n)
}

// onOrAfter returns the first date on or after year-month-day that falls on the weekday named
// day ("monday"), as YYYY-MM-DD.
func onOrAfter(year, month, day int, weekday string) string {
	d := civil.Date{Year: year, Month: time.Month(month), Day: day}
	for strings.ToLower(d.Weekday().String()) != weekday {
		d = d.AddDays(1)
	}
	return d.String()
}

// ReadCatalogs reads the catalogues i18n/LANG.yaml of the folder dir, by language, for
// Options.Catalogs.
func ReadCatalogs(dir string) (map[string][]byte, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out[strings.TrimSuffix(filepath.Base(name), ".yaml")] = b
	}
	return out, nil
}
