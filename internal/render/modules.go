package render

import (
	"fmt"
	"path"
	"regexp"
	"sort"
)

// importSpec matches the relative specifier of a static or dynamic import in a JavaScript
// module: `from "./fold.js"`, `import "./x.js"`, `import("./x.js")`.
var importSpec = regexp.MustCompile(`((?:\bfrom|\bimport)\s*\(?\s*)(["'])\./([A-Za-z0-9_-]+\.js)(["'])`)

// addModules adds the JavaScript files of templates (by path) as assets. A module may import
// another by its plain name ("./fold.js"): the specifier is rewritten to the other's hashed
// name, which is computed first, so that a change to an imported module renames every module
// that imports it too and no browser keeps a stale copy.
func (r *renderer) addModules(js map[string][]byte) error {
	byName := map[string]string{} // base name → path
	for p := range js {
		byName[path.Base(p)] = p
	}
	state := map[string]int{} // 1 visiting, 2 done
	var add func(p string) error
	add = func(p string) error {
		switch state[p] {
		case 1:
			return fmt.Errorf("render: templates: %s imports itself through others", p)
		case 2:
			return nil
		}
		state[p] = 1
		var err error
		data := importSpec.ReplaceAllFunc(js[p], func(m []byte) []byte {
			sub := importSpec.FindSubmatch(m)
			dep, ok := byName[string(sub[3])]
			if ok {
				r.imports[path.Base(p)] = append(r.imports[path.Base(p)], string(sub[3]))
			}
			if !ok {
				err = fmt.Errorf("render: templates: %s imports ./%s, which is not in templates", p, sub[3])
				return m
			}
			if e := add(dep); e != nil {
				err = e
				return m
			}
			return fmt.Appendf(nil, "%s%s./%s%s", sub[1], sub[2], path.Base(r.assets[string(sub[3])]), sub[4])
		})
		if err != nil {
			return err
		}
		state[p] = 2
		return r.addAsset(p, data)
	}
	paths := make([]string, 0, len(js))
	for p := range js {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if err := add(p); err != nil {
			return err
		}
	}
	return nil
}
