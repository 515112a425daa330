#!/usr/bin/env python3
# bench — bench.py
"""Drives the measurements behind `bash bench/run` and prints one table.

For each N: generated pages (gen_hf_pages.py) served by `mltrend-replay` on
loopback; the real mltrendd (huggingface source -> store commit -> change
log -> framework_share fold) ingests them from an empty state dir, timed
from READY until the sink's lag is 0; its peak RSS is VmHWM. In the same
run, on the same pages: baseline.py (Python stdlib) and
mltrend-bench-ceiling (simdjson parse only, RocksDB WriteBatch only).

On the largest N, afterwards: GET /v1/trends load (mltrend-bench-load) at
1/16/64 clients idle; start-up to READY (a NOTIFY_SOCKET datagram socket);
start-up with a changed rules file (full recompute); a re-crawl of the same
models with 1% changed (incremental fold) with the query load running
meanwhile (while ingesting).

Python 3 standard library only. Not a test: it asserts no speed. --smoke
(the bench_smoke ctest) only checks that every row of the table is there.
"""

import argparse
import datetime
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SOURCE_NAME = "hf"
TRENDS = "/v1/trends?source=" + SOURCE_NAME


def log(message):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), message), file=sys.stderr, flush=True)


def parse_kv(line):
    return {k: v for k, _, v in (item.partition("=") for item in line.split())}


def http_get(sock_path, target, timeout=10.0):
    """One GET over the daemon's Unix socket: (status, body)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(sock_path)
        s.sendall(("GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" % target).encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def get_json(sock_path, target):
    status, body = http_get(sock_path, target)
    if status != 200:
        raise RuntimeError("%s answered %d: %s" % (target, status, body[:200]))
    return json.loads(body)


def cpu_seconds(pid):
    """User + system CPU time of a running process (load-independent, unlike wall time)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


class Replay:
    """mltrend-replay serving one page directory on a loopback port."""

    def __init__(self, bench, pages):
        port_file = os.path.join(bench.scratch, "replay.port")
        if os.path.exists(port_file):
            os.remove(port_file)
        self.proc = subprocess.Popen([bench.bin("mltrend-replay"), "--dir", pages, "--port-file", port_file],
                                     stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while not os.path.exists(port_file):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("mltrend-replay did not start")
            time.sleep(0.05)
        self.base_url = "http://127.0.0.1:%s" % open(port_file).read().strip()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)


class Daemon:
    """The real mltrendd with a NOTIFY_SOCKET datagram socket of our own."""

    def __init__(self, bench, config):
        self.bench = bench
        self.socket = os.path.join(bench.scratch, "run", "mltrend.sock")
        notify_path = os.path.join(bench.scratch, "notify.sock")
        if os.path.exists(notify_path):
            os.remove(notify_path)
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(notify_path)
        env = dict(os.environ, NOTIFY_SOCKET=notify_path)
        self.log_path = os.path.join(bench.scratch, "mltrendd-%d.log" % bench.next_log())
        self.log_file = open(self.log_path, "w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen([bench.bin("mltrendd"), "--config", config], env=env,
                                     stdout=self.log_file, stderr=subprocess.STDOUT)
        self.ready_after = self.wait_ready()

    def wait_ready(self):
        self.notify.settimeout(1.0)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                message = self.notify.recv(4096).decode()
            except socket.timeout:
                if self.proc.poll() is not None:
                    raise RuntimeError("mltrendd exited early; see " + self.log_path)
                continue
            if "READY=1" in message.split("\n"):
                return time.monotonic() - self.started
        raise RuntimeError("mltrendd sent no READY=1; see " + self.log_path)

    def sources(self):
        return get_json(self.socket, "/v1/sources")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=120)
        self.notify.close()
        self.log_file.close()


