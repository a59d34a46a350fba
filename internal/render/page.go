package render

import (
	"fmt"
	"html/template"
	"sort"

	"sitegen/internal/site"
)

// homeData is the data of the home page.
type homeData struct {
	Body      template.HTML
	Trainings []trainingItem // the next three
	Guides    []*site.Page
}

func (r *renderer) home() error {
	h := r.s.Home
	if h == nil {
		h = &site.Page{Slug: "index"}
	}
	body, err := r.markdown(h)
	if err != nil {
		return err
	}
	d := homeData{Body: body, Guides: r.s.Guides}
	up, _ := r.splitTrainings(r.s.Trainings)
	for i := 0; i < len(up) && i < 3; i++ {
		d.Trainings = append(d.Trainings, r.trainingItem(up[i]))
	}
	title := h.Title
	if title == "" {
		title = r.s.Title
	}
	desc := h.Summary
	if desc == "" {
		desc = "Free, peer-led recovery support groups for adults living with a mental health condition."
	}
	return r.render("index.html", "pages/home.html", r.newPage("", title, desc, d))
}

// markdown renders p's body, naming p's file in an error.
func (r *renderer) markdown(p *site.Page) (template.HTML, error) {
	h, _, err := markdownWith(r.md, p.Body)
	if err != nil {
		return "", fmt.Errorf("render %s: %w", p.Source, err)
	}
	return h, nil
}

// guideData is the data of a guide's page.
type guideData struct {
	Page   *site.Page
	Body   template.HTML
	TOC    []heading
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
	State string
	Email string // Champions.Contact, or the affiliate's
	Phone string // the affiliate's, when Champions.Contact is empty
	Tasks []string
}

func (r *renderer) guides() error {
	for _, g := range r.s.Guides {
		body, toc, err := markdownWith(r.md, g.Body)
		if err != nil {
			return fmt.Errorf("render %s: %w", g.Source, err)
		}
		d := guideData{Page: g, Body: body, TOC: toc}
		for _, b := range g.Blocks {
			blk, err := r.guideBlock(b)
			if err != nil {
				return fmt.Errorf("render %s: %w", g.Source, err)
			}
			d.Blocks = append(d.Blocks, blk)
			d.TOC = append(d.TOC, heading{Level: 2, ID: blk.ID, Text: blk.Title})
		}
		pg := r.newPage(guidePath(g), g.Title, g.Summary, d)
		pg.OGType = "article"
		if err := r.render(guidePath(g)+"index.html", "pages/guide.html", pg); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) guideBlock(name string) (guideBlock, error) {
	b := guideBlock{Name: name, ID: "list-" + name}
	switch name {
	case "facilitator-trainings":
		b.Title = "Upcoming facilitator trainings"
		up, _ := r.splitTrainings(r.s.Trainings)
		for _, t := range up {
			if t.Kind == "facilitator" {
				b.Trainings = append(b.Trainings, r.trainingItem(t))
			}
		}
	case "state-organizations":
		b.Title = "State organizations"
		for _, st := range r.affiliatesByState() {
			var orgs []affiliateTree
			for _, t := range st.Trees {
				if t.A.IsState() {
					orgs = append(orgs, affiliateTree{A: t.A})
				}
			}
			if len(orgs) > 0 {
				b.States = append(b.States, stateAffiliates{Code: st.Code, Name: st.Name, Trees: orgs})
			}
		}
	case "champion-calls":
		b.Title = "Affiliates looking for Connection Champions"
		for _, a := range r.s.Affiliates {
			if a.Champions == nil || !a.Champions.Wanted {
				continue
			}
			c := championCall{A: a, State: stateName(a.State), Email: a.Champions.Contact, Tasks: a.Champions.Tasks}
			if c.Email == "" {
				c.Email, c.Phone = a.Email, a.Phone
			}
			b.Calls = append(b.Calls, c)
		}
		sort.SliceStable(b.Calls, func(i, j int) bool {
			if b.Calls[i].State != b.Calls[j].State {
				return b.Calls[i].State < b.Calls[j].State
			}
			return b.Calls[i].A.Name < b.Calls[j].A.Name
		})
	default:
		return b, fmt.Errorf("unknown block %q", name)
	}
	return b, nil
}

func (r *renderer) search() error {
	pg := r.newPage("search/", "Search",
		"Search the groups, affiliates, trainings and guides of NAMI Connection.", nil)
	pg.scripts("search.js")
	if len(pg.Scripts) > 0 {
		pg.Fetches = []string{r.link("search/manifest.json")}
	}
	return r.render("search/index.html", "pages/search.html", pg)
}

// plainData is the data of a plain page (about, privacy).
type plainData struct {
	Page *site.Page
	Body template.HTML
}

func (r *renderer) plainPages() error {
	for _, p := range r.s.Pages {
		body, err := r.markdown(p)
		if err != nil {
			return err
		}
		pg := r.newPage(p.Slug+"/", p.Title, p.Summary, plainData{Page: p, Body: body})
		if err := r.render(p.Slug+"/index.html", "pages/page.html", pg); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) notFound() error {
	pg := r.newPage("404.html", "Page not found",
		"This page does not exist. Find a NAMI Connection group, or reach the crisis line.", nil)
	pg.NoIndex = true
	return r.render("404.html", "pages/404.html", pg)
}
