"""Streamlit UI over the knowledge base: pages in ui/views/; what they share in ui/page.py
(the page wrapper), ui/language.py, ui/state.py (URL), ui/data.py (store, views, graph)
and ui/components.py (errors, tables, legend, entity picker)."""
