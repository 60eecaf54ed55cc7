"""Equivalence proofs of a network against its function: exhaustive, SAT miter, BDD and the symmetric argument."""
