#!/usr/bin/env bash
# Times sitegen beside Hugo on the same generated groups (not part of the test suite).
#
# For each size (SIZES, default "1000 10000 100000" groups) it generates a site with
# cmd/synthsite (English only by default, LANGS="en es" for both, since the Hugo sites are
# English) and converts it twice with bench/hugoconv: Hugo with the project's theme, which
# renders the same pages, calendars, feed and index (see hugoconv's doc comment), and Hugo with
# plain pages (each group's title and body, nothing else: the floor of what Hugo takes for
# these files). Then, N times (default 3), each tool in an order that turns round every run:
#
#   fresh      build into a folder that does not exist (sitegen without its cache of
#              parsed files: SITEGEN_CACHE=off);
#   nochange   build again into the same folder, nothing changed (sitegen with its cache of
#              parsed files, which the fresh build does not fill: one untimed build first);
#   onechange  one group's name changed, then build again into the same folder (for
#              sitegen the first build with a change after the fresh one);
#   nextchange the same name changed again, then build again: what every later edit costs;
#   check      sitegen check with its cache (Hugo has no such command).
#
# Beside them, two floors of the fresh build (bench/floor), fresh step only: "floor" writes
# the files of sitegen's fresh build (the same bytes, folders and order) and nothing else, the
# least any build of them takes on this file system; "floor-link" also makes the second tree
# of hard links that sitegen's fresh build makes (see internal/output).
#
# It prints, per size and step, the median wall time, processor time (user + system: less
# disturbed than wall time when the machine is shared), peak RSS and the files the run wrote
# (files under the output newer than the run's start), and sitegen's ratios to each Hugo.
#
# Usage: bench/hugo.sh     (N=3 SIZES="1000 10000" LANGS="en" WORK=/tmp/... to change;
#                          TOOLS="sitegen hugo-plain floor" to leave some out, e.g. at 100,000)
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-3}
SIZES=${SIZES:-"1000 10000 100000"}
LANGS=${LANGS:-en}
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

echo "date:    $(date -u +%Y-%m-%d)"
echo "sitegen: $(git rev-parse --short HEAD)"
echo "hugo:    $(hugo version | cut -d' ' -f1-2)"
echo "go:      $(go version | cut -d' ' -f3)"
echo "cpus:    $(nproc), $(awk '/MemTotal/ {printf "%d GB", $2 / 1048576}' /proc/meminfo)"
echo "work:    $WORK"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

go build -o "$WORK/sitegen" ./cmd/sitegen
go build -o "$WORK/hugoconv" ./bench/hugoconv
go build -o "$WORK/floor" ./bench/floor
rm -rf "$WORK/i18n"
mkdir -p "$WORK/i18n"
for l in $LANGS; do cp "i18n/$l.yaml" "$WORK/i18n/"; done

