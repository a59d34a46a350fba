// Package render writes every HTML page of the site, in every interface language, and the CSS
// and JavaScript assets they load, from a [site.Site] and the html/template files of
// templates/.
//
// # Templates
//
// The templates folder holds base.html (the layout every page shares), any other .html
// outside pages/ (partials: named templates the layout and pages call, such as layout.html,
// which defines "top" and "bottom", lists.html, icons.html, the inline SVG sprite of the
// site's icons, and maps.html, the maps of maps.go), and one file per kind of page under
// pages/ (home.html, finder.html, state.html, group.html, affiliates.html, affiliate.html,
// trainings.html, training.html, guide.html, search.html, page.html, 404.html), each defining
// the template "main". Every file is parsed under its path, so an error names the file.
// site.css and every .js file are copied to assets/ as NAME.HASH.EXT, HASH the first 10 hex
// digits of their SHA-256 (a module's import of another, "./fold.js", is rewritten to the
// other's hashed name), and so is every .svg (icon.svg, the site's icon). The files of root/
// are written at the site's root under their own names: favicon.ico and apple-touch-icon.png,
// which browsers ask for there whatever the page says. The finder page loads finder.js and
// the search page search.js, as modules, when they exist, with the words they use; a group's
// page loads share.js and the home page home.js, which take their few words from the page's
// elements. The body's data-base attribute gives scripts the site's base path
// ("/connection/"), data-home the page language's home ("/connection/es/").
//
// # Languages
//
// Every page is written once per interface language of the site ([site.Site.Languages]): in
// the site's own language at its address, in another under LANG/ ("es/groups/oh/"). The
// templates are parsed once and cloned per language, with functions bound to that language's
// catalogue: {{t "key" "name" value}} a message, {{tn "key" n}} a message with a plural,
// {{label "kind" value}} the label of a fixed value, {{date d}} and {{dateRange a b}} dates,
// {{stateName code}}, {{langName tag}}, {{link "groups/"}} an address in the page's language,
// {{file "api/groups.json"}} a file every language shares, {{asset "site.css"}}.
//
// Every template gets a [page] as its data: the site, the page's path, title, description and
// language, and in Data the values of that kind of page. The crisis bar, header and footer
// ("top" and "bottom") are executed once per language and section and reused. Once a page
// template is escaped, every action whose output depends only on the page's language ({{t
// "nav.groups"}}, {{link "groups/"}}) is written into it as text (fold.go).
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
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"sitegen/internal/civil"
	"sitegen/internal/load"
	"sitegen/internal/markdown"
	"sitegen/internal/output"
	"sitegen/internal/search"
	"sitegen/internal/site"
	"sitegen/internal/words"
)

// Planned is every page of a site, prepared but not yet rendered.
type Planned struct {
	// Files are the pages and assets by path; a page's template runs when its bytes are
	// first asked for.
	Files output.Plan
	// Samples names one page of each template and language, in a stable order: rendering
	// them first finds most template errors without rendering the whole site.
	Samples []string
	// Keys name the inputs of each group's files, nil when unknown (see Keys).
	Keys *Keys
	// Assets are the paths of the assets: each named by a hash of its source, the bytes of
	// a script or a stylesheet being that source minified (see minify). A host may cache
	// them for ever.
	Assets map[string]bool
}

// Plan parses the templates and prepares the data of every page of s, leaving the
// templates' execution, most of the work, to when each page is needed. Template parse errors
// and data errors are reported here; execution errors when a page is rendered.
func Plan(s *site.Site, templates fs.FS) (*Planned, error) {
	r, err := newRenderer(s, templates)
	if err != nil {
		return nil, err
	}
	for _, l := range r.langs {
		steps := []func(*lang) error{
			r.home, r.finder, r.states, r.groups, r.affiliates, r.trainings, r.guides,
			r.search, r.plainPages, r.notFound,
		}
		for _, step := range steps {
			if err := step(l); err != nil {
				return nil, err
			}
		}
	}
	samples := make([]string, 0, len(r.samples))
	for _, tmpl := range slices.Sorted(maps.Keys(r.samples)) {
		samples = append(samples, r.samples[tmpl])
	}
	assets := map[string]bool{}
	for _, out := range r.assets {
		assets[out] = true
	}
	return &Planned{Files: r.out, Samples: samples, Keys: r.keys, Assets: assets}, nil
}

