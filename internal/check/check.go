// Package check applies every rule of the data contract (the spec's data.md) to the files that
// package load read, and reports each broken rule at the place it was written, with a
// suggestion where one can be made. It reports every problem in every file in one run.
package check

//go:generate go run ./genzones

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/load"
	"sitegen/internal/markdown"
	"sitegen/internal/suggest"
	"sitegen/internal/vocab"
)

// Options are the settings of one check.
type Options struct {
	// Now is the build date: `verified` may not be after it, and it is older than
	// stale_after_days days before it is a warning.
	Now civil.Date
	// Memo, when not nil, remembers the groups found without a problem, so that a check of a
	// site in which few files changed checks only those again (see [Memo]).
	Memo Memo
}

// A Memo remembers, for each group file, the key of the last check that found nothing wrong
// with it on its own (load.Cache is one, kept between runs). The key names everything that
// check depended on: the file's content, what it needs of its affiliate, the date and the
// stale_after_days setting. Rules between files (names used twice, a folder that is no
// affiliate) are checked every time.
type Memo interface {
	// Checked reports whether the file at path was found without a problem under key.
	Checked(path string, key [32]byte) bool
	// SetChecked remembers that the file at path was found without a problem under key.
	SetChecked(path string, key [32]byte)
}

var (
	postalRE   = regexp.MustCompile(`^[0-9]{5}(-[0-9]{4})?$`)
	languageRE = regexp.MustCompile(`^[a-z]{2,3}$`)
	editorRE   = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$`)
)

// checker holds the state of one run: where problems go and what has been looked up.
type checker struct {
	opts  Options
	diags diag.List
	zones sync.Map // name → *time.Location or nil, so each zone is loaded once
	md    *markdown.Converter
	// suggestBudget is what is left of the work "did you mean" may do in this run, counted
	// in characters compared: a suggestion compares a value with every candidate, and a site
	// with thousands of misspellings among thousands of affiliates must still be checked in
	// time linear in its size. Once it is spent, problems are reported without suggestions.
	suggestBudget int
	orgs          map[string][]string // state → slugs of its state organizations; "" → all
	nearest       int                 // searches for the state nearest a point, see maxNearest
	siteZone      string              // site.yaml's timezone, which affiliates without one take
	gaps          sync.Map            // zone and state → clockGap, see gap
}

// suggestWork is the suggestBudget of a run: a fraction of a second of comparisons.
const suggestWork = 50_000_000

// Files checks every file and the rules between them, and returns the problems sorted by path
// and line. Load's own diagnostics are not included.
func Files(f *load.Files, opts Options) diag.List {
	return files(f, opts, suggestWork)
}

// files is Files with a budget of suggestion work (see checker.suggestBudget).
func files(f *load.Files, opts Options, budget int) diag.List {
	c := &checker{opts: opts, suggestBudget: budget}
	stale := 365
	if f.Site != nil {
		c.site(f.Site)
		if f.Site.StaleAfterDays != nil && *f.Site.StaleAfterDays > 0 {
			stale = *f.Site.StaleAfterDays
		}
	}
	affiliates := map[string]*load.Affiliate{}
	var slugs []string
	for _, a := range f.Affiliates {
		affiliates[a.Slug] = a
		slugs = append(slugs, a.Slug)
	}
	c.affiliates(f.Affiliates, affiliates, slugs)
	c.groups(f.Groups, affiliates, slugs, stale, f.Sums, opts.Memo)
	for _, t := range f.Trainings {
		c.training(t, affiliates, slugs)
	}
	langs := c.languages(f)
	c.pages(f.Pages, langs)
	return c.diags.Sort()
}

func (c *checker) errorf(path string, p load.Pos, format string, args ...any) {
	c.diags.Add(path, p.Line, p.Col, diag.Error, format, args...)
}

func (c *checker) warnf(path string, p load.Pos, format string, args ...any) {
	c.diags.Add(path, p.Line, p.Col, diag.Warning, format, args...)
}

// leftEmpty warns about each key of k written empty but those of required, which are
// reported as missing: it is left out, as if not written, which the editor may not have meant
// ("timezone:" takes the affiliate's zone), and the schema an editor's autocomplete reads
// refuses it.
func (c *checker) leftEmpty(path string, k load.Keys, required ...string) {
	for _, key := range k.EmptyKeys() {
		if !slices.Contains(required, key) && !k.Has(key) {
			c.warnf(path, k.At(key), "%s is empty, so it is left out: write it in, or delete the line", key)
		}
	}
}

// required reports each of keys that is missing from k, or written as empty text. A key that
// load reported (misspelled, a placeholder, a value refused) is not missing. The other keys
// written empty are warned about (see leftEmpty).
func (c *checker) required(path string, k load.Keys, what string, keys ...string) {
	c.leftEmpty(path, k, keys...)
	for _, key := range keys {
		switch {
		case k.Empty(key):
			subject := what
			if what == "front matter" {
				subject = "the page"
			}
			c.errorf(path, k.At(key), "%s is empty: write it in; the site cannot publish %s without its %s", key, subject, strings.ReplaceAll(key, "_", " "))
		case !k.Written(key):
			c.errorf(path, k.At(""), "%s is missing required key %q", what, key)
		}
	}
}

// enum checks that the value of key, if given, is one of allowed.
func (c *checker) enum(path string, k load.Keys, key, value string, allowed []string) {
	if !k.Has(key) {
		return
	}
	c.enumAt(path, k.At(key), key, value, allowed)
}

func (c *checker) enumAt(path string, p load.Pos, key, value string, allowed []string) {
	if slices.Contains(allowed, value) {
		return
	}
	vals := meant(key, value, allowed)
	switch {
	case len(vals) == 1 && strings.ToLower(value) == vals[0]:
		c.errorf(path, p, "%s %q must be written in lowercase: %q", key, value, vals[0])
		return
	case len(vals) == 1 && fold(value) == vals[0]:
		c.errorf(path, p, "%s %q must be written %q", key, value, vals[0])
		return
	}
	c.errorf(path, p, "%s %q is not one of %s%s", key, value, strings.Join(allowed, ", "), didYouMeanAny(vals))
}

// BaseURL checks the address a site is published at (base_url, or the build's --base-url):
// an absolute http(s) URL that every page's address can be appended to, so without a query
// (?…) or a fragment (#…), which would be glued into every link, and without quotes or other
// characters that would end an attribute.
func BaseURL(s string) error {
	if err := checkURL(s); err != nil {
		return err
	}
	switch {
	case strings.ContainsAny(s, `'\{}|^`):
		return fmt.Errorf("%q holds a character that cannot be part of a site's address", s)
	case strings.Contains(s, "?"):
		return fmt.Errorf("%q has a query (?…), which every link would carry: remove it", s)
	case strings.Contains(s, "#"):
		return fmt.Errorf("%q has a fragment (#…), which would cut every link short: remove it", s)
	}
	return nil
}

