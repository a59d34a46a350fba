package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"sitegen/internal/civil"
	"sitegen/internal/diag"
	"sitegen/internal/suggest"
)

// Exit codes.
const (
	exitOK    = 0 // the site is fine
	exitSite  = 1 // the site has errors (or warnings under --strict)
	exitUsage = 2 // the command line is wrong
)

// command is one subcommand: its name, a one-line summary, the usage line and its flags.
type command struct {
	name    string
	summary string
	usage   string
	flags   func(*env) *flag.FlagSet
	run     func(*env, []string) int
}

// env is what a command runs with: its output streams and the parsed common flags.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	source         string
	nowFlag        string
	format         string
	strict         bool
	stale          bool // check --stale: list listings to confirm instead of problems
	destination    string
	baseURL        string
	bind           string
	port           int
}

func commands() []*command {
	return []*command{
		{
			name:    "check",
			summary: "check every data and content file and report each problem",
			usage:   "sitegen check [FILE…] [-s DIR] [--now YYYY-MM-DD] [--format text|github|json] [--strict] [--stale]",
			flags:   checkFlags,
			run:     runCheck,
		},
		{
			name:    "build",
			summary: "check the site and write it to the destination folder",
			usage:   "sitegen build [-s DIR] [-d DIR] [--base-url URL] [--now YYYY-MM-DD] [--format text|github|json] [--strict]",
			flags:   buildFlags,
			run:     runBuild,
		},
		{
			name:    "serve",
			summary: "build the site into memory, serve it, and rebuild and reload pages on every change",
			usage:   "sitegen serve [-s DIR] [--bind 127.0.0.1] [--port 1313] [--now YYYY-MM-DD]",
			flags:   serveFlags,
			run:     runServe,
		},
		{
			name:    "new",
			summary: "write a new group, affiliate or training file to fill in",
			usage:   "sitegen new group AFFILIATE/SLUG | new affiliate SLUG | new training SLUG [-s DIR]",
			flags:   sourceFlags,
			run:     runNew,
		},
		{
			name:    "codeowners",
			summary: "write .github/CODEOWNERS so that each affiliate's editors review its files",
			usage:   "sitegen codeowners [-s DIR]",
			flags:   sourceFlags,
			run:     runCodeOwners,
		},
		{
			name:    "version",
			summary: "print the version of sitegen",
			usage:   "sitegen version",
			flags:   func(*env) *flag.FlagSet { return flag.NewFlagSet("version", flag.ContinueOnError) },
			run:     runVersion,
		},
		{
			name:    "help",
			summary: "explain a command",
			usage:   "sitegen help [COMMAND]",
			flags:   func(*env) *flag.FlagSet { return flag.NewFlagSet("help", flag.ContinueOnError) },
			run:     runHelp,
		},
	}
}

func sourceFlags(e *env) *flag.FlagSet {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	fs.StringVar(&e.source, "s", ".", "the site's root `DIR`, holding data/, content/ and templates/")
	fs.StringVar(&e.source, "source", ".", "same as -s")
	return fs
}

func commonFlags(e *env) *flag.FlagSet {
	fs := sourceFlags(e)
	fs.StringVar(&e.nowFlag, "now", "", "the build `DATE` (YYYY-MM-DD); default SOURCE_DATE_EPOCH's day, or today (UTC)")
	fs.StringVar(&e.format, "format", "text", "how to print problems: text, github (Actions annotations) or json")
	fs.BoolVar(&e.strict, "strict", false, "fail on warnings too")
	return fs
}

func checkFlags(e *env) *flag.FlagSet {
	fs := commonFlags(e)
	fs.BoolVar(&e.stale, "stale", false, "list the groups not confirmed for stale_after_days, by affiliate, with the editors to ask (text or json)")
	return fs
}

func buildFlags(e *env) *flag.FlagSet {
	fs := commonFlags(e)
	fs.StringVar(&e.destination, "d", "", "the output `DIR` (default SOURCE/public)")
	fs.StringVar(&e.destination, "destination", "", "same as -d")
	fs.StringVar(&e.baseURL, "base-url", "", "the `URL` the site is published at (overrides data/site.yaml)")
	return fs
}

// run runs the command line args (without the program name) and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return runEnv(args, &env{stdout: stdout, stderr: stderr, getenv: os.Getenv})
}

func runEnv(args []string, e *env) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "-help" {
		usage(e.stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		fs := c.flags(e)
		fs.SetOutput(e.stderr)
		fs.Usage = func() {
			fmt.Fprintf(e.stderr, "usage: %s\n\n%s.\n\nflags:\n", c.usage, capitalize(c.summary))
			fs.PrintDefaults()
		}
		// Flags may come before or after the arguments: "new group x/y -s site".
		var rest []string
		list := args[1:]
		for {
			if err := fs.Parse(list); err != nil {
				if errors.Is(err, flag.ErrHelp) {
					return exitOK
				}
				return exitUsage
			}
			if fs.NArg() == 0 {
				break
			}
			rest = append(rest, fs.Arg(0))
			list = fs.Args()[1:]
		}
		if !validFormat(e.format) {
			fmt.Fprintf(e.stderr, "sitegen %s: --format must be text, github or json, not %q\n", c.name, e.format)
			return exitUsage
		}
		return c.run(e, rest)
	}
	fmt.Fprintf(e.stderr, "sitegen: unknown command %q%s\n\n", name, didYouMeanCommand(name))
	usage(e.stderr)
	return exitUsage
}

// didYouMeanCommand suggests the command closest to name, as the end of a message.
func didYouMeanCommand(name string) string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	if s := suggest.Closest(name, names); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

func validFormat(f string) bool {
	for _, ok := range diag.Formats {
		if f == ok || f == "" {
			return true
		}
	}
	return false
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "sitegen builds the NAMI Connection support group directory from data/ and content/.")
	fmt.Fprintln(w, "\nusage: sitegen COMMAND [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"sitegen help COMMAND\" for a command's flags.")
}

func runHelp(e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			fs := c.flags(&env{})
			fs.SetOutput(e.stdout)
			fmt.Fprintf(e.stdout, "usage: %s\n\n%s.\n", c.usage, capitalize(c.summary))
			if c.name == "new" {
				fmt.Fprintln(e.stdout, "\nIt writes a commented file with placeholders and refuses to overwrite a file or to\nadd a group to an affiliate that does not exist.")
			}
			fmt.Fprintln(e.stdout, "\nflags:")
			fs.PrintDefaults()
			return exitOK
		}
	}
	fmt.Fprintf(e.stderr, "sitegen help: unknown command %q%s\n", args[0], didYouMeanCommand(args[0]))
	return exitUsage
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// now returns the build date: --now, else the UTC day of SOURCE_DATE_EPOCH, else today (UTC).
func (e *env) now() (civil.Date, error) {
	if e.nowFlag != "" {
		d, err := civil.ParseDate(e.nowFlag)
		if err != nil {
			return civil.Date{}, fmt.Errorf("--now: %v", err)
		}
		return d, nil
	}
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return civil.Date{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)
		}
		return civil.DateOf(time.Unix(sec, 0).UTC()), nil
	}
	return civil.DateOf(time.Now().UTC()), nil
}
