// Dependency manifests (manifests = true): the parsers on their own, and the
// source reading them through the contents API of the loopback replay
// server within its request budget, once per push.
#include <catch2/catch.hpp>

#include <set>

#include "gh_dependencies.hpp"
#include "gh_test_support.hpp"

using namespace mltrend::gh;
using gh_test::Harness;

namespace {

std::set<std::string> Packages(std::string_view file, std::string_view text) {
  std::set<std::string> out;
  PackagesFrom(file, text, out);
  return out;
}

//! Base64 with a line break every 60 characters, as the contents API sends it.
std::string Base64(std::string_view data) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                 static_cast<unsigned char>(data[i + 2]);
    for (int k = 3; k >= 0; --k) out += kAlphabet[(n >> (6 * k)) & 63];
    if (out.size() % 61 == 60) out += '\n';
  }
  if (i < data.size()) {
    unsigned n = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < data.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

mltrend_test::Exchange FileExchange(const std::string& repo, const std::string& file, const std::string& text) {
  std::string escaped;
  for (char c : Base64(text)) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
  mltrend_test::Exchange e;
  e.target = "/repos/" + repo + "/contents/" + file;
  e.headers = {{"Content-Type", "application/json; charset=utf-8"}, {"X-RateLimit-Resource", "core"},
               {"X-RateLimit-Remaining", "4990"}, {"X-RateLimit-Limit", "5000"}};
  e.body = R"({"type":"file","encoding":"base64","name":")" + file + R"(","content":")" + escaped + R"("})";
  return e;
}

void ServeSearch(Harness& h) {
  mltrend_test::Exchange search;
  search.target = "/search/repositories?q=topic%3Apytorch&per_page=100";
  search.body = R"({"total_count":2,"incomplete_results":false,"items":[
    {"id":1,"full_name":"a/one","topics":["pytorch"],"pushed_at":"2024-01-01T00:00:00Z"},
    {"id":2,"full_name":"b/two","topics":[],"pushed_at":"2024-02-02T00:00:00Z"}]})";
  h.Server().Add(search);
  h.Server().Add(FileExchange("a/one", "requirements.txt",
                              "torch>=2.0  # the model\nnumpy\n\n-r dev.txt\nscikit_learn==1.0 ; python_version>'3.8'\n"));
  h.Server().Add(FileExchange("a/one", "environment.yml",
                              "name: x\ndependencies:\n  - python=3.10\n  - pytorch::pytorch\n  - pip:\n    - jax[cpu]\n"));
  // Everything else (b/two's files, a/one's pyproject.toml and setup.py) is a 404: no such file.
  h.Server().Start();
}

size_t ContentsRequests(const mltrend_test::ReplayServer& server) {
  size_t n = 0;
  for (const auto& r : server.Requests()) n += r.target.find("/contents/") != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("manifest parsers find the declared package names") {
  CHECK(NormalisePackage("Scikit_Learn") == "scikit-learn");
  CHECK(NormalisePackage("zope.interface") == "zope-interface");
  CHECK(Packages("requirements.txt", "torch==2.1\n# x\n-e .\ntensorflow-gpu>=2; sys_platform=='linux'\nJAX[cuda]\n") ==
        std::set<std::string>{"jax", "tensorflow-gpu", "torch"});
  CHECK(Packages("pyproject.toml",
                 "[project]\nname = \"x\"\ndependencies = [\n  \"torch>=2\",  # c\n  'numpy',\n]\n"
                 "[project.optional-dependencies]\ntf = [\"tensorflow\"]\n"
                 "[tool.poetry.dependencies]\npython = \"^3.10\"\nflax = \"*\"\n") ==
        std::set<std::string>{"flax", "numpy", "tensorflow", "torch"});
  CHECK(Packages("setup.py", "setup(name='x', install_requires=['paddlepaddle>=2', \"mxnet\"], extras={})") ==
        std::set<std::string>{"mxnet", "paddlepaddle"});
  CHECK(Packages("environment.yml", "dependencies:\n  - python=3.9\n  - conda-forge::keras=2.4\n  - pip\n  - pip:\n    - torch\n") ==
        std::set<std::string>{"keras", "torch"});
  CHECK(DecodeBase64("dG9y\nY2g=") == "torch");
  CHECK_FALSE(DecodeBase64("dG9y!"));
}

TEST_CASE("manifests are read within the budget, into attrs.dependencies, once per push") {
  Harness h;
  ServeSearch(h);
  mltrend::ConfigValues config = gh_test::DefaultConfig(h.Server().BaseUrl());
  config.Set("queries", std::vector<std::string>{"topic:pytorch"});
  config.Set("manifests", true);
  config.Set("manifest_budget", int64_t{4});

  // A budget of 4 reads one repository's four files.
  REQUIRE(h.Run(config).ok());
  CHECK(ContentsRequests(h.Server()) == 4);
  auto one = h.Get("1");
  REQUIRE(one);
  CHECK(one->attrs.at("dependencies") == "jax,numpy,pytorch,scikit-learn,torch");
  auto two = h.Get("2");
  REQUIRE(two);
  CHECK(two->attrs.count("dependencies") == 0);

  // The next crawl reads the other one; a/one is not asked again (same push).
  REQUIRE(h.Run(config).ok());
  CHECK(ContentsRequests(h.Server()) == 8);
  CHECK(h.Server().RequestCount("/repos/a/one/contents/requirements.txt") == 1);
  CHECK(h.Server().RequestCount("/repos/b/two/contents/setup.py") == 1);
  one = h.Get("1");
  REQUIRE(one);
  CHECK(one->attrs.at("dependencies") == "jax,numpy,pytorch,scikit-learn,torch");

  // A third crawl asks no contents at all.
  REQUIRE(h.Run(config).ok());
  CHECK(ContentsRequests(h.Server()) == 8);
}

TEST_CASE("with manifests off no contents request is made") {
  Harness h;
  ServeSearch(h);
  mltrend::ConfigValues config = gh_test::DefaultConfig(h.Server().BaseUrl());
  config.Set("queries", std::vector<std::string>{"topic:pytorch"});
  REQUIRE(h.Run(config).ok());
  CHECK(ContentsRequests(h.Server()) == 0);
  CHECK(h.Count() == 2);
}
