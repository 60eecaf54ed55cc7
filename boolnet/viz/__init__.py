"""Pictures: network drawings, Karnaugh maps and cost plots (matplotlib is optional)."""
