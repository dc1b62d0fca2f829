#!/bin/bash
# Benchmark of the xfrm backend (a script that prints a table, not a test).
#
# In fresh network namespaces (unshare -n; needs root), installs N policies
#   spdadd 10.0.0.0+i 11.0.0.0+i any -P out ipsec esp/transport//require ;
# and dumps them, with:
#   setkey   setkey -B xfrm -f FILE, then setkey -B xfrm -DP      (--driver setkey, the default)
#   bench    xfrm-bench file FILE / dumptext: the parser, the backend and the -DP renderer
#            without the CLI (--driver bench, until setkey -B xfrm exists)
#   ip       ip -batch FILE (the same policies as ip xfrm commands), then ip xfrm policy list
#   C        pipelined-policies.c: C + libmnl, 256 KiB per sendmsg, no ACKs, one acked barrier
# and prints median wall, user, sys and peak RSS of --runs runs, with ratios from the same run.
#
# Usage: Benchmarks/xfrm/run.sh [--driver setkey|bench] [--runs R] [N ...]   (default N: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."

driver=setkey runs=3 sizes=()
while [ $# -gt 0 ]; do
    case "$1" in
        --driver) driver=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) sizes+=("$1"); shift ;;
    esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
[ "$(id -u)" = 0 ] || { echo "run.sh: needs root (unshare -n)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "building (release) ..." >&2
if [ "$driver" = setkey ]; then
    swift build -c release --product setkey >&2
    swift build -c release --product SetkeyXFRM >&2
    setkey=$(swift build -c release --show-bin-path)/setkey
else
    swift build -c release --product xfrm-bench >&2
    bench=$(swift build -c release --show-bin-path)/xfrm-bench
fi
gcc -O2 -Wall -o "$tmp/pipelined-policies" Benchmarks/xfrm/pipelined-policies.c -lmnl

cat > "$tmp/measure.py" <<'PY'
# measure.py OUT -- CMD...: runs CMD under GNU time (stdout to /dev/null) and appends
# "wall user sys maxrss_kb rc" to OUT. GNU time reports the peak RSS of CMD alone (a child
# forked from Python would report Python's own RSS, which survives exec).
import os, subprocess, sys, tempfile, time
out, cmd = sys.argv[1], sys.argv[3:]
with tempfile.NamedTemporaryFile("r") as t:
    t0 = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%U %S %M %x", "-o", t.name] + cmd, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    user, sys_, rss, rc = t.read().split()[-4:]
with open(out, "a") as f:
    f.write(f"{wall:.4f} {user} {sys_} {rss} {rc}\n")
PY

# measure NAME N SETUP CMD...: runs CMD in a fresh namespace after the shell commands SETUP.
measure() {
    local name=$1 n=$2 setup=$3; shift 3
    local out="$tmp/result.$name.$n"
    for _ in $(seq "$runs"); do
        unshare -n bash -c "$setup; exec python3 \"\$0\" \"\$1\" -- \"\${@:2}\"" "$tmp/measure.py" "$out" "$@"
    done
}

for n in "${sizes[@]}"; do
    echo "N=$n ..." >&2
    python3 - "$n" "$tmp" <<'PY'
import sys
n, tmp = int(sys.argv[1]), sys.argv[2]
def a(v): return f"{v >> 24}.{v >> 16 & 255}.{v >> 8 & 255}.{v & 255}"
with open(f"{tmp}/{n}.setkey", "w") as s, open(f"{tmp}/{n}.ip", "w") as i:
    for k in range(n):
        src, dst = a(0x0a000000 + k), a(0x0b000000 + k)
        s.write(f"spdadd {src} {dst} any -P out ipsec esp/transport//require ;\n")
        i.write(f"xfrm policy add src {src}/32 dst {dst}/32 dir out tmpl proto esp mode transport\n")
PY
    fill="$tmp/pipelined-policies $n >/dev/null"
    measure C-apply "$n" true "$tmp/pipelined-policies" "$n"
    measure ip-apply "$n" true ip -batch "$tmp/$n.ip"
    measure ip-dump "$n" "$fill" ip xfrm policy list
    if [ "$driver" = setkey ]; then
        measure ours-apply "$n" true "$setkey" -B xfrm -f "$tmp/$n.setkey"
        measure ours-dump "$n" "$fill" "$setkey" -B xfrm -DP
    else
        measure ours-apply "$n" true "$bench" file "$tmp/$n.setkey"
        measure ours-dump "$n" "$fill" "$bench" dumptext
    fi
done

python3 - "$tmp" "$runs" "$driver" "${sizes[@]}" <<'PY'
import statistics, sys
tmp, runs, driver, sizes = sys.argv[1], int(sys.argv[2]), sys.argv[3], [int(x) for x in sys.argv[4:]]
ours = {"setkey": "setkey -B xfrm", "bench": "xfrm-bench"}[driver]
def med(name, n):
    rows = [list(map(float, l.split())) for l in open(f"{tmp}/result.{name}.{n}")]
    bad = [r for r in rows if r[4] != 0]
    if bad: print(f"warning: {name} N={n}: {len(bad)} run(s) exited non-zero", file=sys.stderr)
    return [statistics.median(r[i] for r in rows) for i in range(4)]
print(f"median of {runs} runs, each in a fresh network namespace; ratios from this run\n")
print(f"| N | step | method | wall s | user s | sys s | peak RSS MiB | vs C | vs ip |")
print(f"|---|---|---|---|---|---|---|---|---|")
for n in sizes:
    c, ip, us = med("C-apply", n), med("ip-apply", n), med("ours-apply", n)
    for label, r in (("C + libmnl (pipelined)", c), ("ip -batch", ip), (f"{ours} " + ("-f" if driver == "setkey" else "file"), us)):
        print(f"| {n} | apply | {label} | {r[0]:.3f} | {r[1]:.3f} | {r[2]:.3f} | {r[3]/1024:.1f} | "
              f"{r[0]/c[0]:.2f}x | {r[0]/ip[0]:.3f}x |")
    ipd, usd = med("ip-dump", n), med("ours-dump", n)
    for label, r in (("ip xfrm policy list", ipd), (f"{ours} -DP" if driver == "setkey" else f"{ours} dumptext", usd)):
        print(f"| {n} | dump | {label} | {r[0]:.3f} | {r[1]:.3f} | {r[2]:.3f} | {r[3]/1024:.1f} | | {r[0]/ipd[0]:.2f}x |")
    print(f"\nN={n}: apply {us[0]/c[0]:.2f}x the C loop (target <= 1.5x), ip -batch / ours = {ip[0]/us[0]:.1f}x "
          f"(target >= 8x); dump {usd[0]/ipd[0]:.2f}x ip xfrm policy list (target <= 1x)\n")
PY
