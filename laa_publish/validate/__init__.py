"""Stage 2: check the data and yield positioned issues; never raise for bad input."""
