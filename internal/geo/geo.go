// Package geo knows where US places are: ZIP codes, towns and cities, the states with their
// outlines, the distance between two points, and how to project points onto an SVG map of a
// state or of the nation. It is a leaf: it imports nothing of sitegen, so that search (the
// finder), check (plausibility warnings) and render (maps) may all use it.
//
// # Data
//
// Everything comes from public-domain files of the US Census Bureau (and the Postal
// Service's table of ZIP prefixes, dedicated to the public domain), turned by the generator in
// ./gen into compact files under data/ that are embedded in the binary (data/SOURCES.md
// names each source, its version, its licence and the command that regenerates them):
//
//   - the ZIP Code Tabulation Areas (ZCTAs) of the 2025 Gazetteer, each with its internal
//     point and the state that point lies in, read by [ZIP] and [ZIPs];
//   - the 3-digit ZIP prefixes with the state(s) they serve, read by [PrefixStates];
//   - the Census places (incorporated places and census-designated places, Puerto Rico's
//     included) of the 2025 Gazetteer, with their population from the American Community
//     Survey, read by [Places] and [NewPlaceIndex];
//   - the outlines of the 50 states, DC and the five inhabited territories from the Census
//     Bureau's 2017 cartographic boundaries (as us-atlas redistributes them), read by
//     [State.Outline], [State.Contains], [StateAt] and the map projections ([State.Map],
//     [National]). A state's name and codes ([StateByCode], [States]) need no data at all.
//
// Each set is parsed once, on first use, into values that are never modified afterwards, so
// a caller that only needs the states never pays for the places. The returned values share
// that memory: callers must treat them (an outline's rings, for instance) as read-only.
//
// # Coordinates
//
// A [Point] names its fields, Lat and Lon, in decimal degrees (WGS 84 / NAD 83, which differ
// by less than this data's precision), stored to 4 decimals (about 10 m). The outlines are
// [orb] geometries, whose points are [lon, lat] as in GeoJSON; [Point.Orb] converts. The
// Aleutian islands west of the antimeridian are stored with longitudes below -180 so that
// Alaska's outline is one contiguous shape; every function taking a Point accepts them
// either way.
//
// # Checking coordinates
//
// The outlines are simplified: 99 of the 32,350 places have their centre just outside
// their state's outline (all within 3 miles, but for Little Diomede, an island the outline
// lacks). To warn about coordinates
// in the wrong state, test [State.DistanceTo] against a few miles (5 is safe) rather than
// [State.Contains], and name where they do fall with [StateAt] or [NearestState]. A ZIP code
// of another state is best caught with [PrefixStates], which also knows the ZIP codes that
// have no ZCTA.
package geo

import (
	"math"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// Point is a position on the Earth, in decimal degrees: Lat north positive, Lon east
// positive (so every US state but Guam and the Northern Mariana Islands has Lon < 0).
type Point struct {
	Lat, Lon float64
}

// Orb returns p as an orb.Point, which is [lon, lat].
func (p Point) Orb() orb.Point { return orb.Point{p.Lon, p.Lat} }

// pointOf returns the Point of an orb.Point ([lon, lat]).
func pointOf(o orb.Point) Point { return Point{Lat: o[1], Lon: o[0]} }

// metersPerMile is the international mile.
const metersPerMile = 1609.344

// Distance returns the great-circle distance between a and b in miles (the haversine
// formula on a sphere of the Earth's equatorial radius, as orb computes it; within 0.5% of
// the distance on the ellipsoid).
func Distance(a, b Point) float64 {
	return orbgeo.DistanceHaversine(a.Orb(), b.Orb()) / metersPerMile
}

// valid reports whether p is a position on the Earth at all.
func (p Point) valid() bool {
	return !math.IsNaN(p.Lat) && !math.IsNaN(p.Lon) && p.Lat >= -90 && p.Lat <= 90 &&
		p.Lon >= -360 && p.Lon <= 360
}