# run LABEL OUT CMD...: runs CMD, which writes under OUT, and appends
# "wall_ms rss_kb cpu_ms files_written" to $WORK/LABEL.times.
run() {
	local label=$1 out=$2
	shift 2
	sync
	touch "$WORK/start"
	sleep 0.01
	local t0 t1
	t0=$(date +%s%N)
	/usr/bin/time -f "%M %U %S" -o "$WORK/rss" "$@" >/dev/null
	t1=$(date +%s%N)
	local written
	written=$(find "$out" -type f -newer "$WORK/start" | wc -l)
	echo "$(((t1 - t0) / 1000000)) $(awk '{printf "%d %d", $1, ($2 + $3) * 1000}' "$WORK/rss") $written" >>"$WORK/$label.times"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

tools=${TOOLS:-"sitegen hugo-theme hugo-plain floor floor-link"}

for size in $SIZES; do
	site=$WORK/site-$size outs=$WORK/out-$size
	rm -rf "$site" "$WORK/hugo-theme-$size" "$WORK/hugo-plain-$size" "$outs" "$WORK/cache-$size"
	mkdir -p "$outs"
	go run ./cmd/synthsite -groups "$size" -i18n "$WORK/i18n" -o "$site" >/dev/null
	case " $tools " in *" hugo-theme "*) "$WORK/hugoconv" -s "$site" -now "$NOW" -o "$WORK/hugo-theme-$size" ;; esac
	case " $tools " in *" hugo-plain "*) "$WORK/hugoconv" -s "$site" -now "$NOW" -o "$WORK/hugo-plain-$size" -plain ;; esac
	# The group whose name the onechange step changes, in each tool's source.
	group=$(cd "$site/data/groups" && find . -name '*.yaml' | sort | sed -n 1p | cut -c3-)
	hgroup=content/groups/${group%.yaml}.md
	for t in $tools; do rm -f "$WORK/$t-$size".*.times; done
	case " $tools " in *" floor"*)
		# The files of sitegen's fresh build, packed into one file for the floors to write.
		rm -rf "$WORK/pack-src"
		"$WORK/sitegen" build -s "$site" --now "$NOW" -d "$WORK/pack-src" >/dev/null
		"$WORK/floor" -pack "$WORK/pack-src" -o "$WORK/pack-$size"
		rm -rf "$WORK/pack-src" "$WORK/.pack-src.sitegen"
		;;
	esac

	# build TOOL STEP I: one build of TOOL for step STEP of run I (0: untimed).
	build() {
		local tool=$1 step=$2 i=$3 out=$outs/$1-$3 label=$1-$size.$2
		((i > 0)) || label=warmup
		case $tool in
		sitegen)
			local cache=$WORK/cache-$size
			[ "$step" != fresh ] || cache=off
			run "$label" "$out" env SITEGEN_CACHE="$cache" "$WORK/sitegen" build -s "$site" --now "$NOW" -d "$out"
			;;
		floor) run "$label" "$out" "$WORK/floor" -unpack "$WORK/pack-$size" -d "$out" ;;
		floor-link) run "$label" "$out" "$WORK/floor" -unpack "$WORK/pack-$size" -d "$out" -link "$outs/.$1-$3.sitegen" ;;
		*) run "$label" "$out" hugo --source "$WORK/$tool-$size" --destination "$out" --quiet ;;
		esac
	}
	# rename TOOL: changes the name of one group in TOOL's source, a little differently
	# each time.
	rename() {
		local f
		case $1 in
		sitegen) f=$site/data/groups/$group ;;
		*) f=$WORK/$1-$size/$hgroup ;;
		esac
		sed -i -E '0,/^(name|title): /{s/^((name|title): .*[^ ]) *$/\1 x/}' "$f"
	}
	steps() {
		local tool=$1 i=$2
		rm -rf "$outs/$tool-$i" "$outs/.$tool-$i.sitegen"
		build "$tool" fresh "$i"
		case $tool in floor*)
			rm -rf "$outs/$tool-$i" "$outs/.$tool-$i.sitegen"
			return
			;;
		esac
		if [ "$tool" = sitegen ]; then
			# Fill the cache of parsed files, as any earlier check or build would have.
			env SITEGEN_CACHE="$WORK/cache-$size" "$WORK/sitegen" check -s "$site" --now "$NOW" >/dev/null
		fi
		build "$tool" nochange "$i"
		rename "$tool"
		build "$tool" onechange "$i"
		rename "$tool"
		build "$tool" nextchange "$i"
		if [ "$tool" = sitegen ]; then
			run "sitegen-$size.check" "$site" env SITEGEN_CACHE="$WORK/cache-$size" "$WORK/sitegen" check -s "$site" --now "$NOW"
		fi
		rm -rf "$outs/$tool-$i" "$outs/.$tool-$i.sitegen"
	}
	for t in $tools; do steps "$t" 0; done
	for i in $(seq "$N"); do
		case $((i % 3)) in
		1) order="sitegen hugo-theme hugo-plain floor floor-link" ;;
		2) order="floor-link hugo-plain sitegen floor hugo-theme" ;;
		0) order="hugo-theme floor floor-link hugo-plain sitegen" ;;
		esac
		for t in $order; do
			case " $tools " in *" $t "*) steps "$t" "$i" ;; esac
		done
	done

	echo
	echo "== $size groups (languages: $LANGS), medians of $N runs, load now $(cut -d' ' -f1-3 /proc/loadavg)"
	printf '%-10s %-11s %9s %9s %8s %8s\n' step tool wall_ms cpu_ms rss_MB written
	for step in fresh nochange onechange nextchange check; do
		for t in $tools; do
			f=$WORK/$t-$size.$step.times
			[ -f "$f" ] || continue
			printf '%-10s %-11s %9s %9s %8s %8s\n' $step $t \
				"$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f3 "$f" | median)" \
				$(($(cut -d' ' -f2 "$f" | median) / 1024)) "$(cut -d' ' -f4 "$f" | median)"
		done
		s=$WORK/sitegen-$size.$step.times
		for h in hugo-plain hugo-theme floor floor-link; do
			f=$WORK/$h-$size.$step.times
			[ -f "$f" ] || continue
			awk -v s="$(cut -d' ' -f1 "$s" | median)" -v h="$(cut -d' ' -f1 "$f" | median)" \
				-v sm="$(cut -d' ' -f2 "$s" | median)" -v hm="$(cut -d' ' -f2 "$f" | median)" \
				-v name="$h" -v step="$step" \
				'BEGIN {printf "%-10s sitegen/%s: wall %.2f, peak memory %.2f\n", step, name, s / h, sm / hm}'
		done
	done
	rm -rf "$outs" "$WORK/pack-$size"
done
rm -f "$WORK/warmup.times" "$WORK/rss" "$WORK/start"
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
