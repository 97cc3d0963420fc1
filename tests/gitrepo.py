"""A git repository in tmp_path with fixed authors and dates, for provenance and release tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path


def git_env(author: str = "Ana Lyst", date: str | None = None) -> dict[str, str]:
    """An environment that ignores the user's git config and pins author, committer and date."""
    email = author.lower().replace(" ", ".") + "@example.org"
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": email,
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return env


class GitRepo:
    """A working tree under version control; each commit gets an explicit author and date."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, author: str = "Ana Lyst", date: str | None = None) -> str:
        """Run git in the repository and return its output."""
        done = subprocess.run(
            ["git", "-C", str(self.root), *args],
            check=True,
            capture_output=True,
            text=True,
            env=git_env(author, date),
        )
        return done.stdout.strip()

    def write(self, rel: str, text: str) -> None:
        """Write a file, dedenting the text."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace text that occurs exactly once in a file."""
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    def commit(self, message: str, date: str, author: str = "Ana Lyst") -> str:
        """Commit everything at a fixed date (YYYY-MM-DD, noon UTC) and return the commit id."""
        self.git("add", "-A")
        stamp = f"{date}T12:00:00+00:00"
        self.git("commit", "-q", "--no-gpg-sign", "-m", message, author=author, date=stamp)
        return self.git("rev-parse", "HEAD")


POLICE = "data/partners/police/indicators/LOC-SSC-01.csv"
COUNCIL = "data/partners/city-council/indicators/NI-116.csv"
BENEFITS = "data/partners/police/benefits.yaml"
RELEASES = """\
# yaml-language-server: $schema=../laa_publish/schemas/releases.schema.json
releases:
  - id: 2024-05
    title: May 2024 release
    date: 2024-05-09
  - id: 2024-08
    title: August 2024 release
    date: 2024-08-08
    description: Figures to the end of June 2024.
  - id: 2024-11
    title: November 2024 release
    date: 2024-11-14
"""
BENEFIT = """\
partner: police
benefits:
  - id: BEN-POL-01
    title: Shared patrols with the council's wardens
    outcome: SSC-1
    description: Joint patrols free officer time for burglary prevention.
    type: shared_resources
    measure:
      unit: hours
      description: Officer hours released each year.
    expected:
      value: 400
      date: 2025-03-31
    actual:
      value: 420
      date: 2025-03-31
"""
SIGN_OFF = """\
    status: signed_off
    sign_off:
      partner: police
      role: Chief Finance Officer
      date: 2025-05-12
      evidence: https://www.police.example.org/board/2025-05
"""


def revision_history(root: Path, base: Path) -> dict[str, str]:
    """The base partnership with three releases and four commits that revise figures.

    Release 2024-05 publishes commit "a"; release 2024-08 publishes "c", which revised five
    values (three police, two council) and changed one note; "d" revises a figure again
    after that release, for 2024-11.
    """
    repo = GitRepo(root)
    shutil.copytree(base, root, dirs_exist_ok=True)
    shutil.copyfile(Path(__file__).resolve().parent.parent / "mkdocs.yml", root / "mkdocs.yml")
    repo.write("site_config/releases.yaml", RELEASES)
    repo.write(BENEFITS, BENEFIT + "    status: realised\n")
    shas = {"a": repo.commit("The partnership's first figures", "2024-04-10")}
    repo.write(
        POLICE,
        """\
        period,area,value,lower_ci,upper_ci,status,note,revision_class,revision_reason
        2023-Q2,E08000001,170,,,,,,
        2023-Q3,E08000001,165,,,,,,
        2023-Q4,E08000001,160,,,,,,
        2024-Q1,E08000001,160,,,,,revision,Late crime reports added.
        2024-Q2,E08000001,155,150,160,,,,
        2024-Q3,E08000001,150,,,,,,
        2023-Q2,E07000001,90,,,,,,
        2024-Q2,E07000001,82,,,,,correction,Two crimes were recorded in the wrong district.
        2024-Q2,E07000002,73,,,,,correction,Two crimes were recorded in the wrong district.
        2024-Q2,TST-SC-01,,,,not_available,Not yet published,,
        """,
    )
    repo.write(BENEFITS, BENEFIT + SIGN_OFF)
    shas["b"] = repo.commit("Police: July figures and revisions", "2024-06-20", "Bo Police")
    repo.edit(COUNCIL, "2023-24,E08000001,21.0,2100,", "2023-24,E08000001,21.2,2120,")
    repo.edit(COUNCIL, "2023-24,E07000002,16.5,660,", "2023-24,E07000002,17.0,680,")
    repo.edit(
        COUNCIL, "2022-23,E07000001,25.0,1500,6000,,", "2022-23,E07000001,25.0,1500,6000,,Checked"
    )
    text = (root / COUNCIL).read_text(encoding="utf-8").splitlines()
    text[0] += ",revision_class,revision_reason"
    text[1:] = [
        line
        + (
            ",revision,Late returns from two schools."
            if "2023-24" in line and ("21.2" in line or "17.0" in line)
            else ",,"
        )
        for line in text[1:]
    ]
    (root / COUNCIL).write_text("\n".join(text) + "\n", encoding="utf-8")
    shas["c"] = repo.commit("Council: late returns", "2024-07-15", "Cy Council")
    repo.edit(POLICE, ",revision,Late crime reports added.", ",,")
    repo.edit(
        POLICE,
        "2024-Q2,E07000001,82,,,,,correction,Two crimes were recorded in the wrong district.",
        "2024-Q2,E07000001,82,,,,,,",
    )
    repo.edit(
        POLICE,
        "2024-Q2,E07000002,73,,,,,correction,Two crimes were recorded in the wrong district.",
        "2024-Q2,E07000002,73,,,,,,",
    )
    repo.edit(
        POLICE, "2024-Q3,E08000001,150,,,,,,", "2024-Q3,E08000001,151,,,,,revision,A late report."
    )
    shas["d"] = repo.commit("Police: a late report for July", "2024-09-02", "Bo Police")
    return shas
