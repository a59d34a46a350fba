// Package review says who reviews what among a site's data files, and what needs reviewing:
// the CODEOWNERS rules that ask each affiliate's editors to review changes to its files
// ([CodeOwners], kept in step by [CheckCodeOwners]), and the groups whose listing has not
// been confirmed for too long, by affiliate, with the editors to ask ([Stale]).
//
// Both read the files as loaded ([load.Files]), not the published model: a private or
// paused group is reviewed like any other, and a training hosted by an affiliate asks that
// affiliate's editors whether or not it is published.
//
// # CODEOWNERS
//
// The file is .github/CODEOWNERS, relative to the site's folder, which is taken to be the
// repository's root. sitegen writes one block, between a "# BEGIN sitegen codeowners" and a
// "# END sitegen codeowners" line, holding for each affiliate that lists editors:
//
//	/data/affiliates/SLUG.yaml @editor …       the affiliate's own file
//	/data/groups/SLUG/ @editor …               its groups' folder, new groups included
//	/data/trainings/TRAINING.yaml @editor …    each training whose host is the affiliate
//
// Everything outside the block is kept as written: rules for the rest of the repository
// ("* @org/web-team") belong above it, since in CODEOWNERS the last matching rule wins.
package review

import (
	"bytes"
	"cmp"
	"errors"
	"io/fs"
	"slices"
	"strings"

	"sitegen/internal/diag"
	"sitegen/internal/load"
)

// CodeOwnersPath is where the file is, relative to the site's folder.
const CodeOwnersPath = ".github/CODEOWNERS"

// ShadowedPaths returns the other places GitHub looks for the file, after CodeOwnersPath: a
// file there is not read while CodeOwnersPath exists.
func ShadowedPaths() []string { return []string{"CODEOWNERS", "docs/CODEOWNERS"} }

// The lines that open and close the block sitegen writes.
const (
	beginMarker = "# BEGIN sitegen codeowners"
	endMarker   = "# END sitegen codeowners"
	noteMarker  = "# Change those and run" // the start of the block's second line
)

// Command is what an editor runs to rewrite the file.
const Command = "sitegen codeowners"

// Owner is one CODEOWNERS rule of the block: a path pattern and who owns it.
type Owner struct {
	Pattern string   // "/data/groups/nami-ohio/"
	Owners  []string // "@jdoe", "@org/team"
	From    string   // the affiliate file whose editors these are
}

// Line is the rule as CODEOWNERS writes it.
func (o Owner) Line() string { return o.Pattern + " " + strings.Join(o.Owners, " ") }

// Owners returns the rules of the block for files, by affiliate slug, then the affiliate's
// file, its groups' folder and its trainings by path. Affiliates without editors have none.
func Owners(files *load.Files) []Owner {
	hosted := map[string][]string{} // affiliate slug → paths of the trainings it hosts
	for _, t := range files.Trainings {
		if t.Host != "" {
			hosted[t.Host] = append(hosted[t.Host], t.Path)
		}
	}
	affiliates := slices.Clone(files.Affiliates)
	slices.SortFunc(affiliates, func(a, b *load.Affiliate) int { return cmp.Compare(a.Slug, b.Slug) })
	var out []Owner
	for _, a := range affiliates {
		owners := Handles(a.Editors)
		if len(owners) == 0 {
			continue
		}
		add := func(pattern string) {
			out = append(out, Owner{Pattern: pattern, Owners: owners, From: a.Path})
		}
		add("/" + a.Path)
		add("/data/groups/" + a.Slug + "/")
		trainings := hosted[a.Slug]
		slices.Sort(trainings)
		for _, p := range trainings {
			add("/" + p)
		}
	}
	return out
}

