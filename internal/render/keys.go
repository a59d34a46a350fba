package render

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"sitegen/internal/load"
	"sitegen/internal/site"
)

// Keys name the inputs of the files a build makes most of, a group's page and calendar in
// each language, so that a rebuild keeps the published ones whose inputs did not change
// (output.Writer.Keep) instead of making them again.
//
// A group's page shows the group, its affiliate (name, contact, address) and the affiliate's
// other groups, in the words, templates and settings every page shares; its calendar the
// same. So its key is a hash of: its affiliate's file and every file of its affiliate's
// folder of groups (a change to any of them makes all of the affiliate's group pages again),
// and everything else every page may show: every other source file except other
// affiliates' (site.yaml, trainings, content, catalogues), the templates, the build date, the
// base URL, the languages and the program itself. A page that came to show more of the site
// than that (another affiliate's groups, say) must say so here.
type Keys struct {
	global [32]byte            // what every page shares
	units  map[string][32]byte // affiliate slug → its file and folder of groups
}

// newKeys returns the keys of s's group files, templatesSum naming the templates; nil when
// the files' sums are unknown (a model built without them).
func newKeys(s *site.Site, templatesSum [32]byte) *Keys {
	if s.Sums == nil {
		return nil
	}
	g := sha256.New()
	g.Write(templatesSum[:])
	writeString(g, s.Now.String(), s.BaseURL, strings.Join(s.Languages, ","), s.BuildID)
	units := map[string]hash.Hash{}
	for _, p := range slices.Sorted(maps.Keys(s.Sums)) {
		sum := s.Sums[p]
		switch parts := strings.Split(p, "/"); {
		case len(parts) == 4 && parts[0] == "data" && parts[1] == "groups":
			unit(units, parts[2]).Write(sum[:])
		case len(parts) == 3 && parts[0] == "data" && parts[1] == "affiliates":
			unit(units, strings.TrimSuffix(parts[2], ".yaml")).Write(sum[:])
		default:
			writeString(g, p)
			g.Write(sum[:])
		}
	}
	k := &Keys{units: map[string][32]byte{}}
	copy(k.global[:], g.Sum(nil))
	for slug, h := range units {
		var u [32]byte
		copy(u[:], h.Sum(nil))
		k.units[slug] = u
	}
	return k
}

func unit(units map[string]hash.Hash, slug string) hash.Hash {
	h, ok := units[slug]
	if !ok {
		h = sha256.New()
		units[slug] = h
	}
	return h
}

func writeString(h hash.Hash, ss ...string) {
	for _, s := range ss {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
}

// Group returns the key of what of group g is made in language lang ("page", "calendar"),
// or "" when keys are unknown.
func (k *Keys) Group(g *site.Group, lang, what string) string {
	if k == nil {
		return ""
	}
	u := k.units[g.Affiliate.Slug]
	h := sha256.New()
	h.Write(k.global[:])
	h.Write(u[:])
	writeString(h, lang, what)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// templatesSum returns a hash of every file of the templates folder, by path.
func templatesSum(templates fs.FS, files []string) [32]byte {
	h := sha256.New()
	for _, p := range files {
		b, err := load.ReadFile(templates, p)
		writeString(h, p)
		if err != nil {
			writeString(h, err.Error())
		}
		h.Write(b)
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}
