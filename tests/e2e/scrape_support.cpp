#include "scrape_support.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "mltrendd/http/http_client.hpp"

namespace e2e {

void RequireCrawled(const CrawledListing& listing) {
  INFO(listing.once_stderr);
  REQUIRE(listing.once_status == 0);
}

ServingDaemon::ServingDaemon(const Sandbox& box)
    : process_({DaemonBinary().string(), "--config", box.config.string()}, {{"NOTIFY_SOCKET", notify_.Path()}}) {
  REQUIRE(notify_.WaitFor("READY=1"));
}

void EnableMetricsListener(Sandbox& box, const std::string& address) {
  std::string text = mltrend_test::ReadFile(box.config);
  const std::string table = "[daemon]\n";
  REQUIRE(text.rfind(table, 0) == 0);
  text.insert(table.size(), "metrics_listen = \"" + address + "\"\n");
  mltrend_test::WriteFile(box.config, text);
}

std::string MetricsAddress(const std::filesystem::path& socket) {
  simdjson::dom::parser parser;
  simdjson::dom::element status = GetJson(parser, socket, "/v1/status");
  std::string_view address;
  REQUIRE(status["metrics_listen"].get(address) == simdjson::SUCCESS);
  return std::string(address);
}

mltrend::HttpResponse HttpGet(const std::string& url) {
  mltrendd::BeastHttpClient client(mltrendd::HttpClientOptions{}, nullptr);
  mltrend::HttpRequest request;
  request.url = url;
  mltrend::HttpResponse response;
  mltrend::Status s = client.Send(request, response);
  INFO(url << ": " << s.message());
  REQUIRE(s.ok());
  return response;
}

std::set<std::string> MetricNames(const std::string& page) {
  std::set<std::string> names;
  std::istringstream lines(page);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# TYPE ", 0) == 0) {
      std::istringstream words(line.substr(7));
      std::string name, type;
      words >> name >> type;
      names.insert(name);
      if (type == "histogram") names.insert({name + "_bucket", name + "_sum", name + "_count"});
    } else if (!line.empty() && line[0] != '#') {
      names.insert(line.substr(0, line.find_first_of("{ ")));
    }
  }
  return names;
}

}  // namespace e2e
