package check

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/load"
	"sitegen/internal/vocab"
)

func (c *checker) site(s *load.SiteFile) {
	p := s.Path
	c.required(p, s.Keys, "site.yaml", "title", "base_url", "timezone", "helpline", "crisis")
	if s.Keys.Has("base_url") {
		if err := BaseURL(s.BaseURL); err != nil {
			c.errorf(p, s.Keys.At("base_url"), "base_url: %v", err)
		}
	}
	// language and languages are checked with the catalogues (languages.go): any language
	// with a catalogue i18n/LANG.yaml may be the site's.
	c.zone(p, s.Keys, s.Timezone, "")
	c.siteZone = s.Timezone
	if s.StaleAfterDays != nil && *s.StaleAfterDays < 1 {
		c.errorf(p, s.Keys.At("stale_after_days"), "stale_after_days must be a positive number of days")
	}
	c.url(p, s.Keys, "edit_url", s.EditURL)
	for _, l := range []struct {
		name string
		line *load.Line
	}{{"helpline", s.Helpline}, {"crisis", s.Crisis}} {
		if l.line == nil {
			continue
		}
		c.required(p, l.line.Keys, l.name, "name", "phone")
		c.url(p, l.line.Keys, "url", l.line.URL)
	}
}

func (c *checker) affiliates(all []*load.Affiliate, bySlug map[string]*load.Affiliate, slugs []string) {
	names := map[string][]*load.Affiliate{}
	for _, a := range all {
		if a.Failed {
			continue // load reported why
		}
		p := a.Path
		if len(a.Slug) == 2 && slices.Contains(vocab.StateCodes(), strings.ToUpper(a.Slug)) {
			// /groups/SLUG/ is both an affiliate's folder of groups and a state's list.
			c.errorf(p, load.Pos{Line: 1, Col: 1}, "file name %q would share the address /groups/%s/ with the list of %s's groups: rename the file, e.g. nami-%s.yaml", a.Slug+".yaml", a.Slug, strings.ToUpper(a.Slug), a.Slug)
		}
		c.required(p, a.Keys, "the affiliate", "name", "kind", "state")
		c.plain(p, a.Keys, "name", a.Name)
		c.enum(p, a.Keys, "kind", a.Kind, vocab.AffiliateKinds())
		c.usps(p, a.Keys, "state", a.State)
		c.url(p, a.Keys, "website", a.Website)
		c.email(p, a.Keys, "email", a.Email)
		c.phone(p, a.Keys, "phone", a.Phone)
		c.zone(p, a.Keys, a.Timezone, a.State)
		c.affiliateClock(a)
		c.markdown(p, a.Keys, "about", a.About)
		if a.Address != nil {
			c.address(p, a.Address)
		}
		if ch := a.Champions; ch != nil {
			c.required(p, ch.Keys, "champions", "wanted")
			for i, t := range ch.Tasks {
				c.enumAt(p, ch.TaskAt[i], "task", t, vocab.ChampionTasks())
			}
			c.twice(p, "task", ch.Tasks, ch.TaskAt)
			c.email(p, ch.Keys, "contact", ch.Contact)
		}
		for _, e := range a.Editors {
			if !editorRE.MatchString(strings.TrimPrefix(e, "@")) {
				c.errorf(p, a.Keys.At("editors"), "editor %q is not a user name on the git host (letters, digits and hyphens)", e)
			}
		}
		if a.Name != "" {
			names[strings.ToLower(a.Name)] = append(names[strings.ToLower(a.Name)], a)
		}
		if a.Keys.Has("parent") {
			c.parent(a, bySlug, slugs)
		}
	}
	// A shared name is reported in every file that has it, so that whoever adds the second
	// file sees the problem in the file they are editing: once per file, naming one other
	// (and counting the rest), so that a thousand copies print a thousand lines.
	for _, same := range names {
		if len(same) < 2 {
			continue
		}
		for i, a := range same {
			c.errorf(a.Path, a.Keys.At("name"), "name %q is also used by %s; every affiliate needs its own name", a.Name, others(same, i, func(a *load.Affiliate) string { return a.Path }))
		}
	}
}

