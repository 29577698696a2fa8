"""Loaders turn the plan's source tables into RDF; see kb/sources.py for the registry."""
