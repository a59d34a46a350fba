package render

import (
	"fmt"
	"path"
	"runtime/debug"

	"github.com/evanw/esbuild/pkg/api"
)

// minified reports whether minify makes the file of templates at p smaller: scripts and
// stylesheets.
func minified(p string) bool {
	return path.Ext(p) == ".js" || path.Ext(p) == ".css"
}

// minify returns a script module or a stylesheet of templates made small for the wire, by
// esbuild: without spaces and comments, local names shortened, syntax made shorter where
// every browser of the target reads it the same. The finder's script loses two fifths of its
// bytes (a sixth gzip), the stylesheet a third (a quarter gzip); exported names stay. name is
// the file's path under templates, for errors.
func minify(name string, b []byte) ([]byte, error) {
	opts := api.TransformOptions{
		Sourcefile:        name,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8, // "ñ" as it is, not \\u00f1
		LegalComments:     api.LegalCommentsNone,
	}
	// Shortening uses nothing these browsers lack (a ||= b in a script, a colour as #rrggbbaa
	// in a stylesheet), and a script written in syntax they lack is an error. Safari 14.1 is
	// the oldest that reads the scripts' destructuring and the stylesheet's inset, Chrome 86
	// the oldest with the Element.replaceChildren the pages call. esbuild does not add the
	// functions a browser lacks, and writes a regular expression they cannot read (a
	// lookbehind) as a call of RegExp, which throws as the script starts:
	// TestScriptsUseWhatTheTargetsHave keeps both out.
	opts.Engines = []api.Engine{
		{Name: api.EngineChrome, Version: "86"},
		{Name: api.EngineEdge, Version: "86"},
		{Name: api.EngineFirefox, Version: "78"},
		{Name: api.EngineSafari, Version: "14.1"},
	}
	switch path.Ext(name) {
	case ".js":
		opts.Loader = api.LoaderJS
		opts.Format = api.FormatESModule
	case ".css":
		opts.Loader = api.LoaderCSS
	default:
		return b, nil
	}
	r := api.Transform(string(b), opts)
	if len(r.Errors) > 0 {
		e := r.Errors[0]
		if l := e.Location; l != nil {
			// A script's line is of its bundle, which holds the modules it imports.
			return nil, fmt.Errorf("render: templates/%s: line %d, column %d of what is minified: %s: %q", name, l.Line, l.Column+1, e.Text, l.LineText)
		}
		return nil, fmt.Errorf("render: templates/%s: %s", name, e.Text)
	}
	return r.Code, nil
}

// minifier returns the minifier's module and version, a part of each minified asset's key: a
// new version may write other bytes for the same source.
func minifier() string {
	const mod = "github.com/evanw/esbuild"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == mod {
				return mod + "@" + d.Version
			}
		}
	}
	return mod
}
