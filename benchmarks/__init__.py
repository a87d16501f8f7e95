"""Scale data sets and performance measurements: ``make bench`` runs ``python -m benchmarks``.

``benchmarks.data.demo_db(n)`` gives the URL of a cached demo database of ``n`` patients; every
``benchmarks/bench_*.py`` with ``run(cache: Path) -> dict[str, object]`` is discovered and its
result printed under its name.
"""
