package geo

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Place is a Census place: an incorporated city, town, village or borough, or a
// census-designated place (CDP), the named communities the Census Bureau delineates where
// no municipality is (Puerto Rico's zonas urbanas and comunidades among them). A county
// ([Counties]) is a Place too.
type Place struct {
	// GEOID is the Census code of the place: the state's FIPS code and a five-digit place
	// code, such as "3525170"; for a county, the state's and a three-digit county code,
	// such as "39035".
	GEOID string
	// Name is the name as the Census Bureau writes it, accents kept, without the word that
	// says what kind of place it is: "Española", "Cañon City", "San Buenaventura (Ventura)",
	// "Nashville-Davidson". A county's keeps it: "Cuyahoga County", "Orleans Parish".
	Name string
	// Kind is the word(s) that followed Name in the Census name: "city", "town", "village",
	// "borough", "CDP", "municipality", "zona urbana", "comunidad", "city and borough",
	// "metropolitan government (balance)" and the like; empty for a few consolidated
	// governments named without one ("Carson City", "Macon-Bibb County"). A county's is one
	// of countyKinds.
	Kind string
	// State is the USPS code of the state, such as "NM".
	State string
	// Center is the Census Bureau's internal point of the place (its centre, or a point
	// inside it near the centre).
	Center Point
	// Population is the American Community Survey's 2019–2023 estimate; 0 for the few
	// places it has none for (most of them new since).
	Population int
}

// loadPlaces parses the embedded places once, in GEOID order.
var loadPlaces = sync.OnceValue(func() []Place {
	places, err := parsePlaces(string(mustGunzip(placesGz)), 7)
	if err != nil {
		panic(fmt.Sprintf("geo: embedded places: %v", err))
	}
	return places
})

// loadCounties parses the embedded counties once, in GEOID order.
var loadCounties = sync.OnceValue(func() []Place {
	counties, err := parsePlaces(string(mustGunzip(countiesGz)), 5)
	if err != nil {
		panic(fmt.Sprintf("geo: embedded counties: %v", err))
	}
	return counties
})

// countyKinds are the kinds of the counties and county equivalents of [Counties], as their
// names end.
var countyKinds = []string{"county", "parish", "borough", "census area"}

// parsePlaces reads lines "GEOID\tNAME\tKIND\tLAT\tLON\tPOPULATION", each GEOID of
// idLen digits. The strings of the places are slices of data, so that parsing allocates
// little more than the slice.
func parsePlaces(data string, idLen int) ([]Place, error) {
	byFIPS := make(map[string]string, len(stateTable))
	for _, row := range stateTable {
		byFIPS[row.fips] = row.code
	}
	places := make([]Place, 0, 33000)
	var f [6]string
	for n := 1; data != ""; n++ {
		line, rest, _ := strings.Cut(data, "\n")
		data = rest
		if line == "" || line[0] == '#' {
			continue
		}
		for i := range f {
			if i == len(f)-1 {
				f[i] = line
				break
			}
			var ok bool
			if f[i], line, ok = strings.Cut(line, "\t"); !ok {
				return nil, fmt.Errorf("line %d: %d fields, want %d", n, i+1, len(f))
			}
		}
		if strings.Contains(f[5], "\t") {
			return nil, fmt.Errorf("line %d: more than %d fields", n, len(f))
		}
		geoid := f[0]
		state, ok := "", len(geoid) == idLen
		if ok {
			state, ok = byFIPS[geoid[:2]]
		}
		if !ok {
			return nil, fmt.Errorf("line %d: bad GEOID %q", n, geoid)
		}
		if f[1] == "" {
			return nil, fmt.Errorf("line %d: no name", n)
		}
		lat, err := parseE4(f[3])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		lon, err := parseE4(f[4])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		pop, err := parseCount(f[5])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if k := len(places); k > 0 && places[k-1].GEOID >= geoid {
			return nil, fmt.Errorf("line %d: GEOID %s out of order", n, geoid)
		}
		places = append(places, Place{
			GEOID: geoid, Name: f[1], Kind: f[2], State: state,
			Center:     Point{Lat: fromE4(lat), Lon: fromE4(lon)},
			Population: pop,
		})
	}
	return places, nil
}

// Places yields every place, in GEOID order (by state FIPS code, then place code).
func Places() iter.Seq[Place] {
	return func(yield func(Place) bool) {
		for _, p := range loadPlaces() {
			if !yield(p) {
				return
			}
		}
	}
}

