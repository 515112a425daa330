#!/bin/sh
# Runs inside the booted Debian 12 container (container_test.sh starts it as
# a oneshot unit): the package's life cycle as an admin lives it.
#   apt install ./mltrend_*.deb -> installed, not enabled, not started;
#   man mltrend; the shipped conffile passes --check-config;
#   systemctl start (Type=notify: returns at READY) -> mltrend queries the socket;
#   apt remove -> stopped, nothing running, the conffiles kept;
#   apt purge -> no conffile, no store left.
set -eu
step() { echo "== $* ($(date +%s))"; }
fail() { echo "FAIL: $*"; exit 1; }
running() {
  for comm in /proc/[0-9]*/comm; do
    [ "$(cat "$comm" 2>/dev/null)" = mltrendd ] && return 0
  done
  return 1
}
export DEBIAN_FRONTEND=noninteractive

step "apt install ./mltrend_*.deb"
apt-get update -q
cd /root
apt-get install -y -q ./mltrend_*.deb
state=$(systemctl is-enabled mltrendd.service || true)
[ "$state" = disabled ] || fail "mltrendd.service is '$state' after install (enable is the admin's choice)"
! systemctl -q is-active mltrendd.service || fail "the install started mltrendd"
grep -q '^ExecStart=/usr/bin/mltrendd ' /usr/lib/systemd/system/mltrendd.service || fail "ExecStart"

step "man mltrend, man mltrendd, man mltrend.toml"
man -P cat mltrend | grep -q 'mltrend - query mltrendd' || fail "man mltrend"
man -P cat mltrendd | grep -q 'mltrendd - which ML framework' || fail "man mltrendd"
man -P cat mltrend.toml | grep -q 'mltrend.toml - configuration of mltrendd' || fail "man mltrend.toml"

step "the shipped config passes --check-config with the installed plugins"
mltrendd --check-config --config /etc/mltrend/mltrend.toml

step "systemctl start mltrendd (an edited config: the source at a closed local port, no crawling of the internet)"
cat >/etc/mltrend/mltrend.toml <<'EOF'
[daemon]
state_dir = "/var/lib/mltrend"
socket = "/run/mltrend/mltrend.sock"

[[source]]
name = "hf"
plugin = "huggingface"
base_url = "http://127.0.0.1:9"

[[sink]]
name = "trends"
plugin = "framework_share"
rules = "rules/frameworks.toml"
EOF
systemctl start mltrendd.service
systemctl -q is-active mltrendd.service || fail "mltrendd is not active after start"
[ "$(mltrend get /healthz)" != "" ] || fail "no answer from /healthz"
mltrend sources --format json | grep -q '"name":"hf"' || fail "/v1/sources lacks hf"
mltrend status
systemctl reload mltrendd.service
systemctl -q is-active mltrendd.service || fail "mltrendd is not active after reload"

step "apt remove"
apt-get remove -y -q mltrend
! systemctl -q is-active mltrendd.service || fail "mltrendd still active after remove"
! running || fail "an mltrendd process is left after remove"
[ -f /etc/mltrend/mltrend.toml ] || fail "remove deleted the conffile"
[ -d /var/lib/mltrend ] || fail "remove deleted the store (only purge may)"

step "apt purge"
apt-get purge -y -q mltrend
! running || fail "an mltrendd process is left after purge"
for path in /etc/mltrend /var/lib/mltrend /var/lib/private/mltrend /run/mltrend; do
  [ ! -e "$path" ] || fail "$path is left after purge"
done
status=$(dpkg-query -W -f='${Status}' mltrend 2>/dev/null || true)
case $status in "" | *not-installed*) ;; *) fail "dpkg still knows mltrend: '$status'" ;; esac
step "PASS"
