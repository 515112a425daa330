#include "pwc_test_support.hpp"

#include <zlib.h>

#include <catch2/catch.hpp>

#include <stdexcept>

#include "pwc_config.hpp"
#include "pwc_source.hpp"

namespace pwc_test {

mltrend::ConfigValues Config(const std::map<std::string, std::string>& overrides) {
  mltrend::ConfigValues values;
  for (const mltrend::ConfigKey& key : mltrend::pwc::kPapersWithCodeKeys) {
    std::string text = key.default_value;
    if (auto it = overrides.find(key.name); it != overrides.end()) text = it->second;
    if (key.type == mltrend::ConfigType::kInt) values.Set(key.name, static_cast<int64_t>(std::stoll(text)));
    else if (key.type == mltrend::ConfigType::kBool) values.Set(key.name, text == "true");
    else values.Set(key.name, text);
  }
  values.Set("name", std::string("pwc"));
  return values;
}

std::filesystem::path LinksCsv() {
  return mltrend_test::FixturePath("paperswithcode/pwc_links_subset_with_github_info_2024-09.csv.gz");
}

void ConvertCsv(const std::filesystem::path& out, bool gzip) {
  const std::string args = "'" + LinksCsv().string() + "' '" + out.string() + "'" + (gzip ? " --gzip" : "");
  REQUIRE(RunTool("pwc_csv_to_dump.py", args, out.string() + ".out") == 0);
}

void Serve(mltrend_test::ReplayServer& server, const std::string& target, const std::string& body) {
  mltrend_test::Exchange e;
  e.target = target;
  e.headers = {{"Content-Type", "application/json"}};
  e.body = body;
  server.Add(std::move(e));
}

std::string Gzip(std::string_view text) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&zs, text.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

mltrend::Status Harness::Run(const mltrend::ConfigValues& config, uint64_t stop_after_pages) {
  mltrend::pwc::PapersWithCodeSource source;
  return RunSource(source, config, false, stop_after_pages);
}

}  // namespace pwc_test
