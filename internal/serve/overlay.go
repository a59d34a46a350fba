package serve

import (
	"html"
	"strings"

	"sitegen/internal/diag"
)

// overlayCSSPath is the address of the overlay's stylesheet, served by the dev server. The
// overlay uses no inline style, so that a strict Content-Security-Policy still shows it.
const overlayCSSPath = "/_sitegen/overlay.css"

// What the overlay says above its problems: the page under it is the last good build's, or
// no build has succeeded yet, or this page alone could not be made (a template that fails
// on some pages only, found when the page is first asked for).
const (
	leadLastGood = `<h2>The site does not build</h2><p>This page is the last good build. Fix these problems and save: the page reloads by itself (with scripts off, reload it).</p>`
	leadNoBuild  = `<h2>The site does not build</h2><p>No build has succeeded yet. Fix these problems and save: the page reloads by itself (with scripts off, reload it).</p>`
	leadThisPage = `<h2>This page could not be made</h2><p>The site builds, but a template fails on this page. Fix it and save: the page reloads by itself (with scripts off, reload it).</p>`
)

// overlayHTML returns the overlay listing problems, one per line as PATH:LINE:COL: message,
// to be injected into every HTML page while the site fails to build, or into a page that
// could not be made. It is plain HTML: it shows with scripts blocked. lead is one of the
// lead* constants.
func overlayHTML(problems diag.List, lead string) string {
	var b strings.Builder
	b.WriteString(`<link rel="stylesheet" href="` + overlayCSSPath + `">`)
	b.WriteString(`<div id="sitegen-overlay" role="alert">` + lead + `<ul>`)
	for _, d := range problems {
		b.WriteString(`<li class="sitegen-`)
		b.WriteString(d.Severity.String())
		b.WriteString(`"><code>`)
		line := d.Position() + ": " + d.Message
		if d.Severity == diag.Warning {
			line = d.Position() + ": warning: " + d.Message
		}
		b.WriteString(html.EscapeString(line))
		b.WriteString("</code></li>")
	}
	b.WriteString("</ul></div>")
	return b.String()
}

// overlayCSS puts the overlay above the page, readable, and scrollable when long.
const overlayCSS = `#sitegen-overlay {
  position: fixed;
  inset: 0 0 auto 0;
  z-index: 2147483647;
  max-height: 70vh;
  overflow: auto;
  margin: 0;
  padding: 1rem 1.5rem;
  background: #fff5f5;
  color: #1a1a1a;
  border-bottom: 4px solid #b00020;
  box-shadow: 0 2px 12px rgb(0 0 0 / 0.3);
  font: 16px/1.45 system-ui, sans-serif;
  text-align: left;
}
#sitegen-overlay h2 {
  margin: 0 0 0.5rem;
  color: #b00020;
  font-size: 1.25rem;
}
#sitegen-overlay p {
  margin: 0 0 0.5rem;
}
#sitegen-overlay ul {
  margin: 0;
  padding: 0;
  list-style: none;
}
#sitegen-overlay li {
  margin: 0.25rem 0;
}
#sitegen-overlay code {
  font: 14px/1.4 ui-monospace, monospace;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
#sitegen-overlay .sitegen-warning code {
  color: #5c4400;
}
`
