"""Plotly figure builders: plain functions from engine results to figures, called directly by tests."""
