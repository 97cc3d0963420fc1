"""Stage 5: render engine-neutral Markdown pages, chart SVGs and CSV downloads.

Nothing is rendered until all validation is done: the pipeline refuses to build on errors.
"""
