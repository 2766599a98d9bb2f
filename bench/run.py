"""gobind's benchmark suite: call overhead and build speed against a hand-written extension and gopy.

    python bench/run.py            # full run (several minutes)
    python bench/run.py --quick    # fewer, shorter repeats
    python bench/run.py --smoke    # every row once, untimed: checks that the suite runs (CI)

Run it with a Python that has gobind installed (the test venv: .venv/bin/python bench/run.py).
Everything is built under bench/_build (or --build-dir). See docs/performance.md for what each row means.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from typing import Any, Dict, List, Optional, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from builds import BENCH, GOPY_VERSION, BuildError, Builder, install_pylib  # noqa: E402
from worker import ROWS  # noqa: E402
from vec import measure_vec  # noqa: E402
from aio import measure_aio  # noqa: E402

TITLES = {'python': 'plain Python', 'reference': 'hand-written C', 'gobind': 'gobind', 'gopy': 'gopy',
          'reference_rel': 'hand-written C, releasing', 'gobind_rel': 'gobind, releasing'}

# Goals of the issue: gobind/reference at most this ratio on these rows.  The reference makes the
# GIL choice gobind makes (bench/reference/benchref.c), so the ratio is the cost of gobind alone.
SCALAR_GOAL = 1.1
BULK_GOAL = 1.1
# The bulk goal is for slices passed as views: the borrowed rows (//gobind:borrow); the copied
# rows show what a function without the directive costs, against the same reference.
RATIO_GOALS = {row: SCALAR_GOAL for row in ('noop', 'add', 'echo_short', 'echo_1k', 'method', 'struct',
                                            'err_ok', 'err_raise', 'callback')}
RATIO_GOALS.update({'bytes_1m': BULK_GOAL, 'sum_floats': BULK_GOAL, 'make_floats': BULK_GOAL})
# Flavours built to release the GIL on every call: their own ratio column, not their own goals.
RELEASING = ('reference_rel', 'gobind_rel')
PARALLEL_GOAL = 1.8
REBUILD_GOAL = 1.3


class Settings:
    """How long to measure: full, --quick or --smoke."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.rounds = {'full': 5, 'quick': 2, 'smoke': 1}[mode]
        self.repeats = {'full': 3, 'quick': 2, 'smoke': 1}[mode]
        self.target = {'full': 0.02, 'quick': 0.005, 'smoke': 0.0}[mode]
        self.parallel_seconds = {'full': 0.5, 'quick': 0.2, 'smoke': 0.05}[mode]
        self.build_reps = {'full': 3, 'quick': 1, 'smoke': 1}[mode]
        self.import_reps = {'full': 15, 'quick': 5, 'smoke': 1}[mode]
        self.synthetic_funcs = 1000


def say(msg: str) -> None:
    """Progress goes to stderr, so stdout holds only the report."""
    print('bench: ' + msg, file=sys.stderr, flush=True)


# ---- statistics and formatting ----

def median(xs: List[float]) -> float:
    return statistics.median(xs)


def spread(xs: List[float]) -> Optional[float]:
    """Half the interquartile range, relative to the median (or half the range for few samples)."""
    if len(xs) < 2:
        return None
    if len(xs) >= 5:
        q = statistics.quantiles(xs, n=4)
        half = (q[2] - q[0]) / 2
    else:
        half = (max(xs) - min(xs)) / 2
    return half / median(xs)


def fmt_ns(ns: float) -> str:
    if ns < 1e3:
        return '%.0f ns' % ns
    if ns < 1e6:
        return '%.2f µs' % (ns / 1e3)
    if ns < 1e9:
        return '%.2f ms' % (ns / 1e6)
    return '%.2f s' % (ns / 1e9)


def fmt_cell(xs: List[float], unit_ns: bool = True) -> str:
    """Median with its spread; xs are nanoseconds, or seconds when unit_ns is false."""
    text = fmt_ns(median(xs) * (1 if unit_ns else 1e9))
    s = spread(xs)
    return text if s is None else '%s ±%.0f%%' % (text, s * 100)


def fmt_ratio(r: Optional[float]) -> str:
    return '—' if r is None else '%.2f×' % r


def table(header: List[str], rows: List[List[str]]) -> str:
    lines = ['| ' + ' | '.join(header) + ' |', '|' + '|'.join('---' for _ in header) + '|']
    lines += ['| ' + ' | '.join(r) + ' |' for r in rows]
    return '\n'.join(lines)


# ---- running workers ----

def worker_path(b: Builder, impl: str) -> str:
    return {'python': BENCH, 'reference': b.ref_out, 'gobind': b.gobind_out, 'gopy': b.gopy_pkg,
            'reference_rel': b.ref_rel_out, 'gobind_rel': b.gobind_rel_out}[impl]


