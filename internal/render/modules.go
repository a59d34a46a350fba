package render

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
)

// The forms of import and export that templates' modules may use, each starting a line (see
// rewrite): bundle rewrites them, and refuses any other, rather than ship a script that
// breaks. Each is matched against one statement.
var (
	// importNamed matches `import { a, b as c } from "./x.js";`, over several lines too.
	importNamed = regexp.MustCompile(`(?m)^import\s*\{([^}]*)\}\s*from\s*["']\./([A-Za-z0-9_-]+\.js)["'];?[ \t]*$`)
	// importBare matches `import "./x.js";`, a module imported for its effects.
	importBare = regexp.MustCompile(`(?m)^import\s*["']\./([A-Za-z0-9_-]+\.js)["'];?[ \t]*$`)
	// exportDecl matches the start of an exported declaration: `export async function name`.
	exportDecl = regexp.MustCompile(`(?m)^export\s+((?:async\s+)?function\s*\*?\s*|class\s+|const\s+)([A-Za-z_$][A-Za-z0-9_$]*)`)
	// exportList matches `export { a, b };` and `export {};`.
	exportList = regexp.MustCompile(`(?m)^export\s*\{([^}]*)\}\s*;?[ \t]*$`)
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
	mods := map[string]*module{} // by base name
	for p, b := range js {
		mods[path.Base(p)] = &module{name: path.Base(p), path: p, src: stripComments(b)}
	}
	names := slices.Sorted(maps.Keys(mods))
	for _, n := range names {
		b, err := bundle(n, mods)
		if err != nil {
			return fmt.Errorf("render: templates: %w", err)
		}
		if err := r.addAsset(mods[n].path, b); err != nil {
			return err
		}
	}
	return nil
}

// module is one JavaScript file of templates, as bundle reads it: each form is made once,
// whichever bundles hold it.
type module struct {
	name, path string
	src        []byte // without its comment lines
	imports    []string
	entry      []byte // as the first module of its own bundle, exports kept
	wrapped    []byte // as another's import: in a function returning its exports
	done       bool   // imports, entry and wrapped are set
}

// prepare sets m's imports and its two forms, once.
func (m *module) prepare() error {
	if m.done {
		return nil
	}
	entry, _, imports, err := rewrite(m.name, m.src, true)
	if err != nil {
		return err
	}
	body, exports, _, err := rewrite(m.name, m.src, false)
	if err != nil {
		return err
	}
	m.imports = imports
	var w bytes.Buffer
	fmt.Fprintf(&w, "const %s = (() => {\n", moduleVar(m.name))
	w.Write(body)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		w.WriteByte('\n')
	}
	fmt.Fprintf(&w, "return { %s };\n})();\n\n", strings.Join(exports, ", "))
	m.entry, m.wrapped, m.done = entry, w.Bytes(), true
	return nil
}

// bundle returns module entry with every module it imports, directly or not, from mods (by
// base name), as one module: each imported module, once, in the order a browser would run
// them, inside a function of its own that returns its exports, so that the names of one never
// meet another's; then entry itself, whose exports stay exports. Imports become
// destructurings of those functions' results. Modules must not import one another in a circle.
func bundle(entry string, mods map[string]*module) ([]byte, error) {
	var out bytes.Buffer
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
		m := mods[n]
		if err := m.prepare(); err != nil {
			return err
		}
		for _, d := range m.imports {
			if mods[d] == nil {
				return fmt.Errorf("%s imports ./%s, which is not in templates", n, d)
			}
			if err := visit(d); err != nil {
				return err
			}
		}
		state[n] = 2
		if n == entry {
			out.Write(m.entry)
		} else {
			out.Write(m.wrapped)
		}
		return nil
	}
	if err := visit(entry); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// rewrite returns the source of module n with its imports made destructurings of the modules'
// variables (see moduleVar) and, unless keep, the word export taken off its declarations; the
// names it exports; and the modules it imports, in their order. A form of import or export
// that bundle does not know is an error. It reads the source a line at a time: imports and
// exports start lines, and only those lines (and those naming import at all) meet a regular
// expression.
func rewrite(n string, b []byte, keep bool) (out []byte, exports, imports []string, err error) {
	fail := func(format string, args ...any) {
		if err == nil {
			err = fmt.Errorf("%s: "+format, append([]any{n}, args...)...)
		}
	}
	unsupported := func(stmt []byte) {
		fail("cannot bundle %q: import with { names } from \"./x.js\", export function, class or const", bytes.TrimSpace(stmt))
	}
	out = make([]byte, 0, len(b))
	for len(b) > 0 {
		var line []byte
		line, b = nextLine(b)
		switch {
		case startsWord(line, "import"):
			// import { a,\n b } from "./x.js": the statement runs to the line closing it.
			for bytes.Contains(line, []byte("{")) && !bytes.Contains(line, []byte("}")) && len(b) > 0 {
				var next []byte
				next, b = nextLine(b)
				line = append(line[:len(line):len(line)], next...)
			}
			stmt := bytes.TrimRight(line, "\n")
			if sub := importNamed.FindSubmatch(stmt); sub != nil {
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
				imports = append(imports, string(sub[2]))
				out = fmt.Appendf(out, "const { %s } = %s;", strings.Join(parts, ", "), moduleVar(string(sub[2])))
			} else if sub := importBare.FindSubmatch(stmt); sub != nil {
				imports = append(imports, string(sub[1]))
			} else {
				unsupported(stmt)
			}
			out = append(out, line[len(stmt):]...) // the line's end
		case startsWord(line, "export"):
			if sub := exportList.FindSubmatch(line); sub != nil {
				for _, item := range strings.Split(string(sub[1]), ",") {
					if name := strings.TrimSpace(item); name != "" {
						if !identifier.MatchString(name) {
							fail("cannot bundle the export of %q", name)
						}
						exports = append(exports, name)
					}
				}
				if !keep {
					line = line[len(bytes.TrimRight(line, "\n")):]
				}
			} else if sub := exportDecl.FindSubmatch(line); sub != nil {
				exports = append(exports, string(sub[2]))
				if !keep {
					line = bytes.TrimPrefix(line, []byte("export "))
				}
			} else {
				// export let (whose live binding a bundle would freeze), export default…
				unsupported(line)
			}
			out = append(out, line...)
		default:
			if bytes.Contains(line, []byte("import")) && dynamicImport.Match(line) {
				unsupported(line)
			}
			out = append(out, line...)
		}
	}
	return out, exports, imports, err
}

// nextLine splits b after its first line, newline included.
func nextLine(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i+1], b[i+1:]
	}
	return b, nil
}

// startsWord reports whether line starts with the word w (not merely with its letters, as
// "important" starts with "import").
func startsWord(line []byte, w string) bool {
	if !bytes.HasPrefix(line, []byte(w)) {
		return false
	}
	if len(line) == len(w) {
		return true
	}
	c := line[len(w)]
	return !(c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
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
		var line []byte
		line, b = nextLine(b)
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
