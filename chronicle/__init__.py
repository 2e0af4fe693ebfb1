"""chronicle: dated diary entries in, a bilingual static site and commendation reports out."""

__version__ = "0.1.0"
