package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version and commit are set when a release is built:
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.commit=$(git rev-parse HEAD)" ./cmd/sitegen
//
// Without them, sitegen reports the module version and the git commit that the Go toolchain
// stamps into every build made in a git checkout, or "(devel)".
var (
	version string
	commit  string
)

// runVersion prints "sitegen VERSION (commit COMMIT, GO OS/ARCH)".
func runVersion(e *env, args []string) int {
	v, c := version, commit
	goVersion := runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		if c == "" {
			dirty := false
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					c = s.Value
				case "vcs.modified":
					dirty = s.Value == "true"
				}
			}
			if c != "" && dirty {
				c += "+dirty"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	if c == "" {
		c = "unknown"
	}
	fmt.Fprintf(e.stdout, "sitegen %s (commit %s, %s %s/%s)\n", v, c, goVersion, runtime.GOOS, runtime.GOARCH)
	return exitOK
}
