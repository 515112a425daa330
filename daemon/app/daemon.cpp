#include "mltrendd/app/daemon.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <systemd/sd-daemon.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>

#include "mltrendd/plugin/plugin_lookup.hpp"
#include "mltrendd/runtime/logging.hpp"
#include "mltrendd/runtime/scheduler.hpp"
#include "mltrendd/server/api.hpp"
#include "mltrendd/server/query_server.hpp"
#include "watchdog.hpp"

namespace mltrendd {

mltrend::Status LoadConfigWithPlugins(const std::filesystem::path& file, PluginRegistry& registry, Config& out) {
  return LoadConfig(file, MakePluginLookup(registry), out);
}

mltrend::Status Daemon::Load(const std::filesystem::path& config_file) {
  config_file_ = config_file;
  mltrend::Status s = LoadConfigWithPlugins(config_file, plugins_, config_);
  if (!s.ok()) return s;
  ConfigureLogging(config_.daemon.log_level);
  for (const auto& r : plugins_.Refusals()) {
    NamedLogger("mltrendd")->warn("plugin {} refused: {}", r.file.string(), r.reason);
  }

  std::error_code ec;
  std::filesystem::create_directories(config_.daemon.state_dir, ec);
  if (ec) return mltrend::Status::IoError("cannot create state_dir " + config_.daemon.state_dir.string() + ": " + ec.message());
  s = Store::Open(config_.daemon.state_dir, StoreOptions{config_.daemon.sync_writes}, store_);
  if (!s.ok()) return s;
  if (s = RecoverGuard(); !s.ok()) return s;

  std::vector<std::string> source_names;
  for (const auto& sc : config_.sources) {
    sources_.emplace_back();
    if (s = MakeSource(sc, sources_.back()); !s.ok()) return s;
    source_names.push_back(sc.name);
  }
  for (const auto& kc : config_.sinks) {
    sinks_.emplace_back();
    if (s = MakeSink(kc, source_names, sinks_.back()); !s.ok()) return s;
  }
  return mltrend::Status::Ok();
}

mltrend::Status Daemon::MakeSource(const SourceConfig& config, std::unique_ptr<SourceInstance>& out) {
  guard_->Register(GuardKey("source", config.name), "source " + config.name, Fingerprint(config));
  out = std::make_unique<SourceInstance>(config, plugins_.Find(config.plugin), guard_.get());
  if (out->Valid()) return mltrend::Status::Ok();
  return mltrend::Status::Internal("source " + config.name + ": plugin " + config.plugin +
                                   " could not create its source object");
}

mltrend::Status Daemon::MakeSink(const SinkConfig& config, const std::vector<std::string>& source_names,
                                 std::unique_ptr<SinkInstance>& out) {
  guard_->Register(GuardKey("sink", config.name), "sink " + config.name, Fingerprint(config));
  out = std::make_unique<SinkInstance>(config, plugins_.Find(config.plugin), *store_, source_names, guard_.get());
  if (out->Valid()) return mltrend::Status::Ok();
  return mltrend::Status::Internal("sink " + config.name + ": plugin " + config.plugin +
                                   " could not create its sink object");
}

HttpClientOptions Daemon::HttpOptions() const {
  HttpClientOptions o;
  // http_timeout bounds a request from connect to last byte (docs/CONFIG.md),
  // so a server that dribbles a byte a second cannot hold a run for long; a
  // streamed body (no total deadline) is still bounded by the silence limit.
  o.total_timeout = config_.daemon.http_timeout;
  o.read_timeout = std::min(o.read_timeout, config_.daemon.http_timeout);
  o.connect_timeout = std::min(o.connect_timeout, config_.daemon.http_timeout);
  o.ca_file = config_.daemon.ca_file;
  return o;
}

mltrend::Status Daemon::RunOnce() {
  auto log = NamedLogger("mltrendd");
  std::vector<std::string> failed;
  // Sinks open before the sources run, as in Serve: a sink opened on the
  // stored records folds this run's pages from the change log, where one
  // opened after them recomputes from every record, holding all of them in
  // memory (a first crawl of 300k: 490 MB peak RSS, 150 MB folding). A
  // failure here is retried, and reported, by the fold after the sources.
  for (auto& sink : sinks_) (void)sink->Fold();
  for (auto& src : sources_) {
    mltrend::Status s = src->RunOnce(*store_, HttpOptions());
    if (!s.ok()) failed.push_back("source " + src->Config().name + ": " + s.message());
  }
  for (auto& sink : sinks_) {
    mltrend::Status s = sink->Fold();
    if (!s.ok()) failed.push_back("sink " + sink->Config().name + ": " + s.message());
  }
  mltrend::Status s = PruneFoldedChanges(*store_, sinks_);
  if (!s.ok()) failed.push_back("pruning the change log: " + s.message());
  if (failed.empty()) return mltrend::Status::Ok();
  std::string all = std::to_string(failed.size()) + " failure(s): ";
  for (size_t i = 0; i < failed.size(); ++i) all += (i ? "; " : "") + failed[i];
  return mltrend::Status::IoError(all);
}

mltrend::Status Daemon::Serve() {
  auto log = NamedLogger("mltrendd");
  boost::asio::io_context io;
  mltrend::Status s;
  ApiModel model;
  model.sources = &sources_;
  model.sinks = &sinks_;
  model.store = store_.get();
  model.plugins = &plugins_;
  model.started = std::chrono::system_clock::now();
  model.reload = &reload_;
  model.reload_now = [this] { return Reload(); };
  std::string metrics_address;
  model.metrics_address = &metrics_address;
  model.unquarantine = [this](std::string_view kind, const std::string& name) { return Unquarantine(kind, name); };
  Api api(model);
  QueryServerLimits limits;
  limits.max_connections = static_cast<size_t>(config_.daemon.query_max_connections);
  limits.idle_timeout = config_.daemon.query_idle_timeout;
  limits.request_timeout = config_.daemon.query_request_timeout;
  QueryServer server(io, api, limits);
  if (sd_listen_fds(0) == 1) {
    if (!config_.daemon.socket_group.empty()) {
      log->warn("socket_group '{}' ignored: the socket comes from systemd (set SocketGroup= in mltrendd.socket)",
                config_.daemon.socket_group);
    }
    s = server.Adopt(SD_LISTEN_FDS_START);
  } else {
    s = server.Listen(config_.daemon.socket, config_.daemon.socket_group);
  }
  if (!s.ok()) return s;
  // Read-only and on TCP: the same API, limited to /metrics and /healthz.
  QueryServer metrics(io, api, limits, Endpoints::kScrape);
  if (!config_.daemon.metrics_listen.empty()) {
    if (s = metrics.ListenTcp(config_.daemon.metrics_host, config_.daemon.metrics_port); !s.ok()) return s;
    metrics_address = metrics.TcpAddress();
    log->info("metrics listener on {} (GET /metrics and /healthz only)", metrics_address);
  }

  Scheduler scheduler(io, *store_, HttpOptions(), sources_, sinks_);
  scheduler_ = &scheduler;
  Watchdog watchdog(io);

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    log->info("signal {} received: stopping", signo);
    sd_notify(0, "STOPPING=1\nSTATUS=stopping");
    watchdog.Stop();
    scheduler.Stop();
    server.Stop();
    metrics.Stop();
    io.stop();
  });
  // SIGHUP reloads; one arriving during a reload is queued by the signal
  // set and handled right after it, never lost.
  boost::asio::signal_set hangup(io, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_hangup = [&](const boost::system::error_code& ec,
                                                                               int) {
    if (ec) return;
    log->info("SIGHUP received: reloading {}", config_file_.string());
    (void)Reload();
    hangup.async_wait(on_hangup);
  };
  hangup.async_wait(on_hangup);

  // The loop already answers (a trends query meets 503 while a sink still
  // opens) and handles signals; READY waits until the sinks are open.
  sd_notify(0, "STATUS=opening sinks");
  scheduler.OpenSinks([&] {
    log->info("mltrendd {} ready: {} source(s), {} sink(s), socket {}", MLTREND_VERSION, sources_.size(),
              sinks_.size(), config_.daemon.socket.string());
    sd_notify(0, "READY=1\nSTATUS=serving");
    scheduler.Start();
  });
  io.run();

  if (!scheduler.WaitForRuns(config_.daemon.shutdown_grace)) {
    ChargeHangs();
    // Destroying the scheduler would wait for those runs: leave at once.
    // Nothing is lost: RocksDB's WAL holds every committed page.
    spdlog::shutdown();
    std::_Exit(1);
  }
  scheduler_ = nullptr;
  log->info("stopped cleanly");
  return mltrend::Status::Ok();
}

}  // namespace mltrendd
