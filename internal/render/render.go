// Package render writes every HTML page of the site, and the CSS and JavaScript assets they
// load, from a [site.Site] and the html/template files of templates/.
//
// # Templates
//
// The templates folder holds base.html (the layout every page shares), any other .html
// outside pages/ (partials: named templates the layout and pages call, such as layout.html
// and lists.html), and one file per kind of page under pages/ (home.html, finder.html,
// state.html, group.html, affiliates.html, affiliate.html, trainings.html, training.html,
// guide.html, search.html, page.html, 404.html), each defining the template "main". Every file
// is parsed under its path, so an error names the file. site.css and every .js file are
// copied to assets/ as NAME.HASH.EXT, HASH the first 10 hex digits of their SHA-256 (a module's
// import of another, "./fold.js", is rewritten to the other's hashed name). The
// finder page loads finder.js and the search page search.js, as modules, when they exist;
// the body's data-base attribute gives scripts the site's base path ("/connection/").
//
// Every template gets a [page] as its data: the site, the page's path, title, description and
// language, and in Data the values of that kind of page.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"

	"sitegen/internal/civil"
	"sitegen/internal/load"
	"sitegen/internal/output"
	"sitegen/internal/site"
)

// Pages renders every HTML page of s, and the assets they use, with the templates of the
// folder templates (an fs.FS rooted at templates/). It returns the files by their
// slash-separated path under public/ ("index.html", "groups/oh/index.html",
// "assets/site.0123456789.css"). The output depends only on s and templates.
func Pages(s *site.Site, templates fs.FS) (map[string][]byte, error) {
	p, err := Plan(s, templates)
	if err != nil {
		return nil, err
	}
	return p.Files.Files()
}

// Planned is every page of a site, prepared but not yet rendered.
type Planned struct {
	// Files are the pages and assets by path; a page's template runs when its bytes are
	// first asked for.
	Files output.Plan
	// Samples names one page of each template, in a stable order: rendering them first finds
	// most template errors without rendering the whole site.
	Samples []string
}

