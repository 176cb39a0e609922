#!/usr/bin/env bash
# Cold debug build time of the HTTP server dependency (FlyingFox), beside a
# reference package with no dependency, both built from scratch in one run.
#
#     bash bench/serve/dependency-build-time.sh
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_package() {  # name, dependencies, target dependencies, source
  mkdir -p "$work/$1/Sources/probe"
  cat > "$work/$1/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "probe", dependencies: [$2],
  targets: [.executableTarget(name: "probe", dependencies: [$3])])
SWIFT
  printf '%s\n' "$4" > "$work/$1/Sources/probe/main.swift"
  (cd "$work/$1" && swift package resolve >/dev/null 2>&1)
}

make_package ref-empty "" "" 'print(200)'
make_package with-server '.package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1")' \
  '.product(name: "FlyingFox", package: "FlyingFox")' 'import FlyingFox
print(HTTPStatusCode.ok)'

time_build() {
  local start end
  start=$(date +%s.%N)
  (cd "$work/$1" && swift build --product probe >"$work/$1.log" 2>&1) || { cat "$work/$1.log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

empty=$(time_build ref-empty)
flyingfox=$(time_build with-server)
printf 'cold debug build, %s cores\n' "$(nproc)"
printf '  reference (no dependency): %6.1f s\n' "$empty"
printf '  with FlyingFox 0.27.1:     %6.1f s\n' "$flyingfox"
printf '  cost of the dependency:    %6.1f s (ratio %.1f)\n' "$(echo "$flyingfox - $empty" | bc)" "$(echo "$flyingfox / $empty" | bc -l)"
