#!/usr/bin/env bash
# Runs every test of sitegen: formatting, vet, the Go tests under the race detector, a short
# fuzzing run, the iCalendar check with ical.js and the browser tests in Chromium.
# It installs what the tests need when it is missing (Debian's chromium, node and npm, the
# pinned npm packages), so a fresh clone needs nothing but Go and this command.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi
}

apt_updated=0
apt_install() {
	if [ $apt_updated = 0 ]; then
		as_root apt-get update -qq || return 1
		apt_updated=1
	fi
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

say "tools"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	apt_install nodejs npm || echo "!! node/npm are missing and could not be installed: the ical.js and browser tests will not run"
fi
if ! command -v chromium >/dev/null && [ ! -x /usr/bin/chromium ]; then
	apt_install chromium fonts-dejavu-core || echo "!! chromium is missing and could not be installed: browser tests will skip (and fail under CI=true)"
fi
if ! command -v jq >/dev/null; then
	apt_install jq || echo "!! jq is missing and could not be installed: the reminders script test will skip (and fail under CI=true)"
fi
for dir in test/ical test/browser; do
	if [ -f "$dir/package-lock.json" ] && command -v npm >/dev/null; then
		if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
			(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
			touch "$dir/node_modules"
		fi
	fi
done

say "gofmt and go vet"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*'))
if [ -n "$unformatted" ]; then
	echo "not gofmt-clean:"; echo "$unformatted"; exit 1
fi
go vet ./...

say "go test -race"
go test -race -count=1 ./...

say "fuzzing (short)"
# The loader and the front matter, Markdown through the whole render, and the whole build of a
# generated site with one file replaced: what check lets through must build.
# Go 1.26's fuzzing coordinator can fail a run when -fuzztime ends while a worker is mid-input:
# "context deadline exceeded", with no failing input written (golang/go#75804, fixed in Go
# 1.27). That one message with no new file in the target's corpus is reported and passed over;
# any other failure, or a failing input written, fails the run.
fuzzlog=$(mktemp)
trap 'rm -f "$fuzzlog"' EXIT
for spec in internal/load:FuzzRead internal/load:FuzzFrontMatter internal/build:FuzzMarkdown internal/build:FuzzBuild; do
	pkg=${spec%%:*} target=${spec#*:}
	corpus="$pkg/testdata/fuzz/$target"
	before=$({ find "$corpus" -type f 2>/dev/null || true; } | wc -l)
	if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime 12s "./$pkg" 2>&1 | tee "$fuzzlog"; then
		after=$({ find "$corpus" -type f 2>/dev/null || true; } | wc -l)
		if [ "$after" = "$before" ] && grep -q '^    context deadline exceeded$' "$fuzzlog" && ! grep -q 'Failing input written' "$fuzzlog"; then
			echo "!! $target: the fuzzing coordinator's own deadline (golang/go#75804), no failing input: not a failure"
		else
			exit 1
		fi
	fi
done

if [ -f test/browser/package.json ]; then
	say "browser tests (Chromium)"
	npm --prefix test/browser test
fi

say "all tests passed"