// renderer holds what one call of [Plan] needs and writes.
type renderer struct {
	s        *site.Site
	basePath string            // path of s.BaseURL, "/" or "/connection/"
	assets   map[string]string // template file name ("site.css") → output path
	pages    map[string]string // page template path → its text
	langs    []*lang           // one per interface language, the site's first
	keys     *Keys             // the inputs of each group's files
	maps     *mapCache         // map geometry and groups' places, shared by pages
	// words is the search dictionary's file, which the finder's page of each language has
	// the browser fetch early: made once.
	words func() (string, error)

	mu      sync.Mutex // guards out, samples and each lang's parsed while pages are planned
	out     output.Plan
	samples map[string]string // page template and language → the first page planned with it
}

// lang is what pages in one interface language share.
type lang struct {
	code   string         // "en"
	w      *words.Catalog // its words
	prefix string         // "" for the site's language, "es/" for another
	shared *template.Template
	lists  *template.Template // a clone of shared, for executing "group-item" alone
	parsed map[string]*pageTemplate
	items  sync.Map // *site.Group → its "group-item" HTML, made once
	data   sync.Map // *site.Group → its groupItem, made once: a group is listed on many pages
	chrome sync.Map // section → chrome, made once
	sizes  sync.Map // page template → *atomic.Int64, the largest page it wrote
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
		out:      output.Plan{},
		samples:  map[string]string{},
		maps:     newMapCache(),
		words:    sync.OnceValues(func() (string, error) { return search.DictionaryFile(s) }),
	}
	if len(s.Languages) == 0 {
		return nil, fmt.Errorf("render: the site speaks no language")
	}
	for _, code := range s.Languages {
		w := s.Catalogs[code]
		if w == nil {
			return nil, fmt.Errorf("render: no catalogue i18n/%s.yaml for the site's language %s", code, code)
		}
		r.langs = append(r.langs, &lang{code: code, w: w, prefix: s.In(code, ""), parsed: map[string]*pageTemplate{}})
	}
	if err := r.load(templates); err != nil {
		return nil, err
	}
	return r, nil
}

// load reads the templates folder: it parses the layout and partials once per language,
// keeps the page templates' text for later, and hashes the assets.
func (r *renderer) load(templates fs.FS) error {
	// The rules of every file of the site (regular files only, links kept inside templates/,
	// the size limit), which check has reported at their paths.
	files, problems := load.Walk(templates, ".")
	if len(problems) > 0 {
		return fmt.Errorf("render: templates/%s: %s", problems[0].Path, problems[0].Message)
	}
	r.keys = newKeys(r.s, templatesSum(templates, files))
	shared := template.New("").Funcs(r.funcs(r.langs[0]))
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
		case strings.HasPrefix(p, rootDir):
			// Files every browser asks for at the site's root by name (favicon.ico,
			// apple-touch-icon.png): copied there as they are.
			r.out[strings.TrimPrefix(p, rootDir)] = output.Ready(data)
		case ext == ".css" || ext == ".svg":
			if err := r.addAsset(p, data); err != nil {
				return err
			}
		case ext != ".html":
			// Other files (a README, an editor's backup) are not templates.
		case strings.HasPrefix(p, "pages/"):
			r.pages[p] = inlineIcons(string(data))
		default:
			if _, err := shared.New(p).Parse(inlineIcons(string(data))); err != nil {
				return fmt.Errorf("render: %w", err)
			}
			hasBase = hasBase || p == "base.html"
		}
	}
	if err := r.addModules(js); err != nil {
		return err
	}
	if !hasBase {
		return fmt.Errorf("render: templates: base.html is missing")
	}
	if _, ok := r.assets["site.css"]; !ok {
		return fmt.Errorf("render: templates: site.css is missing")
	}
	for _, l := range r.langs {
		var err error
		// Clones of their own, since executing a template set forbids cloning it afterwards.
		if l.shared, err = shared.Clone(); err != nil {
			return fmt.Errorf("render: %w", err)
		}
		l.shared.Funcs(r.funcs(l))
		if l.lists, err = l.shared.Clone(); err != nil {
			return fmt.Errorf("render: %w", err)
		}
		fold(l.lists, "group-item", r.funcs(l))
	}
	return nil
}

