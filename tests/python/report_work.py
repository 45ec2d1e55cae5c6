"""What the tests of `accord report` share (tests/python/test_report*.py): the source tree and the accord
executable that ctest passes (`python3 tests/python/test_report.py SOURCE_DIR ACCORD`), a temporary directory
with scenarios/ copied in, accord run there, and analysis/ on the import path for report_headline and results.

Importing it takes SOURCE_DIR and ACCORD off sys.argv, so unittest.main() sees no argument.
"""
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile

ARGS, sys.argv[1:] = sys.argv[1:], []  # SOURCE_DIR ACCORD, as ctest gives them; unittest takes no argument
SOURCE = os.path.abspath(ARGS[0])
ACCORD = os.path.abspath(ARGS[1])
NATO = "scenarios/nato_russia_council_2002.yaml"
sys.path.insert(0, os.path.join(SOURCE, "analysis"))  # report_headline, report_network, results


def accord(cwd, *args, env=None):
    """accord ARGS run in cwd; its exit status, stdout and stderr."""
    return subprocess.run([ACCORD, *args], cwd=cwd, capture_output=True, text=True, env=env)


def accord_ok(cwd, *args):
    """accord ARGS run in cwd, which must exit 0 (else an AssertionError with its stderr)."""
    done = accord(cwd, *args)
    if done.returncode != 0:
        raise AssertionError(f"accord {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done


def copy_scenarios(work):
    """Copies the repository's scenarios/ into work, so that paths like NATO resolve there."""
    shutil.copytree(os.path.join(SOURCE, "scenarios"), os.path.join(work, "scenarios"))


def new_work():
    """A new temporary directory holding a copy of scenarios/; the caller removes it."""
    work = tempfile.mkdtemp()
    copy_scenarios(work)
    return work


@contextlib.contextmanager
def scenario_work():
    """A temporary directory holding a copy of scenarios/, removed on leaving the with block."""
    work = new_work()
    try:
        yield work
    finally:
        shutil.rmtree(work)
