// Package search writes the finder's index: the files under search/ that the group finder
// (/groups/) and the site search (/search/) read in the browser, so that the site needs no
// search service, and the compact gazetteer with which the finder turns a ZIP code or a town
// into a position without asking another host.
//
// # Files
//
// The index is split so that one search downloads only what it needs:
//
//   - search/manifest.json: the only file without a hash in its name; it lists every other
//     file of the index, each named by a hash of its content so a host may cache it forever.
//   - search/g/STATE-N.HASH.json: group records, at most [RecordsPerShard] of one state per
//     file, with what the finder shows and filters on (never a join link). Up to
//     [FilesPerHash] files of one state share one hash, of all of them: the manifest names
//     it once, which keeps the manifest small enough for the files to be small.
//   - search/t/N.HASH.json: the token index ([TokenShard]), a map from folded word to the
//     groups whose name, city, postal code, place name or affiliate name holds it, with the
//     list of those words that are part of a city or postal code (so the finder knows a query
//     names a place); split in ranges of words that never separate two words with the same
//     first two letters, the manifest giving each file's first two letters.
//   - search/f/FILTER-VALUE.HASH.json: the groups having one value of one filter (day, time,
//     attendance, language, program, audience; access, "wheelchair", which only a query's
//     words ask for), so a filter needs no records to narrow; and
//     search/f/daytime-DAY-TIME.HASH.json, the groups with a meeting on that day at that time
//     of day, so that a day and a time must hold for the same meeting.
//   - search/w/DAY.HASH.json: the meetings of one weekday ([Slot]), grouped by time zone and
//     hours, with the skipped dates and first meeting dates that move a group's next meeting,
//     so that the finder orders any number of groups by their next meeting from a file or
//     two, and fetches records only for the groups it shows.
//   - search/n/STATE.HASH.json: the position of each group of a state that has one ([Points]),
//     and whether it is paused, so that "near me" and place searches measure distances, and
//     put paused groups last, without records.
//   - search/words.HASH.json: the words people search with ([Dictionary]), from every
//     catalogue: state names and codes, languages, programs, audiences, attendance, days and
//     times of day, "near me", and the words that say nothing about which group.
//   - search/geo.HASH.json, search/z/NN.HASH.json and search/p/N.HASH.json: the gazetteer
//     ([GeoIndex]): every ZIP Code Tabulation Area by its first two digits, and every Census
//     place by its name's key, from package geo.
//   - search/site.LANG.HASH.json: affiliates, trainings and guides (guide text included) as
//     pages in one language show them, with their own small token map, for /search/.
//
// A group is referred to by its position ("ref") in the order of the records: by state code,
// then along a Hilbert curve through the places where groups meet, so that neighbours share
// files (online groups last), then affiliate name, group name. Lists of refs are sorted and
// written as differences from the previous one (the first from 0), which keeps them short.
//
// Words are folded by [Fold] and split by [Tokens]; templates/fold.js does exactly the same in
// the browser. Words of one letter are not indexed (and the browser ignores them in a query).
// A group without coordinates is placed at its ZIP code's centre, and its record says so
// (Approx).
//
// Only what the model holds is indexed, and the model holds no private or ended group or
// training: nothing else can reach these files.
package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"sitegen/internal/geo"
	"sitegen/internal/parallel"
	"sitegen/internal/schedule"
	"sitegen/internal/site"
)

// RecordsPerShard is the most group records one file of search/g/ holds. Results ordered by
// next meeting come from anywhere in the directory, one record here and one there: small
// files keep what a page of results loads small. Eight records make about 0.6 KB gzip;
// twenty results in twenty states load about 12 KB of them. Results ordered by distance come
// from a few files, since refs follow places (see sortedGroups).
const RecordsPerShard = 8

// FilesPerHash is how many consecutive files of records of a state share the hash in their
// names, the hash of all of them: every search reads the manifest, which names each hash,
// while a change to one group renames the files that share its file's hash.
const FilesPerHash = 16

// RadiusMiles is how far from a place or from the visitor "near me" and place searches look
// for groups; the finder says so, and offers online groups beyond it.
const RadiusMiles = 100

// tokenShardBytes is the size of token index file after which the next two-letter prefix
// starts a new file.
const tokenShardBytes = 12 << 10

