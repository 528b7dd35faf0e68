"""The built `ppb` program (PPB_CLI in the environment), run as a user would, for the tests that
compare the Python package with it."""

import os
import subprocess

CLI = os.environ.get("PPB_CLI")

# Under AddressSanitizer CTest preloads the sanitizer runtime into python; `ppb` carries its own
# (clang links it into the program), and a second copy would stop it before it starts.
_ENV = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}


def run(*args, check=False):
    """Runs `ppb ARGS` and returns the finished process (stdout and stderr as text)."""
    return subprocess.run([CLI] + [str(a) for a in args], capture_output=True, text=True, env=_ENV, check=check)
