#!/bin/bash
# Fuzzes the script parser (Sources/setkey-fuzz-parser) with libFuzzer, seeded with the real
# scripts of Tests/Fixtures/corpus and the parser's golden inputs, with a dictionary of the
# language's words. Each input is parsed, every diagnostic rendered, every statement printed
# in canonical syntax and parsed back to itself, and line mode must hand back every byte (the
# target traps otherwise). Built in its own scratch folder (.build/fuzz) so the normal
# release build is left alone.
#
# Usage: Tests/Fuzz/parser-fuzz.sh [RUNS]        (default 1000000; prints libFuzzer's figures)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-1000000}
cd "$root"
build=(swift build -c release --scratch-path .build/fuzz --sanitize=fuzzer -Xswiftc -DFUZZING)
"${build[@]}" --product setkey-fuzz-parser >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus" "$work/seeds"
find Tests/Fixtures/corpus -type f ! -name '*.md' -exec cp {} "$work/seeds/" \;
cp Tests/SetkeyCoreTests/Golden/*.conf "$work/seeds/"
echo "seeds: $(ls "$work/seeds" | wc -l)" >&2
set +e
SWIFT_BACKTRACE=enable=no "$("${build[@]}" --show-bin-path)/setkey-fuzz-parser" \
    -runs="$runs" -max_len=4096 -print_final_stats=1 -dict=Sources/setkey-fuzz-parser/setkey.dict \
    -artifact_prefix="$root/" "$work/corpus" "$work/seeds" > "$work/log" 2>&1
status=$?
set -e
grep -E '^(Done|stat::|INFO: Seed|==[0-9]+== ERROR|SUMMARY)' "$work/log" || tail -20 "$work/log"
exit $status
