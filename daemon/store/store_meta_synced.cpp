//===----------------------------------------------------------------------===//
// mltrendd — store/store_meta_synced.cpp
//===----------------------------------------------------------------------===//
// A meta write that is on disk when it returns, whatever `sync_writes` says:
// the plugin guard's "entered" mark (runtime/plugin_guard.hpp) must survive
// the crash it is there to explain.
#include "store_impl.hpp"

namespace mltrendd {

Status Store::PutMetaSynced(std::string_view key, std::string_view value) {
  if (key.substr(0, kMetaPrefix.size()) == kMetaPrefix) {
    return Status::Invalid("meta key '" + std::string(key) + "' uses the prefix '" + std::string(kMetaPrefix) +
                           "' reserved for the store itself");
  }
  rocksdb::WriteOptions options = impl_->WriteOpts();
  options.sync = true;
  auto s = impl_->db->Put(options, impl_->meta, rocksdb::Slice(key.data(), key.size()),
                          rocksdb::Slice(value.data(), value.size()));
  if (!s.ok()) return impl_->Error("cannot write meta key " + std::string(key), s);
  return Status::Ok();
}

}  // namespace mltrendd
