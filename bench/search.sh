#!/usr/bin/env bash
# The search benchmark (not a test): builds a generated site of GROUPS groups (default 10,000)
# with the real templates, then reports, measured in the same run over the same output:
#   - sitegen: the time to build the search index, and the gzip bytes one search on /groups/
#     loads (page, CSS, scripts, index files), with the time to its first results;
#   - Pagefind (npm package pinned in bench/package.json): its indexing time, and the gzip bytes
#     its search loads for the same words.
# Needs Go, Node and Chromium (/usr/bin/chromium, or CHROMIUM=...); with Chromium's headless shell
# (Debian's chromium-headless-shell, or CHROMIUM_SHELL=...) each search is timed in it too.
#
#   bench/search.sh [GROUPS]
set -euo pipefail
cd "$(dirname "$0")/.."
groups=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# npm install, not npm ci: this npm leaves the other platforms' optional Pagefind binaries out of
# the lockfile, which npm ci then refuses; install still keeps to the locked versions. It
# rewrites the lockfile as it goes, which is put back as it was, so that a run leaves the
# repository as it found it.
cp bench/package-lock.json "$work/package-lock.json"
(cd bench && npm install --no-audit --no-fund --loglevel=error >/dev/null)
cp "$work/package-lock.json" bench/package-lock.json

echo "== building a generated site of $groups groups" >&2
go run ./bench/searchsite -groups "$groups" -out "$work/public" | tee "$work/build.json"

echo "== pagefind --site (indexing every page of the same output)" >&2
start=$(date +%s.%N)
bench/node_modules/.bin/pagefind --site "$work/public" >"$work/pagefind.log" 2>&1 || { cat "$work/pagefind.log" >&2; exit 1; }
end=$(date +%s.%N)
pf=$(awk "BEGIN { printf \"%.2f\", $end - $start }")
tail -n 4 "$work/pagefind.log" >&2
echo "pagefind indexing: ${pf} s" >&2

echo "== one search each, in Chromium over loopback" >&2
node bench/measure.mjs "$work/public" --pagefind-seconds "$pf"
