#!/bin/bash
# Runs the xfrm backend's kernel tests (XFRMKernelLabTests: real ESP/AH/IPComp SAs added,
# read, dumped, updated, deleted and flushed through XFRM netlink) in the kernel lab VM,
# each test in a fresh network namespace there, then the shared conformance suite
# (setkey-conformance --backend xfrm) in a namespace of its own.
#
# Usage: Tests/KernelLab/xfrm-kernel-tests.sh [--strict] [--capture DIR]
#   --capture DIR   also write the kernel replies the tests capture as fixtures into DIR
#                   (Tests/XFRMTests/Fixtures keeps the committed copies)
#   --strict        fail when the conformance suite has failures too (by default its table is
#                   printed and only the kernel tests decide the exit status; CI's run-ci.sh
#                   lets the suite decide)
# Environment: KERNEL_LAB_RUN, a command taking DIR and COMMANDS like `lab.sh run` (default:
# Tests/KernelLab/lab.sh run).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
capture= strict=0
while [ $# -gt 0 ]; do
    case "$1" in
        --capture) capture=$(cd "$2" && pwd); shift 2 ;;
        --strict) strict=1; shift ;;
        *) echo "usage: $0 [--strict] [--capture DIR]" >&2; exit 2 ;;
    esac
done

read -r -a lab <<< "${KERNEL_LAB_RUN:-$root/Tests/KernelLab/lab.sh run}"

cd "$root"
swift build --build-tests >&2
swift build --product setkey-conformance >&2
bin=$(swift build --show-bin-path)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$bin/setkeyPackageTests.xctest" "$bin/libSetkeyCore.so" "$bin/setkey-conformance" "$bin/libSetkeyXFRM.so" "$dir/"
mkdir "$dir/capture"

set +e
"${lab[@]}" "$dir" 'XFRM_KERNEL_LAB=1 XFRM_CAPTURE_DIR=/lab/capture ./setkeyPackageTests.xctest \
    --testing-library swift-testing --filter XFRMKernelLabTests 2>&1; tests=$?
unshare -n ./setkey-conformance --backend xfrm 2>&1 | grep -E "FAIL|unsupported|^total"; conformance=${PIPESTATUS[0]}
echo "kernel tests: $tests, conformance: $conformance"; [ $tests = 0 ] && { [ '$strict' = 0 ] || [ $conformance = 0 ]; }'
status=$?
set -e
if [ -n "$capture" ]; then cp "$dir"/capture/*.hex "$capture/" 2>/dev/null || true; fi
exit $status
