"""Performance measurements of the bot against a naive rapidfuzz FAQ baseline: `python -m benchmarks`."""
