"""Loaders turn the plan's source tables into RDF; see loaders/registry.py for the registry."""
