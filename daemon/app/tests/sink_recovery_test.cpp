#include <catch2/catch.hpp>

#include "mltrend_test/test_support.hpp"
#include "mltrendd/app/daemon.hpp"

namespace {

mltrend::Record Model(const std::string& id, const std::string& tag) {
  mltrend::Record r;
  r.id = id;
  r.name = "org/" + id;
  r.date = "2024-01-15T00:00:00.000Z";
  r.tags = {tag};
  return r;
}

int64_t TotalOf(mltrendd::SinkInstance& sink) {
  mltrend::QueryResponse response;
  REQUIRE(sink.Sink().Query({"/v1/trends", {{"source", "hf"}, {"bucket", "year"}}}, response).ok());
  INFO(response.body);
  REQUIRE(response.status == 200);
  size_t at = response.body.find("\"total\":");
  REQUIRE(at != std::string::npos);
  return std::stoll(response.body.substr(at + 8));
}

}  // namespace

TEST_CASE("a sink that missed pruned changes recomputes instead of losing them") {
  mltrend_test::TempDir dir;
  mltrend_test::WriteFile(dir / "mltrend.toml",
                          "[daemon]\nstate_dir = \"state\"\nplugin_dir = \"" +
                              mltrend_test::BuildPath("lib/mltrend/plugins").string() +
                              "\"\n[[source]]\nname = \"hf\"\nplugin = \"huggingface\"\n"
                              "[[sink]]\nname = \"trends\"\nplugin = \"framework_share\"\nrules = \"" +
                              mltrend_test::FixturePath("huggingface/rules_tags_only.toml").string() + "\"\n");
  mltrendd::PluginRegistry plugins;
  mltrendd::Config config;
  auto s = mltrendd::LoadConfigWithPlugins(dir / "mltrend.toml", plugins, config);
  INFO(s.message());
  REQUIRE(s.ok());
  std::unique_ptr<mltrendd::Store> store;
  REQUIRE(mltrendd::Store::Open(dir / "state", {}, store).ok());
  auto make_sink = [&] {
    return std::make_unique<mltrendd::SinkInstance>(config.sinks[0], plugins.Find("framework_share"), *store,
                                                    std::vector<std::string>{"hf"});
  };
  mltrendd::CommitStats stats;
  REQUIRE(store->CommitPage("hf", {Model("a", "pytorch"), Model("b", "pytorch"), Model("c", "tf")}, "", stats).ok());
  {
    auto sink = make_sink();
    REQUIRE(sink->Fold().ok());
    CHECK(TotalOf(*sink) == 3);
  }
  // The sink leaves the config; meanwhile more pages land and, with no sink
  // configured, the whole change log is pruned.
  REQUIRE(store->CommitPage("hf", {Model("d", "jax"), Model("e", "tf")}, "", stats).ok());
  REQUIRE(mltrendd::PruneFoldedChanges(*store, {}).ok());

  auto back = make_sink();
  REQUIRE(back->Fold().ok());
  CHECK(TotalOf(*back) == 5);
}