// Plan parses the templates and prepares the data of every page of s, leaving the
// templates' execution, most of the work, to when each page is needed. Template parse errors
// and data errors are reported here; execution errors when a page is rendered.
func Plan(s *site.Site, templates fs.FS) (*Planned, error) {
	r, err := newRenderer(s, templates)
	if err != nil {
		return nil, err
	}
	steps := []func() error{
		r.home, r.finder, r.states, r.groups, r.affiliates, r.trainings, r.guides,
		r.search, r.plainPages, r.notFound,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	samples := make([]string, 0, len(r.samples))
	for _, tmpl := range slices.Sorted(maps.Keys(r.samples)) {
		samples = append(samples, r.samples[tmpl])
	}
	return &Planned{Files: r.out, Samples: samples}, nil
}

// renderer holds what one call of [Plan] needs and writes.
type renderer struct {
	s        *site.Site
	basePath string            // path of s.BaseURL, "/" or "/connection/"
	assets   map[string]string // template file name ("site.css") → output path
	shared   *template.Template
	pages    map[string]string // page template path → its text
	parsed   map[string]*template.Template
	es       map[string]string   // Spanish phrases, see spanish
	md       goldmark.Markdown   // shared by every page; see newMarkdown
	mdCache  sync.Map            // Markdown source → template.HTML
	items    sync.Map            // *site.Group → groupItem: a group is listed on many pages
	itemHTML sync.Map            // *site.Group → its "group-item" HTML, made once
	lists    *template.Template  // the partials, for executing "group-item" alone
	imports  map[string][]string // script name → the names of the scripts it imports

	mu      sync.Mutex // guards out, samples and parsed while pages are planned in parallel
	out     output.Plan
	samples map[string]string // page template → the first page planned with it
}

func newRenderer(s *site.Site, templates fs.FS) (*renderer, error) {
	u, err := url.Parse(s.BaseURL)
	if err != nil || !u.IsAbs() {
		return nil, fmt.Errorf("render: base URL %q is not an absolute URL", s.BaseURL)
	}
	basePath := u.Path
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	r := &renderer{
		s:        s,
		basePath: basePath,
		assets:   map[string]string{},
		pages:    map[string]string{},
		parsed:   map[string]*template.Template{},
		es:       spanish(),
		md:       newMarkdown(basePath),
		out:      output.Plan{},
		samples:  map[string]string{},
		imports:  map[string][]string{},
	}
	if err := r.load(templates); err != nil {
		return nil, err
	}
	return r, nil
}

// load reads the templates folder: it parses the layout and partials, keeps the page
// templates' text for later, and hashes the assets.
func (r *renderer) load(templates fs.FS) error {
	// The rules of every file of the site (regular files only, links kept inside templates/,
	// the size limit), which check has reported at their paths.
	files, problems := load.Walk(templates, ".")
	if len(problems) > 0 {
		return fmt.Errorf("render: templates/%s: %s", problems[0].Path, problems[0].Message)
	}
	r.shared = template.New("").Funcs(r.funcs())
	js := map[string][]byte{}
	hasBase := false
	for _, p := range files {
		data, err := load.ReadFile(templates, p)
		if err != nil {
			return fmt.Errorf("render: templates/%w", err)
		}
		switch ext := path.Ext(p); {
		case ext == ".js":
			js[p] = data // added below, once the modules they import are named
		case ext == ".css":
			if err := r.addAsset(p, data); err != nil {
				return err
			}
		case ext != ".html":
			// Other files (a README, an editor's backup) are not templates.
		case strings.HasPrefix(p, "pages/"):
			r.pages[p] = string(data)
		default:
			if _, err := r.shared.New(p).Parse(string(data)); err != nil {
				return fmt.Errorf("render: %w", err)
			}
			hasBase = hasBase || p == "base.html"
		}
	}
	if err := r.addModules(js); err != nil {
		return err
	}
	// A clone of its own, since executing a template set forbids cloning it afterwards.
	lists, err := r.shared.Clone()
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	r.lists = lists
	if !hasBase {
		return fmt.Errorf("render: templates: base.html is missing")
	}
	if _, ok := r.assets["site.css"]; !ok {
		return fmt.Errorf("render: templates: site.css is missing")
	}
	return nil
}

// addAsset records an asset under a name carrying the first 10 hex digits of its SHA-256.
func (r *renderer) addAsset(p string, data []byte) error {
	name := path.Base(p)
	if _, dup := r.assets[name]; dup {
		return fmt.Errorf("render: templates: two assets named %s", name)
	}
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	out := "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
	r.assets[name] = out
	r.out[out] = output.Ready(data)
	return nil
}

// page is the data of every template: the site and what the layout needs of the page.
type page struct {
	r           *renderer
	Site        *site.Site
	Path        string // the page's address under the base URL: "", "groups/oh/", "404.html"
	Title       string // the h1, and the document title before the site's
	Description string // the meta description
	Lang        string // the language of the page's main content
	OGType      string // "website" or "article"
	NoIndex     bool   // true for the 404 page: no canonical link, not indexed
	JSONLD      template.JS
	Scripts     []string // script modules to load, as base-path URLs
	Modules     []string // the modules they import, preloaded
	Fetches     []string // data the scripts fetch first, preloaded
	Data        any      // the values of this kind of page
}

// FullTitle is the document title: the page's title, then the site's; the home page's is the
// site's.
func (p *page) FullTitle() string {
	if p.Title == "" || p.Path == "" {
		return p.Site.Title
	}
	return p.Title + " · " + p.Site.Title
}

// URL is the page's absolute address.
func (p *page) URL() string { return p.Site.BaseURL + p.Path }

// MainLang is the lang attribute of the main content, empty when it is the site's.
func (p *page) MainLang() string {
	if p.Lang == "" || p.Lang == p.Site.Language {
		return ""
	}
	return p.Lang
}

// T returns phrase in the language of the page's content (see spanish).
func (p *page) T(phrase string) string {
	if isSpanish(p.Lang) || (p.Lang == "" && isSpanish(p.Site.Language)) {
		if es, ok := p.r.es[phrase]; ok {
			return es
		}
	}
	return phrase
}

// newPage returns a page at address p of the site.
func (r *renderer) newPage(p, title, description string, data any) *page {
	return &page{
		r:           r,
		Site:        r.s,
		Path:        p,
		Title:       title,
		Description: description,
		Lang:        r.s.Language,
		OGType:      "website",
		Data:        data,
	}
}

// render plans the page at out: the page template tmpl executed with pg when the page is
// needed. It is safe to call from several goroutines.
func (r *renderer) render(out, tmpl string, pg *page) error {
	return r.plan(out, tmpl, func() (*page, error) { return pg, nil })
}

// plan plans the page at out whose data, too, is made only when the page is needed: the
// page template tmpl executed with what data returns.
func (r *renderer) plan(out, tmpl string, data func() (*page, error)) error {
	t, err := r.template(tmpl)
	if err != nil {
		return err
	}
	lazy := output.NewLazy(func() ([]byte, error) {
		pg, err := data()
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", out, err)
		}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, "base.html", pg); err != nil {
			return nil, fmt.Errorf("render %s: %w", out, err)
		}
		return buf.Bytes(), nil
	})
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.out[out]; dup {
		return fmt.Errorf("render: two pages would be written to %s", out)
	}
	r.out[out] = lazy
	if prev, ok := r.samples[tmpl]; !ok || out < prev {
		r.samples[tmpl] = out
	}
	return nil
}

