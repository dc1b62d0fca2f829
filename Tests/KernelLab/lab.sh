#!/usr/bin/env bash
# lab.sh: run commands inside a throw-away QEMU VM that boots Debian's own kernel with PF_KEY
# (af_key), XFRM netlink and ESP/AH/IPComp, none of which setkey's tests may touch on the host.
#
#   lab.sh prepare             install qemu if missing, download the kernel, build the cache
#   lab.sh run DIR COMMANDS    boot, share DIR read-write at /lab (the working directory), run
#                              COMMANDS with bash as root; their stdout and stderr come back here
#
# Exit status of `run`: the commands' own; 124 when the VM ran past the timeout; 125 when the lab
# itself failed (qemu missing, download failed, the VM died). Shared libraries of the ELF files
# in DIR go along at the paths `ldd` gives on this host, so a dynamically linked build runs as is.
#
# Environment:
#   SETKEY_LAB_CACHE    cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/setkey-kernel-lab)
#   SETKEY_LAB_TIMEOUT  seconds before the VM is killed (default 600)
#   SETKEY_LAB_MEMORY   guest memory in MiB (default 1024)
#   SETKEY_LAB_ACCEL    qemu accelerator (default tcg: KVM does not work on our build machines)
#   SETKEY_LAB_CONSOLE  file to copy the VM's console log to
#
# How: `apt-get download` fetches linux-image-amd64's kernel and busybox-static; the kernel's ELF
# image is cut out of the bzImage so qemu boots it directly (PVH), skipping the slow in-guest
# decompression under TCG. A cached base initramfs holds busybox, bash, ip, the modules and
# guest-init.sh; each run appends a small cpio with the commands and libraries. Serial ports
# carry the console, stdout and stderr. Details: README.md beside this file.
set -euo pipefail
export LC_ALL=C PATH=$PATH:/usr/sbin:/sbin

here=$(cd "$(dirname "$0")" && pwd)
cache=${SETKEY_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/setkey-kernel-lab}
timeout_s=${SETKEY_LAB_TIMEOUT:-600}
memory=${SETKEY_LAB_MEMORY:-1024}
accel=${SETKEY_LAB_ACCEL:-tcg}

# Loaded at boot (one modprobe; forks are slow under TCG). The folders below are packed whole so
# that crypto modules can also load on demand.
boot_modules="af_key xfrm_user xfrm_ipcomp esp4 esp6 ah4 ah6 ipcomp ipcomp6 xfrm4_tunnel
 xfrm6_tunnel authenc authencesn echainiv seqiv ctr gcm ccm ghash_generic chacha20poly1305
 chacha_generic poly1305_generic des_generic blowfish_generic cast5_generic twofish_generic
 camellia_generic serpent_generic sha512_generic rmd160 xcbc cmac
 veth dummy virtio_pci 9pnet_virtio 9p"
module_folders="kernel/crypto kernel/lib/crypto kernel/net/key kernel/net/xfrm"

say() { echo "lab: $*" >&2; }
die() { say "error: $*"; exit 125; }

# quietly CMD...: run CMD, showing its output only when it fails.
quietly() {
    local log
    log=$(mktemp)
    if "$@" > "$log" 2>&1; then rm -f "$log"; return 0; fi
    cat "$log" >&2
    rm -f "$log"
    return 1
}

