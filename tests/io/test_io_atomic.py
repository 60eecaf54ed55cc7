"""Writes through -o: regular files replaced whole, symlinks followed, devices and FIFOs written through."""
import os
import stat
import threading

import pytest

from boolnet.io.atomic import atomic_write, check_target
from boolnet.io.text import write_text


def test_regular_file_replaced_whole_and_keeps_its_mode(tmp_path):
    p = tmp_path / "f.txt"
    p.write_text("old")
    os.chmod(p, 0o640)
    write_text("new", p)
    assert p.read_text() == "new" and stat.S_IMODE(p.stat().st_mode) == 0o640


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    p = tmp_path / "f.txt"
    p.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_write(p) as fh:
            fh.write("half")
            raise RuntimeError("boom")
    assert p.read_text() == "old" and os.listdir(tmp_path) == ["f.txt"]


def test_symlink_is_followed_and_stays_a_link(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_text("new", link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new"


def test_dangling_symlink_gets_its_target_created(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "later.txt")
    write_text("x", link)
    assert link.is_symlink() and (tmp_path / "later.txt").read_text() == "x"


def test_character_device_is_written_through_not_replaced():
    before = os.stat("/dev/null")
    write_text("discarded", "/dev/null")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    check_target("/dev/null")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo).read()))
    reader.start()
    write_text("through the pipe\n", fifo)
    reader.join(10)
    assert got == ["through the pipe\n"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_directory_and_missing_folder_are_refused_naming_the_target(tmp_path):
    with pytest.raises(IsADirectoryError) as info:
        write_text("x", tmp_path)
    assert info.value.filename == str(tmp_path)
    missing = tmp_path / "nodir" / "x.pla"
    for fn in (lambda: check_target(missing), lambda: write_text("x", missing)):
        with pytest.raises(FileNotFoundError) as info:
            fn()
        assert info.value.filename == str(missing) and ".boolnet-" not in str(info.value)
    assert not (tmp_path / "nodir").exists()
