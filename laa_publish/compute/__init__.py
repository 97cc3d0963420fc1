"""Stage 4: derive latest values, changes, status against target and direction of travel."""
