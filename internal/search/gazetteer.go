package search

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"sitegen/internal/geo"
)

// GeoIndex is search/geo.HASH.json: where the gazetteer's files are. The finder reads it only
// for a query that holds a ZIP code or names a place no group lists, and for "near me".
type GeoIndex struct {
	// ZIPs maps the first two digits of a ZIP code to the file of its ZIP Code Tabulation
	// Areas ([ZIPShard]), with the box bounding their centres.
	ZIPs map[string]ZIPFile `json:"zips"`
	// Places lists the files of places ([PlaceShard]) in the order of their keys: each holds
	// the keys from its From to the next file's From, excluded.
	Places []TokenFile `json:"places"`
	// Large is the file of the keys of the large places ([LargePlaces]), which the finder
	// reads to correct a misspelt word whose first letters are wrong: such a word's file of
	// places holds keys far from the place meant ("tmpa", "dellas", "achorage").
	Large string `json:"large"`
}

// LargePlaces is the file of the keys of places of at least [largePopulation] people, sorted,
// each with its size as in [PlaceShard] (the largest of the places of that key) and the USPS
// codes of the states of those places, comma-separated: ["peoria", 6, "AZ,IL"]. A query that
// names a state corrects its words to that state's places first. Other names of four letters
// or fewer that share no word with a place's own ("nola", "dfw") are left out: a misspelt
// word is not taken for a city's letters ("lola" is not New Orleans), but "filadelfya" is
// Filadelfia.
type LargePlaces [][3]any

// largePopulation is the population from which a place is in [LargePlaces]: about 800 places,
// 6 KB gzip.
const largePopulation = 50000

// ZIPFile is one file of the gazetteer's ZIP codes.
type ZIPFile struct {
	File string    `json:"file"`
	BBox []float64 `json:"bbox"` // south, west, north, east
	// Weight is what the file weighs gzip, in bytes rounded up ([Manifest.Weights]): files of
	// ZIP codes vary from 0.9 to 4.1 KB, too much for their folder's mean.
	Weight int `json:"w"`
}

// ZIPShard is one file of ZIP codes: each five-digit code mapped to the latitude and
// longitude of its area's centre (3 decimals) and the USPS code of the state holding it, as
// [lat, lon, "NM"].
type ZIPShard map[string][3]any

// PlaceShard is one file of places, sorted by key and, within a key, most populous first:
// [name, state, lat, lon, size] with a sixth element, the key, when it is not the key of the
// name (a name people also use, such as "saint louis" for St. Louis). The name is the one the
// finder shows, [geo.Place.Label]: "Nashville", not "Nashville-Davidson". A key is a name's
// words, folded by [Fold], joined by single spaces: "las cruces". The size is the number of
// digits of the place's population (0 when it has none), with a tenth of its first digit
// for 10,000 people or more (see rowSize): it breaks the ties between places of
// different names a misspelt word is as close to ("detoit" is Detroit, not Deloit). A
// county's size is 0, whatever its population: it is found by its name ("san diego county"),
// never as what a word being typed or misspelt meant ("san dieg" is San Diego).
type PlaceShard [][]any

// placeShardBytes is the size after which a new file of places starts (at a new key): 13 KB,
// which holds about as many places as 12 KB did before each row carried its size. A word
// typed alone is corrected from its file and the files on either side: fewer keys in each
// would leave out towns it used to find.
const placeShardBytes = 13 << 10

// gazetteerFiles are the gazetteer's files, by path, and the path of its index.
type gazetteerFiles struct {
	files map[string][]byte
	index string
	// first and last are the first and the last words of the keys of places of two words
	// or more (see [Dictionary.Starts]); whole are the keys of one word (see
	// [Dictionary.Names]).
	first, last, whole map[string]bool
	err                error
}

// gazetteer returns the gazetteer's files. They depend only on package geo's embedded data
// and on Fold, so they are made once per process, on first use, and shared (read-only) by
// every build: the dev server rebuilds without paying for them again.
func gazetteer() (gazetteerFiles, error) {
	g := loadGazetteer()
	return g, g.err
}

// GeoIndexFile returns the path, under the site's root, of the gazetteer's index
// (search/geo.HASH.json): the finder's page preloads it, since a query of a town or a ZIP code
// reads it first.
func GeoIndexFile() (string, error) {
	g, err := gazetteer()
	return g.index, err
}

