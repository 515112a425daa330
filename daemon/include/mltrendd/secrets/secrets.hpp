//===----------------------------------------------------------------------===//
// mltrendd — secrets/secrets.hpp
//===----------------------------------------------------------------------===//
// The daemon's one redaction: every secret value the process knows of is
// registered here, and every place that keeps text from outside (log lines,
// a source's or sink's last_error, a source's progress, a non-2xx response
// body, a redirect's Location) passes it through Redact first. A server that
// echoes a token therefore cannot get it into a log, /v1/* or /metrics.
#pragma once

#include <string>
#include <string_view>

namespace mltrendd {

//! What a secret is replaced with.
inline constexpr std::string_view kRedacted = "<redacted>";

//! Adds `value` to the process-wide secrets, with its percent-encoded forms
//! (upper- and lower-case hex) when they differ, as a server may echo it in
//! a URL. Empty values are ignored; registering twice is harmless.
void RegisterSecret(std::string_view value);

//! Registers, before any plugin runs, what is a secret whoever reads it:
//! every file in $CREDENTIALS_DIRECTORY (systemd's LoadCredential=) and every
//! environment variable whose name ends in `_TOKEN` (values of 8 bytes or
//! more: shorter ones are no token, and are registered only when read). So a source that runs
//! first cannot have another source's token echoed before that source read it.
void RegisterEnvironmentSecrets();

//! The secret `name` (HF_TOKEN, GITHUB_TOKEN): the environment variable when
//! set and non-empty, else the file `name` in $CREDENTIALS_DIRECTORY without
//! trailing newlines; "" when absent. A value found is registered.
std::string ReadSecret(const std::string& name);

//! `text` with every occurrence of every registered secret replaced by
//! kRedacted (longest secret first, so one containing another goes whole).
std::string Redact(std::string_view text);

//! Whether `text` holds a registered secret.
bool ContainsSecret(std::string_view text);

//! Forgets every registered secret (unit tests only).
void ForgetSecretsForTesting();

}  // namespace mltrendd
