#!/bin/sh
# Benchmark of the userspace engine (not a test). For 10k and 100k entries (N SAs plus N
# policies, applied in batches of 4096 as the executor hands them over) it prints the time
# to apply and persist them, the time a new process takes to reload them, resident memory
# and memory per entry (RSS growth / entries). Release build; state in a fresh folder under
# /tmp. Times are medians over the runs; wall and CPU (user + system) are both shown because
# on a shared machine the wall time mostly measures the other processes.
#
#   Benchmarks/userspace/bench.sh [runs]        (default 3 runs per size)
set -eu
cd "$(dirname "$0")/../.."
runs=${1:-3}
swift build -c release --product keyengine-stress >/dev/null || { swift build -c release --product keyengine-stress; exit 1; }
bin=.build/release/keyengine-stress

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
printf '%-22s %8s %8s %9s %8s %8s %8s %8s %8s %9s %9s\n' entries apply_s cpu_s reload_s cpu_s \
    rss_MiB B/entry rl_MiB rl_B/ent journal_K snapshot_K
for n in 10000 100000; do
    results=""
    i=0
    while [ "$i" -lt "$runs" ]; do
        dir=$(mktemp -d /tmp/keyengine-bench-XXXXXX)
        applied=$("$bin" bench --state "$dir/state" --count "$n")
        reloaded=$("$bin" reload --state "$dir/state")
        results="$results$applied $reloaded
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
            for (f = 1; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
            a[k] = v["apply_s"]; ac[k] = v["apply_cpu_s"]; r[k] = v["reload_s"]; rc[k] = v["reload_cpu_s"]
        }
        END {
            printf "%-22s %8s %8s %9s %8s %8s %8s %8s %8s %9s %9s\n", n " SA + " n " SP", median(a, k), median(ac, k),
                median(r, k), median(rc, k), v["rss_apply_mib"], v["bytes_per_entry"], v["rss_reload_mib"],
                v["reload_bytes_per_entry"], v["journal_kib"], v["snapshot_kib"]
        }'
done
