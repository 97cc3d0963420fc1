"""Stage 4: derive latest values, changes, status against target and direction of travel.

It runs only on a model that passed validation (stage 3), and renders nothing.
"""
