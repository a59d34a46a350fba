// Package schema holds the JSON Schemas (draft 2020-12) of the data files that affiliate editors
// write, for editor autocompletion, hover help and validation while typing:
//
//	site.schema.json       data/site.yaml
//	affiliate.schema.json  data/affiliates/SLUG.yaml
//	group.schema.json      data/groups/AFFILIATE/SLUG.yaml
//	training.schema.json   data/trainings/SLUG.yaml
//
// The schemas express every rule of the data contract that a schema can: required keys, no
// unknown keys, allowed values, the shapes of slugs, dates, times, URLs, USPS codes, ZIP codes
// and phone numbers, and which keys one value makes required or forbidden. Rules that need more
// than one file (a parent that names a state organization, unique names) or arithmetic (an end
// date on or after the start) are left to sitegen check.
//
// The package embeds the files so that tests and tools can compile them with [Compile] and feed
// them YAML documents converted by [FromYAML].
package schema

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// Files holds the schema files, named as in this directory (for example "group.schema.json").
//
//go:embed *.json
var Files embed.FS

// Compile compiles the embedded schema with the given file name, such as "group.schema.json",
// as draft 2020-12. Format keywords are annotations only: the patterns carry the rules.
func Compile(name string) (*jsonschema.Schema, error) {
	src, err := Files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema %s: not a JSON object", name)
	}
	id, ok := obj["$id"].(string)
	if !ok || id == "" {
		return nil, fmt.Errorf("schema %s: no $id", name)
	}
	// A compiler per call: the schemas are self-contained, and a shared compiler would be
	// package-level mutable state.
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	// "format": "date" refuses a day that does not exist (2025-02-29), as editors'
	// validators that assert formats do; the pattern alone cannot know leap years.
	c.AssertFormat()
	// Register the document under its own $id so that no loader (file or network) is needed.
	if err := c.AddResource(id, doc); err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	return sch, nil
}

// FromYAML converts one YAML document to the values that encoding/json would produce from the
// same data (map[string]any, []any, string, bool, nil and numbers), ready for
// [jsonschema.Schema.Validate].
//
// Unlike decoding into any with the yaml package, dates and times such as 2025-09-15 stay the
// strings the editor wrote, because the schemas describe them as strings; integers stay
// integers and other numbers become float64. Empty input gives nil. Aliases, duplicate keys,
// custom tags, non-scalar keys, infinite numbers and more than one document are errors, as they
// are in data files.
func FromYAML(src []byte) (any, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("line %d: more than one yaml document", extra.Line)
	}
	return convertNode(&doc)
}

// convertNode converts n and everything below it.
func convertNode(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return convertNode(n.Content[0])
	case yaml.AliasNode:
		return nil, fmt.Errorf("line %d: yaml aliases are not allowed", n.Line)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: a key must be a plain value", k.Line)
			}
			if _, dup := m[k.Value]; dup {
				return nil, fmt.Errorf("line %d: duplicate key %q", k.Line, k.Value)
			}
			cv, err := convertNode(v)
			if err != nil {
				return nil, err
			}
			m[k.Value] = cv
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, item := range n.Content {
			cv, err := convertNode(item)
			if err != nil {
				return nil, err
			}
			s = append(s, cv)
		}
		return s, nil
	case yaml.ScalarNode:
		return convertScalar(n)
	}
	return nil, fmt.Errorf("line %d: unexpected yaml node", n.Line)
}

// convertScalar converts a scalar by its resolved tag. Timestamps and binary values keep the
// text as written.
func convertScalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!str", "!!timestamp", "!!binary":
		return n.Value, nil
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, err
		}
		return b, nil
	case "!!int":
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, err
		}
		switch v.(type) {
		case int, int64, uint64:
			return v, nil
		}
		return nil, fmt.Errorf("line %d: %q is not an integer", n.Line, n.Value)
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, err
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, fmt.Errorf("line %d: %q is not a finite number", n.Line, n.Value)
		}
		return f, nil
	}
	return nil, fmt.Errorf("line %d: unsupported yaml tag %s", n.Line, n.Tag)
}
