package render

import (
	"html/template"
	"net/url"
	"slices"
	"strings"

	"sitegen/internal/site"
	"sitegen/internal/words"
)

// chrome is the part of a page around its main content: the crisis bar and header ("top")
// and the footer ("bottom"). It depends only on the language and the section the page is in,
// so it is executed once for each and reused on every page.
type chrome struct {
	Top, Bottom template.HTML
}

// chromeData is the data of the "top" and "bottom" templates.
type chromeData struct {
	SiteTitle string
	Section   string
	Crisis    lineData
	Helpline  lineData
	Pages     []pageLink // the plain pages, for the footer
}

// pageLink is a link to a page in the language of the page that shows it.
type pageLink struct {
	URL, Title string
}

// lineData is a phone line as the layout shows it, in one language.
type lineData struct {
	Name, Phone, Text string
	Option            string // what to press after calling for this language's service
}

// line returns the line l as pages in language g give it.
func (r *renderer) line(g *lang, l site.Line) lineData {
	t := l.In(g.code)
	return lineData{Name: t.Name, Phone: t.Phone, Text: t.Text, Option: t.Option}
}

// chrome returns the chrome of pages in language l under section, making it the first time.
func (r *renderer) chrome(l *lang, section string) chrome {
	if c, ok := l.chrome.Load(section); ok {
		return c.(chrome)
	}
	d := chromeData{
		SiteTitle: r.s.TitleFor(l.code),
		Section:   section,
		Crisis:    r.line(l, r.s.Crisis),
		Helpline:  r.line(l, r.s.Helpline),
	}
	for _, p := range r.s.Pages {
		title := p.Title
		if t, ok := p.In(l.code); ok {
			title = t.Title
		}
		d.Pages = append(d.Pages, pageLink{URL: r.link(l, p.Path()), Title: title})
	}
	var c chrome
	var b strings.Builder
	if err := l.lists.ExecuteTemplate(&b, "top", d); err == nil {
		c.Top = template.HTML(b.String())
	} else {
		c.Top = template.HTML("<!-- " + template.HTMLEscapeString(err.Error()) + " -->")
	}
	b.Reset()
	if err := l.lists.ExecuteTemplate(&b, "bottom", d); err == nil {
		c.Bottom = template.HTML(b.String())
	} else {
		c.Bottom = template.HTML("<!-- " + template.HTMLEscapeString(err.Error()) + " -->")
	}
	l.chrome.Store(section, c)
	return c
}

// checkChrome executes the chrome of every language and section once, so that a broken
// layout partial fails the build instead of leaving a comment in every page.
func (r *renderer) checkChrome() error {
	for _, l := range r.langs {
		for _, section := range []string{"", "groups", "trainings", "affiliates", "search"} {
			d := chromeData{SiteTitle: r.s.TitleFor(l.code), Section: section, Crisis: r.line(l, r.s.Crisis), Helpline: r.line(l, r.s.Helpline)}
			for _, name := range []string{"top", "bottom"} {
				if l.lists.Lookup(name) == nil {
					return errorf("render: templates: no template %q (the layout's %s part)", name, name)
				}
				var b strings.Builder
				if err := l.lists.ExecuteTemplate(&b, name, d); err != nil {
					return errorf("render: %v", err)
				}
			}
		}
	}
	return nil
}

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
	if i := strings.IndexAny(text, "\"“"); i >= 0 {
		_, n := firstRune(text[i:])
		rest := text[i+n:]
		if j := strings.IndexAny(rest, "\"”"); j > 0 {
			// Messaging apps read "+" literally: write a space as %20.
			u += "?body=" + strings.ReplaceAll(url.QueryEscape(rest[:j]), "+", "%20")
		}
	}
	return template.URL(u)
}

func firstRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			return r, len(string(r))
		}
	}
	return 0, 0
}

// textLabel writes a line's text instructions as a phrase after "or": a number alone as the
// catalogue's line.text ("text 988", "envíe un mensaje de texto al 988"), other instructions
// as written, starting in lower case ("text \"helpline\" to 62640").
func textLabel(w *words.Catalog, text string) string {
	if d := digitsOf(text); d != "" && d == strings.TrimSpace(text) {
		return w.T("line.text", "text", text)
	}
	r, n := firstRune(text)
	if n == 0 {
		return text
	}
	return strings.ToLower(string(r)) + text[n:]
}

// phoneWords writes a 10-digit US number as 614-555-0190 and leaves others as written.
func phoneWords(phone string) string {
	d := digitsOf(phone)
	if len(d) != 10 {
		return phone
	}
	return d[:3] + "-" + d[3:6] + "-" + d[6:]
}

// nonBreaking turns hyphens into non-breaking hyphens (U+2011) and spaces into non-breaking
// spaces. A Replacer is safe for concurrent use and never changes: one for every call.
var nonBreaking = strings.NewReplacer("-", "\u2011", " ", "\u00a0")

// noBreak keeps a phone number on one line, as html-validate's tel-non-breaking rule asks of
// the text of a tel: link.
func noBreak(s string) string { return nonBreaking.Replace(s) }

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
		lat := strconvFloat(p.Lat)
		lon := strconvFloat(p.Lon)
		return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=17/" + lat + "/" + lon
	}
	q := strings.Join(nonEmpty(p.Street, p.City, p.State, p.PostalCode), ", ")
	if q == "" {
		return ""
	}
	return "https://www.openstreetmap.org/search?query=" + url.QueryEscape(q)
}

// nonEmpty returns the strings of ss that are not "".
func nonEmpty(ss ...string) []string {
	return slices.DeleteFunc(slices.Clone(ss), func(s string) bool { return s == "" })
}
