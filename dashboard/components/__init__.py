"""Layout builders: plain functions from engine results to Dash component trees."""
