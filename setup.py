"""Ships corpus/, prompts/ and models/ inside the wheel (as app/_data/), so a normal `pip install .` works from anywhere.

pyproject.toml holds all metadata; this file only adds that copy step to setuptools' build_py.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        for name in ("corpus", "prompts", "models"):
            shutil.copytree(Path(name), Path(self.build_lib) / "app" / "_data" / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithData})
