"""Stage 2: the typed data model that every later stage reads.

It is built only from documents that passed their JSON Schema; `validate/run.py` checks the
schemas, builds the model from what passed, and then runs the cross-file checks (stage 3)
on it. The model imports nothing from validate or any later stage.
"""
