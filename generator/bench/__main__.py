"""`python -m generator.bench` (what `make bench` runs): the extraction benchmark."""

from generator.bench.extraction import main

main()
