#!/bin/bash
# Fuzzes the PF_KEY decoder (Sources/setkey-fuzz-pfkey) with libFuzzer, seeded with the
# messages captured from the kernel lab (Tests/Fixtures/pfkey-kernel) and the hand-built
# fixtures' shapes. Every input is decoded with the Linux, NetBSD and FreeBSD wires; a
# message that decodes must encode back to the same bytes, and the model values decoded from
# it must encode and decode again (the target traps otherwise).
#
# Built in its own scratch folder (.build/fuzz) so the normal release build is left alone.
#
# Usage: Tests/Fuzz/pfkey-fuzz.sh [RUNS]        (default 1000000; prints libFuzzer's figures)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-1000000}
cd "$root"
build=(swift build -c release --scratch-path .build/fuzz --sanitize=fuzzer -Xswiftc -DFUZZING)
"${build[@]}" --product setkey-fuzz-pfkey >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
for f in Tests/Fixtures/pfkey-kernel/*.hex; do
    n=0
    grep -v '^#' "$f" | while read -r line; do
        n=$((n + 1))
        printf '%s' "$line" | xxd -r -p > "$work/corpus/$(basename "$f" .hex)-$n"
    done
done
echo "seeds: $(ls "$work/corpus" | wc -l)" >&2
set +e
SWIFT_BACKTRACE=enable=no "$("${build[@]}" --show-bin-path)/setkey-fuzz-pfkey" \
    -runs="$runs" -max_len=4096 -print_final_stats=1 -artifact_prefix="$root/" "$work/corpus" > "$work/log" 2>&1
status=$?
set -e
grep -E '^(Done|stat::|INFO: Seed|==[0-9]+== ERROR|SUMMARY)' "$work/log" || tail -20 "$work/log"
exit $status
