"""Installing the project as docs/installeren.md says, into a clean virtual environment.

The test builds and installs the project from a copy of the checkout (``pip install .``, as the
docs say) into a new, empty venv and runs the installed ``agenda`` command there.  To stay fast
and work without a network, the project's dependencies are not downloaded again: the new venv
sees the test environment's packages through a ``.pth`` line, as ``--system-site-packages`` would
show a system's, and the project is installed with ``--no-deps --no-build-isolation`` (the build
uses the test environment's setuptools).  What is checked is what the docs promise: the
distribution is ``veiligheidsagenda``, the command is ``agenda``, the import name is ``agenda``,
the installed copy (not the checkout) answers, and its data files (templates, schema) came along.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "installeren.md"


def _scripts(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


def _run(*argv: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "AGENDA_LANG")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=240, cwd=cwd, env=env)


class TestDocsSayIt:
    """The install page and the other guides name what is installed."""

    def test_install_page_commands(self) -> None:
        """The page installs from the checkout with a venv on POSIX and on Windows, and says how to get `agenda` on the PATH."""
        text = DOCS.read_text(encoding="utf-8")
        for command in ('python3 -m venv .venv', '.venv/bin/python -m pip install ".[all]"', "py -m venv .venv",
                        '.venv\\Scripts\\python -m pip install ".[all]"', "source .venv/bin/activate",
                        ".venv\\Scripts\\Activate.ps1", "pipx install .", "pip wheel --no-deps -w dist .",
                        "veiligheidsagenda[all] @ git+https://"):
            assert command in text, command

    @pytest.mark.parametrize("page", ["README.md", "docs/gemeente-in-30-minuten.md", "docs/handleiding.md",
                                      "docs/jaarcyclus.md", "docs/installeren.md"])
    def test_no_page_installs_the_other_package(self, page: str) -> None:
        """No guide tells people to `pip install agenda` (an unrelated package); each points to the install page."""
        text = (ROOT / page).read_text(encoding="utf-8")
        for m in re.finditer(r"pip install agenda\b", text):
            around = text[max(0, m.start() - 200) : m.end() + 200]
            assert "ander" in around or "unrelated" in around, f"{page}: {around!r}"
        assert "installeren.md" in text or page == "docs/installeren.md"

    def test_distribution_name(self) -> None:
        """pyproject names the distribution veiligheidsagenda, with the `agenda` command."""
        text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        assert re.search(r'^name = "veiligheidsagenda"$', text, re.M)
        assert 'agenda = "agenda.cli:main"' in text


@pytest.mark.slow
class TestCleanVenv:
    """`pip install .` into an empty venv gives a working `agenda`."""

    def test_install_from_checkout(self, tmp_path: Path) -> None:
        """Build and install from a copy of the checkout; the installed command validates Deventer's plan."""
        source = tmp_path / "agenda-broncode"
        files = _run("git", "ls-files", "-z", "src", "pyproject.toml", "README.md", cwd=ROOT)
        if files.returncode != 0:  # not a git checkout: copy the tree
            shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
            shutil.copy(ROOT / "pyproject.toml", source)
            shutil.copy(ROOT / "README.md", source)
        else:
            for name in filter(None, files.stdout.split("\0")):
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(ROOT / name, source / name)
        venv = tmp_path / ".venv"
        made = _run(sys.executable, "-m", "venv", venv)
        assert made.returncode == 0, made.stderr
        python = _scripts(venv) / ("python.exe" if os.name == "nt" else "python")
        purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
        # The venv's own (old) setuptools would shadow the test environment's: build with the latter.
        _run(python, "-m", "pip", "uninstall", "-y", "-q", "setuptools")
        ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
        (purelib / "_test_environment.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")

        installed = _run(python, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index", ".",
                         cwd=source)
        assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]

        agenda = _scripts(venv) / ("agenda.exe" if os.name == "nt" else "agenda")
        version = _run(agenda, "--version")
        assert version.returncode == 0 and version.stdout.startswith("agenda "), version.stderr
        where = _run(python, "-c", "import agenda, importlib.metadata as m; "
                                   "print(agenda.__file__); print(m.version('veiligheidsagenda'))")
        location, dist_version = where.stdout.split()
        assert Path(location).is_relative_to(venv) and dist_version == version.stdout.split()[1]
        plan = tmp_path / "agenda.yaml"
        shutil.copy(ROOT / "agenda.yaml", plan)
        checked = _run(agenda, "validate", plan)
        assert checked.returncode == 0 and "in orde" in checked.stdout, checked.stderr[-2000:]
        started = _run(agenda, "init", tmp_path / "ivp.yaml", "--gemeente", "Voorbeeldstad", "--template", "kbv")
        assert started.returncode == 0, started.stderr  # the templates are package data
        schema = _run(agenda, "schema")
        assert schema.returncode == 0 and '"$schema"' in schema.stdout  # so is the JSON Schema
        helped = _run(agenda, "--lang", "en", "--help")
        assert helped.returncode == 0 and helped.stdout.startswith("usage: agenda")