// url checks that the value of key, if given, is an absolute http or https URL.
func (c *checker) url(path string, k load.Keys, key, value string) {
	if !k.Has(key) {
		return
	}
	if err := checkURL(value); err != nil {
		c.errorf(path, k.At(key), "%s: %v", key, err)
	}
}

// brokenScheme matches a URL whose "http://" or "https://" lost or doubled a character
// ("http//x.org", "https:/x.org", "https:x.org", "http;//x.org", "https:///x.org"): the
// scheme and the rest, which names a host.
var brokenScheme = regexp.MustCompile(`(?i)^(https?)(?:[:;]+/*|/+)([^/:;\s]+\.[^\s]+)$`)

func checkURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case strings.ContainsAny(s, " \t\r\n<>\"`"):
		return fmt.Errorf("%q is not a URL: it has spaces or characters a URL cannot hold", s)
	case err != nil:
		return fmt.Errorf("%q is not a URL", s)
	case u.Scheme != "http" && u.Scheme != "https":
		if m := brokenScheme.FindStringSubmatch(s); m != nil {
			return fmt.Errorf("%q must be an absolute URL starting with http:// or https://; did you mean %q?", s, strings.ToLower(m[1])+"://"+m[2])
		}
		if u.Scheme == "" && strings.Contains(s, ".") && !strings.HasPrefix(s, "/") {
			return fmt.Errorf("%q must be an absolute URL starting with https://; did you mean %q?", s, "https://"+s)
		}
		return fmt.Errorf("%q must be an absolute URL starting with http:// or https://", s)
	case u.Host == "":
		if m := brokenScheme.FindStringSubmatch(s); m != nil {
			return fmt.Errorf("%q has no host name; did you mean %q?", s, strings.ToLower(m[1])+"://"+m[2])
		}
		return fmt.Errorf("%q has no host name", s)
	case u.User != nil:
		return fmt.Errorf("%q must not carry a user name or password", s)
	}
	return nil
}

func (c *checker) email(path string, k load.Keys, key, value string) {
	if !k.Has(key) {
		return
	}
	if !validEmail(value) {
		c.errorf(path, k.At(key), "%s %q is not an e-mail address like name@example.org", key, value)
	}
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at:], ".") && !strings.HasSuffix(s, ".")
}