// rootDir is the folder of templates whose files are written at the site's root.
const rootDir = "root/"

// addAsset records an asset under a name carrying the first 10 hex digits of its SHA-256.
// A script or a stylesheet is minified (see minify) when its bytes are first needed, and is
// named by its source: a build keeps a published one (see output.Writer.Keep) instead of
// minifying it again, and a dev server minifies only what a browser asks for.
func (r *renderer) addAsset(p string, data []byte) error {
	name := path.Base(p)
	if _, dup := r.assets[name]; dup {
		return fmt.Errorf("render: templates: two assets named %s", name)
	}
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	hash := hex.EncodeToString(sum[:])
	out := site.AssetsDir + strings.TrimSuffix(name, ext) + "." + hash[:10] + ext
	r.assets[name] = out
	if minified(p) {
		r.out[out] = output.NewKeyedLazy("asset "+hash+" "+minifier(), func() ([]byte, error) { return minify(p, data) })
	} else {
		r.out[out] = output.Ready(data)
	}
	return nil
}

// page is the data of every template: the site and what the layout needs of the page.
type page struct {
	r           *renderer
	L           *lang
	Site        *site.Site
	Path        string // the page's address in its language: "", "es/groups/oh/", "404.html"
	Section     string // the menu entry the page is under: "groups", "trainings", ...
	Title       string // the h1, and the document title before the site's
	Description string // the meta description
	OGType      string // "website" or "article"
	NoIndex     bool   // true for the 404 page: no canonical link, not indexed
	JSONLD      template.JS
	Scripts     []string // script modules to load, as base-path URLs
	Fetches     []string // data the scripts fetch first, preloaded
	Words       template.JS
	Alternates  []alternate // the page in every language, for hreflang
	Switch      []alternate // links to the page in the other languages
	Data        any         // the values of this kind of page
}

// alternate is a page's address in one language.
type alternate struct {
	Lang, URL, Label string
}

// Lang is the page's language.
func (p *page) Lang() string { return p.L.code }

// SiteTitle is the site's title in the page's language.
func (p *page) SiteTitle() string { return p.Site.TitleFor(p.L.code) }

// FullTitle is the document title: the page's title, then the site's; the home page's is the
// site's.
func (p *page) FullTitle() string {
	site := p.SiteTitle()
	if p.Title == "" || p.Title == site || p.Title == p.Site.Title {
		return site
	}
	return p.Title + " · " + site
}

// URL is the page's absolute address.
func (p *page) URL() string { return p.Site.URL(p.Path) }

// Crisis and Helpline are the phone lines as pages in the page's language give them.
func (p *page) Crisis() lineData   { return p.r.line(p.L, p.Site.Crisis) }
func (p *page) Helpline() lineData { return p.r.line(p.L, p.Site.Helpline) }

// Chrome is the page's crisis bar, header and footer, made once per language and section.
func (p *page) Chrome() chrome { return p.r.chrome(p.L, p.Section) }