func (c *checker) parent(a *load.Affiliate, bySlug map[string]*load.Affiliate, slugs []string) {
	at := a.Keys.At("parent")
	parent, ok := bySlug[a.Parent]
	switch {
	case a.Parent == a.Slug:
		c.errorf(a.Path, at, "parent %q is this affiliate itself; name its state organization", a.Parent)
	case !ok:
		c.errorf(a.Path, at, "parent %q is not an affiliate%s", a.Parent, c.didYouMean(a.Parent, c.stateOrgs(bySlug, slugs, a.State)))
	case parent.Failed:
		// Its own file's problem, reported there.
	case parent.Kind != "state-organization":
		c.errorf(a.Path, at, "parent %q is not a state organization (its kind is %q)%s", a.Parent, parent.Kind, c.didYouMean(a.Parent, c.stateOrgs(bySlug, slugs, a.State)))
	case slices.Contains(vocab.StateCodes(), a.State) && parent.State != a.State:
		c.errorf(a.Path, at, "parent %q is the state organization of %s, not of %s", a.Parent, parent.State, a.State)
	}
}

// stateOrgs lists the slugs of state organizations of state, or all of them when there are
// none there. The lists are made once per run.
func (c *checker) stateOrgs(bySlug map[string]*load.Affiliate, slugs []string, state string) []string {
	if c.orgs == nil {
		c.orgs = map[string][]string{}
		for _, s := range slugs {
			if a := bySlug[s]; a.Kind == "state-organization" {
				c.orgs[""] = append(c.orgs[""], s)
				c.orgs[a.State] = append(c.orgs[a.State], s)
			}
		}
	}
	if in := c.orgs[state]; len(in) > 0 {
		return in
	}
	return c.orgs[""]
}

func (c *checker) address(p string, a *load.Address) {
	c.required(p, a.Keys, "address", "street", "city", "state", "postal_code")
	c.usps(p, a.Keys, "state", a.State)
	c.postal(p, a.Keys, "postal_code", a.PostalCode)
	c.plausible(p, a.Keys, a.State, a.PostalCode, nil, nil)
}

func (c *checker) location(p string, l *load.Location) {
	c.required(p, l.Keys, "location", "name", "street", "city", "state", "postal_code")
	c.plain(p, l.Keys, "name", l.Name)
	c.usps(p, l.Keys, "state", l.State)
	c.postal(p, l.Keys, "postal_code", l.PostalCode)
	c.markdown(p, l.Keys, "directions", l.Directions)
	// (A lat or lon written in a form reported already, misspelt or refused, is not missing.)
	switch {
	case l.Lat != nil && l.Lon == nil && !l.Keys.Written("lon"):
		c.errorf(p, l.Keys.At("lat"), "lat is given without lon: give both or neither")
	case l.Lon != nil && l.Lat == nil && !l.Keys.Written("lat"):
		c.errorf(p, l.Keys.At("lon"), "lon is given without lat: give both or neither")
	}
	if l.Lat != nil && (*l.Lat < -90 || *l.Lat > 90) {
		c.errorf(p, l.Keys.At("lat"), "lat %v is not between -90 and 90", *l.Lat)
	}
	if l.Lon != nil && (*l.Lon < -180 || *l.Lon > 180) {
		c.errorf(p, l.Keys.At("lon"), "lon %v is not between -180 and 180", *l.Lon)
	}
	c.plausible(p, l.Keys, l.State, l.PostalCode, l.Lat, l.Lon)
}