// hashLen is how many hex digits of its content's SHA-256 an index file's name carries:
// enough to tell versions of one file apart, which is all a cache needs.
const hashLen = 8

// minTokenLen is the length in letters of the shortest word indexed.
const minTokenLen = 2

// Manifest is search/manifest.json: the list of the index's files and what is in them. Paths
// are relative to the site's root.
type Manifest struct {
	Version int `json:"version"` // of this layout; 4
	// Paths are the addresses of a group's page and a state's list, with {id} and {state}
	// to fill in, as the model gives them: the scripts build no address of their own.
	Paths  Paths `json:"paths"`
	Groups int   `json:"groups"` // how many groups are indexed
	// PerFile is how many records each file of a state holds, the last one fewer.
	PerFile int `json:"per_file"`
	// PerHash is how many consecutive files of a state share a hash ([StateRecords]).
	PerHash int `json:"per_hash"`
	// Records is the name of the files of records, with {state} (its code), {n} (the file's
	// position among the state's, from 0) and {hash} to fill in: "search/g/{state}-{n}.{hash}.json".
	Records string `json:"records"`
	// States lists the states with groups, by code, with their range of refs and their files
	// of records.
	States []StateRecords `json:"states"`
	// Tokens lists the files of the token index in the order of their words; each holds the
	// words from its From (two letters) to the next file's From, excluded, so that every word
	// starting with the same two letters is in one file.
	Tokens []TokenFile `json:"tokens"`
	// Filters maps a filter's name and value ("day", "tuesday") to the file listing its groups;
	// under "daytime", "tuesday-evening" lists the groups with a meeting on that day at that
	// time of day.
	Filters map[string]map[string]FilterFile `json:"filters"`
	// Days maps a weekday ("tuesday") to its file of meetings, [Slot]s.
	Days map[string]DayFile `json:"days"`
	// Zones are the time zones of the groups, by IANA name; a Slot names one by position.
	Zones []string `json:"zones"`
	// DatesFrom is the day ("2026-11-21", two days before the build's) from which a Slot
	// counts its Dates; earlier dates are left out of the slots.
	DatesFrom string `json:"dates_from"`
	// Offsets are the UTC offsets of Zones over two years from the build's ([ZoneOffsets]).
	Offsets *ZoneOffsets `json:"offsets,omitempty"`
	// Words is the file of the [Dictionary].
	Words string `json:"words"`
	// Geo is the file of the gazetteer's [GeoIndex].
	Geo string `json:"geo"`
	// RadiusMiles is [RadiusMiles].
	RadiusMiles int `json:"radius_miles"`
	// Sites are the /search/ indexes of other pages, one per interface language.
	Sites map[string]string `json:"sites"`
	// Weights are what reading each file of the index costs a search, in bytes gzip: by
	// path for the files that are one of their kind (this manifest, the dictionary, the
	// gazetteer's index…), by folder ("search/g/") for the others, the mean of a sample;
	// the files of words and of places carry their own ([TokenFile]). The finder keeps each
	// search within its budget of bytes with them (templates/find.js).
	Weights map[string]int `json:"weights"`
}

// StateRecords is the groups of one state: refs First to First+Count-1, in files of PerFile
// records each ([Manifest.RecordFiles]).
type StateRecords struct {
	Code  string `json:"code"` // lowercase USPS code
	First int    `json:"first"`
	Count int    `json:"count"`
	// BBox bounds the positions of its groups (south, west, north, east), so "near me"
	// fetches the nearest states first; nil when none of its groups has a position.
	BBox []float64 `json:"bbox,omitempty"`
	// Hashes are the hashes in the names of its files of records ([Manifest.RecordFiles]),
	// hashLen hex digits each, one after the other: the first for files 0 to PerHash-1, of
	// their content taken together, and so on.
	Hashes string `json:"hashes"`
	// Points is the file of its groups' positions ([Points]); empty when none has one.
	Points string `json:"points,omitempty"`
	// PointsWeight is what the file of positions weighs gzip, in bytes rounded up
	// ([Manifest.Weights]): a large state's weighs several times a small one's.
	PointsWeight int `json:"pw,omitempty"`
	// Online counts its groups one can attend online: online and hybrid. The finder offers
	// them after a search about the state, and counts them without reading a file.
	Online int `json:"online,omitempty"`
}

