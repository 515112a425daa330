#!/bin/sh
# Runs inside the container systemd_test.sh boots (as the oneshot
# mltrend-systemd-test.service, systemd as PID 1): mltrendd installed in
# /opt/mltrend, its units linked into /etc/systemd/system with the test's
# drop-in (WatchdogSec=3s, RestartSec=1s). Each check compares an exact value
# and says what it expected and what it got:
#   1. systemctl start: active only after READY=1 (Type=notify), STATUS= set;
#   2. SIGKILL of the main PID: Restart= brings it back, the store as the
#      kill left it passes mltrendd --verify, the records are all there;
#   3. SIGSTOP of the main PID: the watchdog kills and restarts it;
#   4. systemctl reload: a good config applied, a bad one refused (the old
#      one kept) with the reason in the journal and /v1/status;
#   5. DynamicUser=: the store survives a restart;
#   6. systemctl stop: a clean exit;
#   7. mltrendd.socket: a connection starts the daemon; the socket group may
#      connect, another user gets EACCES.
# Waits (a restart, a crawl, a reload) poll a state with a deadline; none
# sleeps a fixed time.
set -eu
t0=$(date +%s)
step() { echo "== $* ($(($(date +%s) - t0)) s)"; }
fail() { echo "FAIL: $*"; exit 1; }
# expect WHAT EXPECTED ACTUAL
expect() {
  [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
  echo "ok: $1 = '$3'"
}
prop() { systemctl show -p "$2" --value "$1"; }
sock=/run/mltrend/mltrend.sock
api() { curl -sS --max-time 10 --unix-socket "$sock" "http://localhost$1"; }
# json PATH EXPR: EXPR (Python, the answer is d) evaluated on GET PATH.
json() { api "$1" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$2"; }
# wait_until WHAT SECONDS COMMAND...: COMMAND true within SECONDS, or fail.
wait_until() {
  what=$1 deadline=$(($(date +%s) + $2))
  shift 2
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$what: not within the deadline"
    sleep 0.2
  done
}
# One `systemctl show` (one D-Bus GetAll): three separate reads could see
# active/running before the watchdog's kill and MainPID=0 after it, and take
# the dead daemon for its restarted successor (NRestarts one short).
running_as() {
  props=$(systemctl show -p ActiveState -p SubState -p MainPID mltrendd)
  printf '%s\n' "$props" | grep -qx 'ActiveState=active' && printf '%s\n' "$props" | grep -qx 'SubState=running' &&
    ! printf '%s\n' "$props" | grep -qx -e "MainPID=$1" -e 'MainPID=0'
}
# How each daemon so far ended (the drop-in's ExecStopPost), "; "-separated.
exits() { paste -sd';' /run/mltrend-exits | sed 's/;/; /g'; }
records() { json /v1/sources '[s["records"] for s in d["sources"] if s["name"] == "hf"][0]'; }
# The service's journal since the cursor taken by mark_journal.
mark_journal() { cursor=$(journalctl -n 0 --show-cursor -q | sed -n 's/^-- cursor: //p'); }
journal_since_mark() { journalctl -q --no-pager -o cat --after-cursor="$cursor" -u mltrendd.service "$@"; }
# Each start's ExecStartPre (the drop-in) copies the store as the previous
# daemon left it; verify_last_copy checks the newest copy offline.
verify_last_copy() {
  copy=/run/mltrend-store-copies/$(ls /run/mltrend-store-copies | sort -n | tail -1)
  sed "s|^state_dir = .*|state_dir = \"$copy\"|" /etc/mltrend/mltrend.toml >/run/verify.toml
  /opt/mltrend/bin/mltrendd --verify --config /run/verify.toml >/run/verify.log 2>&1 ||
    { cat /run/verify.log; fail "mltrendd --verify on $1 ($copy)"; }
  echo "ok: mltrendd --verify passes on $1"
}

# kill_main SIGNAL RESTARTS ENDS LINE...: SIGNAL to the main PID; then within
# 30 s a new main PID, active; NRestarts = RESTARTS, the ends so far = ENDS,
# and each LINE in the service's journal since the signal.
kill_main() {
  signal=$1 restarts=$2 ends=$3
  shift 3
  pid=$(prop mltrendd MainPID)
  mark_journal
  kill -"$signal" "$pid"
  wait_until "a new main PID, active, after SIG$signal of $pid" 30 running_as "$pid"
  expect "NRestarts after SIG$signal" "$restarts" "$(prop mltrendd NRestarts)"
  expect "how the daemons ended (result, code, status)" "$ends" "$(exits)"
  for line in "$@"; do
    journal_since_mark | grep -qxF -- "$line" || fail "the journal since SIG$signal lacks the line '$line'"
    echo "ok: the journal says '$line'"
  done
}

step "setup: the socket group and two users, the replay server, the config"
systemd-sysusers --inline 'g mltrend-query -' 'u mltrend-member - "in the socket group"' \
  'm mltrend-member mltrend-query' 'u mltrend-outsider - "outside the socket group"'
systemd-run -q --unit=mltrend-replay /opt/mltrend-test/mltrend-replay --dir /opt/mltrend-test/hf_pages \
  --port-file /run/mltrend-replay.port
wait_until "the replay server's port file" 10 test -s /run/mltrend-replay.port
port=$(cat /run/mltrend-replay.port)
mkdir -p /etc/mltrend
write_config() {
  cat >/etc/mltrend/mltrend.toml <<EOF
[daemon]
state_dir = "/var/lib/mltrend"
socket = "$sock"
log_level = "info"

[[source]]
name = "hf"
plugin = "huggingface"
interval = "1h"
jitter = "0s"
base_url = "http://127.0.0.1:$port"

[[sink]]
name = "trends"
plugin = "framework_share"
rules = "/opt/mltrend/share/mltrend/rules/frameworks.toml"
EOF
}
write_config

step "1. systemctl start mltrendd: active only after READY=1"
expect "Type" notify "$(prop mltrendd Type)"
expect "ExecStart's binary" /opt/mltrend/bin/mltrendd "$(prop mltrendd ExecStart | sed 's/.*path=\([^ ;]*\).*/\1/')"
systemctl start mltrendd
# systemctl start returns when the unit is active; for Type=notify that is
# READY=1, which the daemon sends together with STATUS=serving.
expect "ActiveState after start" active "$(prop mltrendd ActiveState)"
expect "mltrendd.socket after starting mltrendd (Requires=)" active "$(prop mltrendd.socket ActiveState)"
expect "StatusText (the daemon's STATUS=) after start" serving "$(prop mltrendd StatusText)"
expect "GET /healthz right after start" '{"status":"ok"}' "$(api /healthz)"
expect "WatchdogUSec (the drop-in's WatchdogSec=)" 3s "$(prop mltrendd WatchdogUSec)"
crawled() { [ "$(json /v1/sources '[s["runs"] for s in d["sources"] if s["name"] == "hf"][0]')" = 1 ]; }
wait_until "the first crawl of the replayed listing" 60 crawled
expect "records of hf after the crawl (the listing's 9,715 models)" 9715 "$(records)"
expect "the crawl's last_run_ok" True "$(json /v1/sources '[s["last_run_ok"] for s in d["sources"] if s["name"] == "hf"][0]')"

step "2. SIGKILL of the main PID: Restart= brings it back, the store whole"
expect "NRestarts before the kill" 0 "$(prop mltrendd NRestarts)"
kill_main KILL 1 "signal killed KILL" \
  "mltrendd.service: Main process exited, code=killed, status=9/KILL" \
  "mltrendd.service: Scheduled restart job, restart counter is at 1."
verify_last_copy "the store as SIGKILL left it"
expect "records of hf after the restart" 9715 "$(records)"
expect "StatusText after the restart" serving "$(prop mltrendd StatusText)"

step "3. SIGSTOP of the main PID: the watchdog kills and restarts it"
kill_main STOP 2 "signal killed KILL; watchdog killed ABRT" \
  "mltrendd.service: Watchdog timeout (limit 3s)!" \
  "mltrendd.service: Killing process $(prop mltrendd MainPID) (mltrendd) with signal SIGABRT." \
  "mltrendd.service: Failed with result 'watchdog'." \
  "mltrendd.service: Scheduled restart job, restart counter is at 2."
verify_last_copy "the store as the watchdog's kill left it"
expect "records of hf after the watchdog restart" 9715 "$(records)"

step "4. systemctl reload: a good config applied, a bad one refused"
pid=$(prop mltrendd MainPID)
write_config
cat >>/etc/mltrend/mltrend.toml <<'EOF'

[[source]]
name = "closed"
plugin = "huggingface"
interval = "1h"
jitter = "0s"
base_url = "http://127.0.0.1:9"
EOF
cp /etc/mltrend/mltrend.toml /run/good.toml
systemctl reload mltrendd
# systemd 252's reload returns once ExecReload's kill has sent SIGHUP; the
# daemon's reload follows on its event loop.
reloaded() { [ "$(json /v1/status 'd["reload_count"] + d["reload_failed_count"]')" = "$1" ]; }
wait_until "the good reload in /v1/status" 10 reloaded 1
expect "reload_count after a good reload" 1 "$(json /v1/status 'd["reload_count"]')"
expect "last_reload_change" "sources +closed" "$(json /v1/status 'd["last_reload_change"]')"
expect "/v1/sources after the good reload" "hf closed" "$(json /v1/sources '" ".join(s["name"] for s in d["sources"])')"
expect "StatusText after the good reload" "serving (reloaded)" "$(prop mltrendd StatusText)"
sed -i 's/^interval = "1h"$/intervall = "1h"/' /etc/mltrend/mltrend.toml
mark_journal
systemctl reload mltrendd
wait_until "the refused reload in /v1/status" 10 reloaded 2
why="/etc/mltrend/mltrend.toml:9:1: [[source]] \"hf\": unknown key 'intervall' (did you mean 'interval'?)"
expect "reload_failed_count after a bad reload" 1 "$(json /v1/status 'd["reload_failed_count"]')"
expect "last_reload_error in /v1/status" "$why" "$(json /v1/status 'd["last_reload_error"]')"
expect "/v1/sources after the bad reload (the old config)" "hf closed" \
  "$(json /v1/sources '" ".join(s["name"] for s in d["sources"])')"
expect "MainPID after the bad reload (still running)" "$pid" "$(prop mltrendd MainPID)"
expect "ActiveState after the bad reload" active "$(prop mltrendd ActiveState)"
expect "StatusText after the bad reload" "serving (last reload refused)" "$(prop mltrendd StatusText)"
# The daemon writes to the journal natively (JOURNAL_STREAM): the line at
# priority err.
journal_since_mark -p err | grep -qxF "reload refused, still running the previous config: $why" ||
  fail "the journal has no err line saying why the reload was refused ($why)"
echo "ok: the journal says why, at priority err"
cp /run/good.toml /etc/mltrend/mltrend.toml

step "5. DynamicUser=: the store survives a restart"
pid=$(prop mltrendd MainPID)
uid=$(stat -c %u "/proc/$pid")
[ "$uid" != 0 ] || fail "mltrendd runs as root, not as a dynamic user"
expect "owner of /var/lib/private/mltrend (the daemon's dynamic uid)" "$uid" "$(stat -c %u /var/lib/private/mltrend)"
expect "/var/lib/mltrend" "private/mltrend" "$(readlink /var/lib/mltrend)"
before=$(records)
systemctl restart mltrendd
expect "how the daemons ended (result, code, status)" \
  "signal killed KILL; watchdog killed ABRT; success exited 0" "$(exits)"
expect "records of hf after systemctl restart" "$before" "$(records)"
expect "records of hf after systemctl restart" 9715 "$(records)"
verify_last_copy "the store as systemctl restart's stop left it"

step "6. systemctl stop: a clean exit"
mark_journal
systemctl stop mltrendd
expect "ActiveState after stop" inactive "$(prop mltrendd ActiveState)"
expect "Result after stop" success "$(prop mltrendd Result)"
expect "how the daemons ended (result, code, status)" \
  "signal killed KILL; watchdog killed ABRT; success exited 0; success exited 0" "$(exits)"
journal_since_mark | grep -qx "stopped cleanly" || fail "the journal has no 'stopped cleanly' from mltrendd"
echo "ok: the journal says 'stopped cleanly'"

step "7. mltrendd.socket: a connection starts the daemon; the group may connect, others get EACCES"
# systemctl start mltrendd started mltrendd.socket too (Requires=); now the
# socket alone.
systemctl stop mltrendd.socket
expect "mltrendd.socket after stop" inactive "$(prop mltrendd.socket ActiveState)"
systemctl start mltrendd.socket
expect "mltrendd.service with only the socket started" inactive "$(prop mltrendd ActiveState)"
expect "the socket's mode, owner and group" "660 root mltrend-query" "$(stat -c '%a %U %G' "$sock")"
expect "GET /healthz through the socket unit (as root)" '{"status":"ok"}' "$(api /healthz)"
# as_user USER COMMAND...: COMMAND with USER's uid, gid and groups. setpriv,
# not runuser: the booted /etc has no PAM configuration.
as_user() {
  user=$1
  shift
  setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
}
active() { [ "$(prop mltrendd ActiveState)" = active ]; }
wait_until "mltrendd started by the connection" 30 active
expect "TriggeredBy" mltrendd.socket "$(prop mltrendd TriggeredBy)"
expect "GET /healthz as mltrend-member (in mltrend-query)" '{"status":"ok"}' \
  "$(as_user mltrend-member curl -sS --max-time 10 --unix-socket "$sock" http://localhost/healthz)"
connect='
import errno, socket, sys
s = socket.socket(socket.AF_UNIX)
try:
    s.connect(sys.argv[1])
    print("connected")
except OSError as e:
    print(errno.errorcode.get(e.errno, e.errno))
'
expect "connect() as mltrend-outsider (not in mltrend-query)" EACCES \
  "$(as_user mltrend-outsider python3 -c "$connect" "$sock")"
expect "records of hf in the socket-activated daemon" 9715 "$(records)"
systemctl stop mltrendd.socket mltrendd.service
expect "how the daemons ended (result, code, status)" \
  "signal killed KILL; watchdog killed ABRT; success exited 0; success exited 0; success exited 0" "$(exits)"

step "PASS"
