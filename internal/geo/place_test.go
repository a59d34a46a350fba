package geo_test

import (
	"slices"
	"strings"
	"testing"

	"sitegen/internal/geo"
	"sitegen/internal/search"
)

// index is built with the finder's own folding, so these tests show that the two agree.
var index = geo.NewPlaceIndex(search.Fold)

func TestFind(t *testing.T) {
	tests := []struct {
		query     string
		wantName  string // of the first place found; "" for none
		wantState string
		wantKind  string // "" to skip
	}{
		{"Phoenix", "Phoenix", "AZ", "city"},
		{"phoenix", "Phoenix", "AZ", ""},
		{"tempe az", "Tempe", "AZ", ""},
		{"Tempe, Arizona", "Tempe", "AZ", ""},
		{"TEMPE AZ", "Tempe", "AZ", ""},
		{"albuquerque", "Albuquerque", "NM", "city"},
		{"Albuquerque NM", "Albuquerque", "NM", ""},
		{"albuquerque new mexico", "Albuquerque", "NM", ""},
		{"Columbus, OH", "Columbus", "OH", ""},
		{"columbus", "Columbus", "OH", ""}, // the most populous of many
		{"Columbus GA", "Columbus", "GA", ""},
		{"Tucson AZ", "Tucson", "AZ", ""},
		{"espanola", "Española", "NM", "city"},
		{"Española, NM", "Española", "NM", ""},
		{"ESPAÑOLA", "Española", "NM", ""},
		{"canon city co", "Cañon City", "CO", "city"},
		{"Cañon City", "Cañon City", "CO", ""},
		{"san juan pr", "San Juan", "PR", "zona urbana"},
		{"San Juan, Puerto Rico", "San Juan", "PR", ""},
		{"st louis", "St. Louis", "MO", ""},
		{"saint louis mo", "St. Louis", "MO", ""},
		{"St. Paul MN", "St. Paul", "MN", ""},
		{"nashville", "Nashville-Davidson", "TN", "metropolitan government (balance)"},
		{"louisville ky", "Louisville/Jefferson County", "KY", ""},
		{"indianapolis", "Indianapolis", "IN", "city (balance)"},
		{"honolulu", "Urban Honolulu", "HI", "CDP"},
		{"boise", "Boise City", "ID", ""},
		{"nyc", "New York", "NY", ""},
		{"new york city", "New York", "NY", ""},
		{"philly", "Philadelphia", "PA", ""},
		{"vegas", "Las Vegas", "NV", ""},
		{"salt lake", "Salt Lake City", "UT", ""},
		{"nueva york", "New York", "NY", ""},
		{"Filadelfia", "Philadelphia", "PA", ""},
		{"nueva orleans", "New Orleans", "LA", ""},
		{"nola", "New Orleans", "LA", ""},
		{"west palm", "West Palm Beach", "FL", ""},
		{"St Pete FL", "St. Petersburg", "FL", ""},
		{"abq", "Albuquerque", "NM", ""},
		{"albq", "Albuquerque", "NM", ""}, // was Alba, Missouri, as misspelt
		{"burque", "Albuquerque", "NM", ""},
		{"bay area", "San Francisco", "CA", ""},
		{"twin cities", "Minneapolis", "MN", ""},
		{"SLC", "Salt Lake City", "UT", ""},
		{"okc", "Oklahoma City", "OK", ""},
		{"dallas fort worth", "Dallas", "TX", ""},
		{"tampa bay", "Tampa", "FL", ""},
		{"queens", "New York", "NY", ""},
		{"the bronx", "New York", "NY", ""},
		{"brooklyn", "New York", "NY", ""},
		{"Brooklyn NY", "New York", "NY", ""},
		{"manhattan", "New York", "NY", ""},
		{"brooklyn oh", "Brooklyn", "OH", ""},
		// Regions, by the city at their centre.
		{"lehigh valley", "Allentown", "PA", ""},
		{"East Bay", "Oakland", "CA", ""},
		{"long island", "Hicksville", "NY", ""},
		{"Long Island, KS", "Long Island", "KS", ""},
		{"norcal", "San Francisco", "CA", ""},
		{"NoVA", "Arlington", "VA", ""},
		{"Manhattan, Kansas", "Manhattan", "KS", ""},
		{"ventura ca", "San Buenaventura (Ventura)", "CA", ""},
		{"paso robles", "El Paso de Robles (Paso Robles)", "CA", ""},
		{"coeur dalene", "Coeur d'Alene", "ID", ""},
		{"Coeur d'Alene, Idaho", "Coeur d'Alene", "ID", ""},
		{"winston salem", "Winston-Salem", "NC", ""},
		{"kansas city", "Kansas City", "MO", ""},
		{"kansas city ks", "Kansas City", "KS", ""},
		{"kansas city kansas", "Kansas City", "KS", ""},
		{"new york", "New York", "NY", ""},
		{"new york ny", "New York", "NY", ""},
		{"portland", "Portland", "OR", ""},
		{"portland maine", "Portland", "ME", ""},
		{"washington dc", "Washington", "DC", ""},
		{"Washington, D.C.", "Washington", "DC", ""},
		{"anchorage", "Anchorage", "AK", "municipality"},
		{"juneau", "Juneau", "AK", "city and borough"},
		// Counties and their equivalents, by their whole name, the most populous first.
		{"cuyahoga county", "Cuyahoga County", "OH", "county"},
		{"Cuyahoga County, Ohio", "Cuyahoga County", "OH", ""},
		{"orange county", "Orange County", "CA", ""},
		{"orange county fl", "Orange County", "FL", ""},
		{"montgomery county", "Montgomery County", "MD", ""},
		{"montgomery county pa", "Montgomery County", "PA", ""},
		{"st louis county", "St. Louis County", "MO", ""},
		{"saint louis county mn", "St. Louis County", "MN", ""},
		{"harris county", "Harris County", "TX", ""},
		{"king county", "King County", "WA", ""},
		{"cook county", "Cook County", "IL", ""},
		{"miami dade county", "Miami-Dade County", "FL", ""},
		{"dona ana county", "Doña Ana County", "NM", ""},
		{"orleans parish", "Orleans Parish", "LA", "parish"},
		{"fairfield county", "Fairfield County", "CT", ""}, // a former county, before Ohio's
		{"litchfield county", "Litchfield County", "CT", ""},
		{"matanuska susitna borough", "Matanuska-Susitna Borough", "AK", "borough"},
		{"bethel census area", "Bethel Census Area", "AK", "census area"},
		// A county's name alone is its town's, if any, else the county's.
		{"cuyahoga", "Cuyahoga County", "OH", ""},
		{"dupage", "DuPage County", "IL", ""},
		{"Bucks PA", "Bucks County", "PA", ""},
		{"bucks", "Bucks County", "PA", ""},
		{"harris", "Harris County", "TX", ""},
		{"harris mn", "Harris", "MN", ""},
		{"madison", "Madison", "WI", ""},
		{"orange", "Orange", "CA", "city"},
		{"matanuska", "", "", ""},
		{"creek", "", "", ""},                // Creek County, OK, is small: the word ends towns' names
		{"oscoda mi", "Oscoda", "MI", "CDP"}, // not Oscoda County
		// A state after a name that is not a place there: the whole query is the name.
		{"santa fe", "Santa Fe", "NM", ""},
		{"Santa Fe TX", "Santa Fe", "TX", ""},
		// Not places.
		{"albuqerque", "", "", ""}, // spelling is the finder's job
		{"nowhere at all", "", "", ""},
		{"", "", "", ""},
		{"   ,,, !!! ", "", "", ""},
		{"🙂", "", "", ""},
		{"nm", "", "", ""},
		{"new mexico", "", "", ""},
		{strings.Repeat("a ", 5000), "", "", ""},
	}
	for _, tt := range tests {
		got := index.Find(tt.query)
		if tt.wantName == "" {
			if len(got) > 0 {
				t.Errorf("Find(%.40q) = %s, %s…, want nothing", tt.query, got[0].Name, got[0].State)
			}
			continue
		}
		if len(got) == 0 {
			t.Errorf("Find(%q) found nothing, want %s, %s", tt.query, tt.wantName, tt.wantState)
			continue
		}
		if g := got[0]; g.Name != tt.wantName || g.State != tt.wantState || (tt.wantKind != "" && g.Kind != tt.wantKind) {
			t.Errorf("Find(%q)[0] = %s (%s), %s, want %s (%s), %s", tt.query, g.Name, g.Kind, g.State, tt.wantName, tt.wantKind, tt.wantState)
		}
	}
}

