#!/usr/bin/env bash
# run-ci.sh [PRODUCTS]: the kernel-lab step of CI (.ci/run calls it after `swift test`).
# Builds nothing: takes setkey, setkey-conformance, libSetkeyCore.so and every libSetkey*.so
# plugin from PRODUCTS (default .build/debug), boots the lab once and runs ci-checks.sh in it.
# Exit status 0 when every check inside passed; 1 when a check failed or the products are
# missing; 124 when the VM timed out; 125 when the lab itself failed (qemu, download, boot).
# The host's own XFRM state is never touched: everything runs in the VM's kernel.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
products=${1:-$here/../../.build/debug}

for required in setkey libSetkeyCore.so; do
    if [ ! -f "$products/$required" ]; then
        echo "kernel-lab: $products/$required is missing: run 'swift build' first" >&2
        exit 1
    fi
done
stage=$(mktemp -d "${TMPDIR:-/tmp}/setkey-kernel-lab.XXXXXX")
trap 'rm -rf "$stage"' EXIT
cp "$products/setkey" "$products"/libSetkey*.so "$here/ci-checks.sh" "$stage/"
if [ -f "$products/setkey-conformance" ]; then cp "$products/setkey-conformance" "$stage/"; fi
echo "kernel-lab: booting with $(cd "$stage" && echo *)"

start=$SECONDS
status=0
SETKEY_LAB_TIMEOUT=${SETKEY_LAB_TIMEOUT:-900} "$here/lab.sh" run "$stage" 'bash ci-checks.sh' || status=$?
case $status in
0) verdict="passed" ;;
124) verdict="FAILED: the VM timed out" ;;
125) verdict="FAILED: the lab could not run (see the messages above)" ;;
*) verdict="FAILED: a check inside the VM failed (exit $status)" ;;
esac
echo "kernel-lab: $verdict ($((SECONDS - start))s)"
exit "$status"