// template returns the layout and partials with page template tmpl, parsed once.
func (r *renderer) template(tmpl string) (*template.Template, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if t, ok := r.parsed[tmpl]; ok {
		return t, nil
	}
	text, ok := r.pages[tmpl]
	if !ok {
		return nil, fmt.Errorf("render: templates: %s is missing", tmpl)
	}
	t, err := r.shared.Clone()
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if _, err := t.New(tmpl).Parse(text); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	r.parsed[tmpl] = t
	return t, nil
}

// groupItemHTML returns the "group-item" template executed for it, rendered once per group:
// at national scale each group is listed on some twenty pages (its state's, its
// affiliate's and its sibling groups'), and executing the item every time was a third of
// a build. The item is escaped in its own context, a list item, which is where every list
// places it.
func (r *renderer) groupItemHTML(it groupItem) (template.HTML, error) {
	if h, ok := r.itemHTML.Load(it.G); ok {
		return h.(template.HTML), nil
	}
	if r.lists.Lookup("group-item") == nil {
		return "", fmt.Errorf("render: templates: no template \"group-item\"")
	}
	var b strings.Builder
	if err := r.lists.ExecuteTemplate(&b, "group-item", it); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	r.itemHTML.Store(it.G, h)
	return h, nil
}

// markdownHTML renders Markdown for a template, with site links under the base path.
func (r *renderer) markdownHTML(src string) (template.HTML, error) {
	if h, ok := r.mdCache.Load(src); ok {
		return h.(template.HTML), nil // notes and directions repeat across groups
	}
	h, _, err := markdownWith(r.md, src)
	if err == nil {
		r.mdCache.Store(src, h)
	}
	return h, err
}

// link returns the address of p (relative to the site's root, "groups/oh/") as a path that
// works wherever the site is deployed.
func (r *renderer) link(p string) string { return r.basePath + p }

// asset returns the base-path URL of the asset named name, or "" when there is none.
func (r *renderer) asset(name string) string {
	if out, ok := r.assets[name]; ok {
		return r.link(out)
	}
	return ""
}

// scripts sets the page's scripts: the named scripts that exist in templates, and, so that
// the browser fetches them all at once instead of one import after another, every module
// they import.
func (pg *page) scripts(names ...string) {
	r := pg.r
	seen := map[string]bool{}
	var walk func(n string)
	walk = func(n string) {
		for _, dep := range r.imports[n] {
			if !seen[dep] {
				seen[dep] = true
				walk(dep)
			}
		}
	}
	for _, n := range names {
		if u := r.asset(n); u != "" {
			pg.Scripts = append(pg.Scripts, u)
			walk(n)
		}
	}
	for _, dep := range slices.Sorted(maps.Keys(seen)) {
		pg.Modules = append(pg.Modules, r.asset(dep))
	}
}

// editURL returns the "Suggest a correction" address of a source file, or "".
func (r *renderer) editURL(source string) string {
	if r.s.EditURL == "" || source == "" {
		return ""
	}
	return r.s.EditURL + source
}