func TestFindRanksByPopulation(t *testing.T) {
	got := index.Find("springfield")
	if len(got) < 20 {
		t.Fatalf("Find(springfield) found %d places, want the 30-odd Springfields", len(got))
	}
	for i := 1; i < len(got); i++ {
		if got[i].Population > got[i-1].Population {
			t.Errorf("Find(springfield)[%d] = %s %s (%d) after %s %s (%d)", i, got[i].Name, got[i].State,
				got[i].Population, got[i-1].Name, got[i-1].State, got[i-1].Population)
		}
	}
	if in := index.LookupIn("springfield", "il"); len(in) != 1 || in[0].GEOID != "1772000" {
		t.Errorf(`LookupIn("springfield", "il") = %v, want Springfield IL (1772000)`, in)
	}
}

func TestPlaces(t *testing.T) {
	tests := []struct {
		geoid, name, state string
		near               geo.Point // the town's centre by another account
		miles              float64
		minPop             int
	}{
		{"0455000", "Phoenix", "AZ", geo.Point{Lat: 33.45, Lon: -112.07}, 10, 1_500_000}, // the Census centre lies north of downtown
		{"3502000", "Albuquerque", "NM", geo.Point{Lat: 35.0844, Lon: -106.6504}, 5, 500_000},
		{"3525170", "Española", "NM", geo.Point{Lat: 35.9911, Lon: -106.0806}, 3, 8_000},
		{"0811810", "Cañon City", "CO", geo.Point{Lat: 38.4409, Lon: -105.2424}, 3, 15_000},
		{"3918000", "Columbus", "OH", geo.Point{Lat: 39.9612, Lon: -82.9988}, 8, 850_000},
		{"7276770", "San Juan", "PR", geo.Point{Lat: 18.4655, Lon: -66.1057}, 8, 300_000},
		{"0203000", "Anchorage", "AK", geo.Point{Lat: 61.2181, Lon: -149.9003}, 40, 250_000}, // a vast municipality
	}
	byGEOID := map[string]geo.Place{}
	n := 0
	outside := 0
	for p := range geo.Places() {
		n++
		byGEOID[p.GEOID] = p
		s, ok := geo.StateByCode(p.State)
		if !ok || s.FIPS != p.GEOID[:2] {
			t.Errorf("place %s %s: state %q does not match its GEOID", p.GEOID, p.Name, p.State)
			continue
		}
		if !s.Contains(p.Center) {
			outside++
			// Little Diomede (AK) is missing from the simplified outline. San Francisco's
			// Census centre lay at sea, 19 miles off; gen puts it at City Hall.
			if d := s.DistanceTo(p.Center); d > 3 && p.Name != "Diomede" {
				t.Errorf("place %s %s: centre %v is %.1f miles from %s", p.GEOID, p.Name, p.Center, d, p.State)
			}
		}
		if strings.HasSuffix(p.Name, " city") || strings.HasSuffix(p.Name, " CDP") || p.Name == "" {
			t.Errorf("place %s: name %q keeps its kind or is empty", p.GEOID, p.Name)
		}
	}
	if n < 32000 || n > 33000 {
		t.Errorf("%d places, want about 32,350", n)
	}
	if outside > n/200 {
		t.Errorf("%d of %d places lie outside their state's outline, want under 0.5%%", outside, n)
	}
	for _, tt := range tests {
		p, ok := byGEOID[tt.geoid]
		if !ok {
			t.Errorf("no place %s (%s)", tt.geoid, tt.name)
			continue
		}
		if p.Name != tt.name || p.State != tt.state || p.Population < tt.minPop {
			t.Errorf("place %s = %s, %s (%d), want %s, %s (over %d)", tt.geoid, p.Name, p.State, p.Population, tt.name, tt.state, tt.minPop)
		}
		if d := geo.Distance(p.Center, tt.near); d > tt.miles {
			t.Errorf("place %s %s: centre %v is %.1f miles from %v, want at most %v", tt.geoid, p.Name, p.Center, d, tt.near, tt.miles)
		}
	}
}

