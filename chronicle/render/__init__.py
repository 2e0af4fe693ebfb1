"""RENDER: the site graph to pages, {output path: bytes}. Presentation only."""
