"""The read-only document viewer the decision forms link to."""