def run_worker(b: Builder, impl: str, s: Settings, parallel: bool = False) -> Dict[str, Any]:
    """Runs worker.py for one implementation in its own process and returns its JSON."""
    cmd = [b.python, os.path.join(BENCH, 'worker.py'), impl, worker_path(b, impl),
           '--target', str(s.target), '--repeats', str(s.repeats), '--parallel-seconds', str(s.parallel_seconds)]
    if parallel:
        cmd.append('--parallel')
    if s.mode == 'smoke':
        cmd.append('--smoke')
    proc = subprocess.run(cmd, env=b.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if proc.returncode != 0:
        raise BuildError('worker %s failed (%d):\n%s' % (impl, proc.returncode, proc.stderr[-3000:]))
    return json.loads(proc.stdout)


def measure_calls(b: Builder, impls: List[str], s: Settings) -> Tuple[Dict[str, Dict[str, Any]], Dict[str, Any]]:
    """Per-call rows: rounds of one worker per implementation, in rotating order; samples are pooled."""
    results: Dict[str, Dict[str, Any]] = {impl: {} for impl in impls}
    extras: Dict[str, List[float]] = {}
    for r in range(s.rounds):
        order = impls[r % len(impls):] + impls[:r % len(impls)]
        for impl in order:
            say('calls: round %d/%d, %s' % (r + 1, s.rounds, impl))
            out = run_worker(b, impl, s)
            for row, res in out['rows'].items():
                cur = results[impl].setdefault(row, {'ns': [], 'note': res.get('note', '')} if 'ns' in res else res)
                if 'ns' in res and 'ns' in cur:
                    cur['ns'].extend(res['ns'])
            for k, v in out['extras'].items():
                extras.setdefault('%s.%s' % (impl, k), []).extend(v)
    return results, extras


def call_table(results: Dict[str, Dict[str, Any]], impls: List[str]) -> Tuple[str, List[str], List[str]]:
    """The per-call table, the goal misses and the notes."""
    header = ['row'] + [TITLES[i] for i in impls] + ['gobind / ref', 'both releasing', 'gopy / gobind', 'goals']
    rows, misses, notes = [], [], []
    for row, label in ROWS:
        cells, med = [label], {}
        for impl in impls:
            res = results[impl].get(row, {'skip': 'no result'})
            if 'ns' in res:
                med[impl] = median(res['ns'])
                cell = fmt_cell(res['ns'])
                if res.get('note'):
                    notes.append('%s, %s: %s.' % (label, impl, res['note']))
                    cell += ' ¹'
                cells.append(cell)
            else:
                cells.append(res['skip'])
        g, ref, gp = med.get('gobind'), med.get('reference'), med.get('gopy')
        r_ref = g / ref if g and ref else None
        r_gopy = gp / g if g and gp else None
        g_rel, ref_rel = med.get('gobind_rel'), med.get('reference_rel')
        cells += [fmt_ratio(r_ref), fmt_ratio(g_rel / ref_rel if g_rel and ref_rel else None), fmt_ratio(r_gopy)]
        goals = []
        if row in RATIO_GOALS:
            if r_ref is None:
                goals.append('≤%.2f× ref: not measured' % RATIO_GOALS[row])
            else:
                ok = r_ref <= RATIO_GOALS[row]
                goals.append('≤%.2f× ref: %s' % (RATIO_GOALS[row], 'PASS' if ok else 'MISS'))
                if not ok:
                    misses.append('%s: gobind is %.2f× the reference (goal ≤%.2f×)' % (label, r_ref, RATIO_GOALS[row]))
        if r_gopy is not None:
            ok = r_gopy > 1
            goals.append('faster than gopy: %s' % ('PASS' if ok else 'MISS'))
            if not ok:
                misses.append('%s: gopy is faster than gobind (%.2f×)' % (label, r_gopy))
        cells.append('; '.join(goals) or '—')
        rows.append(cells)
    return table(header, rows), misses, notes


def measure_parallel(b: Builder, impls: List[str], s: Settings) -> Tuple[str, List[str]]:
    """The two-thread row: throughput with two threads over one thread, per implementation."""
    cells, misses = ['2 threads / 1 thread, CPU-bound Go call'], []
    goal = '≥%.1f×: not measured' % PARALLEL_GOAL
    ratios: Dict[str, float] = {}
    impls = [i for i in impls if i not in RELEASING]
    for impl in impls:
        say('parallel: %s' % impl)
        out = run_worker(b, impl, s, parallel=True)
        if 'skip' in out:
            cells.append(out['skip'])
            continue
        r = ratios[impl] = median(out['ratios'])
        cells.append('%.2f× (%.0f calls/s alone)' % (r, median(out['calls_per_s'])))
        if impl == 'gobind':
            goal = '≥%.1f×: %s' % (PARALLEL_GOAL, 'PASS' if r >= PARALLEL_GOAL else 'MISS')
            if r < PARALLEL_GOAL:
                why = ''
                if ratios.get('reference', PARALLEL_GOAL) < PARALLEL_GOAL:
                    why = ('; the hand-written reference reached only %.2f× in the same run, so this machine '
                           'did not have two free cores' % ratios['reference'])
                misses.append('two threads: gobind reaches %.2f× one thread (goal ≥%.1f×)%s' % (r, PARALLEL_GOAL, why))
    return table(['row'] + [TITLES[i] for i in impls] + ['goal'], [cells + [goal]]), misses


# ---- builds, generator, imports ----

def measure_builds(b: Builder, s: Settings, gopy_ok: bool) -> Tuple[str, List[str]]:
    """Clean build, no-op ninja and rebuild after an edit, each against a bare go build."""
    t: Dict[str, List[float]] = {k: [] for k in ('clean', 'bare_clean', 'noop', 'bare_noop', 'rebuild',
                                                 'bare_rebuild', 'code', 'bare_code', 'gopy_clean', 'gopy_rebuild')}
    no_work: List[bool] = []
    for i in range(s.build_reps):
        say('builds: round %d/%d' % (i + 1, s.build_reps))
        c = b.gobind_clean_build()
        t['clean'].append(c['setup'] + c['build'])
        b.remove_bare()
        t['bare_clean'].append(b.bare_go_build())
        n = b.gobind_ninja()
        t['noop'].append(float(n['seconds']))  # type: ignore[arg-type]
        no_work.append(bool(n['no_work']))
        t['bare_noop'].append(b.bare_go_build())
        b.touch_go_file(b.pkg, 'gobind %d %f' % (i, time.time()))
        t['rebuild'].append(float(b.gobind_ninja()['seconds']))  # type: ignore[arg-type]
        b.touch_go_file(b.pkg, 'bare %d %f' % (i, time.time()))
        t['bare_rebuild'].append(b.bare_go_build())
        b.touch_go_file(b.pkg, 'gobind code', code=2 * i + 1)
        t['code'].append(float(b.gobind_ninja()['seconds']))  # type: ignore[arg-type]
        b.touch_go_file(b.pkg, 'bare code', code=2 * i + 2)
        t['bare_code'].append(b.bare_go_build())
        if gopy_ok:
            t['gopy_clean'].append(b.gopy_build())
            b.touch_go_file(b.gopy_pkg, 'gopy %d %f' % (i, time.time()))
            t['gopy_rebuild'].append(b.gopy_build())
    misses = []

    def row(label: str, key: str, bare: str, gopy_key: Optional[str], goal: str) -> List[str]:
        r = median(t[key]) / median(t[bare])
        gp = fmt_cell(t[gopy_key], unit_ns=False) if gopy_key and t[gopy_key] else '—'
        gpr = fmt_ratio(median(t[gopy_key]) / median(t[key])) if gopy_key and t[gopy_key] else '—'
        return [label, fmt_cell(t[bare], unit_ns=False), fmt_cell(t[key], unit_ns=False), fmt_ratio(r), gp, gpr, goal]

    rebuild_ratio = median(t['rebuild']) / median(t['bare_rebuild'])
    rebuild_goal = '≤%.1f× bare: %s' % (REBUILD_GOAL, 'PASS' if rebuild_ratio <= REBUILD_GOAL else 'MISS')
    if rebuild_ratio > REBUILD_GOAL:
        misses.append('rebuild after editing a Go file: %.2f× the bare go build (goal ≤%.1f×)'
                      % (rebuild_ratio, REBUILD_GOAL))
    noop_goal = 'no work: %s' % ('PASS' if all(no_work) else 'MISS')
    if not all(no_work):
        misses.append('no-op ninja did work')
    rows = [
        row('clean build (meson setup + ninja)', 'clean', 'bare_clean', 'gopy_clean', '—'),
        row('no-op ninja', 'noop', 'bare_noop', None, noop_goal),
        row('rebuild after editing one Go file', 'rebuild', 'bare_rebuild', 'gopy_rebuild', rebuild_goal),
        row('rebuild after adding a function to it', 'code', 'bare_code', None, '—'),
    ]
    header = ['row', 'bare go build -buildmode=c-shared', 'gobind', 'gobind / bare', 'gopy build', 'gopy / gobind',
              'goal']
    return table(header, rows), misses


def measure_generator(b: Builder, s: Settings, gopy_src: Optional[str]) -> str:
    """Generator time for a package with many exported functions (gobind gen against gopy gen)."""
    synth = b.write_synthetic(s.synthetic_funcs)
    say('generator: %d functions' % s.synthetic_funcs)
    reps = max(1, s.build_reps)
    if s.mode != 'smoke':
        b.gobind_gen(synth)  # warm: Go compiles the package's export data and gobind its inspector once
    gobind = [b.gobind_gen(synth) for _ in range(reps)]
    gopy: List[float] = []
    if gopy_src:
        if s.mode != 'smoke':
            b.gopy_gen(synth, gopy_src)
        gopy = [b.gopy_gen(synth, gopy_src) for _ in range(reps)]
    row = ['generate bindings for %d exported functions' % s.synthetic_funcs, fmt_cell(gobind, unit_ns=False),
           fmt_cell(gopy, unit_ns=False) if gopy else '—',
           fmt_ratio(median(gopy) / median(gobind)) if gopy else '—']
    return table(['row', 'gobind gen', 'gopy gen', 'gopy / gobind'], [row])


def measure_imports(b: Builder, s: Settings, impls: List[str]) -> str:
    """python -c 'import m' against python -c pass, interleaved."""
    codes = {'baseline': ('pass', BENCH), 'reference': ('import benchref', b.ref_out),
             'gobind': ('import benchpkg', b.gobind_out),
             'gopy': ('import gopy_benchpkg.benchpkg', b.gopy_pkg)}
    keys = ['baseline'] + [i for i in impls if i in codes]
    t: Dict[str, List[float]] = {k: [] for k in keys}
    say('imports')
    for _ in range(s.import_reps):
        for k in keys:
            t[k].append(b.import_time(*codes[k]))
    base = median(t['baseline'])
    rows = [['`python -c pass`', fmt_cell(t['baseline'], unit_ns=False), '—']]
    for k in keys[1:]:
        rows.append(['`python -c "%s"`' % codes[k][0], fmt_cell(t[k], unit_ns=False),
                     '+%.1f ms' % ((median(t[k]) - base) * 1e3)])
    return table(['row', 'wall time', 'import cost'], rows)


# ---- environment ----

def tool_version(cmd: List[str]) -> str:
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return 'unknown'


def machine() -> str:
    cpu = platform.processor() or 'unknown CPU'
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    return '%s, %d logical CPUs, %s %s' % (cpu, os.cpu_count() or 0, platform.system(), platform.release())


def environment(b: Builder, numpy_version: str, gopy: str) -> List[str]:
    return [
        '- date: %s' % datetime.date.today().isoformat(),
        '- machine: %s' % machine(),
        '- Go: %s' % tool_version(['go', 'version']),
        '- Python: %s %s' % (platform.python_implementation(), platform.python_version()),
        '- C compiler: %s' % tool_version([b.cc, '--version']),
        '- numpy: %s' % numpy_version,
        '- gopy: %s' % gopy,
    ]


def python_has(python: str, module: str, env: Dict[str, str]) -> Optional[str]:
    """The version of module importable by python, or None."""
    proc = subprocess.run([python, '-c', 'import %s as m; print(getattr(m, "__version__", "?"))' % module],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, universal_newlines=True)
    return proc.stdout.strip() if proc.returncode == 0 else None


# ---- main ----

def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument('--quick', action='store_true', help='fewer and shorter repeats')
    mode.add_argument('--smoke', action='store_true', help='every row once, untimed (CI); skips gopy and installs')
    p.add_argument('--build-dir', default=os.path.join(BENCH, '_build'), help='where to build (default: bench/_build)')
    p.add_argument('--no-gopy', action='store_true', help='skip the gopy column')
    p.add_argument('--gopy-src', help='a checkout of gopy %s to build instead of downloading it' % GOPY_VERSION)
    p.add_argument('--no-install', action='store_true', help="don't pip install numpy and pybindgen into the build folder")
    p.add_argument('--markdown', help='also write the report to this file')
    p.add_argument('--verbose', '-v', action='store_true', help='show build commands')
    args = p.parse_args(argv)
    s = Settings('smoke' if args.smoke else 'quick' if args.quick else 'full')
    b = Builder(args.build_dir, sys.executable, verbose=args.verbose)

    for tool in ('go', b.cc):
        if shutil.which(tool) is None:
            print('bench: %s is not on PATH; the benchmarks need Go 1.21+ and a C compiler' % tool, file=sys.stderr)
            return 2
    if python_has(b.python, 'gobind_module', b.env()) is None or python_has(b.python, 'mesonbuild', b.env()) is None:
        print('bench: this Python (%s) has no gobind or meson; install gobind into a venv '
              '(python3 -m venv .venv && .venv/bin/pip install .) and run .venv/bin/python bench/run.py'
              % b.python, file=sys.stderr)
        return 2

    os.makedirs(b.root, exist_ok=True)
    want_gopy = not args.no_gopy and not (args.smoke and not args.gopy_src)
    gopy_status = 'skipped (--no-gopy)' if args.no_gopy else 'skipped (--smoke)' if not want_gopy else ''
    if not args.smoke and not args.no_install:
        wanted = [m for m in (['numpy'] + (['pybindgen'] if want_gopy else []))
                  if python_has(b.python, m, b.env()) is None]
        if wanted:
            say('pip install --target %s %s' % (b.pylib, ' '.join(wanted)))
            err = install_pylib(b, wanted)
            if err:
                say('could not install %s: %s' % (' '.join(wanted), err))
    numpy_version = python_has(b.python, 'numpy', b.env()) or 'not installed (the numpy rows use array.array)'

    say('building the reference and gobind modules in %s' % b.root)
    b.copy_sources()
    b.build_reference()
    b.build_reference(release_all=True)
    b.gobind_clean_build()
    b.build_gobind_release()
    impls = ['python', 'reference', 'gobind', 'reference_rel', 'gobind_rel']
    gopy_src = None
    if want_gopy:
        say('building gopy %s' % GOPY_VERSION)
        try:
            gopy_src = b.setup_gopy(args.gopy_src)
            b.gopy_prepare(gopy_src)
            b.gopy_build()
            impls.append('gopy')
            gopy_status = '%s, built with golang.org/x/tools %s' % (GOPY_VERSION, 'v0.30.0')
        except BuildError as e:
            gopy_src = None
            gopy_status = 'skipped: could not be built here (%s)' % str(e).splitlines()[0]
            say('gopy skipped: %s' % e)

    results, extras = measure_calls(b, impls, s)
    calls, misses, notes = call_table(results, impls)
    par, par_misses = measure_parallel(b, impls, s)
    vec, vec_misses = measure_vec(b.python, b.env(), b.gobind_out, 1 if s.mode == 'smoke' else s.rounds,
                                  1 if s.mode == 'smoke' else 5)
    aio, _ = measure_aio(b.python, b.env(), b.gobind_out, 1 if s.mode == 'smoke' else s.rounds,
                         1 if s.mode == 'smoke' else 3, 10 if s.mode == 'smoke' else 2000)
    builds, build_misses = measure_builds(b, s, 'gopy' in impls)
    gen = measure_generator(b, s, gopy_src)
    imports = measure_imports(b, s, impls)
    misses += par_misses + vec_misses + build_misses

    out = ['## Environment', ''] + environment(b, numpy_version, gopy_status) + [
        '- mode: %s (%d rounds of %d repeats per implementation, one process per implementation and round)'
        % (s.mode, s.rounds, s.repeats), '',
        '## Calls', '',
        'Time per call, median over all repeats; ± is half the interquartile range (or of the range, for '
        'fewer than 5 samples). Ratios compare medians measured in this run.', '', calls, '']
    if notes:
        out += ['¹ ' + n for n in notes] + ['']
    if 'python.loop_ns' in extras:
        out.append('- timing loop overhead (`pass`), included in every cell: %s'
                   % fmt_ns(median(extras['python.loop_ns'])))
    if 'reference.noop_gil_ns' in extras and 'ns' in results['reference_rel'].get('noop', {}):
        gil = median(extras['reference.noop_gil_ns'])
        out.append('- reference `Noop()` keeping the GIL: %s; releasing and retaking it costs %s more'
                   % (fmt_ns(gil), fmt_ns(median(results['reference_rel']['noop']['ns']) - gil)))
    out += ['', '## Two threads', '', par, '', '## Vectorised calls (m.vec)', '', vec, '',
            '## asyncio and channels', '', aio, '', '## Builds', '', 'Wall time, warm Go build cache.', '', builds, '',
            '## Generator', '', gen, '', '## Import', '', imports, '', '## Goals', '']
    out += ['- MISS: ' + m for m in misses] if misses else ['- every goal measured in this run: PASS']
    report = '\n'.join(out) + '\n'
    print(report)
    if args.markdown:
        with open(args.markdown, 'w') as f:
            f.write(report)
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except BuildError as e:
        print('bench: %s' % e, file=sys.stderr)
        sys.exit(1)