// RecordFiles returns the paths of the files of records of st, in order.
func (m *Manifest) RecordFiles(st StateRecords) []string {
	var out []string
	for n := 0; n*m.PerFile < st.Count; n++ {
		h := n / m.PerHash * hashLen
		out = append(out, strings.NewReplacer("{state}", st.Code, "{n}", fmt.Sprint(n), "{hash}", st.Hashes[h:h+hashLen]).Replace(m.Records))
	}
	return out
}

// Paths are address patterns of the site's pages, relative to a language's home.
type Paths struct {
	Group string `json:"group"` // "groups/{id}/"
	State string `json:"state"` // "groups/{state}/"
}

// TokenFile is one file of the token index, or of the gazetteer's places: the words (keys)
// from From on.
type TokenFile struct {
	From string `json:"from"`
	File string `json:"file"`
	// Weight is what the file weighs gzip, in bytes rounded up ([Manifest.Weights]): files
	// of words and of places vary from 1 to 6.5 KB, too much for their folder's mean.
	Weight int `json:"w,omitempty"`
}

// TokenShard is one file of the token index.
type TokenShard struct {
	// Words maps each word to the groups holding it.
	Words map[string][]int `json:"words"`
	// Places are the words of Words that are part of a group's city or postal code, sorted.
	Places []string `json:"places,omitempty"`
}

// FilterFile is the file listing the groups with one filter value.
type FilterFile struct {
	File  string `json:"file"`
	Count int    `json:"count"`
	// Weight is what the file weighs gzip, in bytes rounded up ([Manifest.Weights]): a
	// filter's files vary with their counts, from a few hundred bytes to several KB.
	Weight int `json:"w,omitempty"`
}

// Record is one group as the finder shows and filters it.
type Record struct {
	ID         string   `json:"id"` // its page: Paths.Group with {id} filled in
	Name       string   `json:"name"`
	Lang       string   `json:"lang"`
	Program    string   `json:"program"`
	Attendance string   `json:"attendance"`
	State      string   `json:"state"` // lowercase code of the state it is listed in
	City       string   `json:"city,omitempty"`
	PostalCode string   `json:"postal_code,omitempty"`
	Place      string   `json:"place,omitempty"` // the place's name
	Affiliate  string   `json:"affiliate"`       // the affiliate's name
	Audience   []string `json:"audience,omitempty"`
	Paused     bool     `json:"paused,omitempty"`
	TZ         string   `json:"tz"` // IANA name of the group's time zone
	Meetings   []Meet   `json:"meetings,omitempty"`
	Times      []string `json:"times,omitempty"` // parts of the day its meetings start in
	Starts     string   `json:"starts,omitempty"`
	Skip       []string `json:"skip,omitempty"`
	// Coords are latitude and longitude rounded to 3 decimals (about 100 m): the place's, or
	// else its ZIP code's centre.
	Coords []float64 `json:"coords,omitempty"`
	// Approx is true when Coords are the centre of the place's ZIP code, the file giving none.
	Approx bool `json:"approx,omitempty"`
}

// Meet is one meeting of a [Record], in its group's time zone.
type Meet struct {
	Day       string `json:"day"`   // "tuesday"
	Start     string `json:"start"` // "18:30"
	End       string `json:"end"`
	Weeks     []int  `json:"weeks,omitempty"` // 1-5, -1 for the last; empty for every week
	Overnight bool   `json:"overnight,omitempty"`
}

// Write returns the index of s's published groups, affiliates, trainings and guides, and the
// gazetteer, by path under the site's root ("search/manifest.json"). The bytes depend only
// on s.
func Write(s *site.Site) (map[string][]byte, error) { return WriteSized(s, nil) }