// Handles returns editors as CODEOWNERS writes owners: "@name" or "@org/team", each once,
// in the order given. Empty names are left out.
func Handles(editors []string) []string {
	var out []string
	for _, e := range editors {
		e = strings.TrimPrefix(strings.TrimSpace(e), "@")
		if e == "" {
			continue
		}
		if h := "@" + e; !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// block returns the lines sitegen writes, markers included.
func block(owners []Owner) string {
	var b strings.Builder
	b.WriteString(beginMarker + ": written from the editors in data/affiliates/*.yaml.\n")
	b.WriteString(noteMarker + " \"" + Command + "\" instead of editing these lines.\n")
	for _, o := range owners {
		b.WriteString(o.Line() + "\n")
	}
	b.WriteString(endMarker + "\n")
	return b.String()
}

// header is what a new file starts with, above the block.
const header = `# Who is asked to review a pull request, by path; the last matching rule wins.
# Rules for the rest of the repository (templates, code) go above the block below,
# for example:  * @your-org/web-team
`

// CodeOwners returns the new contents of the CODEOWNERS file for files, given its current
// contents (nil when it does not exist): the block is replaced, or added at the end, and
// every other line is kept, but for later blocks and rules after the block for one of its
// paths, which would decide instead of it. A block whose END line is missing ends at its
// last line of the kinds sitegen writes (see unterminated): the lines after it are kept.
func CodeOwners(current []byte, files *load.Files) []byte {
	owners := Owners(files)
	blk := block(owners)
	if len(current) == 0 {
		return []byte(header + "\n" + blk)
	}
	lines := strings.SplitAfter(string(current), "\n")
	begin, _ := markers(lines)
	if begin < 0 {
		s := strings.TrimRight(string(current), "\n")
		return []byte(s + "\n\n" + blk)
	}
	var b bytes.Buffer
	for _, l := range lines[:begin] {
		b.WriteString(l)
	}
	b.WriteString(blk)
	end := blockEnd(lines, begin)
	// The lines after the block, without any later block, nor a rule for one of the block's
	// paths, which would decide instead of it: one block says who owns what.
	ours := map[string]bool{}
	for _, o := range owners {
		ours[o.Pattern] = true
	}
	keep := func(ls []string) {
		for _, l := range ls {
			if strings.HasPrefix(strings.TrimSpace(l), endMarker) {
				continue // the END of a block nested in the one rewritten
			}
			if f := strings.Fields(l); len(f) == 0 || !ours[f[0]] {
				b.WriteString(l)
			}
		}
	}
	next := end + 1
	for _, later := range laterBlocks(lines, end) {
		keep(lines[next:later[0]])
		next = later[1] + 1
	}
	keep(lines[next:])
	return b.Bytes()
}

// unterminated returns the index of the last line of a block that starts at begin and has no
// END line: the run of lines after its BEGIN line that sitegen writes, its comment and rules
// for paths under /data/affiliates/, /data/groups/ and /data/trainings/. The first other
// line, a blank one included, is an editor's own and ends it: a rule written below the block
// ("/templates/ @web-team") is never taken for one of the block's and dropped.
func unterminated(lines []string, begin int) int {
	last := begin
	for i := begin + 1; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		ours := strings.HasPrefix(line, noteMarker) ||
			strings.HasPrefix(line, "/data/affiliates/") || strings.HasPrefix(line, "/data/groups/") || strings.HasPrefix(line, "/data/trainings/")
		if !ours {
			break
		}
		last = i
	}
	return last
}

// markers returns the indexes of the block's first and last lines, or -1. A marker may be
// indented.
func markers(lines []string) (begin, end int) {
	return markersFrom(lines, 0)
}

// markersFrom is markers for the first block that starts at or after line from.
func markersFrom(lines []string, from int) (begin, end int) {
	begin, end = -1, -1
	for i := from; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		switch {
		case begin < 0 && strings.HasPrefix(l, beginMarker):
			begin = i
		case begin >= 0 && strings.HasPrefix(l, beginMarker):
			return begin, -1 // another block starts before this one ends
		case begin >= 0 && strings.HasPrefix(l, endMarker):
			return begin, i
		}
	}
	return begin, -1
}

// blockEnd returns the index of the last line of the block that starts at begin: its END
// line, or where it stops without one (see unterminated).
func blockEnd(lines []string, begin int) int {
	if _, end := markersFrom(lines, begin); end >= 0 {
		return end
	}
	return unterminated(lines, begin)
}

// laterBlocks returns the first and last lines of each block after the one ending at end: a
// merge that kept both sides of a conflict leaves two, and the last matching rule wins.
func laterBlocks(lines []string, end int) [][2]int {
	var out [][2]int
	for {
		begin, _ := markersFrom(lines, end+1)
		if begin < 0 {
			return out
		}
		end = blockEnd(lines, begin)
		out = append(out, [2]int{begin, end})
	}
}

