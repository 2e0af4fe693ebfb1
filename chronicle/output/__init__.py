"""WRITE: the one writer. Pages go to a temporary folder beside the output, then swap in atomically."""

from chronicle.output.writer import (  # noqa: F401
    MARKER, OutputError, Stamp, Written, check_output_dir, write_site,
)
