#!/usr/bin/env bash
# The Debian package on a fresh Debian 12: mmdebstrap makes a root from
# Debian's archive, systemd-nspawn boots it, and a oneshot unit inside runs
# in_container.sh (apt install ./mltrend_*.deb, man, systemctl start, queries
# over the socket, apt remove, apt purge), writes its exit status and powers
# the container off. Nothing polls: the host waits for the container to exit.
# Prints how long each phase took.
#
# Exit 77 (ctest: skipped), with the reason, when this machine cannot run it:
# not root, mmdebstrap or systemd-nspawn missing, Debian's archive unreachable,
# or a container that cannot boot here. Never passes without having run.
# usage: container_test.sh BUILD_DIR [MIRROR]   (keeps the root with MLTREND_KEEP_ROOT=1)
set -euo pipefail
build=$1
mirror=${2:-http://deb.debian.org/debian}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../support/nspawn_test.sh"  # skip, fail, phase, nspawn_outcome
t0=$SECONDS

[ "$(id -u)" -eq 0 ] || skip "needs root (mmdebstrap's root mode, systemd-nspawn)"
for tool in mmdebstrap systemd-nspawn cpack curl; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (.ci/install-deps installs it)"
done
curl -fsS --max-time 20 -o /dev/null "$mirror/dists/bookworm/InRelease" ||
  skip "Debian's archive ($mirror) is not reachable from here"

work=$(mktemp -d /var/tmp/mltrend-container.XXXXXX)
[ "${MLTREND_KEEP_ROOT:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
root=$work/root

t=$SECONDS
cpack --config "$build/CPackConfig.cmake" -B "$work/deb" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
phase "cpack" "$t"

t=$SECONDS
mmdebstrap --variant=apt --include=systemd,systemd-sysv,dbus,man-db bookworm "$root" "$mirror" \
  >"$work/mmdebstrap.log" 2>&1 || { tail -20 "$work/mmdebstrap.log"; fail "mmdebstrap bookworm (with the archive reachable)"; }
phase "mmdebstrap bookworm" "$t"

cp "$work"/deb/mltrend_*.deb "$here/in_container.sh" "$root/root/"
cat >"$root/etc/systemd/system/mltrend-package-test.service" <<'EOF'
[Unit]
Description=mltrend package test (tests/package/in_container.sh)
Wants=network-online.target
After=network-online.target multi-user.target

[Service]
Type=oneshot
TimeoutStartSec=600
ExecStart=/bin/sh -c '/root/in_container.sh >/root/result.log 2>&1; echo $? >/root/result.rc'
ExecStartPost=/bin/systemctl poweroff --no-block

[Install]
WantedBy=multi-user.target
EOF
ln -s /etc/systemd/system/mltrend-package-test.service \
  "$root/etc/systemd/system/multi-user.target.wants/mltrend-package-test.service"

t=$SECONDS
set +e
# Host networking (apt inside reaches the archive). --register=no and
# --keep-unit: no talk to the host's systemd (machined, a transient scope),
# which a CI host or a build container may not run.
timeout 900 systemd-nspawn -q -D "$root" -b --register=no --keep-unit --resolv-conf=copy-host \
  -M "mltrend-test-$$" >"$work/boot.log" 2>&1 </dev/null
boot_status=$?
set -e
phase "boot, install, start, query, remove, purge, poweroff" "$t"

nspawn_outcome "$work/boot.log" "$boot_status" "$root/root/result.rc"
cat "$root/root/result.log"
rc=$(cat "$root/root/result.rc")
[ "$rc" = 0 ] || fail "in_container.sh exited $rc (its log above)"
echo "ok: the package installs, starts, answers, removes and purges on a fresh Debian 12 ($((SECONDS - t0)) s in all)"