class Bench:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build_dir)
        self.scratch = os.path.abspath(args.scratch)
        self.logs = 0
        self.rows = []  # (section, what, figure, target, reference)

    def bin(self, name):
        return os.path.join(self.build, "bin", name)

    def next_log(self):
        self.logs += 1
        return self.logs

    def row(self, section, what, figure, target="", reference=""):
        self.rows.append((section, what, figure, target, reference))
        log("%s | %s | %s | %s | %s" % self.rows[-1])

    def pages(self, n, variant=0):
        out = os.path.join(self.scratch, "pages-%d-s%d-v%d" % (n, self.args.seed, variant))
        done = os.path.join(out, ".complete")
        if not os.path.exists(done):
            shutil.rmtree(out, ignore_errors=True)
            start = time.monotonic()
            command = [sys.executable, os.path.join(HERE, "gen_hf_pages.py"), "--n", str(n), "--out", out,
                       "--seed", str(self.args.seed), "--variant", str(variant)]
            if self.args.data:
                command += ["--data", self.args.data]
            subprocess.run(command, check=True)
            open(done, "w").close()
            log("generated %d models (variant %d) in %.1f s" % (n, variant, time.monotonic() - start))
        return out

    def write_config(self, name, base_url, rules, interval="24h", full_crawl_interval="7d"):
        state = os.path.join(self.scratch, "state")
        os.makedirs(os.path.join(self.scratch, "run"), exist_ok=True)
        path = os.path.join(self.scratch, name)
        with open(path, "w") as f:
            f.write('[daemon]\nstate_dir = "%s"\nsocket = "%s"\nplugin_dir = "%s"\nlog_level = "info"\n\n'
                    % (state, os.path.join(self.scratch, "run", "mltrend.sock"),
                       os.path.join(self.build, "lib", "mltrend", "plugins")))
            f.write('[[source]]\nname = "%s"\nplugin = "huggingface"\ninterval = "%s"\njitter = "0s"\n'
                    'base_url = "%s"\nfull_crawl_interval = "%s"\n'
                    # The replay server is not the Hub: its 500-a-window
                    # politeness budget would only add 5-minute waits.
                    'requests_per_window = 100000\n\n'
                    % (SOURCE_NAME, interval, base_url, full_crawl_interval))
            f.write('[[sink]]\nname = "trends"\nplugin = "framework_share"\nrules = "%s"\n' % rules)
        return path

    def rules(self, changed=False):
        shipped = os.path.join(REPO, "config", "rules", "frameworks.toml")
        path = os.path.join(self.scratch, "rules-changed.toml" if changed else "rules.toml")
        text = open(shipped).read()
        if changed:
            # A rule no record matches: the classification stays the same
            # (so the counts still compare) but the sink's fingerprint of
            # the matching rules changes, so it recomputes every trend.
            text = text.replace('version = "', 'version = "bench-', 1)
            text += '\n[[rule]]\nframework = "bench"\ntags = ["bench-matches-no-model"]\n'

        open(path, "w").write(text)
        return path

    def wait_ingested(self, daemon, runs_before=0, poll=0.05):
        """Polls until a run after `runs_before` ended and the sink's lag is 0.
        Returns (seconds from READY to then, seconds from run end seen to lag 0, answer)."""
        run_end_seen = None
        while True:
            answer = daemon.sources()
            source, sink = answer["sources"][0], answer["sinks"][0]
            now = time.monotonic()
            if run_end_seen is None and source["runs"] > runs_before and source["state"] != "running":
                run_end_seen = now
            # Once the run has ended, the next one (interval 1s) may already be
            # running: the fold is done when the lag is 0, whatever the source does.
            if run_end_seen is not None and sink["lag"] == 0 and sink["cursor"] > 0:
                return now - daemon.started - daemon.ready_after, now - run_end_seen, answer
            if daemon.proc.poll() is not None:
                raise RuntimeError("mltrendd exited; see " + daemon.log_path)
            time.sleep(poll)

    def trends_sums(self, daemon):
        doc = get_json(daemon.socket, TRENDS + "&bucket=month")
        return {k: sum(p[k] for p in doc["series"]) for k in ("total", "classified", "multi")}

    def ingest(self, n, keep):
        pages = self.pages(n)
        replay = Replay(self, pages)
        try:
            shutil.rmtree(os.path.join(self.scratch, "state"), ignore_errors=True)
            config = self.write_config("ingest.toml", replay.base_url, self.rules())
            daemon = Daemon(self, config)
            took, _, answer = self.wait_ingested(daemon)
            rss = peak_rss_mb(daemon.proc.pid)
            cpu = cpu_seconds(daemon.proc.pid)
            stored = answer["sources"][0]["records"]
            if stored != n:
                raise RuntimeError("stored %d records of %d; see %s" % (stored, n, daemon.log_path))
            sums = self.trends_sums(daemon)
            rate = n / took
            base = parse_kv(subprocess.run(
                [sys.executable, os.path.join(HERE, "baseline.py"), "--url", replay.base_url + first_target(pages),
                 "--db", os.path.join(self.scratch, "baseline.sqlite"), "--rules", self.rules()],
                check=True, capture_output=True, text=True).stdout)
            agree = all(int(base[k]) == sums[k] for k in sums)
            ceiling = parse_kv(subprocess.run(
                [self.bin("mltrend-bench-ceiling"), "--dir", pages, "--db", os.path.join(self.scratch, "ceiling-db")],
                check=True, capture_output=True, text=True).stdout)
            parse_rps, write_rps = float(ceiling["parse_rps"]), float(ceiling["write_rps"])
            both = 1.0 / (1.0 / parse_rps + 1.0 / write_rps)
            section = "1 ingest N=%s" % fmt_int(n)
            self.row(section, "mltrendd records/s (READY -> sink lag 0)", fmt_int(rate), "",
                     "python baseline %s (%.1fx)" % (fmt_int(float(base["rps"])), rate / float(base["rps"])))
            self.row(section, "  vs parse+write ceiling", "%.0f%%" % (100 * rate / both), ">= 50%",
                     "ceiling %s (parse %s, write %s)" % (fmt_int(both), fmt_int(parse_rps), fmt_int(write_rps)))
            self.row(section, "  vs python baseline", "%.1fx" % (rate / float(base["rps"])), "",
                     "baseline counts %s the sink's" % ("match" if agree else "DIFFER from"))
            self.row(section, "  records per CPU second", fmt_int(n / cpu), ">= 4x the baseline",
                     "python baseline %s (%.1fx)" % (fmt_int(n / float(base["cpu_s"])), float(base["cpu_s"]) / cpu))
            self.row(section, "mltrendd peak RSS", "%.0f MB" % rss, "<= 150 MB, flat in N",
                     "python baseline %.0f MB" % (int(base["peak_rss_kb"]) / 1024.0))
            if not agree:
                log("baseline %s vs sink %s" % (base, sums))
            if keep:
                return daemon, replay
            daemon.stop()
            self.store_size(section, n)
        finally:
            if not keep:
                replay.stop()
        return None, None

    def query(self, daemon, label, target_p99_ms):
        for clients in (1, 16, 64):
            out = subprocess.run([self.bin("mltrend-bench-load"), "--socket", daemon.socket, "--target", TRENDS,
                                  "--clients", str(clients), "--seconds", str(self.args.query_seconds)],
                                 check=True, capture_output=True, text=True).stdout
            q = parse_kv(out)
            target = "p99 <= %d ms" % target_p99_ms if clients == 64 else ""
            self.row("3 query " + label, "GET /v1/trends, %d client%s" % (clients, "s" if clients > 1 else ""),
                     "p50 %.2f / p99 %.2f / p999 %.2f ms" % tuple(float(q[k]) / 1000 for k in
                                                              ("p50_us", "p99_us", "p999_us")),
                     target, "%s req/s, %s errors" % (fmt_int(float(q["rps"])), q["errors"]))

    def store_size(self, section, n):
        """Bytes on disk of the stopped daemon's state dir (RocksDB's own LOG
        files included), per stored record."""
        state = os.path.join(self.scratch, "state")
        total = sum(os.path.getsize(os.path.join(state, f)) for f in os.listdir(state))
        self.row(section, "store on disk per record (daemon stopped)", "%.0f bytes" % (total / n), "<= 200 bytes",
                 "%.1f MB in all" % (total / 1e6))

    def after_ingest(self, n, daemon, replay):
        self.query(daemon, "idle", 2)
        daemon.stop()
        self.store_size("1 ingest N=%s" % fmt_int(n), n)
        replay.stop()
        config = self.write_config("startup.toml", "http://127.0.0.1:9", self.rules())
        daemon = Daemon(self, config)
        startup = daemon.ready_after
        daemon.stop()
        self.row("4 start-up", "exec -> READY=1 with %s records" % fmt_int(n), "%.3f s" % startup, "< 1 s")
        config = self.write_config("recompute.toml", "http://127.0.0.1:9", self.rules(changed=True))
        daemon = Daemon(self, config)
        recompute_cpu = cpu_seconds(daemon.proc.pid)
        daemon.stop()
        recompute = logged_seconds(daemon.log_path, "recomputing framework shares", "ready:")
        self.row("2 recompute", "full recompute of %s records (rules changed)" % fmt_int(n), "%.3f s" % recompute,
                 "<= 1 s at 1M", "start-up with it %.3f s, %.2f CPU s" % (daemon.ready_after, recompute_cpu))
        replay = Replay(self, self.pages(n, variant=7))
        try:
            config = self.write_config("changed.toml", replay.base_url, self.rules(changed=True), interval="1s",
                                       full_crawl_interval="0s")
            daemon = Daemon(self, config)
            runs = daemon.sources()["sources"][0]["runs"]
            loader = threading.Thread(target=self.query, args=(daemon, "ingesting", 5))
            if not self.args.smoke:
                loader.start()
            recrawl, fold, _ = self.wait_ingested(daemon, runs_before=runs, poll=0.005)
            changed = (n + 99) // 100
            self.row("2 recompute", "incremental fold of %s changed records (1%%)" % fmt_int(changed),
                     "%.3f s" % fold, "~ 1%% of recompute (%.3f s)" % (recompute / 100),
                     "re-crawl of %s: %.1f s" % (fmt_int(n), recrawl))
            if loader.is_alive() or not self.args.smoke:
                loader.join()
            state = daemon.sources()["sources"][0]["state"]
            log("source state at the end of the query load: %s" % state)
            daemon.stop()
        finally:
            replay.stop()

    def table(self):
        widths = [max(len(r[i]) for r in self.rows + [HEADER]) for i in range(5)]
        line = "  ".join("%-*s" % (w, h) for w, h in zip(widths, HEADER))
        print(line)
        print("-" * len(line))
        for r in sorted(self.rows, key=lambda r: r[0][0]):
            print("  ".join("%-*s" % (w, c) for w, c in zip(widths, r)))


