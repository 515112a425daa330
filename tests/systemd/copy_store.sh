#!/bin/sh
# ExecStartPre=+ of the test drop-in (mltrendd-test.conf): copies the store as
# the previous daemon left it (killed, stopped by the watchdog, or stopped) to
# /run/mltrend-store-copies/N, N counting from 1, before the next daemon opens
# it. checks.sh runs mltrendd --verify on the newest copy. Nothing before the
# first start.
set -eu
store=/var/lib/private/mltrend
[ -d "$store" ] || exit 0
mkdir -p /run/mltrend-store-copies
n=$(ls /run/mltrend-store-copies | wc -l)
cp -a "$store" "/run/mltrend-store-copies/$((n + 1))"
