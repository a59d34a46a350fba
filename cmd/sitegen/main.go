// Sitegen builds the directory of NAMI Connection Recovery Support Groups from YAML data and
// Markdown guides into a static site.
//
// Usage:
//
//	sitegen check [-s DIR] [--now YYYY-MM-DD] [--format text|github|json] [--strict] [--stale]
//	sitegen build [-s DIR] [-d DIR] [--base-url URL] [--now YYYY-MM-DD] [--format ...] [--strict]
//	sitegen new group AFFILIATE/SLUG | new affiliate SLUG | new training SLUG
//	sitegen codeowners [-s DIR]
//	sitegen version
//	sitegen help [COMMAND]
//
// Run "sitegen help" for the details of each command.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