// Counties yields every county, in GEOID order: the Census Bureau's counties, Louisiana's
// parishes and Alaska's boroughs and census areas, each a [Place] named as it is written
// with its kind ("Cuyahoga County", "county"). People look for help by county as often as by
// town ("Westchester County", "Harris County"), and many affiliates serve one.
func Counties() iter.Seq[Place] {
	return func(yield func(Place) bool) {
		for _, p := range loadCounties() {
			if !yield(p) {
				return
			}
		}
	}
}

// County reports whether p is a county (one of [Counties]).
func (p Place) County() bool { return len(p.GEOID) == 5 }

// PlaceIndex finds places by name, as a person types them: whatever the case, accents and
// punctuation, as the fold function given to [NewPlaceIndex] decides. The finder gives it
// search.Fold, so that the index in the browser and this one agree. A PlaceIndex is
// immutable and safe for concurrent use.
type PlaceIndex struct {
	fold   func(string) string
	places []Place
	byKey  map[string][]int32 // key → places, most populous first
	// alone are the counties also keyed by their name without its kind (see
	// NewPlaceIndex): "cuyahoga", "dupage", by GEOID.
	alone map[string]string
}

// NewPlaceIndex indexes every place and county under each of its [PlaceIndex.Keys], with
// fold normalising names and queries alike (a nil fold lower-cases).
func NewPlaceIndex(fold func(string) string) *PlaceIndex {
	if fold == nil {
		fold = strings.ToLower
	}
	all := slices.Concat(loadPlaces(), loadCounties())
	ix := &PlaceIndex{fold: fold, places: all, byKey: make(map[string][]int32, 45000), alone: map[string]string{}}
	for i, p := range ix.places {
		for _, k := range ix.Keys(p) {
			ix.byKey[k] = append(ix.byKey[k], int32(i))
		}
	}
	// A county of 100,000 people or more is named by its name alone where that names no
	// town of its state nor one of 1,000 people or more elsewhere: "cuyahoga" is Cuyahoga
	// County, "harris" Harris County, Texas, before four towns of under 1,000; but "madison"
	// is Madison, Wisconsin, not Madison County, Alabama, the more populous, and "oscoda mi"
	// the town of Oscoda County. Smaller counties' names are often words that end many
	// towns' names ("creek", "island", "park"): misspelt towns would be corrected to them.
	for i, p := range ix.places {
		if !p.County() || p.Population < 100_000 {
			continue
		}
		k := ix.Key(p.Name[:len(p.Name)-len(p.Kind)])
		if k == "" || slices.ContainsFunc(ix.byKey[k], func(j int32) bool {
			q := &ix.places[j]
			return !q.County() && (q.Population >= 1000 || q.State == p.State)
		}) {
			continue
		}
		ix.alone[p.GEOID] = k
		ix.byKey[k] = append(ix.byKey[k], int32(i))
	}
	for _, list := range ix.byKey {
		slices.SortFunc(list, func(a, b int32) int {
			pa, pb := &ix.places[a], &ix.places[b]
			return cmp.Or(cmp.Compare(pb.Population, pa.Population), cmp.Compare(a, b))
		})
	}
	return ix
}

// Key returns the form in which the index compares s: the words of fold(s) (its runs of
// letters and digits) joined by single spaces. With search.Fold, "Cañon City" and
// "canon  city" both give "canon city", and "St. Louis" gives "st louis".
func (ix *PlaceIndex) Key(s string) string {
	return strings.Join(strings.FieldsFunc(ix.fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}), " ")
}

