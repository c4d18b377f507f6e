"""sumy's LexRank on its own, as a user would run it: the reference process for briefer.

sumy's CLI cannot start offline (its default tokenizer needs NLTK's punkt data, which an
air-gapped machine cannot download), so this gives sumy a small offline regex tokenizer
through sumy's tokenizer interface. It imports nothing from briefer.

    python bench/sumy_lexrank.py FILE [SENTENCES]
"""

from __future__ import annotations

import re
import sys

from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

_SENTENCE = re.compile(r"(?<=[.!?\"'”’)\]])\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


class RegexTokenizer:
    """The smallest offline tokenizer sumy accepts (duck-typed like sumy's Tokenizer)."""

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.strip() for s in _SENTENCE.split(paragraph) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def lexrank(text: str, count: int = 5) -> list[str]:
    parser = PlaintextParser.from_string(text, RegexTokenizer())
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return [str(s) for s in summarizer(parser.document, count)]


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        text = handle.read()
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    sys.stdout.write("\n".join(lexrank(text, count)) + "\n")


if __name__ == "__main__":
    main()