// phone checks a US phone number: ten digits (or eleven starting with 1), written with any of
// spaces, dots, hyphens, parentheses and a leading +.
func (c *checker) phone(path string, k load.Keys, key, value string) {
	if !k.Has(key) {
		return
	}
	digits := 0
	for _, r := range value {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" .-()+", r):
		default:
			c.errorf(path, k.At(key), "%s %q may hold only digits, spaces, dots, hyphens and parentheses, e.g. \"614-555-0100\"", key, value)
			return
		}
	}
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, value)
	if digits == 10 || digits == 11 && d[0] == '1' {
		return
	}
	c.errorf(path, k.At(key), "%s %q has %d digits; a US phone number has 10, e.g. \"614-555-0100\"", key, value, digits)
}

func (c *checker) usps(path string, k load.Keys, key, value string) {
	if !k.Has(key) || slices.Contains(vocab.StateCodes(), value) {
		return
	}
	if up := strings.ToUpper(strings.TrimSpace(value)); slices.Contains(vocab.StateCodes(), up) {
		c.errorf(path, k.At(key), "%s %q must be the uppercase USPS code %q", key, value, up)
		return
	}
	if s := c.stateByName(value); s != "" {
		c.errorf(path, k.At(key), "%s %q must be a two-letter USPS code; did you mean %q?", key, value, s)
		return
	}
	c.errorf(path, k.At(key), "%s %q is not a USPS state code (two uppercase letters such as OH, NM, AZ)", key, value)
}

func (c *checker) postal(path string, k load.Keys, key, value string) {
	if k.Has(key) && !postalRE.MatchString(value) {
		c.errorf(path, k.At(key), "%s %q must be 5 digits or ZIP+4 (e.g. \"43215\" or \"43215-1234\"); quote it if it starts with 0", key, value)
	}
}

func (c *checker) language(path string, k load.Keys, value string) {
	if !k.Has("language") || languageRE.MatchString(value) {
		return
	}
	msg := fmt.Sprintf("language %q must be a lowercase language code such as en or es", value)
	lower := strings.ToLower(strings.TrimSpace(value))
	if code, ok := languageNames[lower]; ok {
		msg += fmt.Sprintf("; did you mean %q?", code)
	} else if languageRE.MatchString(lower) {
		msg += fmt.Sprintf("; did you mean %q?", lower)
	}
	c.errorf(path, k.At("language"), "%s", msg)
}

// languageNames maps language names editors may write to their codes.
var languageNames = map[string]string{
	"english": "en", "eng": "en", "inglés": "en", "ingles": "en",
	"spanish": "es", "spa": "es", "español": "es", "espanol": "es",
}

// zone checks an IANA time zone name and suggests one: the zone a US name says ("Eastern",
// "Pacific Time"), the closest name, or else the zone of state (a USPS code, "" for none),
// where the file's group, training or affiliate is: "America/Columbus" in Ohio is told
// America/New_York, not America/Cordoba, the closest name.
func (c *checker) zone(path string, k load.Keys, value, state string) {
	if !k.Has("timezone") {
		return
	}
	if c.loadZone(value) != nil {
		return
	}
	ofState := zonesOfState(strings.ToUpper(state))
	msg := fmt.Sprintf("timezone %q is not an IANA time zone name such as America/New_York", value)
	if z := c.usZone(value, ofState); z != "" {
		msg = fmt.Sprintf("timezone %q is not an IANA time zone name; did you mean %q?", value, z)
	} else if s := c.closest(value, slices.DeleteFunc(zoneNames(), func(z string) bool { return z == "Factory" })); s != "" && (len(ofState) == 0 || slices.Contains(ofState, s)) {
		msg = fmt.Sprintf("timezone %q is not an IANA time zone name; did you mean %q?", value, s)
	} else if len(ofState) > 0 {
		msg = fmt.Sprintf("timezone %q is not an IANA time zone name; %s keeps %q", value, stateName(strings.ToUpper(state)), ofState[0])
	}
	c.errorf(path, k.At("timezone"), "%s", msg)
}

// usZoneNames maps the names people give the US zones to the zone of the tz database.
var usZoneNames = map[string]string{
	"eastern": "America/New_York", "central": "America/Chicago", "mountain": "America/Denver",
	"pacific": "America/Los_Angeles", "alaska": "America/Anchorage", "hawaii": "Pacific/Honolulu",
	"atlantic": "America/Puerto_Rico", "et": "America/New_York", "ct": "America/Chicago",
	"mt": "America/Denver", "pt": "America/Los_Angeles",
}

