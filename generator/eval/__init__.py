"""Measuring extraction against gold annotations (`make eval`, `python -m generator.eval`).

`gold` reads gold files, `datasets` names the sets (seen, GUM and LitBank, dev and held-out),
`score` matches what was extracted to a gold file (the one matcher, also used by
tests/extract/test_gold.py), `baseline` is plain spaCy NER for comparison, `evaluate` runs
the extractor through its cache over the sets, and `report` prints the table and writes JSON.
"""
