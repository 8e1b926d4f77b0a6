"""Extraction: an ordered chain of small rules over spaCy's parse of one article.

Each rule is a module in generator/extract/rules with `apply(state)`; `pipeline.RULES` lists
them in the order they run, and `pipeline.extract(..., rules=...)` runs any subset (a rule
left out is switched off). Bump EXTRACTOR_VERSION when a rule changes its output, so the cache
refreshes.
"""

# Only the version here: the cache key needs it on every build, the rules only when an article
# is parsed (importing them all takes a noticeable part of a build that renders only).
EXTRACTOR_VERSION = "44"
