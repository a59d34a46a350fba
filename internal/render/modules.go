package render

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
)

// The forms of import and export that templates' modules may use, each on lines of its own:
// bundle rewrites them, and refuses any other, rather than ship a script that breaks.
var (
	// importNamed matches `import { a, b as c } from "./x.js";`, over several lines too.
	importNamed = regexp.MustCompile(`(?m)^import\s*\{([^}]*)\}\s*from\s*["']\./([A-Za-z0-9_-]+\.js)["'];?[ \t]*$`)
	// importBare matches `import "./x.js";`, a module imported for its effects.
	importBare = regexp.MustCompile(`(?m)^import\s*["']\./([A-Za-z0-9_-]+\.js)["'];?[ \t]*$`)
	// exportDecl matches the start of an exported declaration: `export async function name`.
	exportDecl = regexp.MustCompile(`(?m)^export\s+((?:async\s+)?function\s*\*?\s*|class\s+|const\s+)([A-Za-z_$][A-Za-z0-9_$]*)`)
	// exportList matches `export { a, b };` and `export {};`.
	exportList = regexp.MustCompile(`(?m)^export\s*\{([^}]*)\}\s*;?[ \t]*$`)
	// importOrExport matches any line that starts an import or an export.
	importOrExport = regexp.MustCompile(`(?m)^(?:import|export)\b.*$`)
	// dynamicImport matches a dynamic import, import("./x.js"), on a line that is not a
	// comment's (JSDoc types name modules so: {import("./find.js").Found}).
	dynamicImport = regexp.MustCompile(`(?m)^[ \t]*(?:[^ \t*/].*)?\bimport\s*\(.*$`)
	identifier    = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)
)

// addModules adds the JavaScript files of templates (by path) as assets, each bundled with the
// modules it imports (see bundle): a page then loads its script in one request instead of
// one per module, which on a phone's connection, limited to six requests at a time, saves a
// round before the page can search. An asset's name carries the hash of the whole bundle, so
// a change to an imported module renames every script that holds it and no browser keeps a
// stale copy.
func (r *renderer) addModules(js map[string][]byte) error {
	src := map[string][]byte{} // base name → source
	paths := map[string]string{}
	for p, b := range js {
		src[path.Base(p)] = b
		paths[path.Base(p)] = p
	}
	names := make([]string, 0, len(src))
	for n := range src {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := bundle(n, src)
		if err != nil {
			return fmt.Errorf("render: templates: %w", err)
		}
		if err := r.addAsset(paths[n], b); err != nil {
			return err
		}
	}
	return nil
}

// bundle returns module entry with every module it imports, directly or not, from src (by
// base name), as one module: each imported module, once, in the order a browser would run
// them, inside a function of its own that returns its exports, so that the names of one never
// meet another's; then entry itself, whose exports stay exports. Imports become
// destructurings of those functions' results. Modules must not import one another in a circle.
func bundle(entry string, src map[string][]byte) ([]byte, error) {
	var order []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(n string) error
	visit = func(n string) error {
		switch state[n] {
		case 1:
			return fmt.Errorf("%s imports itself through others", n)
		case 2:
			return nil
		}
		state[n] = 1
		for _, d := range importsOf(src[n]) {
			if _, ok := src[d]; !ok {
				return fmt.Errorf("%s imports ./%s, which is not in templates", n, d)
			}
			if err := visit(d); err != nil {
				return err
			}
		}
		state[n] = 2
		order = append(order, n)
		return nil
	}
	if err := visit(entry); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	for _, n := range order {
		body, exports, err := rewrite(n, stripComments(src[n]), n == entry)
		if err != nil {
			return nil, err
		}
		if n == entry {
			out.Write(body)
			break
		}
		fmt.Fprintf(&out, "const %s = (() => {\n", moduleVar(n))
		out.Write(body)
		if len(body) > 0 && body[len(body)-1] != '\n' {
			out.WriteByte('\n')
		}
		fmt.Fprintf(&out, "return { %s };\n})();\n\n", strings.Join(exports, ", "))
	}
	return out.Bytes(), nil
}

// importsOf returns the modules that the source b of a module imports, in their order.
func importsOf(b []byte) []string {
	type at struct {
		pos  int
		name string
	}
	var found []at
	for _, m := range importNamed.FindAllSubmatchIndex(b, -1) {
		found = append(found, at{m[0], string(b[m[4]:m[5]])})
	}
	for _, m := range importBare.FindAllSubmatchIndex(b, -1) {
		found = append(found, at{m[0], string(b[m[2]:m[3]])})
	}
	sort.Slice(found, func(i, j int) bool { return found[i].pos < found[j].pos })
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.name
	}
	return out
}

