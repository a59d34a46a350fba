package main

import (
	"errors"
	"flag"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The GitHub Actions workflows under .github/workflows are tested here, since what they run
// must be what the command accepts and what the README documents.

// workflow is the part of a workflow file the tests read.
type workflow struct {
	file string
	node yaml.Node
	Name string
	On   map[string]yaml.Node `yaml:"on"`
	Jobs map[string]struct {
		Needs       yaml.Node         `yaml:"needs"`
		RunsOn      string            `yaml:"runs-on"`
		Permissions map[string]string `yaml:"permissions"`
		Steps       []wfStep          `yaml:"steps"`
	} `yaml:"jobs"`
	Permissions map[string]string `yaml:"permissions"`
}

type wfStep struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

// needs returns the jobs a job needs.
func needs(n yaml.Node) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			out = append(out, c.Value)
		}
		return out
	}
	return nil
}

func readWorkflows(t *testing.T) map[string]*workflow {
	t.Helper()
	names, err := filepath.Glob("../../.github/workflows/*.yml")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*workflow{}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		w := &workflow{file: ".github/workflows/" + filepath.Base(name)}
		if err := yaml.Unmarshal(b, &w.node); err != nil {
			t.Fatalf("%s: %v", w.file, err)
		}
		dec := yaml.NewDecoder(strings.NewReader(string(b)))
		dec.KnownFields(false)
		if err := dec.Decode(w); err != nil {
			t.Fatalf("%s: %v", w.file, err)
		}
		if w.Name == "" || len(w.On) == 0 || len(w.Jobs) == 0 {
			t.Errorf("%s: a workflow needs a name, on: and jobs:", w.file)
		}
		out[filepath.Base(name)] = w
	}
	for _, want := range []string{"check.yml", "publish.yml", "reminders.yml", "release.yml"} {
		if out[want] == nil {
			t.Fatalf(".github/workflows/%s is missing", want)
		}
	}
	return out
}

// actionRE is an action pinned by the full SHA of a commit; versionRE the comment naming its
// release.
var (
	actionRE  = regexp.MustCompile(`^([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)(?:/[A-Za-z0-9_./-]+)?@([0-9a-f]{40})$`)
	versionRE = regexp.MustCompile(`^# v[0-9]+\.[0-9]+\.[0-9]+$`)
)

// TestWorkflowActionsPinned: every action is pinned by a 40-hex commit SHA with its release
// in a comment ("uses: actions/checkout@<sha> # v7.0.1"), and one action has one pin.
func TestWorkflowActionsPinned(t *testing.T) {
	pins := map[string]string{} // action → sha # version
	for _, w := range readWorkflows(t) {
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					k, v := n.Content[i], n.Content[i+1]
					if k.Value != "uses" {
						continue
					}
					m := actionRE.FindStringSubmatch(v.Value)
					if m == nil {
						t.Errorf("%s:%d: uses: %s is not pinned by a full commit SHA (owner/repo@<40 hex>)", w.file, v.Line, v.Value)
						continue
					}
					if !versionRE.MatchString(v.LineComment) {
						t.Errorf("%s:%d: uses: %s has no comment naming its release (# v1.2.3), got %q", w.file, v.Line, v.Value, v.LineComment)
					}
					pin := m[2] + " " + v.LineComment
					if prev, ok := pins[m[1]]; ok && prev != pin {
						t.Errorf("%s:%d: %s is pinned to %s here and %s elsewhere", w.file, v.Line, m[1], pin, prev)
					}
					pins[m[1]] = pin
				}
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(&w.node)
	}
	if len(pins) < 6 {
		t.Errorf("%d actions used, want at least checkout, setup-go, upload-artifact and the three Pages actions", len(pins))
	}
}

// TestWorkflowCommands reads every run: step as the shell would split it and checks each
// command: sitegen (go run ./cmd/sitegen, or a sitegen binary) with a command and flags that
// the README's CLI reference names and that sitegen's own flag parsing accepts; any other
// program from a short list; scripts that exist.
func TestWorkflowCommands(t *testing.T) {
	named := readmeFlags(t)
	allowed := map[string]bool{"go": true, "gh": true, "jq": true, "npm": true, "echo": true, "tar": true, "grep": true}
	for _, w := range readWorkflows(t) {
		for jobName, job := range w.Jobs {
			for _, st := range job.Steps {
				if st.Run == "" {
					continue
				}
				where := w.file + ": job " + jobName + ", step " + st.Name
				for _, cmd := range shellCommands(st.Run) {
					prog := cmd[0]
					switch {
					case prog == "go" && len(cmd) > 2 && cmd[1] == "run":
						if cmd[2] != "./cmd/sitegen" {
							t.Errorf("%s: go run %s: only ./cmd/sitegen is run", where, cmd[2])
							continue
						}
						checkSitegen(t, where, cmd[3:], named)
					case path.Base(prog) == "sitegen":
						checkSitegen(t, where, cmd[1:], named)
					case prog == "go":
						if len(cmd) < 2 || !slices.Contains([]string{"vet", "test", "build"}, cmd[1]) {
							t.Errorf("%s: %q: go is used to run, vet, test or build only", where, cmd)
						}
					case strings.HasPrefix(prog, "./scripts/"):
						info, err := os.Stat("../../" + prog)
						if err != nil || info.Mode()&0o111 == 0 {
							t.Errorf("%s: %s is not an executable script of the repository", where, prog)
						}
					case !allowed[prog]:
						t.Errorf("%s: %q runs %s, which the tests do not know", where, cmd, prog)
					}
				}
			}
		}
	}
}

