"""Core rows: parse + validate only (`setkey -n -f`), record-backend apply, and start-up
(`setkey -B record -D` on an empty table) against `ip xfrm policy` in a fresh namespace and
/bin/true."""
import os
import shutil

from bench import Row
from generate import mixed_script


def rows(ctx):
    setkey = ctx.setkey()
    conf = ctx.path("bench.conf")
    with open(conf, "w") as f:
        f.write("backend = record\n[record]\noutput = /dev/null\n")
    env = {"SETKEY_CONFIG": conf, "SETKEY_PLUGIN_PATH": ctx.build_dir}
    out = []
    for n in ctx.sizes:
        script = mixed_script(n, ctx.path(f"mixed-{n}.conf"))
        out.append(Row(f"parse+validate {n} (setkey -n -f)", [setkey, "-n", "-f", script], env=env))
        out.append(Row(f"record apply {n} (setkey -B record -f)", [setkey, "-B", "record", "-f", script], env=env,
                       peer=f"parse+validate {n} (setkey -n -f)"))
    out.append(Row("start-up: /bin/true", ["/bin/true"]))
    unshare = shutil.which("unshare")
    ip = shutil.which("ip")
    if os.geteuid() == 0 and unshare and ip:
        out.append(Row("start-up: unshare -n ip xfrm policy", [unshare, "-n", ip, "xfrm", "policy"]))
        out.append(Row("start-up: unshare -n true", [unshare, "-n", "/bin/true"]))
        out.append(Row("start-up: unshare -n setkey -B record -D", [unshare, "-n", setkey, "-B", "record", "-D"],
                       env=env, peer="start-up: unshare -n ip xfrm policy"))
    out.append(Row("start-up: setkey -B record -D", [setkey, "-B", "record", "-D"], env=env,
                   peer="start-up: /bin/true"))
    out.append(Row("start-up: setkey --version (no plugin)", [setkey, "--version"], peer="start-up: /bin/true"))
    return out


def targets(results):
    lines = []
    for name, r in results.items():
        if name.startswith("parse+validate"):
            n = int(name.split()[1])
            rate = n / r["wall_s"]["median"]
            lines.append(f"{name}: {rate / 1e6:.2f} M statements/s (target >= 1.0 per core); "
                         f"peak RSS {r['peak_rss_kib']['median'] / 1024:.1f} MiB (target < 100)")
    s = results.get("start-up: unshare -n setkey -B record -D")
    if s and "ratio_to_peer" in s:
        lines.append(f"start-up vs ip xfrm policy: {s['ratio_to_peer']:.2f}x (target <= 2.5x)")
    return lines
