"""The smallest Streamlit page: the baseline that bench/ui_pages.py compares the UI with."""

import streamlit as st

st.title("Baseline")
st.write("Hello.")