// checkSitegen checks one sitegen command line: its command and flags are named in the
// README's usage line of that command, and sitegen's flag parsing accepts them.
func checkSitegen(t *testing.T, where string, args []string, named map[string][]string) {
	t.Helper()
	if len(args) == 0 {
		t.Errorf("%s: sitegen without a command", where)
		return
	}
	var c *command
	for _, cc := range commands() {
		if cc.name == args[0] {
			c = cc
		}
	}
	if c == nil {
		t.Errorf("%s: sitegen %s is not a command", where, args[0])
		return
	}
	for _, a := range args[1:] {
		if !strings.HasPrefix(a, "-") {
			continue
		}
		name, _, _ := strings.Cut(a, "=")
		if !slices.Contains(named[c.name], name) {
			t.Errorf("%s: sitegen %s %s: the README's usage line of %s does not name %s", where, c.name, name, c.name, name)
		}
	}
	// What runEnv does before running: parse the flags (before or after arguments) and the format.
	e := &env{stdout: io.Discard, stderr: io.Discard}
	fs := c.flags(e)
	fs.SetOutput(io.Discard)
	var rest []string
	list := args[1:]
	for {
		if err := fs.Parse(list); err != nil {
			if !errors.Is(err, flag.ErrHelp) {
				t.Errorf("%s: sitegen %q: %v", where, args, err)
			}
			return
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		list = fs.Args()[1:]
	}
	if !validFormat(e.format) {
		t.Errorf("%s: sitegen %q: --format %q", where, args, e.format)
	}
	if e.stale && e.format == "github" {
		t.Errorf("%s: sitegen %q: --stale prints text or json", where, args)
	}
	if len(rest) > 0 && c.name != "new" && c.name != "help" {
		t.Errorf("%s: sitegen %q: %s takes no arguments", where, args, c.name)
	}
	if e.nowFlag != "" && !regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`).MatchString(e.nowFlag) {
		t.Errorf("%s: sitegen %q: --now %q is not a date", where, args, e.nowFlag)
	}
}

// readmeFlags returns, for each command, the flags its usage line in the README's CLI
// reference names, with their other spellings from the flags table ("-s", "--source").
func readmeFlags(t *testing.T) map[string][]string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, ref, _ := strings.Cut(string(b), "## CLI reference")
	if i := strings.Index(ref, "\n## "); i >= 0 {
		ref = ref[:i]
	}
	aliases := map[string][]string{}
	for _, m := range regexp.MustCompile("(?m)^\\| `(-[a-z-]+)`, `(--[a-z-]+)").FindAllStringSubmatch(ref, -1) {
		aliases[m[1]] = append(aliases[m[1]], m[2])
		aliases[m[2]] = append(aliases[m[2]], m[1])
	}
	out := map[string][]string{}
	flagRE := regexp.MustCompile(`(?:^|[\s\[])(--?[a-z][a-z-]*)`)
	for _, m := range regexp.MustCompile(`(?m)^sitegen ([a-z]+)(.*)$`).FindAllStringSubmatch(ref, -1) {
		for _, f := range flagRE.FindAllStringSubmatch(m[2], -1) {
			out[m[1]] = append(out[m[1]], f[1])
			out[m[1]] = append(out[m[1]], aliases[f[1]]...)
		}
	}
	if len(out["check"]) == 0 || len(out["build"]) == 0 {
		t.Fatalf("the README's CLI reference has no usage lines for check and build")
	}
	return out
}

