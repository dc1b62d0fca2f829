#!/bin/sh
# Renders N (default 100000) SAs and policies with every format renderer and prints a table.
# Compiles the core's sources and Benchmarks/format/main.swift as one optimised module.
# Usage: Benchmarks/format-bench.sh [N]
set -eu
cd "$(dirname "$0")/.."
out=Benchmarks/out
mkdir -p "$out"
find Sources/SetkeyCore -name '*.swift' ! -name Package.swift > "$out/format-bench.files"
swiftc -O -wmo -parse-as-library -module-name SetkeyCore \
    $(cat "$out/format-bench.files") Benchmarks/format/main.swift -o "$out/format-bench"
TZ=UTC "$out/format-bench" "${1:-100000}"
