"""The systemd units in deploy/ pass `systemd-analyze verify` (with the paths of this checkout in
place of /opt/gongkai, so that the commands they start exist), and start the documented commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SYSTEMD = DEPLOY / "systemd"
UNITS = [
    "gongkai-web.service",
    "gongkai-worker.service",
    "gongkai-backup.service",
    "gongkai-backup.timer",
]


def _localised(folder: Path) -> None:
    venv_bin = str(Path(sys.executable).parent) + "/"
    for name in UNITS:
        text = (SYSTEMD / name).read_text(encoding="utf-8")
        text = text.replace("/opt/gongkai/.venv/bin/", venv_bin)
        text = text.replace("/opt/gongkai/deploy/", f"{DEPLOY}/")
        (folder / name).write_text(text, encoding="utf-8")


def test_the_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    _localised(tmp_path)
    analyze = shutil.which("systemd-analyze") or "/usr/bin/systemd-analyze"
    result = subprocess.run(
        [analyze, "verify", "--man=no", *(f"./{name}" for name in UNITS)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.strip() == ""


def test_the_units_start_the_documented_commands() -> None:
    web = (SYSTEMD / "gongkai-web.service").read_text(encoding="utf-8")
    worker = (SYSTEMD / "gongkai-worker.service").read_text(encoding="utf-8")
    backup = (SYSTEMD / "gongkai-backup.service").read_text(encoding="utf-8")
    assert "gunicorn -c /opt/gongkai/deploy/gunicorn.conf.py gongkai.web.wsgi" in web
    assert "-m gongkai.web db_worker" in worker
    assert "-m gongkai.web backup --output-dir" in backup
