"""Install the Debian packages the build and the tests need, when they are missing.

Runs with the system's ``python3`` before any virtual environment exists, so it imports
nothing but the standard library; the packages are those of the package's table
``meetingdocs/publish/debian.toml``, read by path. As root it runs ``apt-get`` itself,
else through ``sudo``; without either it stops and prints the exact command to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

#: The table of Debian packages, shared with the package's check before a PDF build.
TABLE = Path(__file__).resolve().parent.parent / "meetingdocs" / "publish" / "debian.toml"


def packages(table: Path = TABLE) -> dict[str, str]:
    """Every package of the table and what it is for."""
    with table.open("rb") as handle:
        return {name: entry["purpose"] for name, entry in tomllib.load(handle).items()}


#: What each package is for (the build and the tests need them all).
PACKAGES: dict[str, str] = packages()


def missing(packages: list[str]) -> list[str]:
    if not shutil.which("dpkg-query"):
        return []
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${db:Status-Abbrev}\n", *packages],
        capture_output=True, text=True, check=False,
    ).stdout
    installed = {line.split()[0] for line in out.splitlines() if line.split()[1:2] == ["ii"]}
    return [p for p in packages if p not in installed]


def venv_support() -> list[str]:
    """Debian's own python3 needs python3-venv for ``python3 -m venv``."""
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        return ["python3-venv"]
    return []


def warm_font_cache() -> None:
    """Build LuaTeX's font name database now, in the user's TeX cache, where it stays:
    otherwise the first Arabic PDF of a new machine builds it (about half a minute)."""
    tool = shutil.which("luaotfload-tool")
    if tool:
        subprocess.run([tool, "--update", "--quiet"], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    needed = missing(list(PACKAGES) + venv_support())
    if not needed:
        warm_font_cache()
        return 0
    command = ["apt-get", "install", "-y", "--no-install-recommends", *needed]
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo"):
        prefix = ["sudo"]
    else:
        print("These Debian packages are missing; install them as root, then run make again:\n"
              f"  apt-get update && {' '.join(command)}", file=sys.stderr)
        return 1
    print(f"installing Debian packages: {' '.join(needed)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*prefix, "apt-get", "update", "-q"], check=True, env=env)
    subprocess.run([*prefix, *command, "-q"], check=True, env=env)
    warm_font_cache()
    return 0


if __name__ == "__main__":
    sys.exit(main())