// WriteSized is [Write] weighing the index's files through sizes (see [Sizes]).
func WriteSized(s *site.Site, sizes *Sizes) (map[string][]byte, error) {
	sizes.Next()
	out := map[string][]byte{}
	var mu sync.Mutex // the parts of the index below are made at once
	add := func(name string, b []byte) {
		mu.Lock()
		out[name] = b
		mu.Unlock()
	}
	put := func(prefix string, v any) (string, error) {
		b, err := marshal(v)
		if err != nil {
			return "", fmt.Errorf("search: %w", err)
		}
		name := hashedName(prefix, b)
		add(name, b)
		return name, nil
	}

	groups := sortedGroups(s)
	m := Manifest{Version: 4, Groups: len(groups), PerFile: RecordsPerShard, PerHash: FilesPerHash, RadiusMiles: RadiusMiles,
		Records: "search/g/{state}-{n}.{hash}.json", Filters: map[string]map[string]FilterFile{}}
	m.Paths = Paths{Group: (&site.Group{ID: "{id}"}).Path(), State: site.StatePath("{state}")}

	each := eachGroup(groups)
	recs := make([]Record, len(groups))
	for i := range each {
		recs[i] = each[i].rec
	}
	// Each part below sets its own fields of m.
	err := parallel.All(
		func() error { // the records, by state, and the states' positions
			for start := 0; start < len(recs); {
				st := recs[start].State
				end := start
				for end < len(recs) && recs[end].State == st {
					end++
				}
				sr := StateRecords{Code: st, First: start, Count: end - start, BBox: bbox(recs[start:end])}
				for _, r := range recs[start:end] {
					if r.Attendance != "in-person" {
						sr.Online++
					}
				}
				var files [][]byte
				for first := start; first < end; first += RecordsPerShard {
					b, err := marshal(recs[first:min(first+RecordsPerShard, end)])
					if err != nil {
						return fmt.Errorf("search: %w", err)
					}
					files = append(files, b)
				}
				for block := 0; block < len(files); block += FilesPerHash {
					these := files[block:min(block+FilesPerHash, len(files))]
					h := hex.EncodeToString(sumOf(these))[:hashLen]
					sr.Hashes += h
					for i, b := range these {
						add(fmt.Sprintf("search/g/%s-%d.%s.json", safeName(st), block+i, h), b)
					}
				}
				if pts := pointsOf(recs, start, end); len(pts) > 0 {
					name, err := put("search/n/"+safeName(st), pts)
					if err != nil {
						return err
					}
					sr.Points = name
				}
				m.States = append(m.States, sr)
				start = end
			}
			return nil
		},
		func() error { // the token index: every word of every group, with its groups
			postings := map[string][]int{}
			places := map[string]bool{}
			for i := range each {
				for _, t := range each[i].tokens {
					p := postings[t]
					if len(p) == 0 || p[len(p)-1] != i {
						postings[t] = append(p, i)
					}
				}
				for _, t := range each[i].places {
					places[t] = true
				}
			}
			return writeTokens(postings, places, &m, put)
		},
		func() error { // the filters
			facets := map[string]map[string][]int{}
			for i := range each {
				for name, values := range each[i].facets {
					if facets[name] == nil {
						facets[name] = map[string][]int{}
					}
					for _, v := range values {
						f := facets[name][v]
						if len(f) == 0 || f[len(f)-1] != i {
							facets[name][v] = append(f, i)
						}
					}
				}
			}
			for _, name := range sortedKeys(facets) {
				m.Filters[name] = map[string]FilterFile{}
				for _, v := range sortedKeys(facets[name]) {
					refs := facets[name][v]
					file, err := put("search/f/"+safeName(name)+"-"+safeName(v), deltas(refs))
					if err != nil {
						return err
					}
					m.Filters[name][v] = FilterFile{File: file, Count: len(refs)}
				}
			}
			return nil
		},
		func() error { // days, words, the gazetteer and the site's pages
			var err error
			from := s.Now.AddDays(-datesBack)
			m.DatesFrom = from.String()
			if m.Days, m.Zones, err = writeDays(recs, from, put); err != nil {
				return err
			}
			if m.Offsets, err = zoneOffsets(m.Zones, s.Now.Year); err != nil {
				return err
			}
			if m.Words, err = put("search/words", dictionary(s)); err != nil {
				return err
			}
			gz, err := gazetteer()
			if err != nil {
				return err
			}
			for name, b := range gz.files {
				add(name, b)
			}
			m.Geo = gz.index
			m.Sites = map[string]string{}
			for _, lang := range s.Languages {
				docs, err := siteIndex(s, lang)
				if err != nil {
					return err
				}
				if m.Sites[lang], err = put("search/site."+lang, docs); err != nil {
					return err
				}
			}
			return nil
		},
	)
	if err != nil {
		return nil, err
	}

	b, err := weighManifest(&m, out, sizes)
	if err != nil {
		return nil, err
	}
	out["search/manifest.json"] = b
	return out, nil
}

