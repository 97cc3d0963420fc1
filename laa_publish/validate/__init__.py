"""Stage 3: check the data and yield positioned issues; never raise for bad input.

`run.py` drives it: each loaded document meets its JSON Schema, the model (stage 2) is built
from the documents that passed, and the cross-file checks then run on that model. Nothing is
computed or rendered until every check has run.
"""
