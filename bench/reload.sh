#!/usr/bin/env bash
# Measures sitegen serve's reload time: from a file write to the reload event a browser gets
# (the watcher's debounce, the rebuild, the event), on the sample site and on a generated site
# of 10,000 groups written to disk. Targets: under 100 ms on the sample, under 1 s at 10,000.
# The figures depend on the machine and on what else runs on it: measure on a quiet one.
#
#   bench/reload.sh            # both sites
#   COUNT=3 bench/reload.sh    # reloads measured per site (default 10 on the sample, 3 at 10,000)
set -euo pipefail
cd "$(dirname "$0")/.."

sample=${COUNT:-10}
large=${COUNT:-3}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
go test -run '^$' -bench 'BenchmarkReload/site=sample$' -benchtime "${sample}x" ./internal/serve | tee "$out"
go test -run '^$' -bench 'BenchmarkReload/groups=10000$' -benchtime "${large}x" -timeout 30m ./internal/serve | tee -a "$out"

echo
echo "time from a file write to the reload event (mean per reload):"
awk '/^BenchmarkReload/ {
	name = $1; sub(/^BenchmarkReload\//, "", name); sub(/-[0-9]+$/, "", name)
	for (i = 1; i < NF; i++) if ($(i + 1) == "ms/reload") ms = $i
	target = (name ~ /sample/) ? 100 : 1000
	printf "  %-14s %8.0f ms   (target < %d ms: %s)\n", name, ms, target, (ms < target) ? "met" : "NOT met"
}' "$out"
