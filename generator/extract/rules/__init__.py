"""The extraction rules, one module each, applied in order by generator.extract."""