// TestWorkflowsDoTheirJobs checks what each workflow promises: check.yml annotates, builds
// and attaches the site on pull requests; publish.yml builds with the day's date on pushes
// to main and nightly, uploads only the build's folder, and deploys only after the build
// succeeded; reminders.yml runs weekly from check --stale's JSON; release.yml builds the
// release on v* tags.
func TestWorkflowsDoTheirJobs(t *testing.T) {
	wfs := readWorkflows(t)
	runs := func(w *workflow, job string) string {
		var all []string
		for _, st := range w.Jobs[job].Steps {
			all = append(all, st.Run)
		}
		return strings.Join(all, "\n")
	}
	step := func(w *workflow, job, action string) *wfStep {
		for i, st := range w.Jobs[job].Steps {
			if strings.HasPrefix(st.Uses, action+"@") {
				return &w.Jobs[job].Steps[i]
			}
		}
		t.Errorf("%s: job %s does not use %s", w.file, job, action)
		return &wfStep{}
	}

	check := wfs["check.yml"]
	if _, ok := check.On["pull_request"]; !ok {
		t.Errorf("check.yml does not run on pull_request")
	}
	r := runs(check, "check")
	for _, want := range []string{"go run ./cmd/sitegen check --format github", "go run ./cmd/sitegen build -d public"} {
		if !strings.Contains(r, want) {
			t.Errorf("check.yml does not run %q", want)
		}
	}
	if up := step(check, "check", "actions/upload-artifact"); strings.TrimSuffix(up.With["path"], "/") != "public" {
		t.Errorf("check.yml attaches %q, want the build's folder public/", up.With["path"])
	}
	if check.Permissions["contents"] != "read" || len(check.Permissions) != 1 {
		t.Errorf("check.yml permissions = %v, want contents: read alone", check.Permissions)
	}

	pub := wfs["publish.yml"]
	var push struct{ Branches []string }
	if n, ok := pub.On["push"]; !ok || n.Decode(&push) != nil || !slices.Equal(push.Branches, []string{"main"}) {
		t.Errorf("publish.yml does not run on pushes to main")
	}
	if _, ok := pub.On["schedule"]; !ok {
		t.Errorf("publish.yml has no schedule (nightly builds keep dates current)")
	}
	if !regexp.MustCompile(`go run ./cmd/sitegen build .*--now "\$\(date -u \+%Y-%m-%d\)" -d public`).MatchString(runs(pub, "build")) {
		t.Errorf("publish.yml does not build with today's date into public:\n%s", runs(pub, "build"))
	}
	if co := step(pub, "build", "actions/checkout"); co.With["fetch-depth"] != "0" {
		t.Errorf("publish.yml checks out with fetch-depth %q, want 0 (dates from git history)", co.With["fetch-depth"])
	}
	step(pub, "build", "actions/configure-pages")
	if up := step(pub, "build", "actions/upload-pages-artifact"); strings.TrimSuffix(up.With["path"], "/") != "public" || up.With["include-hidden-files"] == "true" {
		t.Errorf("publish.yml uploads %v, want public/ without its hidden .sitegen marker", up.With)
	}
	for name, job := range pub.Jobs {
		if slices.ContainsFunc(job.Steps, func(s wfStep) bool { return strings.HasPrefix(s.Uses, "actions/deploy-pages@") }) {
			if !slices.Contains(needs(job.Needs), "build") {
				t.Errorf("publish.yml: job %s deploys without needing the build job", name)
			}
			if job.Permissions["pages"] != "write" || job.Permissions["id-token"] != "write" {
				t.Errorf("publish.yml: job %s permissions = %v, want pages and id-token: write", name, job.Permissions)
			}
		} else if job.Permissions["pages"] == "write" {
			t.Errorf("publish.yml: job %s may write Pages but does not deploy", name)
		}
	}
	step(pub, "deploy", "actions/deploy-pages")

	rem := wfs["reminders.yml"]
	if _, ok := rem.On["schedule"]; !ok {
		t.Errorf("reminders.yml has no schedule")
	}
	if !strings.Contains(runs(rem, "reminders"), "go run ./cmd/sitegen check --stale --format json > stale.json") ||
		!strings.Contains(runs(rem, "reminders"), "./scripts/reminders.sh stale.json") {
		t.Errorf("reminders.yml does not feed check --stale's JSON to scripts/reminders.sh")
	}
	if rem.Permissions["issues"] != "write" {
		t.Errorf("reminders.yml cannot write issues: %v", rem.Permissions)
	}

	rel := wfs["release.yml"]
	var tags struct{ Tags []string }
	if n, ok := rel.On["push"]; !ok || n.Decode(&tags) != nil || !slices.Equal(tags.Tags, []string{"v*"}) {
		t.Errorf("release.yml does not run on v* tags")
	}
	if !strings.Contains(runs(rel, "release"), `./scripts/release.sh "$GITHUB_REF_NAME" "$GITHUB_SHA"`) {
		t.Errorf("release.yml does not build with scripts/release.sh, the tag and the commit")
	}
	script, err := os.ReadFile("../../scripts/release.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"} {
		if !strings.Contains(string(script), target) {
			t.Errorf("scripts/release.sh does not build for %s", target)
		}
	}
	if !strings.Contains(runs(rel, "release"), "SHA256SUMS") {
		t.Errorf("release.yml does not attach the checksums")
	}
}