// RecordsNamedByHash returns the files of records among files (an index as [Write] returns
// it) whose name carries the hash of all the files that share it, taken together in order:
// like a file named by its own content's hash, such a file never changes under its name,
// since a change to any of them renames them all.
func RecordsNamedByHash(files map[string][]byte) map[string]bool {
	type file struct {
		n    int
		name string
	}
	type stateHash struct{ state, hash string }
	sharing := map[stateHash][]file{}
	for name := range files {
		rest, ok := strings.CutPrefix(name, "search/g/")
		if !ok {
			continue
		}
		stem, ok := strings.CutSuffix(rest, ".json")
		dot := strings.LastIndexByte(stem, '.')
		if !ok || dot < 0 {
			continue
		}
		dash := strings.LastIndexByte(stem[:dot], '-')
		n, err := strconv.Atoi(stem[dash+1 : dot])
		if dash < 0 || err != nil {
			continue
		}
		k := stateHash{stem[:dash], stem[dot+1:]}
		sharing[k] = append(sharing[k], file{n, name})
	}
	out := map[string]bool{}
	for k, these := range sharing {
		slices.SortFunc(these, func(a, b file) int { return cmp.Compare(a.n, b.n) })
		content := make([][]byte, len(these))
		for i, f := range these {
			content[i] = files[f.name]
		}
		if len(k.hash) < hashLen || !strings.HasPrefix(hex.EncodeToString(sumOf(content)), k.hash) {
			continue
		}
		for _, f := range these {
			out[f.name] = true
		}
	}
	return out
}

// sumOf returns the SHA-256 of files, one after the other.
func sumOf(files [][]byte) []byte {
	h := sha256.New()
	for _, b := range files {
		h.Write(b)
	}
	return h.Sum(nil)
}

// hashedName returns the name of the index file with content b: prefix, the first hashLen
// hex digits of b's SHA-256, ".json".
func hashedName(prefix string, b []byte) string {
	sum := sha256.Sum256(b)
	return prefix + "." + hex.EncodeToString(sum[:])[:hashLen] + ".json"
}

// writeTokens splits the token index into files of about tokenShardBytes, never splitting
// the words that share their first two letters.
func writeTokens(postings map[string][]int, places map[string]bool, m *Manifest, put func(string, any) (string, error)) error {
	words := sortedKeys(postings)
	shard := TokenShard{Words: map[string][]int{}}
	from := ""
	size := 0
	flush := func() error {
		if len(shard.Words) == 0 {
			return nil
		}
		name, err := put(fmt.Sprintf("search/t/%d", len(m.Tokens)), shard)
		if err != nil {
			return err
		}
		m.Tokens = append(m.Tokens, TokenFile{From: from, File: name})
		shard, size = TokenShard{Words: map[string][]int{}}, 0
		return nil
	}
	for i := 0; i < len(words); {
		p := prefix(words[i])
		if size >= tokenShardBytes {
			if err := flush(); err != nil {
				return err
			}
		}
		if size == 0 {
			from = p
		}
		for ; i < len(words) && prefix(words[i]) == p; i++ {
			d := deltas(postings[words[i]])
			shard.Words[words[i]] = d
			size += len(words[i]) + 4 + 2*len(d)
			if places[words[i]] {
				shard.Places = append(shard.Places, words[i])
				size += len(words[i]) + 3
			}
		}
	}
	return flush()
}

// prefix returns the first two letters of a word.
func prefix(word string) string {
	_, a := utf8.DecodeRuneInString(word)
	_, b := utf8.DecodeRuneInString(word[a:])
	return word[:a+b]
}

