"""python -m briefer"""

from .cli import run

run()
