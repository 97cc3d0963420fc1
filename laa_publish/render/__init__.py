"""Stage 5: render engine-neutral Markdown pages, chart SVGs and CSV downloads."""
