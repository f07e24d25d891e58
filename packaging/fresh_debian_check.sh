#!/usr/bin/env bash
# Install the built .deb on a fresh, minimal Debian 12 (debootstrap --variant=minbase) and
# start it there: `sudo packaging/fresh_debian_check.sh [dist/transplant-companion_*.deb]`.
#
# Needs root, debootstrap and Xvfb on the host, and Debian's package mirror. Proves the
# package's Depends are enough on a system that has nothing else: --version, the checklist
# PDF with no display (it must have text), the no-display message, the first paint
# offscreen, and a real X11 window (on the host's Xvfb, seen with xwininfo).
set -euo pipefail
deb="$(realpath "${1:-$(ls dist/transplant-companion_*.deb | head -n 1)}")"
root="$(mktemp -d /tmp/fresh-debian.XXXXXX)"
display=":$((90 + RANDOM % 9))"
xvfb_pid=""
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    umount "$root/tmp/.X11-unix" 2>/dev/null || true
    umount "$root/proc" 2>/dev/null || true
    rm -rf --one-file-system "$root"
}
trap cleanup EXIT

debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/package.deb"
mount -t proc proc "$root/proc"
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

in_root bash -c 'DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/package.deb >/dev/null'
in_root transplant-companion --version
in_root bash -c 'cd /tmp && transplant-companion --demo checklist --phase all --output x.pdf'
pdftotext "$root/tmp/x.pdf" "$root/tmp/x.txt"
grep -q "Getting ready" "$root/tmp/x.txt" || { echo "the PDF has no text" >&2; exit 1; }
if in_root transplant-companion 2>"$root/err"; then
    echo "the window should refuse to open without a display" >&2
    exit 1
fi
grep -q "needs a desktop session" "$root/err"
in_root QT_QPA_PLATFORM=offscreen transplant-companion --demo --exit-after-paint 2>/dev/null

Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb_pid=$!
mkdir -p "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
# Not through in_root (a function would run in a subshell): $! must be the app itself,
# which chroot, env and the /usr/bin launcher each replace by exec.
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/bin:/bin DISPLAY="$display" \
    transplant-companion --demo &
app_pid=$!
found=""
for _ in $(seq 100); do
    if DISPLAY="$display" xwininfo -root -tree | grep -q '"TransplantCompanion")'; then
        found=yes
        break
    fi
    sleep 0.1
done
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
[ -n "$found" ] || { echo "no window appeared on the X server" >&2; exit 1; }
echo "fresh Debian 12: the package installs, prints, and opens its window"
