#!/usr/bin/env bash
# Builds the sitegen command for every platform a release ships, into dist/: one archive per
# platform (.tar.gz, or .zip for Windows) holding the sitegen binary and README.md, and
# SHA256SUMS listing every archive's checksum. The release workflow runs it for each v* tag.
#
#   scripts/release.sh VERSION [COMMIT]      e.g. scripts/release.sh v1.2.0
#
# The version and the commit (default: HEAD) are built into the binary ("sitegen version").
# Files are archived in a fixed order with the commit's time and no owner, so that the same
# source built with the same Go gives the same archives.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: scripts/release.sh VERSION [COMMIT]}
commit=${2:-$(git rev-parse HEAD)}
case $version in
v[0-9]*) ;;
*) echo "scripts/release.sh: version $version does not look like v1.2.3" >&2; exit 2 ;;
esac
# Every file in the archives carries the commit's time, so the archives do not depend on when
# they were built.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct "$commit")}

out=dist
rm -rf "$out"
mkdir -p "$out"
for target in linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64; do
	goos=${target%/*}
	goarch=${target#*/}
	name="sitegen_${version}_${goos}_${goarch}"
	exe=sitegen
	if [ "$goos" = windows ]; then exe=sitegen.exe; fi
	mkdir -p "$out/$name"
	CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath \
		-ldflags "-s -w -X main.version=$version -X main.commit=$commit" \
		-o "$out/$name/$exe" ./cmd/sitegen
	cp README.md "$out/$name/"
	touch -d "@$epoch" "$out/$name" "$out/$name"/*
	if [ "$goos" = windows ]; then
		(cd "$out" && zip -q -X "$name.zip" "$name/" "$name/README.md" "$name/$exe")
	else
		tar -C "$out" --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
			-cf - "$name" | gzip -n -9 >"$out/$name.tar.gz"
	fi
	rm -rf "${out:?}/$name"
	echo "built $out/$name"
done
(cd "$out" && sha256sum -- *.tar.gz *.zip >SHA256SUMS)
cat "$out/SHA256SUMS"
