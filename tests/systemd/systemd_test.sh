#!/usr/bin/env bash
# mltrendd under a real systemd: systemd-nspawn boots THIS machine's own /usr
# (--directory=/ --volatile=yes: a tmpfs root, /usr read-only from the host,
# /etc populated at boot) with systemd as PID 1. Bound in read-only: the
# project installed with `cmake --install --prefix /opt/mltrend` (its unit's
# ExecStart is /opt/mltrend/bin/mltrendd), the test's drop-ins and a oneshot
# unit; read-write: a result directory. The oneshot runs checks.sh (start,
# SIGKILL, SIGSTOP + watchdog, reload, restart, stop, socket activation and
# its group), writes its output and exit status and powers the container off.
# Nothing polls from here: the host waits for systemd-nspawn to exit.
#
# Exit 77 (ctest: skipped), with the reason, when this machine cannot run it:
# not root, systemd-nspawn or systemd missing, or a container that cannot
# boot here. Never passes without having run.
# usage: systemd_test.sh BUILD_DIR   (keeps its directory with MLTREND_KEEP_ROOT=1)
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
. "$here/../support/nspawn_test.sh"  # skip, fail, phase, nspawn_outcome
t0=$SECONDS

[ "$(id -u)" -eq 0 ] || skip "needs root (systemd-nspawn)"
command -v systemd-nspawn >/dev/null || skip "systemd-nspawn is not installed (.ci/install-deps installs systemd-container)"
[ -x /usr/lib/systemd/systemd ] || skip "this machine's /usr has no systemd to boot (/usr/lib/systemd/systemd)"
for tool in python3 curl; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (.ci/install-deps installs it)"
done
for file in bin/mltrendd bin/mltrend bin/mltrend-replay; do
  [ -x "$build/$file" ] || fail "$build/$file is not built"
done

work=$(mktemp -d /var/tmp/mltrend-systemd.XXXXXX)
[ "${MLTREND_KEEP_ROOT:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/stage" "$work/test" "$work/units/mltrendd.service.d" "$work/units/mltrendd.socket.d" "$work/result"
# The container's users (systemd's DynamicUser, the socket's test users) must
# be able to reach what is bound in.
chmod 0755 "$work" "$work/stage" "$work/test" "$work/units"

t=$SECONDS
DESTDIR="$work/stage" cmake --install "$build" --prefix /opt/mltrend >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; fail "cmake --install $build --prefix /opt/mltrend"; }
grep -qx 'ExecStart=/opt/mltrend/bin/mltrendd --config %E/mltrend/mltrend.toml' \
  "$work/stage/opt/mltrend/lib/systemd/system/mltrendd.service" ||
  fail "the installed mltrendd.service does not start /opt/mltrend/bin/mltrendd"
# A source to crawl offline: the recorded Hugging Face listing (9,715 models)
# as Hub API pages, served inside the container by mltrend-replay on loopback.
python3 "$src/tests/tools/hf_listing_to_pages.py" \
  "$src/tests/fixtures/huggingface/hf_models_top_downloads_2024-09-20.csv.gz" --out "$work/test/hf_pages" >/dev/null
cp "$build/bin/mltrend-replay" "$here/checks.sh" "$here/copy_store.sh" "$work/test/"
chmod -R a+rX "$work/test"
# /etc/systemd/system of the container: the installed units linked (as
# `systemctl link` would), the test's drop-ins, its oneshot and target.
ln -s /opt/mltrend/lib/systemd/system/mltrendd.service "$work/units/mltrendd.service"
ln -s /opt/mltrend/lib/systemd/system/mltrendd.socket "$work/units/mltrendd.socket"
cp "$here/mltrendd-test.conf" "$work/units/mltrendd.service.d/test.conf"
cp "$here/mltrendd-socket-test.conf" "$work/units/mltrendd.socket.d/test.conf"
cp "$here/mltrend-systemd-test.service" "$here/mltrend-systemd-test.target" "$work/units/"
chmod -R a+rX "$work/units"
phase "install to /opt/mltrend, replay pages" "$t"

t=$SECONDS
set +e
# --register=no and --keep-unit: no talk to the host's systemd (machined, a
# transient scope), which a CI host or a build container may not run. The
# host's network namespace: the replay server and the daemon meet on loopback.
timeout 300 systemd-nspawn -q --directory=/ --volatile=yes -b --register=no --keep-unit \
  -M "mltrend-sd-$$" \
  --bind-ro="$work/stage/opt/mltrend:/opt/mltrend" \
  --bind-ro="$work/test:/opt/mltrend-test" \
  --bind-ro="$work/units:/etc/systemd/system" \
  --bind="$work/result:/mltrend-result" \
  systemd.firstboot=off systemd.unit=mltrend-systemd-test.target \
  >"$work/boot.log" 2>&1 </dev/null
boot_status=$?
set -e
phase "boot, checks, poweroff" "$t"

nspawn_outcome "$work/boot.log" "$boot_status" "$work/result/checks.rc"
cat "$work/result/checks.log"
rc=$(cat "$work/result/checks.rc")
if [ "$rc" != 0 ]; then
  echo "-- the container's journal of mltrendd.service, mltrendd.socket and the replay server (last 80 lines):"
  tail -80 "$work/result/journal.txt" || true
  fail "checks.sh exited $rc (its log above)"
fi
echo "ok: mltrendd under systemd: READY, restarts, watchdog, reload, socket activation, stop ($((SECONDS - t0)) s in all)"