// newPage returns the page at address p (as the model gives it, in no language) in l.
func (r *renderer) newPage(l *lang, p, section, title, description string, data any) *page {
	pg := &page{
		r:           r,
		L:           l,
		Site:        r.s,
		Path:        r.s.In(l.code, p),
		Section:     section,
		Title:       title,
		Description: description,
		OGType:      "website",
		Data:        data,
	}
	if len(r.langs) == 1 {
		return pg
	}
	// A missing page has no other language's version: the switch leads to the other
	// languages' home pages (a host serves the site's own 404 page for every address, /es/
	// ones too), and no alternate is named.
	switchTo := p
	if p == site.NotFoundPath {
		switchTo = ""
	}
	for _, o := range r.langs {
		alt := alternate{Lang: o.code, URL: r.s.URL(r.s.In(o.code, p)), Label: o.w.T("lang.name")}
		if p != site.NotFoundPath {
			pg.Alternates = append(pg.Alternates, alt)
		}
		if o != l {
			alt.URL = r.basePath + r.s.In(o.code, switchTo)
			pg.Switch = append(pg.Switch, alt)
		}
	}
	if p != site.NotFoundPath {
		pg.Alternates = append(pg.Alternates, alternate{Lang: "x-default", URL: r.s.URL(p)})
	}
	return pg
}

// render plans the page pg, written at pg.Path (index.html for a folder), with page template
// tmpl. It is safe to call from several goroutines.
func (r *renderer) render(tmpl string, pg *page) error {
	return r.plan(pg.L, outPath(pg.Path), tmpl, func() (*page, error) { return pg, nil })
}

// outPath returns the file of the page at address p.
func outPath(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// plan plans the page at out whose data, too, is made only when the page is needed: the
// page template tmpl of language l executed with what data returns.
func (r *renderer) plan(l *lang, out, tmpl string, data func() (*page, error)) error {
	return r.planKeyed(l, out, tmpl, "", data)
}

// planKeyed is plan for a page whose inputs key names (see Keys).
func (r *renderer) planKeyed(l *lang, out, tmpl, key string, data func() (*page, error)) error {
	pt, err := r.template(l, tmpl)
	if err != nil {
		return err
	}
	lazy := output.NewKeyedLazy(key, func() ([]byte, error) {
		pg, err := data()
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", out, err)
		}
		// A buffer the size of the largest page of this template so far, and a little
		// more: growing it as the page is written copied every byte twice over.
		hint := r.sizeHint(l, tmpl)
		var buf bytes.Buffer
		buf.Grow(int(hint.Load()) + 1<<10)
		if err := pt.folded().ExecuteTemplate(&buf, "base.html", pg); err != nil {
			return nil, fmt.Errorf("render %s: %w", out, err)
		}
		for n := int64(buf.Len()); ; {
			old := hint.Load()
			if n <= old || hint.CompareAndSwap(old, n) {
				break
			}
		}
		return buf.Bytes(), nil
	})
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.out[out]; dup {
		return fmt.Errorf("render: two pages would be written to %s", out)
	}
	r.out[out] = lazy
	sample := tmpl + " " + l.code
	if prev, ok := r.samples[sample]; !ok || out < prev {
		r.samples[sample] = out
	}
	return nil
}

// sizeHint returns the size of the largest page of template tmpl in l written so far, 16 KB
// at first.
func (r *renderer) sizeHint(l *lang, tmpl string) *atomic.Int64 {
	if h, ok := l.sizes.Load(tmpl); ok {
		return h.(*atomic.Int64)
	}
	h := &atomic.Int64{}
	h.Store(16 << 10)
	got, _ := l.sizes.LoadOrStore(tmpl, h)
	return got.(*atomic.Int64)
}

