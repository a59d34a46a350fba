#!/usr/bin/env bash
# Times `sitegen build` against Hugo on the same generated site (not part of the test suite).
#
# For each size (SIZES, default "1000 10000" groups) it generates a site with cmd/synthsite,
# converts it into an equivalent Hugo site with bench/hugoconv (see its doc comment for what
# each side does), then runs each tool N times (default 5), alternating which goes first,
# after one untimed warm-up run of each. Every run writes a whole site to a new, empty folder
# on disk; the outputs are deleted only after the last run of a size. (Deleting a 20,000-file
# tree just before a run made the next run that creates files pay 10-15 s of extra system
# time on this machine's file system, whichever tool it was: a cost of the benchmark, not of
# the tools. The warm-up runs absorb what remains of it.) It prints, per size, the median
# wall time of each, the ratio sitegen/hugo, the median processor time (user + system: less
# disturbed than wall time when the machine is shared), the median peak RSS, and the pages
# and files each wrote, with the load average before and after.
#
# Usage: bench/hugo.sh             (N=5 SIZES="1000 10000" WORK=/tmp/... to change)
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-5}
SIZES=${SIZES:-"1000 10000"}
NOW=${NOW:-2026-11-23}
WORK=${WORK:-$(mktemp -d /tmp/sitegen-hugo.XXXXXX)}
mkdir -p "$WORK"

apt_install() {
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null
}
command -v hugo >/dev/null || apt_install hugo
[ -x /usr/bin/time ] || apt_install time

echo "hugo:    $(hugo version | cut -d' ' -f1-2)"
echo "go:      $(go version | cut -d' ' -f3)"
echo "cpus:    $(nproc)"
echo "work:    $WORK"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

go build -o "$WORK/sitegen" ./cmd/sitegen
go build -o "$WORK/hugoconv" ./bench/hugoconv

# run LABEL OUT CMD...: syncs the disk, runs CMD (which writes OUT), and appends
# "wall_ms rss_kb cpu_ms" to
# $WORK/LABEL.times.
run() {
	local label=$1 out=$2
	shift 2
	sync
	local t0 t1
	t0=$(date +%s%N)
	/usr/bin/time -f "%M %U %S" -o "$WORK/rss" "$@" >/dev/null
	t1=$(date +%s%N)
	echo "$(((t1 - t0) / 1000000)) $(awk '{printf "%d %d", $1, ($2 + $3) * 1000}' "$WORK/rss")" >>"$WORK/$label.times"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for size in $SIZES; do
	site=$WORK/site-$size hsite=$WORK/hugo-$size outs=$WORK/out-$size
	rm -rf "$site" "$hsite" "$outs"
	mkdir -p "$outs"
	go run ./cmd/synthsite -groups "$size" -o "$site"
	"$WORK/hugoconv" -s "$site" -now "$NOW" -o "$hsite"
	# one TOOL I: times TOOL (sitegen or hugo) writing $outs/TOOL-I, under label TOOL-SIZE.
	one() {
		local out=$outs/$1-$2 label=$1-$size
		((${2} > 0)) || label=warmup
		if [ "$1" = sitegen ]; then
			run "$label" "$out" "$WORK/sitegen" build -s "$site" --now "$NOW" -d "$out"
		else
			run "$label" "$out" hugo --source "$hsite" --destination "$out" --quiet
		fi
	}
	rm -f "$WORK/sitegen-$size.times" "$WORK/hugo-$size.times"
	one sitegen 0
	one hugo 0
	for i in $(seq "$N"); do
		if ((i % 2)); then
			one sitegen "$i"
			one hugo "$i"
		else
			one hugo "$i"
			one sitegen "$i"
		fi
	done
	out1=$outs/sitegen-1 out2=$outs/hugo-1
	s_ms=$(cut -d' ' -f1 "$WORK/sitegen-$size.times" | median)
	h_ms=$(cut -d' ' -f1 "$WORK/hugo-$size.times" | median)
	s_rss=$(cut -d' ' -f2 "$WORK/sitegen-$size.times" | median)
	h_rss=$(cut -d' ' -f2 "$WORK/hugo-$size.times" | median)
	s_cpu=$(cut -d' ' -f3 "$WORK/sitegen-$size.times" | median)
	h_cpu=$(cut -d' ' -f3 "$WORK/hugo-$size.times" | median)
	echo
	echo "== $size groups, $N runs each, load now $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "sitegen runs (wall_ms rss_kb cpu_ms): $(tr '\n' ',' <"$WORK/sitegen-$size.times")"
	echo "hugo runs    (wall_ms rss_kb cpu_ms): $(tr '\n' ',' <"$WORK/hugo-$size.times")"
	printf '%-8s %10s %10s %12s %8s %8s %8s %8s\n' tool wall_ms cpu_ms peak_rss_MB html ics json files
	for t in sitegen hugo; do
		if [ $t = sitegen ]; then o=$out1 ms=$s_ms cpu=$s_cpu rss=$s_rss; else o=$out2 ms=$h_ms cpu=$h_cpu rss=$h_rss; fi
		printf '%-8s %10s %10s %12s %8s %8s %8s %8s\n' $t "$ms" "$cpu" $((rss / 1024)) \
			"$(find "$o" -name '*.html' | wc -l)" "$(find "$o" -name '*.ics' | wc -l)" \
			"$(find "$o" -name '*.json' | wc -l)" "$(find "$o" -type f | wc -l)"
	done
	awk -v s="$s_ms" -v h="$h_ms" -v sc="$s_cpu" -v hc="$h_cpu" \
		'BEGIN {printf "ratio sitegen/hugo: wall %.2f, cpu %.2f (goal: at most 0.33)\n", s / h, sc / hc}'
	rm -rf "$outs"
done
rm -f "$WORK/warmup.times" "$WORK/rss"
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
