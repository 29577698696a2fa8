"""Streamlit UI over the knowledge base: pages in ui/views/, shared parts in ui/common.py."""
