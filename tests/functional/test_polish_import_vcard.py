"""`kindcheck import people` with a vCard that is cut off or holds a bad line: the line named
is in the file, where the trouble is; nothing is written."""

from __future__ import annotations

from pathlib import Path

from tests.functional.test_cli_shell_commands import refused

ADA = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"


def _vcf(tmp_path: Path, text: str) -> str:
    path = tmp_path / "team.vcf"
    path.write_bytes(text.encode())
    return str(path)


def test_a_card_cut_off_at_the_end_is_named_by_its_first_line(
    tmp_path: Path, store_path: Path
) -> None:
    # Two cards; the second (from line 5) lost its end: 7 lines in all.
    cut = ADA + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Berg\r\nTITLE:Eng"
    line = refused(store_path, 2, "import", "people", _vcf(tmp_path, cut))
    assert "line 5:" in line and "END:VCARD" in line, line


def test_a_bad_line_is_named_where_it_is(tmp_path: Path, store_path: Path) -> None:
    bad = ADA + "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Berg\nthis is no vCard line\nEND:VCARD\n"
    line = refused(store_path, 2, "import", "people", _vcf(tmp_path, bad))
    assert "line 8:" in line, line
