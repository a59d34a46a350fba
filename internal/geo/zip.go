package geo

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
)

// ZIPArea is a ZIP Code Tabulation Area: the area the Census Bureau draws around the
// addresses of a 5-digit ZIP code. PO-box-only and single-business ZIP codes have none (use
// [PrefixStates] for them).
type ZIPArea struct {
	// Code is the five-digit ZIP code, such as "87110".
	Code string
	// State is the USPS code of the state holding Center. A ZCTA that spans a state line
	// (a few hundred do) lies partly in another state too.
	State string
	// Center is the Census Bureau's internal point of the area (INTPTLAT, INTPTLONG): its
	// centre, or a point inside it near the centre where the area's shape puts its centre
	// outside.
	Center Point
}

// zipRec is one ZCTA as stored in memory: 16 bytes instead of a ZIPArea's 48.
type zipRec struct {
	code     int32
	lat, lon int32 // degrees × 10,000
	state    uint8 // index in stateTable
}

// area returns r as a ZIPArea.
func (r zipRec) area() ZIPArea {
	return ZIPArea{
		Code:   fmt.Sprintf("%05d", r.code),
		State:  stateTable[r.state].code,
		Center: Point{Lat: fromE4(r.lat), Lon: fromE4(r.lon)},
	}
}

// loadZIPs parses the embedded ZCTAs once, sorted by code.
var loadZIPs = sync.OnceValue(func() []zipRec {
	recs, err := parseZIPs(mustGunzip(zipsGz))
	if err != nil {
		panic(fmt.Sprintf("geo: embedded ZIP codes: %v", err))
	}
	return recs
})

// parseZIPs reads lines "CODE\tSTATE\tLAT\tLON" in increasing order of CODE.
func parseZIPs(data []byte) ([]zipRec, error) {
	index := stateIndex()
	recs := make([]zipRec, 0, 34000)
	f := make([][]byte, 4)
	err := eachLine(data, func(line []byte) error {
		if err := splitTabs(line, f); err != nil {
			return err
		}
		code, ok := zipNumber(string(f[0]))
		if !ok {
			return fmt.Errorf("bad ZIP code %q", f[0])
		}
		if n := len(recs); n > 0 && recs[n-1].code >= code {
			return fmt.Errorf("ZIP code %q out of order", f[0])
		}
		st, ok := index[string(f[1])]
		if !ok {
			return fmt.Errorf("unknown state %q", f[1])
		}
		lat, err := parseE4(f[2])
		if err != nil {
			return err
		}
		lon, err := parseE4(f[3])
		if err != nil {
			return err
		}
		recs = append(recs, zipRec{code: code, state: st, lat: lat, lon: lon})
		return nil
	})
	return recs, err
}

// stateIndex maps each USPS code to its index in stateTable.
func stateIndex() map[string]uint8 {
	m := make(map[string]uint8, len(stateTable))
	for i, row := range stateTable {
		m[row.code] = uint8(i)
	}
	return m
}

// zipNumber returns the number of a five-digit ZIP code.
func zipNumber(s string) (int32, bool) {
	if len(s) != 5 {
		return 0, false
	}
	var n int32
	for i := 0; i < 5; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int32(c-'0')
	}
	return n, true
}

// zip5 returns the five-digit ZIP code of s, which may be a ZIP+4 ("87110-1234",
// "871101234") and may have spaces around it.
func zip5(s string) (string, bool) {
	s = strings.TrimSpace(s)
	switch {
	case len(s) == 10 && s[5] == '-' && digits(s[6:]):
	case len(s) == 9 && digits(s[5:]):
	case len(s) == 5:
	default:
		return "", false
	}
	return s[:5], digits(s[:5])
}

// digits reports whether s is all ASCII digits.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ZIP returns the ZCTA of a ZIP code, given as five digits or as a ZIP+4 ("87110-1234").
// It reports false for a malformed code and for a ZIP code without a ZCTA.
func ZIP(code string) (ZIPArea, bool) {
	z, ok := zip5(code)
	if !ok {
		return ZIPArea{}, false
	}
	n, _ := zipNumber(z)
	recs := loadZIPs()
	i, found := slices.BinarySearchFunc(recs, n, func(r zipRec, n int32) int {
		return int(r.code - n)
	})
	if !found {
		return ZIPArea{}, false
	}
	return recs[i].area(), true
}

// ZIPs yields every ZCTA in increasing order of code.
func ZIPs() iter.Seq[ZIPArea] {
	return func(yield func(ZIPArea) bool) {
		for _, r := range loadZIPs() {
			if !yield(r.area()) {
				return
			}
		}
	}
}

// loadPrefixes parses the embedded ZIP prefixes once: the states of each 3-digit prefix.
var loadPrefixes = sync.OnceValue(func() *[1000][]string {
	p, err := parsePrefixes([]byte(prefixesTSV))
	if err != nil {
		panic(fmt.Sprintf("geo: embedded ZIP prefixes: %v", err))
	}
	return p
})

// parsePrefixes reads lines "PREFIX\tSTATE[,STATE…]".
func parsePrefixes(data []byte) (*[1000][]string, error) {
	var p [1000][]string
	f := make([][]byte, 2)
	err := eachLine(data, func(line []byte) error {
		if err := splitTabs(line, f); err != nil {
			return err
		}
		if len(f[0]) != 3 || !digits(string(f[0])) {
			return fmt.Errorf("bad ZIP prefix %q", f[0])
		}
		n := int(f[0][0]-'0')*100 + int(f[0][1]-'0')*10 + int(f[0][2]-'0')
		states := strings.Split(string(f[1]), ",")
		for _, s := range states {
			if len(s) != 2 || strings.ToUpper(s) != s {
				return fmt.Errorf("bad state %q", s)
			}
		}
		p[n] = states
		return nil
	})
	return &p, err
}

// PrefixStates returns the USPS codes of the states whose addresses use the first three
// digits of zip (a ZIP code, a ZIP+4, or just the three digits): first the state the Postal
// Service assigns the prefix to, then any other state where ZIP codes of the prefix lie,
// most ZCTAs first. So PrefixStates("43215") is ["OH"], and a ZIP code of a border prefix
// may name two states. It returns nil for a prefix in no use. A few codes are not in
// [States]: AA, AE and AP (armed forces), FM, MH and PW (freely associated states).
func PrefixStates(zip string) []string {
	zip = strings.TrimSpace(zip)
	if len(zip) != 3 {
		z, ok := zip5(zip)
		if !ok {
			return nil
		}
		zip = z
	}
	if !digits(zip[:3]) {
		return nil
	}
	n := int(zip[0]-'0')*100 + int(zip[1]-'0')*10 + int(zip[2]-'0')
	return slices.Clone(loadPrefixes()[n])
}
