#!/bin/sh
# Parser throughput: generates a script of N statements (default 100000; a mix of `add` with
# hex and quoted keys, `spdadd` with tunnel and transport policies, and `delete`), builds the
# parser replayer in release mode and prints the best of 5 parses. Not a test: run it by hand.
#   Benchmarks/parser-throughput.sh [N]
set -eu
n=${1:-100000}
cd "$(dirname "$0")/.."
script=$(mktemp /tmp/setkey-bench.XXXXXX.conf)
trap 'rm -f "$script"' EXIT
awk -v n="$n" 'BEGIN {
    for (i = 0; i < n; i++) {
        a = int(i / 65536) % 256; b = int(i / 256) % 256; c = i % 256
        src = "10." a "." b "." c; dst = "172.16." b "." c
        k = i % 4
        if (k == 0)
            printf "add %s %s esp 0x%x -m tunnel -u %d -E aes-cbc 0x00112233445566778899aabbccddeeff -A hmac-sha256 0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff ;\n", src, dst, 4096 + i, i % 16000
        else if (k == 1)
            printf "spdadd %s/32[any] %s/24[any] any -P out ipsec esp/tunnel/%s-%s/require ;\n", src, dst, src, dst
        else if (k == 2)
            printf "add %s %s ah %d -A hmac-sha1 \"this is the test key\" ;\n", src, dst, 8192 + i
        else
            printf "spdadd fec0::%x fec0::1:%x tcp -P in prio def + 10 ipsec esp/transport//unique:%d ;\n", i % 65536, c, i % 16000
    }
}' > "$script"
swift build -c release --product setkey-fuzz-parser >/dev/null
.build/release/setkey-fuzz-parser --time "$script" 5
