"""Issue 17, reading files: devices, FIFOs and directories are refused at once, reads are
bounded, and format sniffing takes linear time."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from briefer.errors import InputError
from briefer.ingest import read_source, sniff_text_format

from .test_faults_extract import MAX_GROWTH, growth

NOT_REGULAR = "is not a regular file (a device, FIFO or socket); save the article to a file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "article.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="is not a regular file") as error:
        read_source(link, max_bytes=1000)
    assert str(error.value) == f"{link}: {NOT_REGULAR} and try again"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    errors: list[BaseException] = []

    def read() -> None:
        try:
            read_source(fifo)
        except BaseException as exc:
            errors.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the read so the test run can end
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert len(errors) == 1
    assert isinstance(errors[0], InputError)
    assert NOT_REGULAR in str(errors[0])


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory, not a file"):
        read_source(tmp_path)


def test_the_limit_holds_for_a_file_that_grows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "article.txt"
    path.write_text("word " * 1000)
    # The size on disk says 10 bytes (as it would just before the file grew).
    real_stat = Path.stat

    def small_stat(self: Path, **kwargs: bool) -> os.stat_result:
        result = real_stat(self, **kwargs)
        return os.stat_result((result.st_mode, *result[1:6], 10, *result[7:]))

    monkeypatch.setattr(Path, "stat", small_stat)
    with pytest.raises(InputError, match="over the 4000 bytes limit"):
        read_source(path, max_bytes=4000)


def test_a_regular_file_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("The council voted to fund the bridge.\n", encoding="utf-8")
    assert read_source(path).text == "The council voted to fund the bridge.\n"
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    assert read_source(link).text == "The council voted to fund the bridge.\n"


def test_sniffing_blank_lines_takes_linear_time() -> None:
    assert growth(sniff_text_format, lambda n: "\n" * n + "no table here\n") <= MAX_GROWTH
    assert sniff_text_format("\n\n\n| a | b |\n| c | d |\n# Heading\n") is sniff_text_format(
        "| a | b |\n| c | d |\n# Heading\n"
    )
