package render

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"sitegen/internal/markdown"
	"sitegen/internal/site"
	"sitegen/internal/words"
)

// pageRef is a Markdown page as another page links it, in that page's language.
type pageRef struct {
	Page *site.Page // the version shown: in the language, else the site's own
	URL  string
	Lang string // the version's language when it is not the linking page's
}

// pageRef returns p as pages in language l link it.
func (r *renderer) pageRef(l *lang, p *site.Page) pageRef {
	ref := pageRef{Page: p, URL: r.link(l, p.Path())}
	if t, ok := p.In(l.code); ok {
		ref.Page = t
	}
	if ref.Page.Lang != l.code {
		ref.Lang = ref.Page.Lang
	}
	return ref
}

// text is a Markdown page's text in a language: its body as HTML and its headings, or, when
// the page has no version in that language, a link to the page in its own.
type text struct {
	Page     *site.Page
	Lang     string // the text's language when it is not the page's
	Body     template.HTML
	TOC      []markdown.Heading
	Original *alternate // set when the page is not translated: where to read it
}

// text returns p as pages in language l show it.
func (r *renderer) text(l *lang, p *site.Page) (text, error) {
	t, ok := p.In(l.code)
	if !ok {
		return text{Page: p, Lang: p.Lang, Original: &alternate{Lang: p.Lang, URL: r.basePath + r.s.In(p.Lang, p.Path())}}, nil
	}
	out := text{Page: t}
	if t.Lang != l.code {
		out.Lang = t.Lang
	}
	if strings.TrimSpace(t.Body) == "" {
		return out, nil
	}
	m, err := r.markdown(t.Body, t.Source, t.BodyLine)
	if err != nil {
		return out, fmt.Errorf("render %s: %w", t.Source, err)
	}
	out.Body, out.TOC = m.HTML, m.Headings
	return out, nil
}

// homeData is the data of the home page.
type homeData struct {
	Body         template.HTML
	BodyLang     string
	Summary      string   // the home page's summary, under its title
	States       []option // the states with groups, by name, linking their lists
	Soon         []soonItem
	OnlineURL    string         // the finder showing online groups
	FirstMeeting *pageRef       // "What to expect at your first meeting", when the site has it
	Trainings    []trainingItem // the next three
	Guides       []pageRef
}

func (r *renderer) home(l *lang) error {
	h := r.s.Home
	t, err := r.text(l, h)
	if err != nil {
		return err
	}
	d := homeData{Body: t.Body, BodyLang: t.Lang, Soon: r.soon(l),
		OnlineURL: r.link(l, site.FinderPath) + "?attendance=online"}
	if t.Original == nil {
		d.Summary = t.Page.Summary
	}
	states := r.byState()
	sortByName(states, l.w, func(s stateGroups) string { return s.Code })
	for _, st := range states {
		d.States = append(d.States, option{Value: st.Code, Label: l.w.Label("state", strings.ToUpper(st.Code)),
			URL: r.link(l, site.StatePath(st.Code)), Count: len(st.Groups)})
	}
	if p := r.firstMeetingPage(); p != nil {
		ref := r.pageRef(l, p)
		d.FirstMeeting = &ref
	}
	for _, g := range r.s.Guides {
		d.Guides = append(d.Guides, r.pageRef(l, g))
	}
	// The next three that take place: a cancelled or postponed training is news for its
	// applicants, on its page and the trainings' list, not for the home page.
	up, _ := r.splitTrainings(r.s.Trainings)
	for _, t := range up {
		if len(d.Trainings) < 3 && (t.Status == "open" || t.Status == "full") {
			d.Trainings = append(d.Trainings, r.trainingItem(l, t))
		}
	}
	title := r.s.TitleFor(l.code)
	desc := l.w.T("desc.home")
	if v, ok := h.In(l.code); ok {
		if v.Lang == l.code {
			title = cmp.Or(v.Title, title)
		}
		desc = cmp.Or(v.Summary, desc)
	}
	pg := r.newPage(l, h.Path(), "", title, desc, d)
	pg.enhance("home.js")
	return r.render("pages/home.html", pg)
}

// guideData is the data of a guide's page.
type guideData struct {
	text
	Blocks []guideBlock
}

// guideBlock is one of the data lists a guide shows after its text.
type guideBlock struct {
	Name      string // "facilitator-trainings", "state-organizations" or "champion-calls"
	ID, Title string // of its heading
	Trainings []trainingItem
	States    []stateAffiliates // each Tree has no children: state organizations or callers
	Calls     []championCall
}

// championCall is an affiliate looking for Connection Champions.
type championCall struct {
	A     *site.Affiliate
	URL   string
	State string
	Email string // Champions.Contact, or the affiliate's
	Phone string // the affiliate's, when Champions.Contact is empty
	Tasks []string
}