// Prepare makes the gazetteer's files now if they are not made yet. They depend only on the
// program, not on the site, so a build may call it in a goroutine as it starts: their making
// then overlaps with loading and checking the site instead of following it. When cache names
// a file, the files are read from it if program (a name of the running program) wrote it,
// and else made and kept in it for the next run: making them takes a third of a second of
// processor time, reading them a few milliseconds.
func Prepare(cache, program string) { prepared(cache, program) }

// made holds the gazetteer's files once made or read, for the life of the process.
var made struct {
	once sync.Once
	g    gazetteerFiles
}

func loadGazetteer() gazetteerFiles { return prepared("", "") }

// prepared returns the gazetteer's files, made or read (see Prepare) by the first call.
func prepared(cache, program string) gazetteerFiles {
	made.once.Do(func() {
		if g, ok := readGazetteer(cache, program); ok {
			made.g = g
			return
		}
		made.g = gazetteerFiles{files: map[string][]byte{}}
		made.g.err = made.g.write()
		if made.g.err == nil {
			writeGazetteer(cache, program, made.g) // a file not kept costs the next run time only
		}
	})
	return made.g
}

// diskGazetteer is the file in which Prepare keeps the gazetteer's files.
type diskGazetteer struct {
	Program            string
	Index              string
	Files              map[string][]byte
	First, Last, Whole map[string]bool
}

// readGazetteer reads the gazetteer's files from the file name, if program wrote it and every
// file in it is named by its content's hash.
func readGazetteer(name, program string) (gazetteerFiles, bool) {
	if name == "" || program == "" {
		return gazetteerFiles{}, false
	}
	f, err := os.Open(name)
	if err != nil {
		return gazetteerFiles{}, false
	}
	defer f.Close()
	var d diskGazetteer
	if gob.NewDecoder(bufio.NewReader(f)).Decode(&d) != nil || d.Program != program || d.Files[d.Index] == nil || d.First == nil || d.Whole == nil {
		return gazetteerFiles{}, false
	}
	for path, b := range d.Files {
		sum := sha256.Sum256(b)
		if !strings.HasSuffix(path, "."+hex.EncodeToString(sum[:])[:hashLen]+".json") {
			return gazetteerFiles{}, false
		}
	}
	return gazetteerFiles{files: d.Files, index: d.Index, first: d.First, last: d.Last, whole: d.Whole}, true
}

