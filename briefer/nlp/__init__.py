"""Shared language tools: text -> sentences, words, quoted spans, cues and language.

Every stage that reads language uses these and nothing else, the way sumy keeps its
tokenizers and stemmers in ``nlp/``:

- ``sentences``: offline sentence splitting with exact character spans (no NLTK data),
  an article's sentences, and the sumy tokenizer protocol built on them;
- ``language``: which language a text is in, sumy's stemmers and stop words for it (the
  one place that maps languages to sumy's names) and the content words of a text;
- ``quoting``: the spans inside quotation marks and each sentence's quoted share;
- ``cues``: regular expressions for stance, prescriptions, boilerplate and references;
- ``analysis``: all of the above computed once per article, handed to ranking and evidence.
"""