# install_missing COMMAND=PACKAGE...: apt-get install the packages whose command is missing.
install_missing() {
    local pair packages=()
    for pair in "$@"; do
        command -v "${pair%%=*}" > /dev/null || packages+=("${pair#*=}")
    done
    [ ${#packages[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || die "missing ${packages[*]}: install them (apt-get install ${packages[*]}) or run as root"
    say "installing ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    quietly apt-get install -y -q --no-install-recommends "${packages[@]}" ||
        { quietly apt-get update -q && quietly apt-get install -y -q --no-install-recommends "${packages[@]}"; } ||
        die "apt-get could not install ${packages[*]}"
    for pair in "$@"; do
        command -v "${pair%%=*}" > /dev/null || die "${pair%%=*} still missing after installing ${pair#*=}"
    done
}

kernel_package() {
    apt-cache depends linux-image-amd64 2> /dev/null |
        awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }'
}

# download_debs: the kernel behind linux-image-amd64 and busybox-static into $cache/debs. When the
# package lists are missing or stale (fresh machine), one `apt-get update` and a second try.
download_debs() {
    local attempt pkg sandbox=()
    [ "$(id -u)" = 0 ] && sandbox=(-o APT::Sandbox::User=root)
    rm -rf "$cache/debs.new"
    mkdir -p "$cache/debs.new"
    for attempt in 1 2; do
        if [ "$attempt" = 2 ]; then
            [ "$(id -u)" = 0 ] || die "apt-get download failed; 'apt-get update' as root may help"
            say "apt-get update"
            quietly apt-get update -q || die "apt-get update failed (no network?)"
        fi
        pkg=$(kernel_package)
        [ -n "$pkg" ] || continue
        say "downloading $pkg and busybox-static"
        if (cd "$cache/debs.new" && quietly apt-get -q "${sandbox[@]}" download "$pkg" busybox-static); then
            rm -rf "$cache/debs"
            mv "$cache/debs.new" "$cache/debs"
            return 0
        fi
    done
    die "could not download the kernel (linux-image-amd64) and busybox-static with apt-get"
}

# elf_kernel BZIMAGE OUT: the uncompressed kernel inside a bzImage, found through the boot
# protocol header (setup_sects at 0x1f1, payload_offset/length at 0x248/0x24c).
elf_kernel() {
    local bz=$1 out=$2 setup offset length
    read_le() { od -An -t"u$2" -j "$1" -N "$2" "$bz" | tr -d ' '; }
    setup=$(read_le $((0x1f1)) 1)
    [ "$setup" = 0 ] && setup=4
    offset=$(read_le $((0x248)) 4)
    length=$(read_le $((0x24c)) 4)
    dd if="$bz" iflag=skip_bytes,count_bytes bs=64K skip=$(( (setup + 1) * 512 + offset )) count="$length" \
        status=none | xz -dc --single-stream > "$out" 2> /dev/null &&
        [ "$(head -c 4 "$out" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]
}

# closure MODULES_DIR: module paths (relative) to pack: the boot modules, the module folders, and
# everything they depend on, from modules.dep.
closure() {
    awk -v want="$boot_modules" -v folders="$module_folders" '
        BEGIN { split(want, w); for (i in w) wanted[w[i]] = 1; split(folders, folder) }
        {
            path = $1; sub(/:$/, "", path)
            deps[path] = $0; sub(/^[^ ]*:? ?/, "", deps[path])
            name = path; sub(/.*\//, "", name); sub(/\.ko.*/, "", name); gsub(/-/, "_", name)
            pick = name in wanted
            for (i in folder) if (index(path, folder[i] "/") == 1) pick = 1
            if (pick) queue[++n] = path
        }
        END {
            for (i = 1; i <= n; i++) {
                if (queue[i] in done) continue
                done[queue[i]] = 1; print queue[i]
                m = split(deps[queue[i]], d, " "); for (j = 1; j <= m; j++) queue[++n] = d[j]
            }
        }' "$1/modules.dep"
}

# copy_libraries ROOT FILE [SKIP_DIR]: FILE's shared libraries into ROOT at the paths this host's
# loader finds them (libraries under SKIP_DIR are shared with the VM already).
copy_libraries() {
    local root=$1 file=$2 skip=${3:-} listing lib
    [ "$(head -c 4 "$file" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] || return 0
    listing=$(ldd "$file" 2> /dev/null) || return 0
    while read -r lib; do
        case $(realpath "$lib") in "${skip:-/nowhere}"/*) continue ;; esac
        lib=$(realpath -s "$lib")   # tidy /./ but keep the path: /lib64/ld-linux... must stay
        [ -e "$root$lib" ] && continue
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
    done < <(awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<< "$listing")
    awk -v file="$file" '/not found/ { print "lab: warning: " file " needs " $1 ", not found here" }' \
        <<< "$listing" >&2
}

cpio_of() { (cd "$1" && find . -mindepth 1 | sort | "$cache/busybox" cpio -o -H newc -R 0:0 2> /dev/null); }

# build_base KEY: the kernel image and the base initramfs from the downloaded packages.
build_base() {
    local key=$1 tmp root modules version applet bin file module
    tmp=$(mktemp -d)
    root=$tmp/root
    say "building the base image"
    dpkg -x "$cache"/debs/busybox-static_*.deb "$tmp/busybox"
    cp "$tmp/busybox/bin/busybox" "$cache/busybox"
    dpkg -x "$cache"/debs/linux-image-*.deb "$tmp/kernel"
    version=$(ls "$tmp/kernel/lib/modules")
    modules=$tmp/kernel/lib/modules/$version
    "$cache/busybox" depmod -b "$tmp/kernel" "$version"   # the package leaves this to postinst
    if ! elf_kernel "$tmp/kernel/boot/vmlinuz-$version" "$cache/kernel"; then
        say "warning: no ELF kernel found in the bzImage; booting the bzImage (slower)"
        cp "$tmp/kernel/boot/vmlinuz-$version" "$cache/kernel"
    fi

    # Real /bin, /lib ... folders, not merged-usr symlinks: the per-run cpio adds libraries at
    # their host paths, and the kernel's unpacker replaces a symlink by a folder, losing its files.
    mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,etc,dev,proc,sys,tmp,run,root,lab-run}
    cp "$cache/busybox" "$root/bin/busybox"
    for applet in $("$cache/busybox" --list-full); do
        [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
    done
    for bin in bash ip; do   # busybox has no bash, and its ip has no xfrm
        rm -f "$root/bin/$bin" "$root/sbin/$bin"
        cp "$(command -v $bin)" "$root/bin/$bin"
        copy_libraries "$root" "$root/bin/$bin"
    done
    for file in /etc/protocols /etc/services; do [ -f $file ] && cp $file "$root/etc/"; done
    echo 'root:x:0:0:root:/root:/bin/bash' > "$root/etc/passwd"
    echo 'root:x:0:' > "$root/etc/group"
    mkdir -p "$root/lib/modules/$version"
    closure "$modules" | while read -r module; do
        mkdir -p "$root/lib/modules/$version/$(dirname "$module")"
        cp "$modules/$module" "$root/lib/modules/$version/$module"
    done
    cp "$modules"/modules.builtin* "$modules/modules.order" "$root/lib/modules/$version/"
    "$cache/busybox" depmod -b "$root" "$version"
    echo "$boot_modules" > "$root/etc/lab-modules"
    cp "$here/guest-init.sh" "$root/init"
    chmod 755 "$root/init"

    # Uncompressed: under TCG the kernel unpacks 12 MB faster than it gunzips 4 MB.
    cpio_of "$root" > "$tmp/base.cpio"
    rm -f "$cache"/base-*.cpio
    mv "$tmp/base.cpio" "$cache/base-$key.cpio"
    rm -rf "$tmp"
}

# prepare: make sure qemu, the packages and the base image are there. Returns holding the cache
# lock (fd 8): a run in parallel may otherwise replace the base image while this one copies it.
prepare() {
    mkdir -p "$cache"
    exec 8> "$cache/lock"
    flock 8
    install_missing qemu-system-x86_64=qemu-system-x86 ip=iproute2 xz=xz-utils
    ls "$cache"/debs/linux-image-*.deb "$cache"/debs/busybox-static_*.deb > /dev/null 2>&1 || download_debs
    local key
    key=$({ cat "$0" "$here/guest-init.sh"; ls "$cache/debs"; sha256sum "$(command -v bash)" "$(command -v ip)"; } |
        sha256sum | cut -c1-16)
    if [ ! -f "$cache/base-$key.cpio" ] || [ ! -f "$cache/kernel" ]; then build_base "$key"; fi
    base=$cache/base-$key.cpio
}

# run DIR COMMANDS
run() {
    local dir work root file status
    dir=$(realpath "$1") || die "no folder $1"
    [ -d "$dir" ] || die "not a folder: $1"
    case $dir in *,*) die "qemu cannot share a folder whose path has a comma: $dir" ;; esac
    prepare
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    cat "$base" > "$work/initrd"
    flock -u 8
    root=$work/root
    mkdir -p "$root/lab-run"
    printf '%s\n' "$2" > "$root/lab-run/command"
    while IFS= read -r -d '' file; do copy_libraries "$root" "$file" "$dir"; done < <(find "$dir" -type f -print0)
    cpio_of "$root" >> "$work/initrd"

    : > "$work/console" && : > "$work/stdout" && : > "$work/stderr"
    status=0
    timeout -k 5 "$timeout_s" qemu-system-x86_64 -M pc -accel "$accel" -cpu max -m "$memory" -smp 1 \
        -nodefaults -no-user-config -display none -no-reboot \
        -serial "file:$work/console" -serial "file:$work/stdout" -serial "file:$work/stderr" \
        -kernel "$cache/kernel" -initrd "$work/initrd" \
        -append "console=ttyS0 quiet loglevel=3 panic=-1 mitigations=off cryptomgr.notests=1" \
        -virtfs "local,path=$dir,mount_tag=lab,security_model=none" \
        > "$work/qemu" 2>&1 || status=$?
    [ -n "${SETKEY_LAB_CONSOLE:-}" ] && cp "$work/console" "$SETKEY_LAB_CONSOLE"
    cat "$work/stdout"
    cat "$work/stderr" >&2
    if [ "$status" = 124 ] || [ "$status" = 137 ]; then
        say "the VM ran past ${timeout_s}s and was killed; console:"
        tail -n 20 "$work/console" >&2
        exit 124
    fi
    status=$(sed -n 's/.*lab: exit status \([0-9]*\).*/\1/p' "$work/console" | tail -n 1)
    if [ -z "$status" ]; then
        say "the VM ended without reporting an exit status; qemu said:"
        cat "$work/qemu" >&2
        say "console:"
        tail -n 30 "$work/console" >&2
        exit 125
    fi
    exit "$status"
}

case ${1:-} in
prepare) [ $# -eq 1 ] || die "usage: lab.sh prepare"; prepare; say "ready: $cache" ;;
run) [ $# -eq 3 ] || die "usage: lab.sh run DIR COMMANDS"; run "$2" "$3" ;;
*) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
