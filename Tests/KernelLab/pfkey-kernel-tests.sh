#!/bin/bash
# Runs the pfkey backend's kernel tests (PFKeyKernelLabTests: REGISTER, the reference
# scenario's SAs and policies dumped and compared with what ipsec-tools 0.9.1 printed, kernel
# errors, deleteall/flush, pfkey <-> ip xfrm, promiscuous monitor) in the kernel lab VM, each
# test in a fresh network namespace there.
#
# Usage: Tests/KernelLab/pfkey-kernel-tests.sh [--capture DIR]
#   --capture DIR   also write the messages the kernel sent as hex fixtures into DIR
#                   (Tests/Fixtures/pfkey-kernel keeps the committed copy)
# Environment: KERNEL_LAB_RUN, a command taking DIR and COMMANDS like `lab.sh run` (default:
# Tests/KernelLab/lab.sh run).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
capture=
[ "${1:-}" = --capture ] && capture=$(cd "$2" && pwd)
read -r -a lab <<< "${KERNEL_LAB_RUN:-$root/Tests/KernelLab/lab.sh run}"

cd "$root"
swift build --build-tests >&2
bin=$(swift build --show-bin-path)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$bin/setkeyPackageTests.xctest" "$bin/libSetkeyCore.so" "$dir/"
mkdir "$dir/capture" "$dir/reference"
for name in empty.D empty.DP sa-variety.D sa-variety.Da spd-variety.DP; do
    cp "Tests/Fixtures/reference/setkey-ipsec-tools-0.9.1/out/$name.stdout" "$dir/reference/"
done

set +e
"${lab[@]}" "$dir" 'PFKEY_KERNEL_LAB=1 PFKEY_REFERENCE_DIR=/lab/reference PFKEY_CAPTURE_DIR=/lab/capture \
    ./setkeyPackageTests.xctest --testing-library swift-testing --filter PFKeyKernelLabTests 2>&1'
status=$?
set -e
if [ -n "$capture" ]; then cp "$dir"/capture/* "$capture/" 2>/dev/null || true; fi
exit $status