// groups checks every group and the rules between them; memo (may be nil) knows the groups
// found without a problem before, by their files' sums.
func (c *checker) groups(all []*load.Group, affiliates map[string]*load.Affiliate, slugs []string, stale int, sums map[string][32]byte, memo Memo) {
	type key struct{ aff, name string }
	names := map[key][]*load.Group{}
	unknown := map[string]string{} // folder → its suggestion, found once per folder
	for _, g := range all {
		aff, ok := affiliates[g.Affiliate]
		if !ok {
			hint, seen := unknown[g.Affiliate]
			if !seen {
				hint = c.didYouMean(g.Affiliate, slugs)
				unknown[g.Affiliate] = hint
			}
			c.errorf(g.Path, load.Pos{Line: 1, Col: 1}, "folder %q is not an affiliate: group folders are named after a file in data/affiliates/%s", g.Affiliate, hint)
		}
		if g.Failed {
			continue // load reported why
		}
		sum, summed := sums[g.Path]
		if memo == nil || !summed {
			c.group(g, aff, stale)
		} else if key := c.groupKey(sum, aff, stale); !memo.Checked(g.Path, key) {
			before := len(c.diags)
			c.group(g, aff, stale)
			if len(c.diags) == before {
				memo.SetChecked(g.Path, key)
			}
		}
		if g.Name != "" {
			k := key{g.Affiliate, strings.ToLower(g.Name)}
			names[k] = append(names[k], g)
		}
	}
	for _, same := range names {
		if len(same) < 2 {
			continue
		}
		for i, g := range same {
			c.errorf(g.Path, g.Keys.At("name"), "name %q is also used by %s; give each group of an affiliate its own name", g.Name, others(same, i, func(g *load.Group) string { return g.Path }))
		}
	}
}

