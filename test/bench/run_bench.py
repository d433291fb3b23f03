#!/usr/bin/python3
"""Runs the benchmark of issue 5 and reports it (h5tools-scripts/h5sparse-bench calls this).

Usage:  /usr/bin/python3 test/bench/run_bench.py --build-dir BUILD --files DIR [--out DIR] [--smoke]
                                                 [--only CASE,...] [--no-anndata] [--no-clients]

Every (case, contender) runs in a fresh process (the C++ program h5sparse_bench, or
anndata_bench.py), so each peak-memory figure belongs to that case alone. The real clients
(h5dump, h5ls) are timed by a repetition loop here, one process per run; their peak memory is
GNU time's maximum resident set. Results: a table on stdout, BENCHMARKS.md and a PNG plot in --out.
Exit status: 0 when every contender ran and all contenders of a case returned the same result
(checksums); targets missed are reported, not failed (--smoke checks no target at all).
"""

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
CONNECTOR_INFO = "under_vol=0;under_info={}"
MB = 1e6
# Processes per case and contender (their repetitions merged); see Runner.cpp_rounds.
ROUNDS = 3

# Targets of issue 5 as (contender the connector is divided by, largest ratio); issue 10 restated
# h5ls -r (1.05x native: plugin loading alone costs about that) and set the seed's X[1:5].
TIME_TARGETS = {
    "rows_contig": ("floor", 1.25),
    "rows_random": ("floor", 1.5),
    "row_runs": ("floor", 1.5),
    "csr_cols": ("floor", 2.0),
    "csr_col": ("floor", 2.0),
    "passthrough": ("dense", 1.03),
    "h5ls": ("native", 1.05),
    "seed_rows": ("floor", 1.5),
    "h5dump": ("dense", 1.0),
    # issue 15: CSC crossed by columns and rows; the gzip files faster than HDF5 decodes them
    "csc_cols_contig": ("floor", 1.0),
    "csc_cols_random": ("floor", 1.25),
    "csc_rows": ("floor", 1.5),
    "tenx_barcodes_contig": ("floor", 0.7),
    "tenx_barcodes_random": ("floor", 0.7),
    "tenx_genes": ("floor", 0.7),
    "tenx_h5py_barcodes_contig": ("floor", 0.7),
    "tenx_h5py_barcodes_random": ("floor", 0.7),
    "tenx_h5py_genes": ("floor", 0.7),
    "gzip_rows_random": ("floor", 0.7),
    "gzip_cols": ("floor", 0.7),
}
MEMORY_SLACK = 32 * 1024 * 1024       # peak <= result + 32 MiB
SEED_MEMORY_SLACK = 4 * 1024 * 1024   # the seed's X[1:5]: "within a few MB" (we read: 4 MiB)


def say(msg):
    print(f"h5sparse-bench: {msg}", file=sys.stderr, flush=True)


def load_avg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


