"""Run every benchmark in turn (`make bench`); each prints its table and writes results/.

The whole run takes about 10 minutes on the 2-core development machine; each script can
also run alone with more repetitions (see its --help).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
BENCHES = (
    ["stages.py", "--runs", "5"],
    ["alternatives.py"],
    ["scaling.py", "--runs", "3"],
    ["batch.py", "--runs", "2", "--json-articles", "100", "--pdf-articles", "32"],
    ["segment_eval.py"],
    ["ingest_eval.py"],
    ["bottom_line_eval.py"],
)


def main() -> int:
    failed = 0
    for argv in BENCHES:
        start = time.perf_counter()
        print(f"\n### {' '.join(argv)}", flush=True)
        code = subprocess.run([sys.executable, str(HERE / argv[0]), *argv[1:]], check=False)
        print(f"### {argv[0]}: exit {code.returncode} in {time.perf_counter() - start:.0f} s")
        failed += code.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
