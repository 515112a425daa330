#!/usr/bin/env bash
# The Debian package as `--target package` builds it (CPack, cmake/Packaging.cmake):
# its name, layout, conffiles, unit, computed Depends, maintainer scripts,
# and lintian: no error, no warning, and every remaining tag explained in
# docs/PACKAGING.md. Exit 77 (skipped) only when lintian is missing, after
# the other checks passed.
# usage: check_deb.sh BUILD_DIR SOURCE_DIR VERSION [OUT_DIR]
#   OUT_DIR keeps the .deb (the container test installs it); default: a temp dir.
set -euo pipefail
build=$1 source=$2 version=$3
out=${4:-}
if [ -z "$out" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
fail() { echo "FAIL: $*" >&2; exit 1; }

# cpack -B: its own staging and output directory, so a developer's
# `--target package` in the same build tree is not disturbed.
cpack --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; fail "cpack"; }
deb="$out/mltrend_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fail "no $deb; cpack wrote: $(ls "$out")"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/mltrendd ./usr/bin/mltrend \
  ./usr/lib/mltrend/plugins/libmltrend_huggingface.so ./usr/lib/mltrend/plugins/libmltrend_paperswithcode.so \
  ./usr/lib/mltrend/plugins/libmltrend_github.so ./usr/lib/mltrend/plugins/libmltrend_framework_share.so \
  ./usr/include/mltrend/plugin.hpp ./usr/lib/cmake/mltrend_sdk/mltrend_sdkConfig.cmake \
  ./usr/lib/systemd/system/mltrendd.service ./usr/lib/systemd/system/mltrendd.socket \
  ./etc/mltrend/mltrend.toml ./etc/mltrend/rules/frameworks.toml \
  ./usr/share/doc/mltrend/copyright ./usr/share/doc/mltrend/changelog.gz ./usr/share/doc/mltrend/README.md \
  ./usr/share/man/man8/mltrendd.8.gz ./usr/share/man/man1/mltrend.1.gz ./usr/share/man/man5/mltrend.toml.5.gz \
  ./usr/share/bash-completion/completions/mltrend \
  ${MLTREND_EXPECT_FILES:-}; do
  grep -qxF "$f" <<<"$contents" || fail "the package lacks $f"
done
if grep -q '^\./usr/local/' <<<"$contents"; then fail "files under /usr/local: $(grep '^\./usr/local/' <<<"$contents" | head -3)"; fi

conffiles=$(dpkg-deb -I "$deb" conffiles)
[ "$conffiles" = $'/etc/mltrend/mltrend.toml\n/etc/mltrend/rules/frameworks.toml' ] ||
  fail "conffiles are '$conffiles'"

exec_start=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/lib/systemd/system/mltrendd.service | grep '^ExecStart=')
[ "$exec_start" = "ExecStart=/usr/bin/mltrendd --config %E/mltrend/mltrend.toml" ] || fail "the unit says '$exec_start'"

depends=$(dpkg-deb -f "$deb" Depends)
for lib in libc6 libstdc++6 libsystemd0 libssl3; do
  grep -q "\b$lib\b" <<<"$depends" || fail "Depends lacks $lib: '$depends'"
done

postinst=$(dpkg-deb -I "$deb" postinst | grep -v "^[[:space:]]*#")
grep -q 'daemon-reload' <<<"$postinst" || fail "postinst does not reload systemd"
if grep -Eq 'deb-systemd-helper enable|systemctl (--system )?(enable|start)' <<<"$postinst"; then
  fail "postinst enables or starts the service (the admin's choice)"
fi
grep -q 'deb-systemd-invoke stop mltrendd.socket mltrendd.service' <<<"$(dpkg-deb -I "$deb" prerm)" ||
  fail "prerm does not stop the socket and the service"
grep -q 'deb-systemd-helper purge' <<<"$(dpkg-deb -I "$deb" postrm)" || fail "postrm does not purge the units' state"
echo "ok: $deb ($(du -k "$deb" | cut -f1) KiB), Depends: $depends"

if ! command -v lintian >/dev/null; then
  echo "SKIP: lintian is not installed (.ci/install-deps installs it)"
  exit 77
fi
report=$(lintian --pedantic -I "$deb" 2>/dev/null || true)
echo "$report"
if grep -Eq '^[EW]: ' <<<"$report"; then fail "lintian reports errors or warnings (above)"; fi
for tag in $(awk '{print $3}' <<<"$report" | sort -u); do
  grep -qF "\`$tag\`" "$source/docs/PACKAGING.md" || fail "lintian's $tag is not explained in docs/PACKAGING.md"
done
echo "ok: lintian: no error or warning; $(grep -c . <<<"$report" || true) informational tag(s), each explained"
