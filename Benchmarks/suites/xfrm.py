"""xfrm rows for the harness: N policies installed by `setkey -B xfrm -f` against `ip -batch`
and the pipelined C libmnl loop (Benchmarks/xfrm/pipelined-policies.c, compiled here with gcc
into the harness's temporary folder), each in a fresh network namespace (`unshare -n`; root).

The dump rows fill their namespace with the C loop first, so both include that fill; for the
dump alone, and for a self-contained table with ratios, run Benchmarks/xfrm/run.sh."""
import os
import shutil
import subprocess

from bench import Row


def _script(n, setkey_path, ip_path):
    def a(v):
        return f"{v >> 24}.{v >> 16 & 255}.{v >> 8 & 255}.{v & 255}"
    with open(setkey_path, "w") as s, open(ip_path, "w") as i:
        for k in range(n):
            src, dst = a(0x0a000000 + k), a(0x0b000000 + k)
            s.write(f"spdadd {src} {dst} any -P out ipsec esp/transport//require ;\n")
            i.write(f"xfrm policy add src {src}/32 dst {dst}/32 dir out tmpl proto esp mode transport\n")


def rows(ctx):
    unshare, ip, gcc = shutil.which("unshare"), shutil.which("ip"), shutil.which("gcc")
    if os.geteuid() != 0 or not (unshare and ip and gcc):
        return []
    peer = ctx.path("pipelined-policies")
    subprocess.run([gcc, "-O2", "-o", peer, os.path.join(ctx.root, "Benchmarks/xfrm/pipelined-policies.c"), "-lmnl"],
                   check=True)
    setkey = ctx.setkey()
    env = {"SETKEY_PLUGIN_PATH": ctx.build_dir}
    out = []
    for n in ctx.sizes:
        conf, batch = ctx.path(f"xfrm-{n}.conf"), ctx.path(f"xfrm-{n}.ip")
        _script(n, conf, batch)
        c = f"xfrm apply {n}: C libmnl pipelined"
        out.append(Row(c, [unshare, "-n", peer, str(n)]))
        out.append(Row(f"xfrm apply {n}: ip -batch", [unshare, "-n", ip, "-batch", batch], peer=c))
        out.append(Row(f"xfrm apply {n}: setkey -B xfrm -f", [unshare, "-n", setkey, "-B", "xfrm", "-f", conf],
                       env=env, peer=c))
        d = f"xfrm fill+dump {n}: ip xfrm policy list"
        out.append(Row(d, [unshare, "-n", "sh", "-c", f'"$0" {n} >/dev/null && exec "$1" xfrm policy list', peer, ip]))
        out.append(Row(f"xfrm fill+dump {n}: setkey -B xfrm -DP",
                       [unshare, "-n", "sh", "-c", f'"$0" {n} >/dev/null && exec "$1" -B xfrm -DP', peer, setkey],
                       env=env, peer=d))
    return out


def targets(results):
    lines = []
    for name, r in results.items():
        if name.endswith("setkey -B xfrm -f"):
            n = name.split()[2].rstrip(":")
            ip = results.get(f"xfrm apply {n}: ip -batch")
            lines.append(f"apply {n}: {r.get('ratio_to_peer', 0):.2f}x the C loop (target <= 1.5x)"
                         + (f", ip -batch {ip['wall_s']['median'] / r['wall_s']['median']:.1f}x slower (target >= 8x)"
                            if ip else ""))
    return lines
