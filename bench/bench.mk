# benchmarks (filled in later)
