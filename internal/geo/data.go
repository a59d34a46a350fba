package geo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strings"
)

// The generated data (see data/SOURCES.md). Strings, so that nothing can change them.
var (
	//go:embed data/states.tsv.gz
	statesGz string
	//go:embed data/prefixes.tsv
	prefixesTSV string
	//go:embed data/zips.tsv.gz
	zipsGz string
	//go:embed data/places.tsv.gz
	placesGz string
	//go:embed data/counties.tsv.gz
	countiesGz string
)

// mustGunzip returns the uncompressed content of an embedded gzip file. The files are built
// by the generator and checked by the tests, so a failure here is a broken build.
func mustGunzip(gz string) []byte {
	r, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		panic(fmt.Sprintf("geo: embedded data: %v", err))
	}
	var b bytes.Buffer
	if _, err := io.Copy(&b, r); err != nil {
		panic(fmt.Sprintf("geo: embedded data: %v", err))
	}
	return b.Bytes()
}

// eachLine calls f with each line of data (without its newline), skipping empty lines and
// lines starting with '#', and stops at f's first error, which it returns with the line
// number.
func eachLine(data []byte, f func(line []byte) error) error {
	n := 0
	for len(data) > 0 {
		n++
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if err := f(line); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return nil
}

// splitTabs cuts line at its tabs into fields, which must number exactly len(fields).
func splitTabs(line []byte, fields [][]byte) error {
	for i := range fields {
		j := bytes.IndexByte(line, '\t')
		if i == len(fields)-1 {
			if j >= 0 {
				return fmt.Errorf("more than %d fields", len(fields))
			}
			fields[i] = line
			break
		}
		if j < 0 {
			return fmt.Errorf("%d fields, want %d", i+1, len(fields))
		}
		fields[i], line = line[:j], line[j+1:]
	}
	return nil
}

// parseE4 parses a decimal number with at most 4 decimals, such as "-106.6504" or "35",
// into its value times 10,000 ("-1066504", 350000): exact, and much faster than
// strconv.ParseFloat. It is how the data stores coordinates.
func parseE4[T string | []byte](b T) (int32, error) {
	s := b
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	var n int64
	intDigits, decimals, dot := 0, 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' && !dot:
			dot = true
		case c < '0' || c > '9':
			return 0, fmt.Errorf("bad number %q", b)
		case dot:
			if decimals++; decimals > 4 {
				return 0, fmt.Errorf("bad number %q: more than 4 decimals", b)
			}
			n = n*10 + int64(c-'0')
		default:
			if intDigits++; intDigits > 3 {
				return 0, fmt.Errorf("bad number %q: too large", b)
			}
			n = n*10 + int64(c-'0')
		}
	}
	if intDigits == 0 {
		return 0, fmt.Errorf("bad number %q", b)
	}
	for ; decimals < 4; decimals++ {
		n *= 10
	}
	if neg {
		n = -n
	}
	return int32(n), nil
}

// fromE4 turns a value stored times 10,000 back into degrees: the float64 nearest to the
// decimal written in the data, so that it prints as written.
func fromE4(v int32) float64 { return float64(v) / 1e4 }

// parseCount parses a non-negative integer such as a population.
func parseCount[T string | []byte](b T) (int, error) {
	if len(b) == 0 || len(b) > 10 {
		return 0, fmt.Errorf("bad count %q", b)
	}
	n := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("bad count %q", b)
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}