// rewrite returns the source of module n with its imports made destructurings of the modules'
// variables (see moduleVar) and, unless keep, the word export taken off its declarations; and
// the names it exports. A form of import or export that bundle does not know is an error.
func rewrite(n string, b []byte, keep bool) ([]byte, []string, error) {
	var exports []string
	var err error
	fail := func(format string, args ...any) {
		if err == nil {
			err = fmt.Errorf("%s: "+format, append([]any{n}, args...)...)
		}
	}
	b = importNamed.ReplaceAllFunc(b, func(m []byte) []byte {
		sub := importNamed.FindSubmatch(m)
		var parts []string
		for _, item := range strings.Split(string(sub[1]), ",") {
			f := strings.Fields(item)
			switch {
			case len(f) == 0:
			case len(f) == 1 && identifier.MatchString(f[0]):
				parts = append(parts, f[0])
			case len(f) == 3 && f[1] == "as" && identifier.MatchString(f[0]) && identifier.MatchString(f[2]):
				parts = append(parts, f[0]+": "+f[2])
			default:
				fail("cannot bundle the import of %q", strings.TrimSpace(item))
			}
		}
		return fmt.Appendf(nil, "const { %s } = %s;", strings.Join(parts, ", "), moduleVar(string(sub[2])))
	})
	b = importBare.ReplaceAll(b, nil)
	b = exportList.ReplaceAllFunc(b, func(m []byte) []byte {
		for _, item := range strings.Split(string(exportList.FindSubmatch(m)[1]), ",") {
			if name := strings.TrimSpace(item); name != "" {
				if !identifier.MatchString(name) {
					fail("cannot bundle the export of %q", name)
				}
				exports = append(exports, name)
			}
		}
		if keep {
			return m
		}
		return nil
	})
	b = exportDecl.ReplaceAllFunc(b, func(m []byte) []byte {
		sub := exportDecl.FindSubmatch(m)
		exports = append(exports, string(sub[2]))
		if keep {
			return m
		}
		return bytes.TrimPrefix(m, []byte("export "))
	})
	// What is left: forms bundle does not rewrite (export let, export default, import * as,
	// dynamic imports). Only the entry may keep its exports.
	for _, m := range append(importOrExport.FindAll(b, -1), dynamicImport.FindAll(b, -1)...) {
		line := string(m)
		if keep && (exportDecl.MatchString(line) || exportList.MatchString(line)) {
			continue
		}
		fail("cannot bundle %q: import with { names } from \"./x.js\", export function, class or const", strings.TrimSpace(line))
	}
	return b, exports, err
}

// moduleVar returns the name of the variable that holds the exports of module n in a bundle.
func moduleVar(n string) string {
	return "module_" + strings.NewReplacer("-", "_", ".", "_").Replace(strings.TrimSuffix(n, ".js"))
}

// stripComments returns b without its comment lines: lines that hold only a // comment, and
// block comments (JSDoc) that start a line and end one. The scripts' comments are for their
// readers in templates/; a search loads the bundle, where they were a third of its bytes
// (about 9 KB gzip of the finder's). Comments after code stay, and so does every line of a
// template literal that spans lines (found by counting backquotes), so that no string or
// regular expression is touched.
func stripComments(b []byte) []byte {
	out := make([]byte, 0, len(b))
	inBlock, inTemplate := false, false
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i+1], b[i+1:]
		} else {
			b = nil
		}
		t := bytes.TrimSpace(line)
		switch {
		case inBlock:
			if end := bytes.Index(t, []byte("*/")); end >= 0 {
				inBlock = false
				if rest := bytes.TrimSpace(t[end+2:]); len(rest) > 0 {
					out = append(out, rest...) // code after the comment's end
					out = append(out, '\n')
				}
			}
			continue
		case inTemplate:
		case bytes.HasPrefix(t, []byte("//")):
			continue
		case bytes.HasPrefix(t, []byte("/*")):
			end := bytes.Index(t[2:], []byte("*/"))
			if end < 0 {
				inBlock = true
				continue
			}
			if len(bytes.TrimSpace(t[2+end+2:])) == 0 {
				continue
			}
		}
		if bytes.Count(line, []byte("`"))%2 == 1 {
			inTemplate = !inTemplate
		}
		out = append(out, line...)
	}
	return out
}