// shellCommands splits a run: script into simple commands, each a list of words, as the
// shell would: quotes removed, "\" line continuations joined, commands separated by
// newlines, ";", "&&", "||" and "|", redirections and their targets dropped, variable
// assignments before a command and shell keywords skipped. A word holding an expansion
// ($VAR, "$(…)", ${{ … }}) becomes "2000-01-01", a value every flag of sitegen takes,
// unless it names the program.
func shellCommands(script string) [][]string {
	script = regexp.MustCompile(`\$\{\{[^}]*\}\}`).ReplaceAllLiteralString(script, "$EXPR")
	script = strings.ReplaceAll(script, "\\\n", " ")
	var cmds [][]string
	var cur []string
	var word strings.Builder
	inWord, expanded, redirect := false, false, false
	endWord := func() {
		if !inWord {
			return
		}
		w := word.String()
		if expanded && len(cur) > 0 {
			w = "2000-01-01" // an argument; a program's name is kept to be recognized
		}
		switch {
		case redirect:
			redirect = false
		case len(cur) == 0 && regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`).MatchString(w):
		case len(cur) == 0 && slices.Contains([]string{"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}"}, w):
		default:
			cur = append(cur, w)
		}
		word.Reset()
		inWord, expanded = false, false
	}
	endCmd := func() {
		endWord()
		if len(cur) > 0 {
			cmds = append(cmds, cur)
		}
		cur = nil
	}
	for i := 0; i < len(script); i++ {
		c := script[i]
		switch {
		case c == '#' && !inWord:
			for i < len(script) && script[i] != '\n' {
				i++
			}
			endCmd()
		case c == '\'':
			inWord = true
			j := strings.IndexByte(script[i+1:], '\'')
			word.WriteString(script[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			inWord = true
			for i++; i < len(script) && script[i] != '"'; i++ {
				if script[i] == '\\' && i+1 < len(script) {
					i++
				} else if script[i] == '$' {
					expanded = true
				}
				word.WriteByte(script[i])
			}
		case c == '$':
			inWord, expanded = true, true
			if i+1 < len(script) && script[i+1] == '(' {
				depth := 0
				for ; i < len(script); i++ {
					if script[i] == '(' {
						depth++
					} else if script[i] == ')' {
						if depth--; depth == 0 {
							break
						}
					}
				}
			}
		case c == '\n' || c == ';' || c == '|' || c == '&':
			endCmd()
			if c == '&' && i+1 < len(script) && script[i+1] == '>' { // &> file
				redirect = true
			}
		case c == '>' || c == '<':
			endWord()
			if i+1 < len(script) && script[i+1] == '&' { // 2>&1
				i += 2
				continue
			}
			for i+1 < len(script) && script[i+1] == '>' {
				i++
			}
			redirect = true
		case c == ' ' || c == '\t':
			endWord()
		case c >= '0' && c <= '9' && !inWord && i+1 < len(script) && script[i+1] == '>':
			// The file descriptor of a redirection, 2> …
		default:
			inWord = true
			word.WriteByte(c)
		}
	}
	endCmd()
	return cmds
}

func TestShellCommands(t *testing.T) {
	got := shellCommands(`go run ./cmd/sitegen build --now "$(date -u +%Y-%m-%d)" -d public
{
  echo "### x" # a comment
  echo "[a](${{ steps.x.outputs.y }})"
} >> "$GITHUB_STEP_SUMMARY"
if gh release view "$TAG" > /dev/null 2>&1; then
  gh release upload a \
    b --clobber
fi
X=1 jq -r '.a | .b' f | grep -F "x y" && ./scripts/r.sh out.json
"$RUNNER_TEMP/x/sitegen" version`)
	want := [][]string{
		{"go", "run", "./cmd/sitegen", "build", "--now", "2000-01-01", "-d", "public"},
		{"echo", "### x"},
		{"echo", "2000-01-01"},
		{"gh", "release", "view", "2000-01-01"},
		{"gh", "release", "upload", "a", "b", "--clobber"},
		{"jq", "-r", ".a | .b", "f"},
		{"grep", "-F", "x y"},
		{"./scripts/r.sh", "out.json"},
		{"$RUNNER_TEMP/x/sitegen", "version"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("shellCommands =\n%q\nwant\n%q", got, want)
	}
}
