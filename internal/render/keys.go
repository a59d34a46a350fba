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

// Keys name the inputs of the files a build makes most of (a group's page and calendar, an
// affiliate's page, a state's list, in each language) so that a rebuild keeps the published
// ones whose inputs did not change (output.Writer.Keep) instead of making them again.
//
// The source files fall in two kinds. An affiliate's unit is its file and its folder of
// groups. Everything else every page may show is shared: every other source file (site.yaml,
// trainings, content, catalogues), the templates, the build date, the base URL, the
// languages and the program itself. A file's key is a hash of what is shared and of the units
// of the affiliates it shows: a group's page and calendar show the group's affiliate (name,
// contact, address) and its other groups; an affiliate's page, the affiliate, its parent and
// children; a state's list, the affiliates of the groups it lists. A page that came to show
// more of the site than its key names (another affiliate's groups, say) must say so here.
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
			u := unit(units, parts[2])
			writeString(u, p) // a file's name is its group's address
			u.Write(sum[:])
		case len(parts) == 3 && parts[0] == "data" && parts[1] == "affiliates":
			u := unit(units, strings.TrimSuffix(parts[2], ".yaml"))
			writeString(u, p)
			u.Write(sum[:])
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
	return k.Of(lang, what, g.Affiliate)
}

// Affiliate returns the key of a's page in language lang, or "" when keys are unknown.
func (k *Keys) Affiliate(a *site.Affiliate, lang string) string {
	return k.Of(lang, "affiliate", append([]*site.Affiliate{a, a.Parent}, a.Children...)...)
}

// Of returns the key of the file what, made in language lang, that shows what every page
// shares and the files of the affiliates given (nil ones and repeats are left out), or ""
// when keys are unknown.
func (k *Keys) Of(lang, what string, affiliates ...*site.Affiliate) string {
	if k == nil {
		return ""
	}
	var slugs []string
	for _, a := range affiliates {
		if a != nil {
			slugs = append(slugs, a.Slug)
		}
	}
	slices.Sort(slugs)
	h := sha256.New()
	h.Write(k.global[:])
	for _, slug := range slices.Compact(slugs) {
		u := k.units[slug]
		h.Write(u[:])
	}
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
