#!/usr/bin/env bash
# Finds `prometheus` or `promtool` for the tests (verify-project.groovy, system-tests' SampleFlowIT) and gets it when
# it is missing. Usage: bash prometheus-tool.sh prometheus|promtool
#   1. the one on PATH (the Debian package prometheus puts both in /usr/bin);
#   2. else one unpacked earlier into the tools cache: $MSFRAMEWORK_TOOLS_DIR, default ~/.cache/msframework/tools;
#   3. else the Debian package prometheus, downloaded with `apt-get download` and unpacked into that cache: nothing is
#      installed and nothing outside the cache changes, except that a root user with no package lists runs
#      `apt-get update` first.
# Output: what it did, one line each, and the tool's absolute path as the last line (exit 0); or why it has no tool and
# how to get one (exit 1).
set -euo pipefail

tool=${1:-}
case "$tool" in
  prometheus|promtool) ;;
  *) echo "usage: $0 prometheus|promtool" >&2; exit 2 ;;
esac
remedy="install Prometheus (Debian/Ubuntu: apt-get install prometheus)"

if found=$(command -v "$tool"); then
  echo "$found"
  exit 0
fi

cache=${MSFRAMEWORK_TOOLS_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/msframework/tools}
for dir in "$cache"/prometheus_*; do
  if [[ -x "$dir/usr/bin/$tool" ]]; then
    echo "$dir/usr/bin/$tool"
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "no $tool on PATH, and no apt-get to fetch the Debian package prometheus: $remedy"
  exit 1
fi
mkdir -p "$cache" 2>/dev/null || { echo "no $tool on PATH, and cannot create the tools cache $cache: $remedy"; exit 1; }
work=$(mktemp -d "$cache/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT

download() {
  # root: apt would download as the _apt user, who may not write here
  (cd "$work" && apt-get download -q=2 -o APT::Sandbox::User="$(id -un)" prometheus) >"$work/apt.log" 2>&1
}
echo "no $tool on PATH: fetching the Debian package prometheus (apt-get download, not installed) into $cache"
if ! download; then
  if [[ $(id -u) -eq 0 ]] && grep -qE "Unable to locate package|has no installation candidate" "$work/apt.log"; then
    echo "no package lists: apt-get update"
    apt-get update -q=2 >>"$work/apt.log" 2>&1 || true
  fi
  if ! download; then
    echo "apt-get download prometheus failed: $(tr '\n' ' ' <"$work/apt.log")"
    echo "no $tool: $remedy (or, without package lists, let root run apt-get update)"
    exit 1
  fi
fi
deb=$(ls "$work"/prometheus_*.deb)
name=$(basename "$deb" .deb)
mkdir "$work/$name"
if ! dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work/$name" ./usr/bin/prometheus ./usr/bin/promtool; then
  echo "cannot unpack $deb: $remedy"
  exit 1
fi
if ! version=$("$work/$name/usr/bin/$tool" --version 2>&1 | head -n 1); then
  echo "the $tool of $name does not run on this machine: $remedy"
  exit 1
fi
# another run may have unpacked it meanwhile: keep that one
mv -T "$work/$name" "$cache/$name" 2>/dev/null || true
echo "unpacked $name: $version"
echo "$cache/$name/usr/bin/$tool"
