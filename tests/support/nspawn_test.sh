# Sourced by the systemd-nspawn tests (tests/package/container_test.sh,
# tests/systemd/systemd_test.sh): their verdicts and phase timings.
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
# phase NAME START: how long NAME took since START ($SECONDS then).
phase() { echo "== $1 took $((SECONDS - $2)) s"; }

# nspawn_outcome BOOT_LOG BOOT_STATUS RC_FILE: after systemd-nspawn exited
# with BOOT_STATUS, returns when the test unit inside left RC_FILE; otherwise
# prints the boot log and skips when the container never booted here (no
# systemd output, or a namespace, mount or permission failure), fails when
# it booted but left no result.
nspawn_outcome() {
  [ ! -f "$3" ] || return 0
  cat "$1"
  if ! grep -q "systemd" "$1" || grep -Eq "Failed to (create|mount|allocate)|Operation not permitted|not supported" "$1"; then
    skip "the container did not boot here (systemd-nspawn exit $2; its output above)"
  fi
  fail "the container booted but the test unit left no result (systemd-nspawn exit $2)"
}