// usZone returns the zone a US name says ("Eastern", "Eastern Time", "eastern standard
// time", "ET"), or "": of the state's zones (ofState) the one with its clock in January, when
// there is one (Mountain in Arizona is America/Phoenix).
func (c *checker) usZone(value string, ofState []string) string {
	name := strings.ToLower(strings.Join(strings.Fields(value), " "))
	for _, suffix := range []string{" standard time", " daylight time", " time"} {
		if rest, ok := strings.CutSuffix(name, suffix); ok {
			name = rest
			break
		}
	}
	z, ok := usZoneNames[name]
	if !ok {
		return ""
	}
	jan := time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)
	_, want := jan.In(c.loadZone(z)).Zone()
	for _, s := range ofState {
		if loc := c.loadZone(s); loc != nil {
			if _, off := jan.In(loc).Zone(); off == want {
				return s
			}
		}
	}
	return z
}

func (c *checker) loadZone(name string) *time.Location {
	if v, ok := c.zones.Load(name); ok {
		return v.(*time.Location)
	}
	var loc *time.Location
	// Only the zones of the database the build embeds: a machine's own files also hold names
	// that are no place's time ("posixrules", "Factory"), and ones other machines lack.
	if _, real := slices.BinarySearch(zoneNames(), name); real && name != "Factory" {
		if l, err := time.LoadLocation(name); err == nil {
			loc = l
		}
	}
	c.zones.Store(name, loc)
	return loc
}

// markdown checks a Markdown field (see markdownText), and warns once, at the field, about
// raw HTML, which the site never shows.
func (c *checker) markdown(path string, k load.Keys, key, value string) {
	if !k.Has(key) {
		return
	}
	if r := c.markdownText(path, k.At(key), key, value); r != nil && len(r.RawHTML) > 0 {
		c.warnf(path, k.At(key), "%s contains HTML, which is not shown on the site: use Markdown instead", key)
	}
}

// tagRE matches what reads as an HTML tag: "<i>", "</b>", "<br/>", "<a href=…>".
var tagRE = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>`)

// plain warns when the text of key, which the site shows as written (a name, a title), holds
// an HTML tag: the visitor would see "<i>Clintonville</i>", tags and all.
func (c *checker) plain(path string, k load.Keys, key, value string) {
	if k.Has(key) && tagRE.MatchString(value) {
		c.warnf(path, k.At(key), "%s holds HTML (%s), which the site shows as written, tags and all: write it as plain text", key, tagRE.FindString(value))
	}
}

var stateNames = map[string]string{
	"alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
	"colorado": "CO", "connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA",
	"hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS",
	"kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA",
	"michigan": "MI", "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT",
	"nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ",
	"new mexico": "NM", "new york": "NY", "north carolina": "NC", "north dakota": "ND",
	"ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI",
	"south carolina": "SC", "south dakota": "SD", "tennessee": "TN", "texas": "TX", "utah": "UT",
	"vermont": "VT", "virginia": "VA", "washington": "WA", "west virginia": "WV",
	"wisconsin": "WI", "wyoming": "WY", "district of columbia": "DC", "puerto rico": "PR",
	"guam": "GU", "virgin islands": "VI", "american samoa": "AS", "northern mariana islands": "MP",
}

func (c *checker) stateByName(s string) string {
	names := make([]string, 0, len(stateNames))
	for n := range stateNames {
		names = append(names, n)
	}
	slices.Sort(names)
	if n := c.closest(s, names); n != "" {
		return stateNames[n]
	}
	return ""
}

// maxSuggest is the longest value for which a suggestion is searched: the closest of many
// candidates costs time in proportion to the value's length, and a value this long is not
// a misspelling.
const maxSuggest = 100

// closest is suggest.Closest for values of at most maxSuggest bytes.
func closest(word string, candidates []string) string {
	if len(word) > maxSuggest {
		return ""
	}
	return suggest.Closest(word, candidates)
}

// closest is closest within the run's budget of suggestion work.
func (c *checker) closest(word string, candidates []string) string {
	if len(word) > maxSuggest {
		return ""
	}
	work := 0
	for _, cand := range candidates {
		work += (len(word) + 1) * (len(cand) + 1)
	}
	if work > c.suggestBudget {
		c.suggestBudget = 0
		return ""
	}
	c.suggestBudget -= work
	return suggest.Closest(word, candidates)
}

// didYouMean suggests the candidate closest to word, or the only one, as the end of a
// message.
func (c *checker) didYouMean(word string, candidates []string) string {
	if s := c.closest(word, candidates); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	if len(candidates) == 1 {
		return fmt.Sprintf("; did you mean %q?", candidates[0])
	}
	return ""
}