class Runner:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build_dir)
        self.bench = os.path.join(self.build, "test", "bench", "h5sparse_bench")
        self.files = os.path.abspath(args.files)
        self.plugin_dir = os.path.join(self.build, "plugin")
        self.reference_plugin_dir = os.path.join(self.build, "test", "bench", "reference-plugin")
        self.h5bin = self.hdf5_bindir()
        env = dict(os.environ)
        for k in ("HDF5_VOL_CONNECTOR", "HDF5_PLUGIN_PATH"):
            env.pop(k, None)
        libdir = os.path.join(os.path.dirname(self.h5bin), "lib")
        env["LD_LIBRARY_PATH"] = libdir + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
        self.env = env
        self.loads = []
        self.failures = []

    def hdf5_bindir(self):
        with open(os.path.join(self.build, "CMakeCache.txt")) as f:
            for line in f:
                if line.startswith("H5SPARSE_H5DUMP:"):
                    return os.path.dirname(line.split("=", 1)[1].strip())
        raise SystemExit("h5dump of the build's HDF5 not found in CMakeCache.txt")

    def reps_for(self, case):
        if self.args.smoke:
            return 1, 0
        if case["result_bytes"] >= 1 << 30:
            return 3, 1
        return self.args.reps, 1

    def run_json(self, cmd):
        self.loads.append(load_avg())
        p = subprocess.run(cmd, env=self.env, capture_output=True, text=True)
        if p.returncode != 0:
            self.failures.append(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()[-2000:]}")
            say(self.failures[-1])
            return []
        return [json.loads(line) for line in p.stdout.splitlines() if line.startswith("{")]

    def cpp(self, case, contender, reps, warmup):
        base = [self.bench, "--files", self.files, "--case", case["name"], "--contender", contender]
        out = self.run_json(base + ["--reps", str(reps), "--warmup", str(warmup)])
        return out[0] if out else None

    def cpp_rounds(self, case):
        """Each contender's repetitions, spread over ROUNDS processes whose order alternates
        (a, b, b, a, a, b): a process that happens to run fast or slow throughout (this machine's
        noise) then weighs on one third of a contender's repetitions, not on all of them. The
        reads of 1 GiB or more run in one process each."""
        reps, warmup = self.reps_for(case)
        rounds = 1 if self.args.smoke or case["result_bytes"] >= 1 << 30 else ROUNDS
        per_round = -(-reps // rounds)
        merged = {}
        order = list(case["contenders"])
        for i in range(rounds):
            for contender in (order if i % 2 == 0 else order[::-1]):
                say(f"  {case['name']}: {contender}" + (f" ({i + 1}/{rounds})" if rounds > 1 else ""))
                r = self.cpp(case, contender, per_round, warmup)
                if not r:
                    continue
                m = merged.get(contender)
                if m is None:
                    merged[contender] = r
                    continue
                if (m["checksum"], m["nonzero"]) != (r["checksum"], r["nonzero"]):
                    self.failures.append(f"{case['name']}: {contender} read different values in two processes")
                    say(self.failures[-1])
                m["wall"] += r["wall"]
                m["cpu"] += r["cpu"]
                m["peak_bytes"] = max(m["peak_bytes"], r["peak_bytes"])
        return merged

    def anndata(self, cases):
        """anndata results by case name (one process per case; one for all in --smoke)."""
        py = [sys.executable, os.path.join(HERE, "anndata_bench.py"), "--files", self.files]
        names = [c["name"] for c in cases]
        supported = json.loads(subprocess.run(py + ["--supported", "--case", ",".join(names)], env=self.env,
                                              capture_output=True, text=True, check=True).stdout)
        results = {}
        if self.args.smoke:
            for r in self.run_json(py + ["--case", ",".join(supported), "--reps", "1", "--warmup", "0"]):
                results[r["case"]] = r
            return results
        for c in cases:
            if c["name"] not in supported:
                continue
            reps, warmup = self.reps_for(c)
            say(f"  {c['name']}: anndata")
            for r in self.run_json(py + ["--case", c["name"], "--reps", str(reps), "--warmup", str(warmup)]):
                results[r["case"]] = r
        return results

    # --- real clients ---------------------------------------------------------------------

    def timed(self, contenders, reps, warmup=1):
        """Wall times, CPU times and peak RSS of `reps` runs of each command, output to /dev/null.
        `contenders` maps a name to (cmd, env); their runs alternate (a, b, b, a, a, b, ...), so
        that a drift of the machine's speed during the case weighs on all of them alike. CPU time
        is the child's user + system time (resource.RUSAGE_CHILDREN). The peak comes from GNU
        time's %M when /usr/bin/time exists: a child forked from this Python process would report
        Python's own pre-exec size as its ru_maxrss."""
        out = {name: {"wall": [], "cpu": [], "rss": []} for name in contenders}
        gnu_time = os.path.exists("/usr/bin/time")
        rss_file = os.path.join(self.files, ".client-rss")
        order = list(contenders)
        for i in range(warmup + reps):
            for name in (order if i % 2 == 0 else order[::-1]):
                cmd, env = contenders[name]
                self.loads.append(load_avg())
                full = (["/usr/bin/time", "-f", "%M", "-o", rss_file] if gnu_time else []) + cmd
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                with open(os.devnull, "wb") as null:
                    p = subprocess.run(full, env=env, stdout=null, stderr=subprocess.PIPE)
                t1 = time.perf_counter()
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if p.returncode != 0:
                    err = p.stderr.decode(errors="replace")
                    self.failures.append(f"{' '.join(cmd)}: exit {p.returncode}: {err[-2000:]}")
                    say(self.failures[-1])
                    return {name: None for name in contenders}
                if i >= warmup:
                    r = out[name]
                    r["wall"].append(t1 - t0)
                    r["cpu"].append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
                    if gnu_time:
                        with open(rss_file) as f:
                            r["rss"].append(int(f.read().split()[-1]) * 1024)
        return {name: {"wall": r["wall"], "cpu": r["cpu"], "peak_bytes": max(r["rss"]) if r["rss"] else None,
                       "result_bytes": 0}
                for name, r in out.items()}

    def data_section(self, cmd, env):
        p = subprocess.run(cmd, env=env, capture_output=True)
        text = p.stdout.decode(errors="replace")
        return text[text.find("DATA {"):] if "DATA {" in text else text

    def clients(self, sel, wanted=None):
        """The client cases (h5dump, h5ls, h5ls_groups), or those of them in `wanted`."""
        wanted = wanted or {"h5dump", "h5ls", "h5ls_groups"}
        h5dump = os.path.join(self.h5bin, "h5dump")
        h5ls = os.path.join(self.h5bin, "h5ls")
        vol = ["--vol-name=h5sparse", f"--vol-info={CONNECTOR_INFO}"]
        venv = dict(self.env, HDF5_PLUGIN_PATH=self.plugin_dir)
        r0, n = sel["h5dump_block"]
        cols = sel["cols"]
        block = ["-d", "/X", "-s", f"{r0},0", "-c", f"{n},{cols}"]
        reps_dump = 1 if self.args.smoke else 3
        # h5ls -r of this file takes a few milliseconds: many runs, or the machine's noise decides.
        reps_ls = 1 if self.args.smoke else 150
        out = {}
        if "h5dump" in wanted:
            out.update(self.h5dump_block(h5dump, vol, venv, block, n, cols, reps_dump))
        h5ad = os.path.join(self.files, "csr.h5ad")
        # The floor of any connector loaded as a plugin: ours with detection off, which loads the
        # plugin and passes every call through.
        pass_only = ["--vol-name=h5sparse", f"--vol-info={CONNECTOR_INFO};conventions=none"]
        if "h5ls" in wanted:
            out.update(self.h5ls_listing(h5ls, vol, pass_only, venv, h5ad, reps_ls))
        # Detection asks every group a listing meets whether it is a matrix: a file of many
        # small groups shows what that costs per group.
        groups = os.path.join(self.files, "groups.h5ad")
        if "h5ls_groups" in wanted and os.path.exists(groups):
            say("  h5ls -r of many groups")
            out["h5ls_groups"] = {
                "title": "h5ls -r of an h5ad whose uns holds many small groups (floor: conventions=none)",
                **self.timed({"connector": ([h5ls] + vol + ["-r", groups], venv),
                              "floor": ([h5ls] + pass_only + ["-r", groups], venv),
                              "native": ([h5ls, "-r", groups], self.env)}, 1 if self.args.smoke else 20),
                "same": True}
        return out

    def h5dump_block(self, h5dump, vol, venv, block, n, cols, reps_dump):
        out = {}
        say(f"  h5dump of a {n} x {cols} row block")
        sparse_cmd = [h5dump] + vol + block + [os.path.join(self.files, "csr.h5ad")]
        dense_cmd = [h5dump] + block + [os.path.join(self.files, "dense.h5")]
        same = self.data_section(sparse_cmd, venv) == self.data_section(dense_cmd, self.env)
        if not same:
            self.failures.append("h5dump: the row block through the connector differs from the dense twin's")
        out["h5dump"] = {"title": f"h5dump of a {n} x {cols} row block to /dev/null (vs the dense twin)",
                         **self.timed({"connector": (sparse_cmd, venv), "dense": (dense_cmd, self.env)},
                                      reps_dump, warmup=0),
                         "same": same}
        return out

    def h5ls_listing(self, h5ls, vol, pass_only, venv, h5ad, reps_ls):
        say("  h5ls -r")
        listings = {"connector": ([h5ls] + vol + ["-r", h5ad], venv),
                    "floor": ([h5ls] + pass_only + ["-r", h5ad], venv),
                    "native": ([h5ls, "-r", h5ad], self.env),
                    # What any connector costs: HDF5's own pass-through, built into the library
                    # (no plugin to load) and built as a plugin (reference_passthrough.c).
                    "builtin_passthrough": ([h5ls, "--vol-name=pass_through", f"--vol-info={CONNECTOR_INFO}",
                                             "-r", h5ad], self.env)}
        if os.path.exists(os.path.join(self.reference_plugin_dir, "libh5sparse_reference_passthrough.so")):
            listings["reference_plugin"] = ([h5ls, "--vol-name=reference_passthrough", f"--vol-info={CONNECTOR_INFO}",
                                             "-r", h5ad], dict(self.env, HDF5_PLUGIN_PATH=self.reference_plugin_dir))
        return {"h5ls": {"title": "h5ls -r of the h5ad, with vs without the connector "
                                  "(floor: the connector with conventions=none, i.e. plugin loading and pass-through)",
                         **self.timed(listings, reps_ls),
                         "same": True}}


def selections(files):
    """The client cases' parameters (h5py reads this plain file fine)."""
    import h5py
    with h5py.File(os.path.join(files, "selections.h5"), "r") as f:
        return {"h5dump_block": [int(v) for v in f["h5dump_block"][...]], "cols": int(f.attrs["cols"])}


# --- statistics and report ----------------------------------------------------------------

def med(r):
    return statistics.median(r["wall"]) if r and r.get("wall") else None


def med_cpu(r):
    return statistics.median(r["cpu"]) if r and r.get("cpu") else None


def fmt_ratios(a, b):
    """Ratio of wall-time medians, and of CPU-time medians in parentheses when both are known."""
    w, c = ratio(med(a), med(b)), ratio(med_cpu(a), med_cpu(b))
    if w is None:
        return "n/a"
    return f"{w:.2f}" + (f" ({c:.2f})" if c is not None else "")


def fmt_time(t):
    if t is None:
        return "n/a"
    if t < 1e-3:
        return f"{t * 1e6:.0f} µs"
    if t < 1:
        return f"{t * 1e3:.1f} ms"
    return f"{t:.2f} s"


def fmt_cell(r):
    if not r or not r.get("wall"):
        return "n/a"
    w = r["wall"]
    if len(w) == 1:
        return fmt_time(w[0])
    return f"{fmt_time(statistics.median(w))} ({fmt_time(min(w))}–{fmt_time(max(w))})"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def fmt_ratio(x):
    return "n/a" if x is None else f"{x:.2f}"


def fmt_mb(b):
    return "n/a" if b is None else f"{b / MB:.1f}"


def evaluate(name, rows, smoke):
    """Target lines for one case: (text, met)."""
    if smoke:
        return []
    out = []
    conn = rows.get("connector")
    if name in TIME_TARGETS:
        other, limit = TIME_TARGETS[name]
        x = ratio(med(conn), med(rows.get(other)))
        xc = ratio(med_cpu(conn), med_cpu(rows.get(other)))
        if x is not None:
            cpu = f", CPU {xc:.3f}x" if xc is not None else ""
            out.append((f"time <= {limit}x {other}: {x:.3f}x{cpu}", x <= limit))
    if conn and "result_bytes" in conn and name not in ("h5ls", "h5ls_groups", "h5dump"):
        slack = SEED_MEMORY_SLACK if name == "seed_rows" else MEMORY_SLACK
        over = conn["peak_bytes"] - conn["result_bytes"]
        out.append((f"peak <= result + {slack // (1024 * 1024)} MiB: +{over / MB:.1f} MB", over <= slack))
    ann = rows.get("anndata")
    if ann and ann.get("wall") and conn:
        x = ratio(med(conn), med(ann))
        xc = ratio(med_cpu(conn), med_cpu(ann))
        out.append((f"faster than anndata: {x:.2f}x, CPU {xc:.2f}x", x < 1))
    return out


def machine(runner):
    def sh(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout.strip()
        except OSError:
            return ""
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    hyper = sh("lscpu | sed -n 's/^Hypervisor vendor: *//p'")
    mem = sh("awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo")
    dev = sh(f"df -T {runner.files} | tail -1 | awk '{{print $1\" (\"$2\")\"}}'")
    blk = os.path.basename(dev.split()[0]) if dev else ""
    rota = sh(f"cat /sys/block/{blk}/queue/rotational 2>/dev/null")
    hdf5 = sh(f"{os.path.join(runner.h5bin, 'h5dump')} --version")
    commit = sh(f"git -C {TOP} rev-parse --short HEAD")
    dirty = sh(f"git -C {TOP} status --porcelain -- plugin include | wc -l")
    versions = sh(f"{sys.executable} -c 'import anndata, scipy, numpy, h5py; "
                  "print(f\"anndata {anndata.__version__}, scipy {scipy.__version__}, numpy {numpy.__version__}, "
                  "h5py {h5py.__version__} (HDF5 {h5py.version.hdf5_version})\")' 2>/dev/null")
    return {
        "CPU": f"{cpu}" + (f" (virtual machine, {hyper})" if hyper else ""),
        "cores": str(os.cpu_count()),
        "RAM": mem,
        "disk": f"{dev}" + (f", /sys/block/{blk}/queue/rotational = {rota}" if rota else "")
                + (" (a virtual disk)" if hyper else ""),
        "HDF5": hdf5,
        "kernel": platform.release(),
        "Python side": versions,
        "build type": (sh(f"sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' {runner.build}/CMakeCache.txt")
                       or "RelWithDebInfo (the project's default: -O2 -g)"),
        "checkout": f"{commit}" + (f" with uncommitted changes in plugin/ or include/ ({dirty} files)"
                                   if dirty not in ("", "0") else ""),
    }


def build_report(runner, cases, results, clients, started, elapsed, machine_info):
    smoke = runner.args.smoke
    main_rows, lines, misses = [], [], []
    header = ("| case | connector | floor | dense twin | anndata | conn/floor | conn/dense | conn/anndata "
              "| peak MB over result: conn / floor / dense / anndata | targets |")
    sep = "|" + "---|" * 10
    for c in [c for c in cases if c["group"] == "main"] + list(clients.keys()):
        if isinstance(c, str):
            rows, name, title = clients[c], c, clients[c]["title"]
        else:
            rows, name, title = results.get(c["name"], {}), c["name"], c["title"]
        conn = rows.get("connector")
        base = rows.get("dense") or rows.get("native")
        targets = evaluate(name, rows, smoke)
        for text, ok in targets:
            if not ok:
                misses.append(f"{name}: {text}")
        peaks = " / ".join(fmt_mb(r["peak_bytes"] - r.get("result_bytes", 0)) if r and "peak_bytes" in r else "n/a"
                           for r in (conn, rows.get("floor"), base, rows.get("anndata")))
        if name in ("h5ls", "h5ls_groups", "h5dump"):
            peaks = "max RSS " + " / ".join(fmt_mb(r["peak_bytes"]) if r and r["peak_bytes"] else "n/a"
                                            for r in (conn, rows.get("floor"), base, None))
        target_text = "; ".join(("✅ " if ok else "❌ ") + t for t, ok in targets) if targets else ""
        main_rows.append(f"| {title} | {fmt_cell(conn)} | {fmt_cell(rows.get('floor'))} | {fmt_cell(base)} "
                         f"| {fmt_cell(rows.get('anndata'))} | {fmt_ratios(conn, rows.get('floor'))} "
                         f"| {fmt_ratios(conn, base)} | {fmt_ratios(conn, rows.get('anndata'))} | {peaks} | {target_text} |")
    sweep_rows = []
    for c in sorted(cases, key=lambda c: (c["series"], c["rows_selected"])):
        if c["series"] not in ("contig", "random"):
            continue
        rows = results.get(c["name"], {})
        sweep_rows.append(f"| {c['series']} | {c['rows_selected']} | "
                          + " | ".join(fmt_cell(rows.get(k)) for k in ("connector", "floor", "dense", "anndata")) + " |")

    loads = runner.loads or [0.0]
    busy = max(loads) >= 1.5
    lines.append("# Benchmarks" + (" (smoke mode: tiny files, one repetition, no targets)" if smoke else ""))
    lines.append("")
    lines.append("Written by `h5tools-scripts/h5sparse-bench` (issue 5): h5sparse-vol against the physical floor, "
                 "the dense twin and anndata 0.8's backed mode, in one run on the same files.")
    lines.append("")
    lines.append("## Machine")
    lines.append("")
    for k, v in machine_info.items():
        lines.append(f"- {k}: {v}")
    lines.append(f"- date: {started:%Y-%m-%d %H:%M} UTC; the run took {elapsed / 60:.1f} min")
    lines.append(f"- machine load (1-min load average sampled before every process; the benchmark itself adds "
                 f"about 1 on these {os.cpu_count()} cores): min {min(loads):.2f}, median "
                 f"{statistics.median(loads):.2f}, max {max(loads):.2f}"
                 + (" — **the machine was busy with other work during the run; times are noisy**" if busy else ""))
    lines.append("")
    lines.append("## Results")
    lines.append("")
    lines.append("Median wall time (min–max) over the repetitions. Ratios are of wall-time medians, with the "
                 "ratio of CPU-time medians (the process's own user + system time, which a busy machine disturbs "
                 "less) in parentheses; targets are judged on wall time. Peak memory is the process's peak "
                 "resident set during the case minus its size before opening the file, minus the result buffer "
                 "(see Method).")
    lines.append("")
    lines.append(header)
    lines.append(sep)
    lines.extend(main_rows)
    lines.append("")
    if not smoke:
        lines.append("### Targets missed" if misses else "### All targets met")
        lines.append("")
        lines.extend(f"- {m}" for m in misses)
        lines.append("")
    threads_rows = []
    for c in cases:
        rows = results.get(c["name"], {})
        one = rows.get("connector_threads1")
        if one is None:
            continue
        conn, floor = rows.get("connector"), rows.get("floor")
        threads_rows.append(f"| {c['title']} | {fmt_cell(conn)} | {fmt_cell(one)} | {fmt_cell(floor)} "
                            f"| {fmt_ratios(conn, floor)} | {fmt_ratios(one, floor)} "
                            f"| {fmt_mb(conn['peak_bytes'] - conn.get('result_bytes', 0)) if conn else 'n/a'} "
                            f"/ {fmt_mb(one['peak_bytes'] - one.get('result_bytes', 0))} |")
    if threads_rows:
        lines.append(f"### Compressed components: decode threads (default: {os.cpu_count()} on this machine) and threads=1")
        lines.append("")
        lines.append("| case | connector | connector, threads=1 | floor | conn/floor | threads=1/floor "
                     "| peak MB over result: default / threads=1 |")
        lines.append("|" + "---|" * 7)
        lines.extend(threads_rows)
        lines.append("")
    listing = clients.get("h5ls") or {}
    native = listing.get("native")
    if not smoke and native and native.get("wall"):
        lines.append("### h5ls -r: what loading a VOL connector costs before it does anything")
        lines.append("")
        lines.append("The same listing under HDF5's own pass-through connector, built into the library and built as "
                     "a plugin from the HDF5 source (`test/bench/reference_passthrough.c`), beside h5sparse-vol "
                     "passing everything through (`conventions=none`) and h5sparse-vol itself; runs interleaved.")
        lines.append("")
        lines.append("| h5ls -r of the h5ad | wall time | x native | CPU x native | max RSS |")
        lines.append("|---|---|---|---|---|")
        for key, label in (("native", "native"), ("builtin_passthrough", "HDF5's pass-through, built in"),
                           ("reference_plugin", "HDF5's pass-through, as a plugin"),
                           ("floor", "h5sparse-vol, conventions=none"), ("connector", "h5sparse-vol")):
            r = listing.get(key)
            if not r or not r.get("wall"):
                continue
            rss = fmt_mb(r["peak_bytes"]) if r.get("peak_bytes") else "n/a"
            lines.append(f"| {label} | {fmt_cell(r)} | {ratio(med(r), med(native)):.3f} "
                         f"| {ratio(med_cpu(r), med_cpu(native)):.3f} | {rss} |")
        lines.append("")
    lines.append("## Read time against the number of rows selected")
    lines.append("")
    lines.append(f"![read time vs rows]({os.path.basename(runner.plot_path)})")
    lines.append("")
    lines.append("| series | rows | connector | floor | dense twin | anndata |")
    lines.append("|---|---|---|---|---|---|")
    lines.extend(sweep_rows)
    lines.append("")
    column_rows = []
    for c in sorted(cases, key=lambda c: (c["series"], c.get("columns_selected", 0))):
        if c["series"] not in ("csc", "tenx"):
            continue
        rows = results.get(c["name"], {})
        conn, floor = rows.get("connector"), rows.get("floor")
        column_rows.append(f"| {c['series']} | {c['columns_selected']} | {fmt_cell(conn)} "
                           f"| {fmt_cell(rows.get('connector_threads1'))} | {fmt_cell(floor)} "
                           f"| {fmt_ratios(conn, floor)} |")
    if column_rows:
        lines.append("## Read time against the number of columns selected")
        lines.append("")
        lines.append(f"![read time vs columns]({os.path.basename(runner.columns_plot_path)})")
        lines.append("")
        lines.append("All rows of k random columns: of the uncompressed anndata CSC (`csc`) and of the Cell Ranger "
                     "file, whose columns are barcodes (`tenx`, shuffle + gzip; threads=1 beside the default).")
        lines.append("")
        lines.append("| series | columns | connector | connector, threads=1 | floor | conn/floor |")
        lines.append("|---|---|---|---|---|---|")
        lines.extend(column_rows)
        lines.append("")
    lines.append(METHOD)
    if runner.failures:
        lines.append("## Failures")
        lines.append("")
        lines.extend(f"- `{f}`" for f in runner.failures)
    return "\n".join(lines) + "\n", misses


METHOD = """## Method

- Files (`test/bench/make_bench_files.py`, cached in `${H5SPARSE_CACHE:-~/.cache/h5sparse-vol}/bench`):
  one random 50,000 x 20,000 matrix, 2 % density (integers 1..50, sorted indices), written by anndata 0.8
  as CSR and as CSC `.h5ad` (float32 data, int32 indices; anndata's own chunked layout), as a Cell Ranger
  v3 file (features x barcodes CSC, int32 data, int64 indices/indptr, 65,536-element chunks, shuffle +
  gzip 1), the same 10x layout with h5py's own chunking and gzip (level 4, no shuffle), a CSR `.h5ad`
  written with `compression="gzip"`, and a dense chunked twin (`/X`, float32, 250 x 1000 chunks, no filter); plus the seed's
  10,000 x 10,000 CSR of float64 ones (10^8 stored values, 1.2 GB). All selections come from
  `selections.h5` beside them, so every contender reads the same elements.
- Contenders (`test/bench/bench_main.cpp`, three fresh processes per case and contender, the
  contenders' processes alternating, a, b, b, a, a, b; one for reads of 1 GiB or more): the connector
  (`H5Dopen2` + `H5Dread` of the virtual dataset, file opened with `h5sparse_vol_set_fapl`), the floor
  (`floor_read.cpp`: native reads of exactly the needed indptr/indices/data ranges, zero fill, scatter;
  tight C++ written independently of the connector), the dense twin read natively with the same
  selection, and anndata 0.8 (`read_h5ad(path, backed="r").X[sel].toarray(out=buf)`,
  `test/bench/anndata_bench.py`). Every contender writes into one preallocated buffer that is filled
  with a poison byte before each repetition (touched, and no stale result can pass), outside the clock.
  Every repetition reopens the file (untimed), so it is a first read after open: no chunk cache or
  connector cache survives from the previous repetition, and the gzip case inflates every chunk it
  touches each time. The clock covers opening the matrix and reading it (`H5Dopen2` + `H5Dread`; the
  floor: opening its components + its read): the connector opens the components on the first read, a
  native reader before it (until 2026-12-06 only the read was timed, which charged the connector for
  three dataset opens the floor made untimed). Selections are built before the clock starts. Each
  process makes one untimed warm-up repetition, then a third of the timed ones (`--reps`, rounded
  up); the median is taken over all of a contender's. Until 2026-12-06 (night) each contender ran
  in one process, and a process that ran fast or slow throughout decided a target. All contenders
  of a case, and all processes of a contender, must produce the same checksum, or the run fails.
- Cache state: files are in the page cache (warm; generated or read just before).
- Peak memory: each process resets its peak-RSS counter (`/proc/self/clear_refs` = 5) before opening
  the file and records VmRSS; after the last repetition, peak = VmHWM - that VmRSS. The table shows
  peak - result bytes (file open, caches, temporaries). For h5dump/h5ls: the child's `ru_maxrss`.
- Real clients: `h5dump -d /X -s r,0 -c 2000,20000` of the h5ad through the connector
  (`--vol-name=h5sparse`) vs of the dense twin, output to /dev/null (the DATA sections are compared once,
  untimed, and warms the page cache); `h5ls -r` of the h5ad with the connector, with the connector set to
  `conventions=none` (the "floor" of a plugin connector: loading it and passing calls through) and
  without it, 150 runs each after one warm-up, the contenders' runs alternating; `h5ls -r` of
  `groups.h5ad` (anndata, a small CSR X and 500 nested dicts in uns: 1,010 groups) the same way, 20
  runs each of the connector, conventions=none and native. One process per run;
  CPU = the child's user + system time; peak = GNU time's maximum resident set.
- Targets (issue 5): contiguous rows <= 1.25x floor; random rows and row-run unions <= 1.5x floor;
  secondary-axis windows (CSR columns) <= 2x floor; pass-through <= 1.03x native; h5dump
  row block no slower than the dense twin's. Issue 10: `h5ls -r` <= 1.05x native and the seed's
  X[1:5] <= 1.5x floor; connector peak <= result + 32 MiB (seed X[1:5]: + 4 MiB);
  faster than anndata's backed mode wherever both run. Cases without a target are reported for
  information (points, whole matrix, the sweeps). Issue 15: uncompressed anndata CSC, contiguous columns
  <= 1.0x floor, random columns <= 1.25x, rows across all columns <= 1.5x; the gzip files (both 10x
  chunkings: contiguous and random barcodes, genes across all barcodes; the gzip h5ad: random rows,
  column windows) <= 0.7x floor, with `threads=1` reported beside the default (contender
  `connector_threads1`). The floor reads compressed components through HDF5's filter pipeline with a
  chunk cache, as a native program would.
"""


def plot(cases, results, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        say("matplotlib is missing (python3-matplotlib): no plot")
        return False
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharey=True)
    styles = {"connector": ("C0", "o"), "floor": ("C2", "s"), "dense": ("C1", "^"), "anndata": ("C3", "D")}
    for ax, series, title in ((axes[0], "contig", "contiguous rows"), (axes[1], "random", "random sorted rows")):
        pts = sorted((c["rows_selected"], c["name"]) for c in cases if c["series"] == series)
        for contender, (color, marker) in styles.items():
            xs, ys = [], []
            for x, name in pts:
                t = med(results.get(name, {}).get(contender))
                if t is not None:
                    xs.append(x)
                    ys.append(t)
            if xs:
                label = {"dense": "dense twin"}.get(contender, contender)
                ax.plot(xs, ys, color=color, marker=marker, label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel("rows selected")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_ylabel("read time, median (s)")
    fig.suptitle("Rows of a 50,000 x 20,000 CSR (2 % density, float32), all columns, as a dense result")
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def plot_columns(cases, results, path):
    """Read time against the number of random columns selected, CSC and 10x side by side."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    styles = {"connector": ("C0", "o", "connector"), "connector_threads1": ("C4", "v", "connector, threads=1"),
              "floor": ("C2", "s", "floor")}
    for ax, series, title in ((axes[0], "csc", "anndata CSC, uncompressed"),
                              (axes[1], "tenx", "10x (Cell Ranger: shuffle + gzip)")):
        pts = sorted((c["columns_selected"], c["name"]) for c in cases if c["series"] == series)
        for contender, (color, marker, label) in styles.items():
            xy = [(x, med(results.get(name, {}).get(contender))) for x, name in pts]
            xy = [(x, t) for x, t in xy if t is not None]
            if xy:
                ax.plot([x for x, _ in xy], [t for _, t in xy], color=color, marker=marker, label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel("random columns selected (all rows)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    axes[0].set_ylabel("read time, median (s)")
    fig.suptitle("Columns of the 50,000 x 20,000 matrix (CSC) and barcodes of its 10x file, as a dense result")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--files", required=True)
    ap.add_argument("--out", default=TOP)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--only", default="", help="comma-separated case names (and h5dump, h5ls, h5ls_groups)")
    ap.add_argument("--no-anndata", action="store_true")
    ap.add_argument("--no-clients", action="store_true")
    args = ap.parse_args(argv)
    t_start = time.monotonic()
    started = datetime.datetime.now(datetime.timezone.utc)
    runner = Runner(args)
    os.makedirs(args.out, exist_ok=True)
    runner.plot_path = os.path.join(args.out, "BENCHMARKS-read-time.png")
    runner.columns_plot_path = os.path.join(args.out, "BENCHMARKS-columns-time.png")
    ps = subprocess.run("ps -eo pcpu,comm --sort=-pcpu | sed -n '2,6p'", shell=True, capture_output=True,
                        text=True).stdout
    say(f"load {load_avg():.2f}; busiest processes now:\n{ps.rstrip()}")

    listing = subprocess.run([runner.bench, "--files", runner.files, "--list"], env=runner.env,
                             capture_output=True, text=True, check=True).stdout
    cases = json.loads(listing)
    only = set(filter(None, args.only.split(",")))
    if only:
        cases = [c for c in cases if c["name"] in only]
    results = {}
    for c in cases:
        say(f"{c['name']}: {c['title']}")
        results[c["name"]] = runner.cpp_rounds(c)
    if not args.no_anndata:
        for name, r in runner.anndata(cases).items():
            results[name]["anndata"] = r
    clients = {}
    if not args.no_clients and (not only or only & {"h5dump", "h5ls", "h5ls_groups"}):
        clients = runner.clients(selections(runner.files), only & {"h5dump", "h5ls", "h5ls_groups"})
        if only:
            clients = {k: v for k, v in clients.items() if k in only}

    # Every contender of a case must have produced the same result.
    for name, rows in results.items():
        sums = {k: (r["checksum"], r["nonzero"]) for k, r in rows.items() if "checksum" in r}
        if len(set(sums.values())) > 1:
            runner.failures.append(f"{name}: contenders disagree: {sums}")
            say(runner.failures[-1])

    plotted = plot(cases, results, runner.plot_path)
    columns_plotted = plot_columns(cases, results, runner.columns_plot_path)
    elapsed = time.monotonic() - t_start
    report, misses = build_report(runner, cases, results, clients, started, elapsed, machine(runner))
    if not plotted:
        report = report.replace(f"![read time vs rows]({os.path.basename(runner.plot_path)})",
                                "(no plot: matplotlib missing)")
    if not columns_plotted:
        report = report.replace(f"![read time vs columns]({os.path.basename(runner.columns_plot_path)})",
                                "(no plot: matplotlib missing)")
    md_path = os.path.join(args.out, "BENCHMARKS.md")
    with open(md_path, "w") as f:
        f.write(report)
    raw_path = os.path.join(runner.files, "last-run.json")  # raw numbers, beside the files (not committed)
    with open(raw_path, "w") as f:
        json.dump({"cases": cases, "results": results, "clients": clients, "loads": runner.loads,
                   "failures": runner.failures, "elapsed_s": elapsed}, f, indent=1)
    # The table on stdout: the Results section of the report.
    start = report.index("## Results")
    end = report.index("## Read time")
    print(report[start:end].rstrip())
    print(f"\nwrote {md_path} and {runner.plot_path if plotted else '(no plot)'} (raw numbers: {raw_path}); "
          f"{elapsed:.0f} s in all")
    if runner.failures:
        print(f"{len(runner.failures)} failure(s): see {md_path}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
