"""Stage 1: read files and git history from disk, keeping line and column positions.

The stages run load -> model -> validate -> compute -> render -> write. Loading never judges
content: a file that cannot be read or parsed becomes an Issue, and each YAML document then
meets its JSON Schema before the model (stage 2) is built from it.
"""
