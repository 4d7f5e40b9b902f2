#!/usr/bin/env bash
# Rebuilds the stand-in packages of build/standins/*.nuspec into build/local-feed/.
# They are empty on purpose; see README.md ("Why a local NuGet feed").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
feed="$here/../local-feed"
mkdir -p "$feed"
for spec in "$here"/*.nuspec; do
  id=$(sed -n 's:.*<id>\(.*\)</id>.*:\1:p' "$spec")
  version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$spec")
  work=$(mktemp -d)
  cp "$spec" "$work/$id.nuspec"
  mkdir -p "$work/lib/netstandard2.0"
  : > "$work/lib/netstandard2.0/_._"
  lower=$(echo "$id.$version" | tr '[:upper:]' '[:lower:]')
  rm -f "$feed/$lower.nupkg"
  (cd "$work" && TZ=UTC touch -d 2000-01-01 "$id.nuspec" lib/netstandard2.0/_._ && zip -X -q -r "$feed/$lower.nupkg" "$id.nuspec" lib)
  rm -rf "$work"
  echo "packed $lower.nupkg"
done
