"""Ingest benchmark: the corpus sample with 1 and 2 worker processes and with Spark local mode.

    .venv/bin/python benchmarks/bench_ingest.py [CORPUS.jsonl] [--configs 1,2,spark] [--limit N]

Each configuration runs in a fresh subprocess into a fresh store (or Parquet folder).
Reported: wall seconds, new articles per second, and the peak resident memory of the
main process and of each worker process (sampled from /proc every 0.2 s; Spark's
figure is its Python workers', the JVM is reported apart). Figures go to BENCHMARKS.md,
section "Ingest". Needs ../shared (team-only) unless a corpus is given.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ant-sample.jsonl"


def _parents() -> dict[int, list[int]]:
    """pid -> child pids, from /proc/*/stat."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


_TICKS = os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> tuple[float, str]:
    try:
        with open(f"/proc/{pid}/status") as fh:
            rss = next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode(errors="replace")
        return rss / 1024, cmd
    except OSError:
        return 0.0, ""


def _cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0.0


def sample_tree(root: int, peaks: dict[int, tuple[float, str]], stop: threading.Event,
                cpu: dict[int, float] | None = None) -> None:
    while not stop.is_set():
        tree = _parents()
        todo, seen = [root], set()
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            rss, cmd = _rss_mb(pid)
            if rss and rss > peaks.get(pid, (0.0, ""))[0]:
                peaks[pid] = (rss, cmd)
            if cpu is not None:
                cpu[pid] = max(cpu.get(pid, 0.0), _cpu_seconds(pid))
            todo.extend(tree.get(pid, []))
        stop.wait(0.2)


def run_one(config: str, corpus: Path, workdir: Path) -> dict:
    code = (
        "import json, sys, time\n"
        "from marsad.store.ingest import ingest\n"
        "from marsad.store.spark import ingest_spark\n"
        f"config, corpus, work = {config!r}, {str(corpus)!r}, {str(workdir)!r}\n"
        "t = time.perf_counter()\n"
        "if config == 'spark':\n"
        "    counts = ingest_spark([corpus], work + '/parquet', workers=2)\n"
        "    n = counts['articles']\n"
        "else:\n"
        "    n = ingest([corpus], work + '/store.duckdb', workers=int(config), batch_size=64).articles\n"
        "print(json.dumps({'articles': n, 'seconds': time.perf_counter() - t}))\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peaks: dict[int, tuple[float, str]] = {}
    cpu: dict[int, float] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=sample_tree, args=(proc.pid, peaks, stop, cpu), daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"bench_ingest: {config} failed (exit {proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    if os.environ.get("BENCH_DEBUG"):
        print(peaks, file=sys.stderr)
    main_rss = peaks.pop(proc.pid, (0.0, ""))[0]
    # Python children that hold a pipeline (the forkserver and resource tracker stay under 30 MB).
    workers = [rss for rss, cmd in peaks.values() if "java" not in cmd.split(" ")[0] and rss > 30]
    jvm = [rss for rss, cmd in peaks.values() if "java" in cmd.split(" ")[0]]
    # CPU seconds (sampled every 0.2 s, so the last fraction of a second may be missed): what the
    # run costs whatever else the machine does; wall-clock rates depend on the machine's load.
    result["main_cpu"] = cpu.pop(proc.pid, 0.0)
    result["other_cpu"] = sum(cpu.values())
    result.update(config=config, rate=result["articles"] / result["seconds"], main_mb=main_rss,
                  worker_mb=max(workers, default=0.0), n_workers=len(workers), jvm_mb=max(jvm, default=0.0))
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--configs", default="1,2,spark", help="comma-separated: a worker count, or spark")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N records")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_file():
        print(f"bench_ingest: {corpus}: no such corpus (it lives in ../shared, team-only)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        if args.limit:
            cut = Path(tmp) / "corpus.jsonl"
            with open(corpus, encoding="utf-8") as src, open(cut, "w", encoding="utf-8") as dst:
                for n, line in zip(range(args.limit), src):
                    dst.write(line)
            corpus = cut
        print(f"corpus: {args.corpus}{f' (first {args.limit})' if args.limit else ''}; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print("| engine | articles | seconds | articles/s | speed-up | main MB | peak MB per worker | workers | JVM MB "
              "| CPU ms/article, main | CPU ms/article, workers |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        base = None
        for config in args.configs.split(","):
            work = Path(tmp) / config
            work.mkdir()
            r = run_one(config, corpus, work)
            base = base or r["rate"]
            name = "Spark local[2]" if config == "spark" else f"local, {config} worker{'s' if config != '1' else ''}"
            print(f"| {name} | {r['articles']} | {r['seconds']:.1f} | {r['rate']:.1f} | {r['rate'] / base:.2f}x | "
                  f"{r['main_mb']:.0f} | {r['worker_mb']:.0f} | {r['n_workers']} | {r['jvm_mb']:.0f} | "
                  f"{1000 * r['main_cpu'] / r['articles']:.1f} | {1000 * r['other_cpu'] / r['articles']:.1f} |", flush=True)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