func TestKeys(t *testing.T) {
	tests := []struct {
		geoid string
		want  []string
	}{
		{"3525170", []string{"espanola"}},
		{"2965000", []string{"st louis", "saint louis", "stl"}},
		{"0665042", []string{"san buenaventura ventura", "san buenaventura", "ventura"}},
		{"4752006", []string{"nashville davidson", "nashville", "middle tennessee"}},
		{"1616750", []string{"coeur d alene", "coeur dalene"}},
		{"1571550", []string{"urban honolulu", "honolulu", "oahu"}},
	}
	places := map[string]geo.Place{}
	for p := range geo.Places() {
		places[p.GEOID] = p
	}
	for _, tt := range tests {
		got := index.Keys(places[tt.geoid])
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Keys(%s %q) = %q, want %q", tt.geoid, places[tt.geoid].Name, got, tt.want)
		}
	}
	// An alias names its place first: no place of its key is more populous.
	for geoid, aliases := range geo.KeyAliases {
		for _, a := range aliases {
			found := index.Lookup(a)
			if len(found) == 0 || found[0].GEOID != geoid {
				t.Errorf("Lookup(%q) = %v, want %s (%s) first", a, found, geoid, places[geoid].Name)
			}
		}
	}
	// The smaller places an alias's name is also the key of are still found.
	for _, tt := range []struct{ name, state string }{{"Brooklyn", "OH"}, {"Manhattan", "KS"}, {"Jersey Shore", "PA"}} {
		if !slices.ContainsFunc(index.Lookup(tt.name), func(p geo.Place) bool { return p.State == tt.state }) {
			t.Errorf("Lookup(%q) holds no place of %s", tt.name, tt.state)
		}
	}
	// Key agrees with the finder's tokens.
	for _, s := range []string{"Cañon City", "St. Louis", "  Winston-Salem  ", "Coeur d'Alene"} {
		if got, want := index.Key(s), strings.Join(search.Tokens(s), " "); got != want {
			t.Errorf("Key(%q) = %q, search.Tokens gives %q", s, got, want)
		}
	}
}

