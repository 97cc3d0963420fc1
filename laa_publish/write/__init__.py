"""Stage 6: write generated files, run the static-site engine, and swap the site into place.

It never imports the pipeline: the preview server is handed its regenerate step.
"""
