package load

import "go.yaml.in/yaml/v3"

// Affiliate is data/affiliates/SLUG.yaml.
type Affiliate struct {
	Path      string
	Slug      string // from the file name
	Name      string
	Kind      string
	State     string
	Parent    string
	Website   string
	Email     string
	Phone     string
	Address   *Address
	Timezone  string
	Counties  []string
	Champions *Champions
	About     string
	Editors   []string
	// Translations hold about in other languages.
	Translations []*Translation
	Keys         Keys
	// Failed is set when the file could not be read as a mapping; load has reported why,
	// and check skips the file's own rules so as not to report the same problem again.
	Failed bool
}

// Address is a postal address.
type Address struct {
	Street, City, State, PostalCode string
	Keys                            Keys
}

// Champions is an affiliate's call for Connection Champions.
type Champions struct {
	Wanted  *bool
	Tasks   []string
	TaskAt  []Pos
	Contact string
	Keys    Keys
}

func (d *decoder) affiliate(n *yaml.Node, slug string) *Affiliate {
	a := &Affiliate{Path: d.path, Slug: slug, Keys: Keys{}}
	a.Failed = !d.mapping(n, "the affiliate", a.Keys,
		field{"name", d.text(&a.Name, MaxName)},
		field{"kind", d.str(&a.Kind)},
		field{"state", d.str(&a.State)},
		field{"parent", d.str(&a.Parent)},
		field{"website", d.str(&a.Website)},
		field{"email", d.str(&a.Email)},
		field{"phone", d.str(&a.Phone)},
		field{"address", d.address(&a.Address)},
		field{"timezone", d.str(&a.Timezone)},
		field{"counties", d.strings(&a.Counties, nil, MaxLine)},
		field{"champions", d.champions(&a.Champions)},
		field{"about", d.text(&a.About, MaxNotes)},
		field{"editors", d.strings(&a.Editors, nil, maxCode)},
		d.translation(&a.Translations, "about"),
	)
	return a
}

func (d *decoder) address(into **Address) func(*yaml.Node) {
	return func(n *yaml.Node) {
		a := &Address{Keys: Keys{}}
		if d.mapping(n, "address", a.Keys,
			field{"street", d.text(&a.Street, MaxLine)},
			field{"city", d.text(&a.City, MaxLine)},
			field{"state", d.str(&a.State)},
			field{"postal_code", d.str(&a.PostalCode)},
		) {
			*into = a
		}
	}
}

func (d *decoder) champions(into **Champions) func(*yaml.Node) {
	return func(n *yaml.Node) {
		c := &Champions{Keys: Keys{}}
		if d.mapping(n, "champions", c.Keys,
			field{"wanted", d.boolean(&c.Wanted)},
			field{"tasks", d.strings(&c.Tasks, &c.TaskAt, maxCode)},
			field{"contact", d.str(&c.Contact)},
		) {
			*into = c
		}
	}
}
