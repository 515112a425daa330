//===----------------------------------------------------------------------===//
// mltrend SDK — plugin.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <exception>
#include <iterator>
#include <string>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>

#include "mltrend/abi.hpp"
#include "mltrend/config.hpp"
#include "mltrend/sink.hpp"
#include "mltrend/source.hpp"
#include "mltrend/status.hpp"

namespace mltrend {

enum class PluginKind { kSource, kSink };

//! What a plugin library declares about itself. Exported through
//! MLTREND_REGISTER_SOURCE / MLTREND_REGISTER_SINK; read by the daemon only
//! after the exported ABI version matched its own.
struct PluginDescriptor {
  PluginKind kind;
  const char* name;         //!< the `plugin = "..."` value in config
  const char* version;      //!< the plugin's own version
  const char* sdk_version;  //!< MLTREND_SDK_VERSION at build time
  const char* description;
  const ConfigKey* keys;  //!< the keys its config table accepts
  size_t key_count;
  //! Factories; the object is destroyed through its virtual destructor, i.e.
  //! by the plugin's own code, while the daemon keeps the library loaded.
  Source* (*create_source)();
  Sink* (*create_sink)();
  //! Checks what the key table cannot express (a URL's scheme, a positive
  //! count, a rules file that parses), so `--check-config` and config loading
  //! refuse the value with its file:line:col instead of the first run failing.
  //! The daemon calls it once per instance, after defaults are applied and
  //! paths resolved, before any plugin object exists; on failure it sets
  //! `bad_key` to the offending key and returns a message without that key.
  //! It may read local files but must not do network I/O or keep state.
  //! nullptr: the key table is all there is to check. Filled from
  //! `static Status Validate(const ConfigValues&, std::string& bad_key)` on
  //! the registered class, when it has one.
  Status (*validate)(const ConfigValues& values, std::string& bad_key);
};

namespace plugin_detail {

//! The registered class's Validate behind a C-style entry point that lets no
//! exception escape into the daemon.
template <typename Class>
Status CallValidate(const ConfigValues& values, std::string& bad_key) noexcept {
  try {
    return Class::Validate(values, bad_key);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("config validation failed: ") + e.what());
  } catch (...) {
    return Status::Internal("config validation failed with an unknown exception");
  }
}

//! The descriptor's `validate` for `Class`: CallValidate when Class declares
//! a static Validate with exactly the documented signature, else nullptr. A
//! Validate with another signature is a compile error rather than silently
//! never called.
template <typename Class>
constexpr auto ValidateHook() -> Status (*)(const ConfigValues&, std::string&) {
  if constexpr (requires { static_cast<Status (*)(const ConfigValues&, std::string&)>(&Class::Validate); }) {
    return &CallValidate<Class>;
  } else {
    static_assert(!requires { &Class::Validate; },
                  "a plugin's Validate must be `static mltrend::Status Validate(const mltrend::ConfigValues&, "
                  "std::string& bad_key)`");
    return nullptr;
  }
}

}  // namespace plugin_detail
}  // namespace mltrend

//! Exported as a plain `int` so the loader can read it without running any
//! plugin code; the loader refuses the library if it differs from its own.
#define MLTREND_DETAIL_EXPORT_ABI                                                \
  extern "C" BOOST_SYMBOL_EXPORT const int mltrend_abi_version = MLTREND_ABI_VERSION; \
  extern "C" BOOST_SYMBOL_EXPORT const char mltrend_sdk_version[] = MLTREND_SDK_VERSION;

#define MLTREND_DETAIL_REGISTER(kind_, Class, name_, version_, description_, keys_, src_, snk_) \
  MLTREND_DETAIL_EXPORT_ABI                                                                      \
  namespace mltrend_plugin_detail {                                                              \
  inline const ::mltrend::PluginDescriptor* Describe() {                                         \
    static const ::mltrend::PluginDescriptor d{kind_,       name_,                               \
                                               version_,    MLTREND_SDK_VERSION,                 \
                                               description_, std::data(keys_),                   \
                                               std::size(keys_), src_, snk_,                     \
                                               ::mltrend::plugin_detail::ValidateHook<Class>()}; \
    return &d;                                                                                   \
  }                                                                                              \
  }                                                                                              \
  BOOST_DLL_ALIAS(mltrend_plugin_detail::Describe, mltrend_plugin)

//! One registration line per plugin (osquery style):
//!   MLTREND_REGISTER_SOURCE(HuggingFaceSource, "huggingface", "1.0.0", "Hub models", kKeys)
//! where kKeys is a `const mltrend::ConfigKey[]` (Fluent Bit's config_map).
//! A `static Validate` on the class becomes the descriptor's `validate`.
#define MLTREND_REGISTER_SOURCE(Class, name_, version_, description_, keys_)                   \
  MLTREND_DETAIL_REGISTER(::mltrend::PluginKind::kSource, Class, name_, version_, description_, \
                          keys_, []() -> ::mltrend::Source* { return new Class(); }, nullptr)

#define MLTREND_REGISTER_SINK(Class, name_, version_, description_, keys_)                   \
  MLTREND_DETAIL_REGISTER(::mltrend::PluginKind::kSink, Class, name_, version_, description_, \
                          keys_, nullptr, []() -> ::mltrend::Sink* { return new Class(); })