// TestCounties: every county lies in its state, and is keyed by its name alone only if it is
// populous and no town of its state nor a larger one elsewhere is.
func TestCounties(t *testing.T) {
	n, outside := 0, 0
	for c := range geo.Counties() {
		n++
		s, ok := geo.StateByCode(c.State)
		if !ok || s.FIPS != c.GEOID[:2] || len(c.GEOID) != 5 {
			t.Errorf("county %s %s: state %q does not match its GEOID", c.GEOID, c.Name, c.State)
			continue
		}
		if !s.Contains(c.Center) {
			outside++
			if d := s.DistanceTo(c.Center); d > 3 {
				t.Errorf("county %s %s: centre %v is %.1f miles from %s", c.GEOID, c.Name, c.Center, d, c.State)
			}
		}
		if c.Population == 0 {
			t.Errorf("county %s %s: no population", c.GEOID, c.Name)
		}
		for _, k := range index.Keys(c) {
			alone := !strings.HasSuffix(k, " "+c.Kind)
			if alone && (c.Population < 100_000 || slices.ContainsFunc(index.Lookup(k), func(p geo.Place) bool {
				return !p.County() && (p.Population >= 1000 || p.State == c.State)
			})) {
				t.Errorf("county %s %s: key %q", c.GEOID, c.Name, k)
			}
		}
	}
	if n < 3000 || n > 3200 {
		t.Errorf("%d counties, want about 3,090", n)
	}
	if outside > n/100 {
		t.Errorf("%d of %d counties lie outside their state's outline", outside, n)
	}
}

func TestNilFold(t *testing.T) {
	ix := geo.NewPlaceIndex(nil)
	if got := ix.Find("TEMPE, AZ"); len(got) == 0 || got[0].Name != "Tempe" {
		t.Errorf("Find(%q) with a nil fold = %v, want Tempe", "TEMPE, AZ", got)
	}
}

func BenchmarkNewPlaceIndex(b *testing.B) {
	for b.Loop() {
		geo.NewPlaceIndex(search.Fold)
	}
}

func BenchmarkFind(b *testing.B) {
	for b.Loop() {
		index.Find("Tempe, Arizona")
	}
}

// TestLabel: the finder shows the names people use, not the Census Bureau's longer ones.
func TestLabel(t *testing.T) {
	tests := []struct{ query, state, want string }{
		{"nashville", "TN", "Nashville"},         // Nashville-Davidson
		{"louisville", "KY", "Louisville"},       // Louisville/Jefferson County
		{"lexington ky", "KY", "Lexington"},      // Lexington-Fayette
		{"augusta ga", "GA", "Augusta"},          // Augusta-Richmond County
		{"macon ga", "GA", "Macon"},              // Macon-Bibb County, no kind
		{"honolulu", "HI", "Honolulu"},           // Urban Honolulu
		{"boise", "ID", "Boise"},                 // Boise City
		{"ventura ca", "CA", "Ventura"},          // San Buenaventura (Ventura)
		{"winston salem", "NC", "Winston-Salem"}, // a city's hyphen stays
		{"carson city", "NV", "Carson City"},     // consolidated, one name
		{"indianapolis", "IN", "Indianapolis"},   // "city (balance)"
		{"coeur dalene", "ID", "Coeur d'Alene"},  // as written
		{"arden arcade", "CA", "Arden-Arcade"},   // a CDP's hyphen stays
		// A county's name is whole.
		{"matanuska susitna borough", "AK", "Matanuska-Susitna Borough"},
		{"miami dade county", "FL", "Miami-Dade County"},
	}
	for _, tt := range tests {
		got := index.Find(tt.query)
		if len(got) == 0 || got[0].State != tt.state {
			t.Errorf("Find(%q) = %v, want a place of %s", tt.query, got, tt.state)
			continue
		}
		if l := got[0].Label(); l != tt.want {
			t.Errorf("Find(%q)[0].Label() = %q (name %q), want %q", tt.query, l, got[0].Name, tt.want)
		}
	}
}
