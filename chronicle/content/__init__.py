"""LOAD: the only code that reads the content folder.

Files become checked model objects (``chronicle.model``); every problem becomes a
diagnostic with its file and line.
"""