// keyAbbreviations are the words written abbreviated in place names, with their long form.
// A name holding one is also indexed with the other form, so "saint louis" finds St. Louis.
var keyAbbreviations = map[string]string{"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}

// noApostrophes drops apostrophes: "O'Fallon" is also found as "ofallon".
var noApostrophes = strings.NewReplacer("'", "", "’", "")

// keyAliases are other names of a few places, by GEOID, for names the Census Bureau writes
// otherwise than everyone says them, the short names and letters people type for a few large
// cities ("West Palm", "ABQ", "Bay Area"), their Spanish names where no other place of the
// United States bears them, and the regions people name instead of a town, for the largest
// city in them or the one at their centre ("Lehigh Valley": Allentown; "Long Island":
// Hicksville), from which the finder's 100 miles take in the whole region. None is the key of
// a place more populous than its own, so that the alias alone names its place, and with another
// place's state that place ("brooklyn" is New York's borough, "brooklyn oh" Brooklyn, Ohio).
var keyAliases = map[string][]string{
	"0455000": {"PHX"},                                                                                // Phoenix
	"0636448": {"Coachella Valley"},                                                                   // Indio
	"0639003": {"La Cañada"},                                                                          // La Cañada Flintridge
	"0644000": {"SoCal", "Southern California", "Sur de California"},                                  // Los Angeles
	"0620802": {"East LA"},                                                                            // East Los Angeles
	"0653000": {"East Bay"},                                                                           // Oakland
	"0662000": {"Inland Empire"},                                                                      // Riverside
	"0667000": {"San Fran", "SF", "Bay Area", "NorCal", "Northern California", "Norte de California"}, // San Francisco
	"0668000": {"Silicon Valley"},                                                                     // San Jose
	"06037":   {"LA County"},                                                                          // Los Angeles County
	"0820000": {"Front Range"},                                                                        // Denver
	"0831660": {"Western Slope"},                                                                      // Grand Junction
	"1150000": {"DMV"},                                                                                // Washington, DC
	"12086":   {"Dade County"},                                                                        // Miami-Dade County, so named until 1997 (Dade County, GA, is smaller)
	"1224000": {"South Florida", "Broward", "Sur de Florida"},                                         // Fort Lauderdale
	"1235000": {"Jax", "North Florida"},                                                               // Jacksonville
	"1236550": {"Florida Keys", "The Keys"},                                                           // Key West
	"1245000": {"Miami-Dade"},                                                                         // Miami
	"1253000": {"Central Florida", "Centro de Florida"},                                               // Orlando
	"1254700": {"Florida Panhandle"},                                                                  // Panama City
	"1263000": {"St. Pete"},                                                                           // St. Petersburg
	"1271000": {"Tampa Bay"},                                                                          // Tampa
	"1276600": {"West Palm"},                                                                          // West Palm Beach
	"1304000": {"ATL"},                                                                                // Atlanta
	"1514650": {"Big Island"},                                                                         // Hilo
	"1522700": {"Maui"},                                                                               // Kahului
	"1523000": {"Kona", "Kailua-Kona"},                                                                // Kailua, Hawaii County (Kailua of Honolulu County is 1523150)
	"1545200": {"Kauai"},                                                                              // Lihue
	"1571550": {"Honolulu", "Oahu"},                                                                   // "Urban Honolulu CDP"
	"1608830": {"Boise"},                                                                              // "Boise City city"
	"1714000": {"Chicagoland"},                                                                        // Chicago
	"1919000": {"Quad Cities"},                                                                        // Davenport
	"2255000": {"Nueva Orleans", "NOLA"},                                                              // "New Orleans city"
	"24033":   {"PG County", "Prince George's"},                                                       // Prince George's County
	"2469925": {"Eastern Shore", "Delmarva"},                                                          // Salisbury, Maryland
	"2503690": {"Cape Cod"},                                                                           // Barnstable Town
	"2553960": {"Berkshires"},                                                                         // Pittsfield
	"2651900": {"Upper Peninsula"},                                                                    // Marquette
	"2743000": {"Twin Cities"},                                                                        // Minneapolis
	"2938000": {"KC"},                                                                                 // Kansas City, Missouri
	"2965000": {"STL"},                                                                                // St. Louis
	"3240000": {"Vegas", "Southern Nevada"},                                                           // "Las Vegas city"
	"3410000": {"South Jersey"},                                                                       // Camden
	"3451000": {"North Jersey"},                                                                       // Newark
	"3451210": {"Central Jersey"},                                                                     // New Brunswick
	"3473110": {"Jersey Shore"},                                                                       // Toms River
	"3502000": {"ABQ", "Albq", "Burque"},                                                              // Albuquerque
	"3634374": {"Long Island"},                                                                        // Hicksville
	// "New York city", its boroughs and Harlem, whose names smaller places bear too (Brooklyn,
	// Ohio; Manhattan, Kansas; Harlem, Georgia).
	"3651000": {"NYC", "New York City", "Nueva York", "Ciudad de Nueva York", "Brooklyn", "Manhattan", "Queens", "Bronx", "The Bronx", "Staten Island", "Harlem"},
	"3659641": {"Hudson Valley"},                                                                  // Poughkeepsie
	"3735720": {"Outer Banks", "OBX"},                                                             // Kill Devil Hills
	"3755000": {"Research Triangle"},                                                              // Raleigh
	"4055000": {"OKC"},                                                                            // Oklahoma City
	"4159000": {"PDX"},                                                                            // Portland, Oregon
	"4202000": {"Lehigh Valley"},                                                                  // Allentown
	"4221872": {"Poconos", "Pocono Mountains"},                                                    // East Stroudsburg
	"4260000": {"Philly", "Filadelfia"},                                                           // "Philadelphia city"
	"4513330": {"Lowcountry"},                                                                     // Charleston, South Carolina
	"4805000": {"ATX", "Central Texas"},                                                           // Austin
	"4819000": {"DFW", "Dallas Fort Worth", "Dallas-Fort Worth", "North Texas", "Norte de Texas"}, // Dallas
	"4845384": {"Rio Grande Valley", "RGV", "Valle del Rio Grande"},                               // McAllen
	"4865000": {"SATX"},                                                                           // San Antonio
	"4967000": {"Salt Lake", "SLC"},                                                               // "Salt Lake City city"
	"5103000": {"NoVA", "Northern Virginia"},                                                      // Arlington, Virginia
	"5157000": {"Hampton Roads"},                                                                  // Norfolk
	"5363000": {"Puget Sound", "Western Washington"},                                              // Seattle
	// Regions people name by a direction and their state, for their largest city or the one at
	// their centre, of 100,000 people or more: the finder looks a direction and a state up only
	// as a place of that size (see stopNamesTown in templates/find.js).
	"0137000": {"North Alabama"},                          // Huntsville
	"0150000": {"South Alabama"},                          // Mobile
	"0477000": {"Southern Arizona"},                       // Tucson
	"0627000": {"Central California", "Central Valley"},   // Fresno
	"0827425": {"Northern Colorado"},                      // Fort Collins
	"0862000": {"Southern Colorado"},                      // Pueblo
	"1210275": {"Southwest Florida"},                      // Cape Coral
	"1836003": {"Central Indiana"},                        // "Indianapolis city (balance)"
	"1912000": {"Eastern Iowa"},                           // Cedar Rapids
	"1921000": {"Central Iowa"},                           // Des Moines
	"2146027": {"Central Kentucky"},                       // "Lexington-Fayette urban county"
	"2567000": {"Western Massachusetts"},                  // Springfield, Massachusetts
	"2582000": {"Central Massachusetts"},                  // Worcester
	"2622000": {"Southeast Michigan"},                     // Detroit
	"2634000": {"West Michigan", "Western Michigan"},      // Grand Rapids
	"2754880": {"Southern Minnesota"},                     // Rochester, Minnesota
	"3260600": {"Northern Nevada"},                        // Reno
	"3539380": {"Southern New Mexico"},                    // Las Cruces
	"3611000": {"Western New York", "Western NY", "WNY"},  // Buffalo
	"3673000": {"Central New York", "Central NY", "CNY"},  // Syracuse
	"3915000": {"Southwest Ohio"},                         // Cincinnati
	"3916000": {"Northeast Ohio"},                         // Cleveland
	"3918000": {"Central Ohio"},                           // Columbus, Ohio
	"3977000": {"Northwest Ohio"},                         // Toledo
	"4261000": {"Western Pennsylvania", "Western PA"},     // Pittsburgh
	"4740000": {"East Tennessee"},                         // Knoxville
	"4748000": {"West Tennessee"},                         // Memphis
	"4752006": {"Middle Tennessee"},                       // "Nashville-Davidson metropolitan government (balance)"
	"4845000": {"West Texas"},                             // Lubbock
	"4874144": {"East Texas"},                             // Tyler
	"5367000": {"Eastern Washington", "Inland Northwest"}, // Spokane
	"5531000": {"Northeast Wisconsin"},                    // Green Bay
	"5553000": {"Southeast Wisconsin"},                    // Milwaukee
}

// labelNames are the names people call a few places by where the Census Bureau's differs
// beyond what Label reads from it, by GEOID.
var labelNames = map[string]string{
	"1571550": "Honolulu",    // "Urban Honolulu CDP"
	"1608830": "Boise",       // "Boise City city"
	"0665042": "Ventura",     // "San Buenaventura (Ventura) city"
	"0622300": "Paso Robles", // "El Paso de Robles (Paso Robles) city"
}

// Label returns the name the finder shows for p, the one people call it by: the first name
// of a consolidated government ("Nashville" for "Nashville-Davidson", "Louisville" for
// "Louisville/Jefferson County"), a name of labelNames ("Honolulu" for "Urban Honolulu"), or
// else Name.
func (p Place) Label() string {
	if name, ok := labelNames[p.GEOID]; ok {
		return name
	}
	if consolidated(p.Kind) {
		if i := strings.IndexAny(p.Name, "-/,"); i > 0 {
			return p.Name[:i]
		}
	}
	return p.Name
}

// Keys returns every key under which the index holds p: the key of its name, and those of
// the names people also use for it: each name of a parenthesised pair ("San Buenaventura
// (Ventura)"), the first name of a consolidated government ("Nashville" for
// "Nashville-Davidson", "Louisville" for "Louisville/Jefferson County"), the name without
// apostrophes ("coeur dalene"), with St., Ste., Mt. and Ft. spelled out or Saint, Sainte,
// Mount and Fort abbreviated, and a few more in keyAliases. A populous county is also found
// by its name alone where no town bears it ("cuyahoga"). (The finder looks up a county's
// Spanish name, "condado de pima", as its English one.)
func (ix *PlaceIndex) Keys(p Place) []string {
	names := []string{p.Name}
	if before, inner, ok := strings.Cut(p.Name, " ("); ok {
		if inner, ok = strings.CutSuffix(inner, ")"); ok {
			names = append(names, before, inner)
		}
	}
	if consolidated(p.Kind) {
		if i := strings.IndexAny(p.Name, "-/,"); i > 0 {
			names = append(names, p.Name[:i])
		}
	}
	names = append(names, keyAliases[p.GEOID]...)
	if k, ok := ix.alone[p.GEOID]; ok {
		names = append(names, k)
	}
	var keys []string
	add := func(k string) {
		if k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, name := range names {
		k := ix.Key(name)
		add(k)
		if strings.ContainsAny(name, "'’") {
			add(ix.Key(noApostrophes.Replace(name)))
		}
		words := strings.Split(k, " ")
		changed := false
		for i, w := range words {
			if long, ok := keyAbbreviations[w]; ok {
				words[i], changed = long, true
				continue
			}
			for short, long := range keyAbbreviations {
				if w == long {
					words[i], changed = short, true
				}
			}
		}
		if changed {
			add(strings.Join(words, " "))
		}
	}
	return keys
}

// consolidated reports whether kind is that of a city-county government, whose Census name
// joins the names of the city and the county ("Athens-Clarke County").
func consolidated(kind string) bool {
	switch kind {
	case "city", "town", "village", "borough", "CDP", "municipality", "zona urbana",
		"comunidad", "city and borough", "corporation":
		return false
	}
	if slices.Contains(countyKinds, kind) {
		return false
	}
	return true
}

// Lookup returns the places whose key ([PlaceIndex.Keys]) is the key of name, in every
// state, the most populous first.
func (ix *PlaceIndex) Lookup(name string) []Place {
	return ix.collect(ix.byKey[ix.Key(name)], "")
}

// LookupIn is Lookup restricted to the state with USPS code state.
func (ix *PlaceIndex) LookupIn(name, state string) []Place {
	return ix.collect(ix.byKey[ix.Key(name)], strings.ToUpper(state))
}

// collect returns the places of list in state (any state if "").
func (ix *PlaceIndex) collect(list []int32, state string) []Place {
	var out []Place
	for _, i := range list {
		if state == "" || ix.places[i].State == state {
			out = append(out, ix.places[i])
		}
	}
	return out
}

// Find returns the places a query names, as a person types it: a place name, or a place
// name followed by a state's code or name ("Phoenix", "tempe az", "Tempe, Arizona",
// "albuquerque new mexico"). When the query ends with a state and the words before it name
// a place there, those places are the answer; otherwise every place named by the whole
// query, the most populous first. Find does not correct spelling and returns nil when no
// place has that name.
func (ix *PlaceIndex) Find(query string) []Place {
	words := strings.Fields(ix.Key(query))
	for k := 1; k <= 4 && k < len(words); k++ {
		tail := strings.Join(words[len(words)-k:], " ")
		st, ok := StateByName(tail)
		if !ok && k == 1 && len(tail) == 2 {
			st, ok = StateByCode(tail)
		}
		if !ok {
			continue
		}
		if found := ix.LookupIn(strings.Join(words[:len(words)-k], " "), st.Code); found != nil {
			return found
		}
	}
	return ix.Lookup(strings.Join(words, " "))
}
