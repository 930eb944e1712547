"""``gongkai render``: any readable input to any writer, atomically, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import gongkai
from gongkai.cli import cli
from writers.helpers import HONGZE, SEED

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:fontTools")


def _run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("to", ["html", "docx", "xlsx", "md", "json"])
def test_it_writes_each_format(tmp_path: Path, to: str) -> None:
    out = tmp_path / "out.bin"
    code, output = _run("render", SEED, "--to", to, "-o", out)
    assert code == 0, output
    assert out.stat().st_size > 500
    assert [path.name for path in tmp_path.iterdir()] == ["out.bin"]  # no temporary file left


def test_it_takes_the_format_from_the_extension_and_applies_settings(tmp_path: Path) -> None:
    out = tmp_path / "年报.json"
    code, _ = _run("render", HONGZE, "-o", out)
    assert code == 0
    assert gongkai.read(out).organ == "淮安市洪泽区人民政府"
    page = tmp_path / "年报.html"
    code, _ = _run(
        "render", HONGZE, "-o", page, "--contact", "电话：0517-1234", "--date", "2024-01-31"
    )
    assert code == 0
    text = page.read_text(encoding="utf-8")
    assert "电话：0517-1234" in text
    assert "2024年1月31日" in text


# WeasyPrint 70 leaves its sRGB profile file open when it writes PDF/A (its bug, not ours).
@pytest.mark.filterwarnings("ignore:unclosed file.*sRGB2014.icc:ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_it_writes_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "年报.pdf"
    code, _ = _run("render", HONGZE, "-o", out, "--pdfa")
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_it_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    code, output = _run("render", SEED, "-o", out)
    assert code == 2
    assert "输出文件已存在" in output
    assert out.read_text(encoding="utf-8") == "old"
    code, _ = _run("render", SEED, "-o", out, "--force")
    assert code == 0
    assert gongkai.read(out).organ == "青山区司法局"


def test_it_reports_unreadable_input_and_unknown_formats_in_chinese(tmp_path: Path) -> None:
    code, output = _run("render", tmp_path / "无.json", "-o", tmp_path / "a.pdf")
    assert code == 2
    assert "文件不存在" in output
    code, output = _run("render", SEED, "-o", tmp_path / "a.odt")
    assert code == 2
    assert "无法从“a.odt”判断输出格式" in output
    assert not (tmp_path / "a.pdf").exists()


def test_a_failed_render_leaves_no_file(tmp_path: Path) -> None:
    settings = tmp_path / "bad.toml"
    settings.write_text("colour = 1\n", encoding="utf-8")
    code, output = _run("render", SEED, "-o", tmp_path / "a.html", "--settings", settings)
    assert code == 2
    assert "不认识的设置项" in output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.toml"]