func (r *renderer) guides(l *lang) error {
	for _, g := range r.s.Guides {
		t, err := r.text(l, g)
		if err != nil {
			return err
		}
		d := guideData{text: t}
		for _, b := range g.Blocks {
			blk, err := r.guideBlock(l, b)
			if err != nil {
				return fmt.Errorf("render %s: %w", g.Source, err)
			}
			d.Blocks = append(d.Blocks, blk)
			if t.Original == nil {
				d.TOC = append(d.TOC, markdown.Heading{Level: 2, ID: blk.ID, Text: blk.Title})
			}
		}
		pg := r.newPage(l, g.Path(), "", t.Page.Title, t.Page.Summary, d)
		pg.OGType = "article"
		if err := r.render("pages/guide.html", pg); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) guideBlock(l *lang, name string) (guideBlock, error) {
	b := guideBlock{Name: name, ID: "list-" + name, Title: l.w.T("block." + name)}
	switch name {
	case "facilitator-trainings":
		up, _ := r.splitTrainings(r.s.Trainings)
		for _, t := range up {
			if t.Kind == "facilitator" {
				b.Trainings = append(b.Trainings, r.trainingItem(l, t))
			}
		}
	case "state-organizations":
		for _, st := range r.affiliatesByState(l) {
			var orgs []affiliateTree
			for _, t := range st.Trees {
				if t.A.IsState() {
					orgs = append(orgs, affiliateTree{A: t.A, URL: t.URL})
				}
			}
			if len(orgs) > 0 {
				b.States = append(b.States, stateAffiliates{Code: st.Code, Name: st.Name, Trees: orgs})
			}
		}
	case "champion-calls":
		for _, a := range r.s.Affiliates {
			if a.Champions == nil || !a.Champions.Wanted {
				continue
			}
			c := championCall{A: a, URL: r.link(l, a.Path()), State: l.w.Label("state", a.State), Email: a.Champions.Contact, Tasks: a.Champions.Tasks}
			if c.Email == "" {
				c.Email, c.Phone = a.Email, a.Phone
			}
			b.Calls = append(b.Calls, c)
		}
		slices.SortStableFunc(b.Calls, func(x, y championCall) int {
			return cmp.Or(strings.Compare(foldName(x.State), foldName(y.State)), strings.Compare(x.A.Name, y.A.Name))
		})
	default:
		return b, fmt.Errorf("unknown block %q", name)
	}
	return b, nil
}

func (r *renderer) search(l *lang) error {
	pg := r.newPage(l, site.SearchPath, "search", l.w.T("title.search"), l.w.T("desc.search"), nil)
	if err := pg.scripts("search.js"); err != nil {
		return err
	}
	return r.render("pages/search.html", pg)
}

func (r *renderer) plainPages(l *lang) error {
	for _, p := range r.s.Pages {
		t, err := r.text(l, p)
		if err != nil {
			return err
		}
		pg := r.newPage(l, p.Path(), "", t.Page.Title, t.Page.Summary, t)
		if err := r.render("pages/page.html", pg); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) notFound(l *lang) error {
	// The site's own language answers every unknown address; the others have theirs under
	// their folder, for hosts that look for LANG/404.html.
	pg := r.newPage(l, site.NotFoundPath, "", l.w.T("title.notfound"), l.w.T("desc.notfound"), nil)
	pg.NoIndex = true
	if err := r.checkChrome(); err != nil {
		return err
	}
	return r.render("pages/404.html", pg)
}

// scriptKeys are the prefixes of the catalogue keys the scripts use.
func scriptKeys() []string {
	return []string{"js.", "where.", "group.paused", "group.starting", "group.in-language", "program.",
		"language.", "list.", "nav.affiliates", "nav.trainings", "nav.guides", "finder.by-state", "meta.decimal", "map.marker",
		"date.long", "date.short", "date.time", "time.", "day.", "month."}
}

// searchOnlyKeys are the keys of scriptKeys that only the site search's script (search.js)
// uses: the finder's page, whose weight counts against each search's, leaves them out
// (TestScriptKeysInCatalogues checks that no other script uses them).
var searchOnlyKeys = []string{"js.failed-search", "js.groups-count", "js.nothing", "js.past", "js.see-all",
	"js.too-short-word", "js.results-for", "nav.affiliates", "nav.trainings", "nav.guides", "js.pages", "finder.by-state"}

// scriptWords returns the words the finder's or (search) the site search's script uses, in
// w's language, as JSON to place in the page (an inert script element the scripts read).
func scriptWords(w *words.Catalog, search bool) (template.JS, error) {
	messages := w.Messages(scriptKeys()...)
	if !search {
		for _, k := range searchOnlyKeys {
			delete(messages, k)
		}
	}
	b, err := json.Marshal(map[string]any{"lang": w.Lang(), "messages": messages})
	if err != nil {
		return "", err
	}
	return scriptJSON(b), nil
}