// writeGazetteer keeps g in the file name for program, through a temporary file.
func writeGazetteer(name, program string, g gazetteerFiles) {
	if name == "" || program == "" {
		return
	}
	if os.MkdirAll(filepath.Dir(name), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".*")
	if err != nil {
		return
	}
	w := bufio.NewWriter(tmp)
	err = gob.NewEncoder(w).Encode(diskGazetteer{Program: program, Index: g.index, Files: g.files, First: g.first, Last: g.last, Whole: g.whole})
	if err == nil {
		err = w.Flush()
	}
	if err = errors.Join(err, tmp.Close()); err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

func (g *gazetteerFiles) put(prefix string, v any) (string, error) {
	b, err := marshal(v)
	if err != nil {
		return "", fmt.Errorf("search: gazetteer: %w", err)
	}
	name := hashedName(prefix, b)
	g.files[name] = b
	return name, nil
}

func (g *gazetteerFiles) write() error {
	idx := GeoIndex{ZIPs: map[string]ZIPFile{}}
	g.first, g.last, g.whole = map[string]bool{}, map[string]bool{}, map[string]bool{}

	byPrefix := map[string]ZIPShard{}
	boxes := map[string][]float64{}
	for z := range geo.ZIPs() {
		p := z.Code[:2]
		if byPrefix[p] == nil {
			byPrefix[p] = ZIPShard{}
		}
		lat, lon := round3(z.Center.Lat), round3(z.Center.Lon)
		byPrefix[p][z.Code] = [3]any{lat, lon, z.State}
		if b := boxes[p]; b == nil {
			boxes[p] = []float64{lat, lon, lat, lon}
		} else {
			b[0], b[1], b[2], b[3] = min(b[0], lat), min(b[1], lon), max(b[2], lat), max(b[3], lon)
		}
	}
	for _, p := range sortedKeys(byPrefix) {
		name, err := g.put("search/z/"+p, byPrefix[p])
		if err != nil {
			return err
		}
		idx.ZIPs[p] = ZIPFile{File: name, BBox: boxes[p], Weight: roundUp(gzipSize(g.files[name]))}
	}

	type row struct {
		key string
		pop int
		id  string
		v   []any
	}
	ix := geo.NewPlaceIndex(Fold)
	var rows []row
	type largeKey struct {
		size   int
		states []string
	}
	large := map[string]*largeKey{}
	// Counties are places to the finder ("cuyahoga county"), but none is a large place: a
	// misspelt word is corrected to a town.
	for _, p := range slices.Concat(slices.Collect(geo.Places()), slices.Collect(geo.Counties())) {
		own := ix.Key(p.Name)
		// The row shows the name people use ("Nashville"), with its key when that is not
		// the name's.
		label := p.Label()
		shown := ix.Key(label)
		for _, k := range ix.Keys(p) {
			if !p.County() && p.Population >= largePopulation && (sharesWord(k, own) || utf8.RuneCountInString(k) > 4) {
				l := large[k]
				if l == nil {
					l = &largeKey{}
					large[k] = l
				}
				l.size = max(l.size, sizeClass(p.Population))
				if !slices.Contains(l.states, p.State) {
					l.states = append(l.states, p.State)
				}
			}
			if words := strings.Fields(k); len(words) > 1 {
				g.first[words[0]] = true
				g.last[words[len(words)-1]] = true
			} else {
				g.whole[k] = true
			}
			size := rowSize(p.Population)
			if p.County() {
				size = 0
			}
			v := []any{label, p.State, round3(p.Center.Lat), round3(p.Center.Lon), size}
			if k != shown {
				v = append(v, k)
			}
			rows = append(rows, row{key: k, pop: p.Population, id: p.GEOID, v: v})
		}
	}
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(b.pop, a.pop), cmp.Compare(a.id, b.id))
	})
	var shard PlaceShard
	from, size := "", 0
	flush := func() error {
		if len(shard) == 0 {
			return nil
		}
		name, err := g.put(fmt.Sprintf("search/p/%d", len(idx.Places)), shard)
		if err != nil {
			return err
		}
		idx.Places = append(idx.Places, TokenFile{From: from, File: name, Weight: roundUp(gzipSize(g.files[name]))})
		shard, size = nil, 0
		return nil
	}
	for i, r := range rows {
		if size >= placeShardBytes && r.key != rows[i-1].key {
			if err := flush(); err != nil {
				return err
			}
		}
		if size == 0 {
			from = r.key
		}
		shard = append(shard, r.v)
		// About the row's length in JSON: ["Name","NM",35.105,-106.647,5,"key"],
		size += len(r.v[0].(string)) + 30
		if len(r.v) > 5 {
			size += len(r.key) + 3
		}
	}
	if err := flush(); err != nil {
		return err
	}
	var big LargePlaces
	for _, k := range sortedKeys(large) {
		slices.Sort(large[k].states)
		big = append(big, [3]any{k, large[k].size, strings.Join(large[k].states, ",")})
	}
	largeName, err := g.put("search/p/large", big)
	if err != nil {
		return err
	}
	idx.Large = largeName
	name, err := g.put("search/geo", idx)
	if err != nil {
		return err
	}
	g.index = name
	return nil
}

// sizeClass returns the number of digits of a population, 0 for none: a place's size in a
// row of [PlaceShard].
func sizeClass(population int) int {
	if population <= 0 {
		return 0
	}
	return len(strconv.Itoa(population))
}

// rowSize returns a place's size in a row of [PlaceShard]: its [sizeClass], and for a
// population of 10,000 or more, a tenth of its first digit besides (6.5 for 652,503 people).
// Towns of the same number of digits compare so when nothing else tells them apart (a name
// being typed: "port" is Portland, 6.5, not Port St. Lucie, 6.2), for two bytes in one row
// of eight (the files of places weigh 0.8% more; 2.8% with the towns of a thousand people).
func rowSize(population int) any {
	d := sizeClass(population)
	if population < 10000 {
		return d
	}
	lead := population
	for lead >= 10 {
		lead /= 10
	}
	return float64(d*10+lead) / 10
}

// sharesWord reports whether the place keys a and b have a word in common.
func sharesWord(a, b string) bool {
	words := strings.Fields(b)
	for _, w := range strings.Fields(a) {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}
