"""Two-level minimisation: exact (prime implicants + minimum cover) and Espresso-style heuristic."""
