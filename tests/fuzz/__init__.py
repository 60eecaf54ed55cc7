"""The seeded fuzzer of issue 12: hostile PLA, CSV, expression and network files through the API and the CLI."""
