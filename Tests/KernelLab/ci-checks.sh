#!/usr/bin/env bash
# ci-checks.sh: runs INSIDE the kernel lab, from the folder run-ci.sh filled with the built
# products. Checks the kernel itself (an ESP SA through `ip xfrm`, PF_KEY present), lists the
# backends, then prints the conformance table of each kernel backend that was built (xfrm, pfkey)
# against this real kernel; while neither exists, the table of userspace (or record) instead.
# Exit status 0 when every step passed, 1 otherwise. The VM is thrown away afterwards, so the
# suite may flush the kernel's tables (--allow-host).
set -u
exec 2>&1   # one stream: the lab returns stdout and stderr separately, and the CI log reads in order
failed=()

step() { printf '\n== %s\n' "$*"; }
# check DESCRIPTION COMMAND...: run COMMAND, remember DESCRIPTION when it fails.
check() {
    local what=$1 status=0
    shift
    "$@" || status=$?
    if [ "$status" != 0 ]; then
        echo "-> FAILED (exit $status): $what"
        failed+=("$what")
    fi
}

# The plugin loader refuses plugins owned by anyone but root or the caller; over 9p the files
# belong to the host user who ran qemu. Copies made here belong to root.
mkdir -p /opt/setkey
cp ./setkey* ./lib*.so /opt/setkey/
export PATH=/opt/setkey:$PATH
# The record backend logs every request to stderr by default: keep that out of the CI log.
printf '[record]\noutput = /tmp/record.log\n' > /tmp/setkey.conf
export SETKEY_CONFIG=/tmp/setkey.conf

step "kernel $(uname -r); IPsec modules: $(grep -oE '^(af_key|xfrm_user|esp4|esp6|ah4|ah6|ipcomp|ipcomp6) ' /proc/modules | tr -d '\n')"
check "PF_KEY present (/proc/net/pfkey)" test -e /proc/net/pfkey

step "ip xfrm state add: ESP, cbc(aes) + hmac(sha256), then ip xfrm state"
check "ip xfrm state add (ESP cbc(aes) hmac(sha256))" \
    ip xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x1001 mode transport \
    enc 'cbc(aes)' 0x00112233445566778899aabbccddeeff \
    auth-trunc 'hmac(sha256)' 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 128
ip xfrm state | tee /tmp/states
check "ip xfrm state lists the SA" grep -q 'proto esp spi 0x00001001' /tmp/states
ip xfrm state flush

step "setkey --list-backends"
check "setkey --list-backends" setkey --list-backends

backends=()
[ -f libSetkeyXFRM.so ] && backends+=(xfrm)
[ -f libSetkeyPFKey.so ] && backends+=(pfkey)
if [ ${#backends[@]} -eq 0 ]; then
    if [ -f libSetkeyUserspace.so ]; then backends=(userspace); else backends=(record); fi
    echo "(no kernel backend built yet: running the suite against ${backends[0]})"
fi
for backend in "${backends[@]}"; do
    step "setkey-conformance --backend $backend --allow-host"
    if [ -x /opt/setkey/setkey-conformance ]; then
        check "setkey-conformance --backend $backend" setkey-conformance --backend "$backend" --allow-host
    else
        check "setkey-conformance was not built" false
    fi
done

step "summary"
if [ ${#failed[@]} -eq 0 ]; then
    echo "all passed"
    exit 0
fi
printf 'FAILED: %s\n' "${failed[@]}"
exit 1