// template returns the layout and partials of l with page template tmpl, parsed once.
func (r *renderer) template(l *lang, tmpl string) (*pageTemplate, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if pt, ok := l.parsed[tmpl]; ok {
		return pt, nil
	}
	text, ok := r.pages[tmpl]
	if !ok {
		return nil, fmt.Errorf("render: templates: %s is missing", tmpl)
	}
	t, err := l.shared.Clone()
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if _, err := t.New(tmpl).Parse(text); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	pt := &pageTemplate{t: t, funcs: r.funcs(l)}
	l.parsed[tmpl] = pt
	return pt, nil
}

// pageTemplate is the layout and partials of one language with one page template. Its
// constant actions are folded (see fold) before its first execution, not when it is parsed:
// planning a site, as the dev server does on every change, then escapes only the templates
// of the pages it renders.
type pageTemplate struct {
	t     *template.Template
	funcs template.FuncMap // those t was given
	once  sync.Once
}

// folded returns the template, folded.
func (p *pageTemplate) folded() *template.Template {
	p.once.Do(func() { fold(p.t, "base.html", p.funcs) })
	return p.t
}

// markdown renders Markdown source src, from file source starting at line, once per build
// whatever the number of pages and languages that show it.
func (r *renderer) markdown(src, source string, line int) (*markdown.Result, error) {
	return r.s.Markdown(src, source, line)
}

// markdownHTML returns the HTML of a short text of a data file, written from line on, ""
// for none.
func (r *renderer) markdownHTML(src, source string, line int) (template.HTML, error) {
	if strings.TrimSpace(src) == "" {
		return "", nil
	}
	m, err := r.markdown(src, source, line)
	if err != nil {
		return "", err
	}
	return m.HTML, nil
}

// link returns the address of p (relative to the site's root, "groups/oh/") in language l,
// as a path that works wherever the site is deployed.
func (r *renderer) link(l *lang, p string) string { return r.basePath + r.s.In(l.code, p) }

// file returns the address of a file every language shares.
func (r *renderer) file(p string) string { return r.basePath + p }

// asset returns the base-path URL of the asset named name, or "" when there is none.
func (r *renderer) asset(name string) string {
	if out, ok := r.assets[name]; ok {
		return r.file(out)
	}
	return ""
}

// scripts sets the page's scripts: the named scripts that exist in templates, each bundled
// with the modules it imports (see addModules), and the search manifest they read first,
// preloaded. The scripts' words, in the page's language, go into the page.
func (pg *page) scripts(names ...string) error {
	if !pg.enhance(names...) {
		return nil
	}
	pg.Fetches = []string{pg.r.file(site.SearchManifest)}
	js, err := scriptWords(pg.L.w, slices.Contains(names, "search.js"))
	if err != nil {
		return err
	}
	pg.Words = js
	return nil
}

// enhance adds the named scripts that exist in templates to the page, and reports whether it
// added any. Unlike [page.scripts], it adds no words
// and fetches nothing: the small scripts of other pages (share.js, home.js) take their words
// from the page's own elements.
func (pg *page) enhance(names ...string) bool {
	for _, n := range names {
		if u := pg.r.asset(n); u != "" {
			pg.Scripts = append(pg.Scripts, u)
		}
	}
	return len(pg.Scripts) > 0
}

// editURL returns the "Suggest a correction" address of a source file, or "".
func (r *renderer) editURL(source string) string {
	if r.s.EditURL == "" || source == "" {
		return ""
	}
	return r.s.EditURL + source
}

// funcs returns the template functions of language l.
func (r *renderer) funcs(l *lang) template.FuncMap {
	w := l.w
	return template.FuncMap{
		"t":         func(key string, args ...any) string { return w.T(key, args...) },
		"tn":        func(key string, n int, args ...any) string { return w.N(key, n, args...) },
		"label":     w.Label,
		"stateName": func(code string) string { return w.Label("state", strings.ToUpper(code)) },
		"langName":  func(tag string) string { return languageName(w, tag) },
		"date":      w.Date,
		"longDate":  w.LongDate,
		"dateRange": w.DateRange,
		"list":      w.List,
		"link":      func(p string) string { return r.link(l, p) },
		"file":      r.file,
		"asset":     r.asset,
		"tel":       telURL,
		"sms":       smsURL,
		"phone":     phoneWords,
		"nobreak":   noBreak,
		"textLabel": func(text string) string { return textLabel(w, text) },
		"iso":       func(d civil.Date) string { return d.String() },
		"itemHTML":  func(it groupItem) (template.HTML, error) { return r.groupItemHTML(l, it) },
		"itemsHTML": func(items []groupItem) (template.HTML, error) { return r.groupItemsHTML(l, items) },
		"icon":      icon,
	}
}

