"""Run briefer's ROUGE evaluation: ``python bench/rouge_eval.py DATASET.jsonl [--ids FILE]``.

Prints ROUGE-1/2/Lsum F1 and seconds per document for briefer's default ranking,
Lead and every sumy algorithm, per subset (see ``briefer.evaluate``).
"""

from __future__ import annotations

import sys

from briefer.evaluate import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
