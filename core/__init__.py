"""The core layer: IRIs and namespaces, the plan's notation parsers, errors, paths and
the ontology-derived vocabulary. Loaders, the engine, the CLI and the UI build on it;
it imports none of them."""
