#!/bin/sh
# /init of the kernel-lab VM, run by busybox sh (lab.sh packs it into the base initramfs).
# Loads the IPsec modules, mounts the host folder at /lab (virtio-9p), runs /lab-run/command with
# bash, and reports the command's exit status on the console. Serial ports: ttyS0 console,
# ttyS1 the command's stdout, ttyS2 its stderr.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run

# Lines for the console; the kernel prints /dev/kmsg messages of level < 3 synchronously, so the
# last one is on the serial port before the VM powers off.
report() { echo "<2>lab: $*" > /dev/kmsg; }
seconds() { read -r up _ < /proc/uptime; echo "$up"; }

wanted=$(cat /etc/lab-modules)
# shellcheck disable=SC2086 # one word per module
modprobe -a $wanted
loaded=" $(cut -d' ' -f1 /proc/modules | tr '\n' ' ') "
for m in $wanted; do
    case $loaded in *" $m "*) ;; *) report "module $m did not load" ;; esac
done
ip link set lo up
mkdir -p /lab
if ! mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 lab /lab; then
    report "cannot mount /lab"
    poweroff -f   # no exit status: lab.sh reports a failed lab
fi
report "booted in $(seconds)s"

# The command writes into FIFOs, so it sees pipes (as on the host), not terminals; the readers
# copy to raw serial ports (no \n -> \r\n). A reader's close of its port waits for the port to drain.
stty -F /dev/ttyS1 raw -echo
stty -F /dev/ttyS2 raw -echo
mkfifo /run/stdout /run/stderr
cat /run/stdout > /dev/ttyS1 &
out=$!
cat /run/stderr > /dev/ttyS2 &
err=$!
cd /lab || exit 1   # init exiting panics the kernel: the VM ends, lab.sh reports it
bash /lab-run/command < /dev/null > /run/stdout 2> /run/stderr
status=$?
cd /
# A background process the command left behind may hold a FIFO open: give it 3 s, then cut it off.
(sleep 3; kill $out $err 2> /dev/null) &
watchdog=$!
wait $out $err
kill $watchdog 2> /dev/null
umount /lab || report "cannot unmount /lab; files written there may be incomplete"
report "command ended at $(seconds)s"
report "exit status $status"
poweroff -f
