"""Chinese-language support: lunar calendar, CJK-aware text handling, pinyin for names and slugs.

Import the submodules directly (lunar, text, pinyin); this package imports
nothing itself so that using one does not load the others' data.
"""
