#include "mltrendd/runtime/logging.hpp"

#include "mltrendd/runtime/journal_sink.hpp"
#include "mltrendd/secrets/redacting_sink.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cstdlib>
#include <mutex>

namespace mltrendd {
namespace {

std::mutex g_mutex;
spdlog::sink_ptr g_sink;
spdlog::level::level_enum g_level = spdlog::level::info;

//! systemd sets JOURNAL_STREAM=<dev>:<inode> of the journal stream it
//! connected to stderr; only when stderr is still that stream do we log
//! to the journal natively (with fields) instead of writing text.
bool StderrIsJournal() {
  const char* js = std::getenv("JOURNAL_STREAM");
  if (!js) return false;
  struct stat st {};
  if (fstat(2, &st) != 0) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(js, "%llu:%llu", &dev, &ino) != 2) return false;
  return st.st_dev == dev && st.st_ino == ino;
}

spdlog::sink_ptr SharedSink() {
  if (!g_sink) {
    spdlog::sink_ptr out;
    if (StderrIsJournal()) {
      out = std::make_shared<JournalSink>();
    } else {
      out = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    }
    g_sink = std::make_shared<RedactingSink>(std::move(out));
  }
  return g_sink;
}

class SpdPluginLogger final : public mltrend::Logger {
 public:
  explicit SpdPluginLogger(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {}
  void Write(mltrend::LogLevel level, std::string_view message) override {
    logger_->log(ToSpd(level), "{}", message);
  }
  bool Enabled(mltrend::LogLevel level) const override { return logger_->should_log(ToSpd(level)); }

 private:
  static spdlog::level::level_enum ToSpd(mltrend::LogLevel level) {
    switch (level) {
      case mltrend::LogLevel::kTrace: return spdlog::level::trace;
      case mltrend::LogLevel::kDebug: return spdlog::level::debug;
      case mltrend::LogLevel::kInfo: return spdlog::level::info;
      case mltrend::LogLevel::kWarn: return spdlog::level::warn;
      case mltrend::LogLevel::kError: return spdlog::level::err;
    }
    return spdlog::level::info;
  }
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace

void ConfigureLogging(const std::string& level) {
  std::lock_guard lock(g_mutex);
  g_level = spdlog::level::from_str(level);
  SharedSink();
  spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& l) { l->set_level(g_level); });
}

std::shared_ptr<spdlog::logger> NamedLogger(const std::string& name) {
  std::lock_guard lock(g_mutex);
  if (auto existing = spdlog::get(name)) return existing;
  auto logger = std::make_shared<spdlog::logger>(name, SharedSink());
  logger->set_level(g_level);
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%n] %v");
  spdlog::register_logger(logger);
  return logger;
}

std::unique_ptr<mltrend::Logger> MakePluginLogger(const std::string& name, const std::string& plugin) {
  if (!plugin.empty()) SetLoggerPlugin(name, plugin);
  return std::make_unique<SpdPluginLogger>(NamedLogger(name));
}

}  // namespace mltrendd