// CheckCodeOwners compares fsys's CODEOWNERS file with what the affiliates' editors give,
// rule by rule (the order of the block's lines does not matter, since its paths never
// overlap). Each difference is an error at its line, saying what to write or remove, and
// that "sitegen codeowners" rewrites the file; so are a second block and a rule after the
// block for one of its paths, which would decide instead of it. A CODEOWNERS file at a place
// GitHub reads only when this one is missing gets a warning. A site without the file is
// fine: CODEOWNERS is opted into by running the command once.
func CheckCodeOwners(fsys fs.FS, files *load.Files) diag.List {
	current, err := fs.ReadFile(fsys, CodeOwnersPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var diags diag.List
	if err != nil {
		diags.Add(CodeOwnersPath, 0, 0, diag.Error, "%v", err)
		return diags
	}
	// GitHub reads the first of .github/CODEOWNERS, CODEOWNERS and docs/CODEOWNERS.
	for _, other := range ShadowedPaths() {
		if _, err := fs.Stat(fsys, other); err == nil {
			diags.Add(other, 1, 1, diag.Warning, "GitHub reads %s first, so the rules of this file are not used: move them into %s, above the block of the affiliates' editors, and delete this file", CodeOwnersPath, CodeOwnersPath)
		}
	}
	lines := strings.SplitAfter(string(current), "\n")
	begin, end := markers(lines)
	switch {
	case begin < 0:
		diags.Add(CodeOwnersPath, 0, 0, diag.Error, "has no block of rules from the affiliates' editors: run %q to add it", Command)
		return diags
	case end < 0:
		diags.Add(CodeOwnersPath, begin+1, 1, diag.Error, "the block that starts here has no %q line: run %q to rewrite it (the block ends at line %d, its last rule for a file under /data/; the lines after it are kept)", endMarker, Command, unterminated(lines, begin)+1)
		return diags
	}
	later := laterBlocks(lines, end)
	for _, l := range later {
		diags.Add(CodeOwnersPath, l[0]+1, 1, diag.Error, "a second block of rules from the affiliates' editors starts here, and the last matching rule wins, so its rules decide, not the first block's: run %q, which keeps one", Command)
	}
	want := map[string]Owner{}
	for _, o := range Owners(files) {
		want[o.Pattern] = o
	}
	seen := map[string]int{} // pattern → line
	for i := begin + 1; i < end; i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n := i + 1
		f := strings.Fields(line)
		pattern, owners := f[0], f[1:]
		if first, dup := seen[pattern]; dup {
			diags.Add(CodeOwnersPath, n, 1, diag.Error, "%s is listed twice (first on line %d): remove this line, or run %q", pattern, first, Command)
			continue
		}
		seen[pattern] = n
		w, ok := want[pattern]
		switch {
		case !ok:
			diags.Add(CodeOwnersPath, n, 1, diag.Error, "no affiliate's editors own %s: remove this line, or run %q", pattern, Command)
		case !slices.Equal(owners, w.Owners):
			diags.Add(CodeOwnersPath, n, 1, diag.Error, "the editors in %s are %s, not %s: write %q, or run %q",
				w.From, strings.Join(w.Owners, " "), describe(owners), w.Line(), Command)
		}
	}
	// A rule after the block for one of its paths overrides it: the last matching rule wins
	// (what a block nested in another leaves, rewritten).
	inLater := map[int]bool{}
	for _, l := range later {
		for i := l[0]; i <= l[1]; i++ {
			inLater[i] = true
		}
	}
	for i := end + 1; i < len(lines); i++ {
		f := strings.Fields(lines[i])
		if inLater[i] || len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if o, ok := want[f[0]]; ok {
			diags.Add(CodeOwnersPath, i+1, 1, diag.Error, "this rule for %s comes after the block, so it decides instead of the block's (editors in %s): remove this line, or run %q", f[0], o.From, Command)
		}
	}
	var missing []Owner
	for _, o := range want {
		if _, ok := seen[o.Pattern]; !ok {
			missing = append(missing, o)
		}
	}
	slices.SortFunc(missing, func(a, b Owner) int { return cmp.Compare(a.Pattern, b.Pattern) })
	for _, o := range missing {
		diags.Add(CodeOwnersPath, end+1, 1, diag.Error, "no rule for %s (editors in %s): add %q above this line, or run %q",
			o.Pattern, o.From, o.Line(), Command)
	}
	return diags.Sort()
}

func describe(owners []string) string {
	if len(owners) == 0 {
		return "nobody"
	}
	return strings.Join(owners, " ")
}