// funcs returns the template functions, bound to r.
func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"link":      r.link,
		"asset":     r.asset,
		"edit":      r.editURL,
		"markdown":  r.markdownHTML,
		"groupURL":  func(g *site.Group) string { return r.link(groupPath(g)) },
		"affURL":    func(a *site.Affiliate) string { return r.link(affiliatePath(a)) },
		"trainURL":  func(t *site.Training) string { return r.link(trainingPath(t)) },
		"guideURL":  func(p *site.Page) string { return r.link(guidePath(p)) },
		"stateURL":  func(code string) string { return r.link(statePath(code)) },
		"tel":       telURL,
		"sms":       smsURL,
		"phone":     phoneWords,
		"nobreak":   noBreak,
		"textLabel": textLabel,
		"stateName": stateName,
		"program":   programName,
		"audience":  audienceWords,
		"attend":    attendanceWords,
		"task":      taskWords,
		"status":    statusWords,
		"kind":      kindWords,
		"setting":   settingWords,
		"langName":  languageName,
		"date":      dateWords,
		"shortDate": shortDate,
		"dateRange": dateRange,
		"iso":       func(d civil.Date) string { return d.String() },
		"lower":     strings.ToLower,
		"item":      r.groupItem,
		"itemHTML":  r.groupItemHTML,
		"trainItem": r.trainingItem,
		"upcoming":  func(t *site.Training) bool { return t.Upcoming(r.s.Now) },
		"mapURL":    mapURL,
	}
}

func groupPath(g *site.Group) string         { return "groups/" + g.ID + "/" }
func affiliatePath(a *site.Affiliate) string { return "affiliates/" + a.Slug + "/" }
func trainingPath(t *site.Training) string   { return "trainings/" + t.Slug + "/" }
func guidePath(p *site.Page) string          { return "guides/" + p.Slug + "/" }
func statePath(code string) string           { return "groups/" + strings.ToLower(code) + "/" }

// telURL returns a tel: URL for a phone number written with any punctuation: its digits, with
// +1 before a US number. Built from digits only, it is safe as a URL.
func telURL(phone string) template.URL {
	d := digitsOf(phone)
	if d == "" {
		return ""
	}
	switch {
	case len(d) == 10:
		d = "+1" + d
	case len(d) == 11 && d[0] == '1':
		d = "+" + d
	}
	return template.URL("tel:" + d)
}

// smsURL returns an sms: URL for the line's text instructions ("Text \"helpline\" to 62640"):
// the last number written in them, with the quoted word, if any, as the message body.
func smsURL(text string) template.URL {
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	number := ""
	for _, f := range fields {
		if d := digitsOf(f); len(d) >= 3 && len(d) >= len(f)-4 {
			number = d
		}
	}
	if number == "" {
		return ""
	}
	u := "sms:" + number
	if i := strings.IndexByte(text, '"'); i >= 0 {
		if j := strings.IndexByte(text[i+1:], '"'); j > 0 {
			// Messaging apps read "+" literally: write a space as %20.
			u += "?body=" + strings.ReplaceAll(url.QueryEscape(text[i+1:i+1+j]), "+", "%20")
		}
	}
	return template.URL(u)
}

// textLabel writes a line's text instructions as a phrase: "text 988", or as given when they
// already say "text" ("Text \"helpline\" to 62640" → "text \"helpline\" to 62640").
func textLabel(text string) string {
	if len(text) >= 5 && strings.EqualFold(text[:5], "text ") {
		return "text " + text[5:]
	}
	return "text " + text
}

// phoneWords writes a 10-digit US number as 614-555-0190 and leaves others as written.
func phoneWords(phone string) string {
	d := digitsOf(phone)
	if len(d) != 10 {
		return phone
	}
	return d[:3] + "-" + d[3:6] + "-" + d[6:]
}

// noBreak keeps a phone number on one line: its hyphens become non-breaking hyphens (U+2011)
// and its spaces non-breaking spaces, as html-validate's tel-non-breaking rule asks of the
// text of a tel: link.
func noBreak(s string) string {
	return strings.NewReplacer("-", "\u2011", " ", "\u00a0").Replace(s)
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// mapURL returns a link the visitor may follow to see a place on OpenStreetMap: its
// coordinates when known, else a search for its address. It is only ever an <a href>: the
// page itself loads nothing from the map's host.
func mapURL(p *site.Place) string {
	if p == nil {
		return ""
	}
	if p.HasCoords {
		lat := fmt.Sprintf("%.6f", p.Lat)
		lon := fmt.Sprintf("%.6f", p.Lon)
		return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=17/" + lat + "/" + lon
	}
	q := strings.Join(nonEmpty(p.Street, p.City, p.State, p.PostalCode), ", ")
	if q == "" {
		return ""
	}
	return "https://www.openstreetmap.org/search?query=" + url.QueryEscape(q)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