// groupKey names what checking one group depends on, for a Memo: the sum of its file, what
// it needs of its affiliate (whether it has an email or phone for a group without contact,
// its state and the zone its times take, the site's without one), the date and the days
// after which a listing is stale.
func (c *checker) groupKey(sum [32]byte, aff *load.Affiliate, stale int) [32]byte {
	contactless := aff != nil && !aff.Failed && aff.Email == "" && aff.Phone == ""
	var state, zone string
	if aff != nil && !aff.Failed {
		state, zone = aff.State, aff.Timezone
	}
	h := sha256.New()
	h.Write(sum[:])
	fmt.Fprintf(h, "\x00%t\x00%d\x00%s\x00%s\x00%s\x00%s", contactless, stale, c.opts.Now, state, zone, c.siteZone)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func (c *checker) group(g *load.Group, aff *load.Affiliate, stale int) {
	p, k := g.Path, g.Keys
	c.required(p, k, "the group", "name", "attendance", "meetings", "verified")
	c.plain(p, k, "name", g.Name)
	c.enum(p, k, "program", g.Program, vocab.Programs())
	c.language(p, k, g.Language)
	c.enum(p, k, "status", g.Status, vocab.GroupStatuses())
	c.enum(p, k, "attendance", g.Attendance, vocab.Attendances())
	c.zone(p, k, g.Timezone, placeState(g.Location, aff))
	c.clock(p, k, "group", g.Timezone, g.Location, aff)
	c.markdown(p, k, "notes", g.Notes)
	if k.Has("meetings") && len(g.Meetings) == 0 {
		c.errorf(p, k.At("meetings"), "meetings must list at least one meeting, e.g. - {day: tuesday, start: \"18:30\"}")
	}
	meetingAt := map[string]load.Pos{} // a meeting's day, start and weeks → where it is first
	for _, m := range g.Meetings {
		c.meeting(p, m)
		if !m.Keys.Has("day") || !m.Keys.Has("start") {
			continue
		}
		// The same meeting twice (a copied block): its calendar would hold it twice.
		key := fmt.Sprint(m.Day, m.Start, m.Weeks)
		if first, dup := meetingAt[key]; dup {
			c.errorf(p, m.Keys.At(""), "this meeting is listed twice (first on line %d): remove one, or change its day, time or weeks", first.Line)
			continue
		}
		meetingAt[key] = m.Keys.At("")
	}
	inPerson := g.Attendance == "in-person" || g.Attendance == "hybrid"
	online := g.Attendance == "online" || g.Attendance == "hybrid"
	switch {
	case inPerson && g.Location == nil && !k.Written("location"):
		c.errorf(p, k.At("attendance"), "%s %s group needs a location: add location with name, street, city, state and postal_code", article(g.Attendance), g.Attendance)
	case g.Attendance == "online" && g.Location != nil:
		c.errorf(p, k.At("location"), "an online group has no location: remove it, or set attendance to hybrid")
	}
	if g.Location != nil {
		c.location(p, g.Location)
		// A lat or lon that is given but not a number is already an error.
		if inPerson && !g.Location.Keys.Written("lat") && !g.Location.Keys.Written("lon") && g.Location.Keys.Has("name") {
			c.warnf(p, g.Location.Keys.At(""), "location has no lat and lon, so the finder cannot sort this group by distance: add its coordinates")
		}
	}
	switch {
	case online && g.Online == nil && !k.Written("online"):
		c.errorf(p, k.At("attendance"), "%s %s group needs online: add online with link_public: true and its join_url, or link_public: false and instructions for asking for the link", article(g.Attendance), g.Attendance)
	case g.Attendance == "in-person" && g.Online != nil:
		c.errorf(p, k.At("online"), "an in-person group has no online block: remove it, or set attendance to hybrid")
	}
	if o := g.Online; o != nil {
		c.leftEmpty(p, o.Keys)
		c.url(p, o.Keys, "join_url", o.JoinURL)
		c.markdown(p, o.Keys, "instructions", o.Instructions)
		if o.LinkPublic != nil && *o.LinkPublic && !o.Keys.Written("join_url") {
			c.errorf(p, o.Keys.At("link_public"), "link_public is true but there is no join_url to publish")
		}
	}
	// A way to reach the group: its contact's email or phone, even one refused (that is
	// reported already), or its affiliate's. A contact whose keys are all empty is none.
	hasContact := false
	if ct := g.Contact; ct != nil {
		c.leftEmpty(p, ct.Keys)
		c.email(p, ct.Keys, "email", ct.Email)
		c.phone(p, ct.Keys, "phone", ct.Phone)
		hasContact = ct.Keys.Written("email") && !ct.Keys.Empty("email") || ct.Keys.Written("phone") && !ct.Keys.Empty("phone")
	}
	refused := g.Contact == nil && k.Written("contact") // load said why
	if !hasContact && !refused && aff != nil && !aff.Failed && aff.Email == "" && aff.Phone == "" {
		c.errorf(p, k.At("contact"), "no way to reach this group: add contact with an email or phone, or give %s an email or phone", aff.Path)
	}
	for i, a := range g.Audience {
		c.enumAt(p, g.AudienceAt[i], "audience", a, vocab.Audiences())
	}
	c.twice(p, "audience", g.Audience, g.AudienceAt)
	if !g.Verified.IsZero() && !c.opts.Now.IsZero() {
		switch {
		case g.Verified.After(c.opts.Now.AddDays(1)):
			// (Today is the date in UTC: in Guam, or anywhere west of the date line, an
			// editor's own date may be a day ahead of it.)
			c.errorf(p, k.At("verified"), "verified %s is in the future (today is %s): write the day the listing was confirmed", g.Verified, c.opts.Now)
		case c.opts.Now.DaysSince(g.Verified) > stale && g.Status != "ended":
			// (An ended group is published nowhere: there is no listing to confirm.)
			c.warnf(p, k.At("verified"), "verified %s is more than %d days ago: confirm the listing with the group and update the date", g.Verified, stale)
		}
	}
	days := map[time.Weekday]bool{}
	for _, m := range g.Meetings {
		if d := slices.Index(vocab.Days(), m.Day); d >= 0 {
			days[time.Weekday((d+1)%7)] = true
		}
	}
	seen := map[civil.Date]bool{}
	for i, d := range g.Skip {
		if seen[d] {
			c.errorf(p, g.SkipAt[i], "skip date %s is listed twice", d)
		}
		seen[d] = true
		if len(days) > 0 && !days[d.Weekday()] {
			c.warnf(p, g.SkipAt[i], "skip date %s is a %s, a day this group does not meet", d, strings.ToLower(d.Weekday().String()))
		}
	}
	if !g.Starts.IsZero() && len(days) > 0 && !days[g.Starts.Weekday()] {
		c.warnf(p, k.At("starts"), "starts %s is a %s, a day this group does not meet", g.Starts, strings.ToLower(g.Starts.Weekday().String()))
	}
}

func (c *checker) meeting(p string, m *load.Meeting) {
	c.required(p, m.Keys, "a meeting", "day", "start")
	c.enum(p, m.Keys, "day", m.Day, vocab.Days())
	overnight := m.Overnight != nil && *m.Overnight
	if m.Keys.Has("end") && m.Keys.Has("start") {
		switch {
		case m.End == m.Start:
			c.errorf(p, m.Keys.At("end"), "end %s is the same as start: leave end out for a 90-minute meeting", m.End)
		case m.End.Minutes() < m.Start.Minutes() && !overnight:
			c.errorf(p, m.Keys.At("end"), "end %s is before start %s: use the 24-hour clock (e.g. 20:00 for 8 pm), or add overnight: true if the meeting goes past midnight", m.End, m.Start)
		case m.End.Minutes() > m.Start.Minutes() && overnight:
			c.errorf(p, m.Keys.At("overnight"), "overnight is true but the meeting ends (%s) after it starts (%s) on the same day: remove overnight", m.End, m.Start)
		}
	} else if m.Keys.Has("start") && !m.Keys.Written("end") {
		sameDay := m.Start.AddMinutes(90).Minutes() > m.Start.Minutes()
		switch {
		case overnight && sameDay:
			c.errorf(p, m.Keys.At("overnight"), "overnight is true but the meeting, 90 minutes from %s, ends the same day: remove overnight or give end", m.Start)
		case !overnight && !sameDay:
			c.errorf(p, m.Keys.At("start"), "a meeting starting at %s ends after midnight (90 minutes later, at %s): give end, or add overnight: true", m.Start, m.Start.AddMinutes(90))
		}
	}
	seen := map[int]bool{}
	for i, w := range m.Weeks {
		switch {
		case w != -1 && (w < 1 || w > 5):
			c.errorf(p, m.WeeksAt[i], "week %d is not a week of the month: use 1 to 5, or -1 for the last", w)
		case seen[w]:
			c.errorf(p, m.WeeksAt[i], "week %d is listed twice", w)
		}
		seen[w] = true
	}
	if m.Keys.Has("weeks") && len(m.Weeks) == 0 {
		c.errorf(p, m.Keys.At("weeks"), "weeks is empty: list weeks of the month such as [1, 3], or remove it to meet every week")
	}
}

func (c *checker) training(t *load.Training, affiliates map[string]*load.Affiliate, slugs []string) {
	if t.Failed {
		return // load reported why
	}
	p, k := t.Path, t.Keys
	c.required(p, k, "the training", "title", "kind", "host", "start", "end", "attendance")
	c.plain(p, k, "title", t.Title)
	c.enum(p, k, "kind", t.Kind, vocab.TrainingKinds())
	c.enum(p, k, "program", t.Program, vocab.Programs())
	c.language(p, k, t.Language)
	c.enum(p, k, "status", t.Status, vocab.TrainingStatuses())
	c.enum(p, k, "setting", t.Setting, vocab.Settings())
	c.enum(p, k, "attendance", t.Attendance, []string{"in-person", "online"})
	c.zone(p, k, t.Timezone, placeState(t.Location, affiliates[t.Host]))
	c.clock(p, k, "training", t.Timezone, t.Location, affiliates[t.Host])
	c.markdown(p, k, "notes", t.Notes)
	if k.Has("host") {
		if _, ok := affiliates[t.Host]; !ok {
			c.errorf(p, k.At("host"), "host %q is not an affiliate%s", t.Host, c.didYouMean(t.Host, slugs))
		}
	}
	if k.Has("start") && k.Has("end") && t.End.Before(t.Start) {
		c.errorf(p, k.At("end"), "end %s is before start %s", t.End, t.Start)
	}
	if dl := t.Daily; dl != nil {
		c.required(p, dl.Keys, "daily", "start", "end")
		if dl.Keys.Has("start") && dl.Keys.Has("end") && dl.End.Minutes() <= dl.Start.Minutes() {
			c.errorf(p, dl.Keys.At("end"), "daily end %s is not after daily start %s", dl.End, dl.Start)
		}
	}
	switch {
	case t.Attendance == "in-person" && t.Location == nil && !k.Written("location"):
		c.errorf(p, k.At("attendance"), "an in-person training needs a location: add location with name, street, city, state and postal_code")
	case t.Attendance == "online" && t.Location != nil:
		c.errorf(p, k.At("location"), "an online training has no location: remove it, or set attendance to in-person")
	}
	if t.Location != nil {
		c.location(p, t.Location)
	}
	if a := t.Application; a != nil {
		c.required(p, a.Keys, "application", "screening")
		c.url(p, a.Keys, "url", a.URL)
		c.email(p, a.Keys, "contact", a.Contact)
		if a.Keys.Has("deadline") && k.Has("start") && a.Deadline.After(t.Start) {
			c.errorf(p, a.Keys.At("deadline"), "application deadline %s is after the training starts (%s)", a.Deadline, t.Start)
		}
	}
	if t.Seats != nil && *t.Seats < 1 {
		c.errorf(p, k.At("seats"), "seats must be a positive number")
	}
}

func (c *checker) pages(pages []*load.Page, langs []string) {
	home := false
	for _, pg := range pages {
		p, k := pg.Path, pg.Keys
		if pg.Path == "content/index.md" {
			home = true
		}
		if pg.Failed {
			continue // load reported why
		}
		c.required(p, k, "front matter", "title")
		c.plain(p, k, "title", pg.Title)
		for i, b := range pg.Blocks {
			c.enumAt(p, pg.BlocksAt[i], "block", b, vocab.Blocks())
		}
		c.twice(p, "block", pg.Blocks, pg.BlocksAt)
		if !pg.Guide && slices.Contains(reserved(langs), pg.Slug) && pg.Slug != "index" {
			c.errorf(p, load.Pos{Line: 1, Col: 1}, "a page cannot be named %q: that address belongs to the site; rename the file", pg.Slug)
		}
		if !pg.Updated.IsZero() && !c.opts.Now.IsZero() && pg.Updated.After(c.opts.Now) {
			c.errorf(p, k.At("updated"), "updated %s is in the future (today is %s)", pg.Updated, c.opts.Now)
		}
		if r := c.markdownText(p, load.Pos{Line: pg.BodyLine, Col: 1}, "the text", pg.Body); r != nil {
			// Each line that starts some HTML, so that one check finds them all.
			for i, line := range r.RawHTML {
				if i == 0 || line != r.RawHTML[i-1] {
					c.warnf(p, load.Pos{Line: line, Col: 1}, "HTML in Markdown is not shown on the site: use Markdown instead")
				}
			}
		}
	}
	if !home {
		c.errorf("content/index.md", load.Pos{}, "missing: the home page's text goes in content/index.md")
	}
}

// article returns "an" before a word that starts with a vowel, else "a".
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// others names the entries of same other than the i-th, for "also used by": the first of
// them, and how many more.
func others[T any](same []T, i int, path func(T) string) string {
	first := 0
	if i == 0 {
		first = 1
	}
	if len(same) == 2 {
		return path(same[first])
	}
	rest := len(same) - 2
	files := "files"
	if rest == 1 {
		files = "file"
	}
	return fmt.Sprintf("%s and %d other %s", path(same[first]), rest, files)
}

// twice reports each value of a list given again after its first time: the site would show
// it twice (an audience, a block of a guide).
func (c *checker) twice(p, what string, values []string, at []load.Pos) {
	seen := make(map[string]bool, len(values))
	for i, v := range values {
		if seen[v] {
			c.errorf(p, at[i], "%s %q is listed twice: remove this one", what, v)
		}
		seen[v] = true
	}
}

// placeState returns the state where a group or training meets: its location's, or else its
// affiliate's, or "".
func placeState(loc *load.Location, aff *load.Affiliate) string {
	if loc != nil && loc.Keys.Has("state") {
		return loc.State
	}
	if aff != nil && !aff.Failed {
		return aff.State
	}
	return ""
}