// sortedGroups returns the groups of s in ref order: by the state they are listed in, then
// along a Hilbert curve through their places (see cellOf), those without a place last, then
// by their affiliate's name and their name. Groups near one another thus have near refs, and
// their records share files: the twenty groups nearest a town come from a few files of
// search/g/ instead of one file each.
func sortedGroups(s *site.Site) []*site.Group {
	type keyed struct {
		g    *site.Group
		cell uint64
	}
	ks := make([]keyed, len(s.Groups))
	for i, g := range s.Groups {
		ks[i] = keyed{g, cellOf(g)}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		return cmp.Or(strings.Compare(a.g.ListState(), b.g.ListState()), cmp.Compare(a.cell, b.cell),
			strings.Compare(a.g.Affiliate.Name, b.g.Affiliate.Name),
			strings.Compare(a.g.Name, b.g.Name), strings.Compare(a.g.ID, b.g.ID))
	})
	gs := make([]*site.Group, len(ks))
	for i, k := range ks {
		gs[i] = k.g
	}
	return gs
}

// position returns where the index places p: its coordinates, else its ZIP code's centre
// (approx); ok is false when it has neither.
func position(p *site.Place) (lat, lon float64, approx, ok bool) {
	if p.HasCoords {
		return p.Lat, p.Lon, false, true
	}
	if z, found := geo.ZIP(p.PostalCode); found {
		return z.Center.Lat, z.Center.Lon, true, true
	}
	return 0, 0, false, false
}

// cellOf returns the position along a Hilbert curve of the place where g meets (see
// position), in cells a few hundred metres wide; math.MaxUint64 for a group without one.
func cellOf(g *site.Group) uint64 {
	if g.Place == nil {
		return math.MaxUint64
	}
	lat, lon, _, ok := position(g.Place)
	if !ok {
		return math.MaxUint64
	}
	const side = 1 << 16
	x := uint32(min(max((lon+180)/360*side, 0), side-1))
	y := uint32(min(max((lat+90)/180*side, 0), side-1))
	return hilbert(side, x, y)
}

// hilbert returns the distance along the Hilbert curve that fills a side×side grid (side a
// power of two) of cell (x, y): cells one step apart on the curve are next to each other on
// the grid, and most cells near each other are near on the curve.
func hilbert(side, x, y uint32) uint64 {
	var d uint64
	for s := side / 2; s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		if ry == 0 { // turn the quadrant, so that the curve continues through it
			if rx == 1 {
				x, y = side-1-x, side-1-y
			}
			x, y = y, x
		}
	}
	return d
}

func recordOf(g *site.Group) Record {
	r := Record{
		ID: g.ID, Name: g.Name, Lang: g.Language, Program: g.Program, Attendance: g.Attendance,
		State: g.ListState(), Affiliate: g.Affiliate.Name, Audience: g.Audience, Paused: g.Paused(),
		TZ: "UTC",
	}
	if g.Location != nil {
		r.TZ = g.Location.String()
	}
	if p := g.Place; p != nil {
		r.City, r.PostalCode, r.Place = p.City, p.PostalCode, p.Name
		if lat, lon, approx, ok := position(p); ok {
			r.Coords, r.Approx = []float64{round3(lat), round3(lon)}, approx
		}
	}
	for _, mt := range g.Meetings {
		r.Meetings = append(r.Meetings, Meet{
			Day: dayName(mt.Day), Start: mt.Start.String(), End: mt.End.String(),
			Weeks: mt.Weeks, Overnight: mt.Overnight,
		})
	}
	r.Times = timesOf(g)
	if !g.Starts.IsZero() {
		r.Starts = g.Starts.String()
	}
	for _, d := range g.Skip {
		r.Skip = append(r.Skip, d.String())
	}
	return r
}

// timesOf returns the parts of the day in which g's meetings start, in the order of the day.
func timesOf(g *site.Group) []string {
	var out []string
	for _, part := range []string{"morning", "afternoon", "evening"} {
		for _, mt := range g.Meetings {
			if schedule.TimeOfDay(mt.Start) == part {
				out = append(out, part)
				break
			}
		}
	}
	return out
}

func dayName(d time.Weekday) string { return strings.ToLower(d.String()) }

// indexed is what the index takes from one group.
type indexed struct {
	rec    Record
	tokens []string            // groupTokens
	places []string            // the words of its town and postal code
	facets map[string][]string // facetsOf
}

