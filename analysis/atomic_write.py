"""Whole-or-nothing files for the Python tools (accord report, plot.py): docs/reliability.md, "Result files"."""
import os
import stat
import tempfile


def write_atomically(path, data):
    """Writes DATA (text or bytes) to PATH through a temporary file in the same directory: complete or absent.

    A PATH that exists and is not a regular file (/dev/stdout, a pipe, /dev/full) is written in
    place, never renamed over: a rename would replace the device itself (as root, even /dev/full)."""
    mode, encoding = ("wb", None) if isinstance(data, bytes) else ("w", "utf-8")
    if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
        with open(path, mode, encoding=encoding) as f:
            f.write(data)
            f.flush()
        return
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".accord-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, mode, encoding=encoding) as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
