"""Deterministic benchmark inputs: N statements of SAs with keys and policies with ports and
requests, in setkey syntax."""


def sa_script(n, path):
    with open(path, "w") as f:
        for i in range(n):
            a, b = i // 65536, (i // 256) % 256
            c = i % 256
            f.write(f"add 10.{a}.{b}.{c} 10.200.{b}.{c} esp 0x{0x1000 + i:x} -m tunnel -u {i % 16000 + 1} "
                    f"-E aes-cbc 0x{i:032x} -A hmac-sha256 0x{i:064x} ;\n")
    return path


def policy_script(n, path):
    with open(path, "w") as f:
        for i in range(n):
            a, b, c = i // 65536, (i // 256) % 256, i % 256
            f.write(f"spdadd 10.{a}.{b}.{c}[{1024 + i % 60000}] 10.200.{b}.{c}[443] tcp "
                    f"-P out ipsec esp/tunnel/192.0.2.1-192.0.2.2/require ;\n")
    return path


def mixed_script(n, path):
    """n statements: half SAs, half policies."""
    with open(path, "w") as f:
        for i in range(n // 2):
            a, b, c = i // 65536, (i // 256) % 256, i % 256
            f.write(f"add 10.{a}.{b}.{c} 10.200.{b}.{c} esp 0x{0x1000 + i:x} -m tunnel "
                    f"-E aes-cbc 0x{i:032x} -A hmac-sha256 0x{i:064x} ;\n")
            f.write(f"spdadd 10.{a}.{b}.{c}[{1024 + i % 60000}] 10.200.{b}.{c}[443] tcp "
                    f"-P out ipsec esp/tunnel/192.0.2.1-192.0.2.2/require ;\n")
    return path