// eachGroup returns what the index takes from each of groups, worked out on every processor:
// it is most of the work of the index, and each group's part is its own.
func eachGroup(groups []*site.Group) []indexed {
	out := make([]indexed, len(groups))
	parallel.Ranges(len(groups), runtime.GOMAXPROCS(0), func(_, lo, hi int) error {
		for i := lo; i < hi; i++ {
			g := groups[i]
			out[i] = indexed{rec: recordOf(g), tokens: groupTokens(g), facets: facetsOf(g)}
			if p := g.Place; p != nil {
				out[i].places = indexable(p.City, p.PostalCode)
			}
		}
		return nil
	})
	return out
}

// groupTokens returns the words a group is found by: of its name, city, postal code, place
// name and affiliate name.
func groupTokens(g *site.Group) []string {
	text := []string{g.Name, g.Affiliate.Name}
	if p := g.Place; p != nil {
		text = append(text, p.City, p.PostalCode, p.Name)
	}
	return indexable(text...)
}

// indexable returns the distinct words of texts that are long enough to index, sorted.
func indexable(texts ...string) []string {
	var out []string
	for _, t := range texts {
		for _, w := range Tokens(t) {
			if utf8.RuneCountInString(w) >= minTokenLen {
				out = append(out, w)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// facetsOf returns the filter values g has, by filter name, its meetings' days with their
// time of day under "daytime", and "access" "wheelchair" for a place said to be wheelchair
// accessible, which only the query's words ask for.
func facetsOf(g *site.Group) map[string][]string {
	f := map[string][]string{
		"attendance": {g.Attendance},
		"language":   {g.Language},
		"program":    {g.Program},
		"time":       timesOf(g),
		"audience":   g.Audience,
	}
	// Wheelchair access, where the group's file says so: not where it is silent.
	if g.Place != nil && g.Place.Accessible != nil && *g.Place.Accessible {
		f["access"] = []string{"wheelchair"}
	}
	for _, mt := range g.Meetings {
		f["day"] = append(f["day"], dayName(mt.Day))
		// A day and a time of day hold for the same meeting: "tuesday-evening".
		f["daytime"] = append(f["daytime"], dayName(mt.Day)+"-"+schedule.TimeOfDay(mt.Start))
	}
	for _, k := range []string{"day", "daytime"} {
		slices.Sort(f[k])
		f[k] = slices.Compact(f[k])
	}
	return f
}

// deltas writes a sorted list of refs as differences from the previous one.
func deltas(refs []int) []int {
	out := make([]int, len(refs))
	prev := 0
	for i, r := range refs {
		out[i] = r - prev
		prev = r
	}
	return out
}

func bbox(recs []Record) []float64 {
	var b []float64
	for _, r := range recs {
		if r.Coords == nil {
			continue
		}
		lat, lon := r.Coords[0], r.Coords[1]
		if b == nil {
			b = []float64{lat, lon, lat, lon}
			continue
		}
		b[0], b[1] = min(b[0], lat), min(b[1], lon)
		b[2], b[3] = max(b[2], lat), max(b[3], lon)
	}
	return b
}

// Points is the file of a state's group positions: for each group that has one, in ref
// order, its ref (as a difference from the previous one, the first from 0), latitude and
// longitude, and a fourth number, 1, for a paused group, so that "near me" and place searches
// put the groups that meet before those that do not without reading their records.
type Points [][]float64

// pointsOf returns the positions of recs[start:end], refs start to end-1.
func pointsOf(recs []Record, start, end int) Points {
	var out Points
	prev := 0
	for i := start; i < end; i++ {
		if c := recs[i].Coords; c != nil {
			row := []float64{float64(i - prev), c[0], c[1]}
			if recs[i].Paused {
				row = append(row, 1)
			}
			out = append(out, row)
			prev = i
		}
	}
	return out
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// safeName returns s if it is made of lower-case ASCII letters, digits and hyphens, and else
// its hex encoding, so that it can be part of a file name and a URL as it is.
func safeName(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return "x" + hex.EncodeToString([]byte(s))
		}
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// marshal is json.Marshal without HTML escaping, so that "&" in a name stays one byte.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