// iconName is what an icon's name may be: the id of its symbol in templates/icons.html, less
// "i-".
var iconName = regexp.MustCompile(`^[a-z][a-z-]*$`)

// icon returns the markup that draws the icon name of the sprite (templates/icons.html):
// {{icon "phone"}}.
func icon(name string) (template.HTML, error) {
	if !iconName.MatchString(name) {
		return "", fmt.Errorf("icon %q: an icon's name is lowercase letters and hyphens", name)
	}
	return template.HTML(iconMarkup(name)), nil
}

func iconMarkup(name string) string {
	return `<svg class="icon" aria-hidden="true" focusable="false"><use href="#i-` + name + `"/></svg>`
}

// iconCall is {{icon "name"}} with a constant name, as templates write it.
var iconCall = regexp.MustCompile(`\{\{(-?)\s*icon\s+"([a-z][a-z-]*)"\s*(-?)\}\}`)

// inlineIcons writes each {{icon "name"}} of a template's text as the markup it stands for,
// before the template is parsed: a page draws a dozen icons or more, and each call, with the
// escaping html/template adds to it, cost more than the rest of the page's text together.
// The trim markers ("{{-", "-}}") keep their meaning.
func inlineIcons(text string) string {
	return iconCall.ReplaceAllStringFunc(text, func(m string) string {
		sub := iconCall.FindStringSubmatch(m)
		out := iconMarkup(sub[2])
		if sub[1] == "-" {
			out = "{{- /* */ -}}" + out
		}
		if sub[3] == "-" {
			out += "{{- /* */ -}}"
		}
		return out
	})
}

// languageName names a language by its BCP 47 tag in the catalogue's language, or gives the
// tag when the catalogue has no name for it.
func languageName(w *words.Catalog, tag string) string {
	key := "language." + strings.ToLower(tag)
	if w.Has(key) {
		return w.T(key)
	}
	return tag
}

// groupItemsHTML returns the "group-item" HTML of each of items, a line each (see
// groupItemHTML). A list of groups is written with one call: a group's page lists its
// affiliate's other groups, some twenty, and calling a function from the template for each
// was a tenth of the page's execution.
func (r *renderer) groupItemsHTML(l *lang, items []groupItem) (template.HTML, error) {
	var b strings.Builder
	for i, it := range items {
		h, err := r.groupItemHTML(l, it)
		if err != nil {
			return "", err
		}
		if i == 0 {
			b.Grow(len(items) * (len(h) + 1))
		} else {
			b.WriteByte('\n')
		}
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

// groupItemHTML returns the "group-item" template of l executed for it, rendered once per
// group and language: at national scale each group is listed on some twenty pages (its
// state's, its affiliate's and its sibling groups'), and executing the item every time was a
// third of a build. The item is escaped in its own context, a list item, which is where every
// list places it.
func (r *renderer) groupItemHTML(l *lang, it groupItem) (template.HTML, error) {
	if h, ok := l.items.Load(it.G); ok {
		return h.(template.HTML), nil
	}
	if l.lists.Lookup("group-item") == nil {
		return "", fmt.Errorf("render: templates: no template \"group-item\"")
	}
	var b strings.Builder
	if err := l.lists.ExecuteTemplate(&b, "group-item", it); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	l.items.Store(it.G, h)
	return h, nil
}