HEADER = ("section", "measure", "figure", "target", "reference (same run)")


def fmt_int(x):
    return "{:,}".format(int(round(x)))


def logged_seconds(log_path, first, then):
    """Seconds between the daemon's log lines containing `first` and `then`
    (their millisecond timestamps)."""
    stamps = {}
    for line in open(log_path):
        for needle in (first, then):
            if needle in line and needle not in stamps:
                stamps[needle] = datetime.datetime.fromisoformat(line.split()[0])
    if len(stamps) != 2:
        raise RuntimeError("no '%s' / '%s' lines in %s" % (first, then, log_path))
    return (stamps[then] - stamps[first]).total_seconds()


def first_target(pages):
    with open(os.path.join(pages, "exchanges.jsonl")) as f:
        return json.loads(f.readline())["target"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="*", type=int, help="model counts (default 1000000)")
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--scratch", required=True, help="generated pages, state dirs, logs")
    parser.add_argument("--data", default=None, help="recorded HF data folder (gen_hf_pages.py --data)")
    parser.add_argument("--seed", type=int, default=20241209)
    parser.add_argument("--query-seconds", type=float, default=3.0)
    parser.add_argument("--smoke", action="store_true", help="tiny and quick: no query load")
    args = parser.parse_args()
    counts = sorted(set(args.n or [1_000_000]))
    if args.smoke:
        args.query_seconds = 0.3
    os.makedirs(args.scratch, exist_ok=True)
    bench = Bench(args)
    start = time.monotonic()
    for i, n in enumerate(counts):
        last = i + 1 == len(counts)
        daemon, replay = bench.ingest(n, keep=last)
        if last:
            bench.after_ingest(n, daemon, replay)
    print()
    print("mltrend bench, %s, build %s, %.0f s" % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                                                    bench.build, time.monotonic() - start))
    bench.table()
    expected = 6 * len(counts) + 3 + 2 + 1 + (0 if args.smoke else 3)
    if len(bench.rows) != expected:
        print("bench table incomplete: %d rows, expected %d" % (len(bench.rows), expected))
        return 1
    print("bench table complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
