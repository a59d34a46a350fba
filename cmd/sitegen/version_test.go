package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestVersionInjected builds the command as a release does, with the version and commit
// given by -ldflags -X, and runs "sitegen version": both must be printed. It also checks
// that scripts/release.sh sets exactly those variables.
func TestVersionInjected(t *testing.T) {
	script, err := os.ReadFile("../../scripts/release.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-X main.version=$version", "-X main.commit=$commit"} {
		if !strings.Contains(string(script), want) {
			t.Errorf("scripts/release.sh does not pass %q to the linker", want)
		}
	}
	const (
		v = "v1.2.3-test"
		c = "0123456789abcdef0123456789abcdef01234567"
	)
	exe := filepath.Join(t.TempDir(), "sitegen")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	build := exec.Command("go", "build", "-ldflags", "-X main.version="+v+" -X main.commit="+c, "-o", exe, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(exe, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("sitegen version: %v\n%s", err, out)
	}
	want := regexp.MustCompile(`^sitegen ` + regexp.QuoteMeta(v) + ` \(commit ` + c + `, go[0-9.]+\S* ` + runtime.GOOS + `/` + runtime.GOARCH + `\)\n$`)
	if !want.Match(out) {
		t.Errorf("sitegen version = %q, want it to match %s", out, want)
	}
}

// TestVersionDevel: a build without -ldflags still says what it is.
func TestVersionDevel(t *testing.T) {
	r := sitegen(t, "version")
	if r.code != exitOK || !regexp.MustCompile(`^sitegen \S+ \(commit \S+, go`).MatchString(r.stdout) {
		t.Errorf("sitegen version = %d, %q", r.code, r.stdout)
	}
}
