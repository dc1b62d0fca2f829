#!/bin/sh
# Benchmark of the userspace engine (not a test): for 10k and 100k entries (N SAs plus N
# policies, applied in batches of 4096 as the executor hands them over) it prints the time
# to apply and persist them, the time for a new process-like engine to reload them, resident
# memory and the memory per entry. Release build; state in a fresh folder under /tmp.
#
#   Benchmarks/userspace/bench.sh [runs]        (default 3 runs per size; medians printed)
set -eu
cd "$(dirname "$0")/../.."
runs=${1:-3}
swift build -c release --product keyengine-stress >/dev/null
bin=.build/release/keyengine-stress

printf '%-8s %10s %10s %14s %15s %12s %11s %12s\n' entries apply_s reload_s rss_apply_MiB rss_reload_MiB bytes/entry journal_KiB snapshot_KiB
for n in 10000 100000; do
    results=""
    i=0
    while [ "$i" -lt "$runs" ]; do
        dir=$(mktemp -d /tmp/keyengine-bench-XXXXXX)
        results="$results$("$bin" bench --state "$dir/state" --count "$n")
"
        rm -rf "$dir"
        i=$((i + 1))
    done
    printf '%s' "$results" | awk -v n="$n" '
        function median(a, k,   i, j, t) {
            for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return a[int((k + 1) / 2)]
        }
        {
            k++
            for (f = 1; f <= NF; f++) { split($f, kv, "="); v[kv[1], k] = kv[2] }
            apply[k] = v["apply_s", k]; reload[k] = v["reload_s", k]
        }
        END {
            printf "%-8s %10s %10s %14s %15s %12s %11s %12s\n", n "+" n, median(apply, k), median(reload, k),
                v["rss_after_apply_mib", k], v["rss_after_reload_mib", k], v["bytes_per_entry", k],
                v["journal_kib", k], v["snapshot_kib", k]
        }'
done
