"""Analysed article -> evidence: quotations with speakers, figures, recommendations, keyphrases.

- ``quotes``: every quotation and who said it (speaker and role);
- ``figures``: numbers with their units and context, and the author's recommendations;
- ``keywords``: keyphrases scored YAKE-style over n-grams of the text.

Each reads the one ``nlp.analysis.Analysis`` of the article (its sentences and quote
spans) instead of computing them again.
"""
