#!/usr/bin/env python3
"""Writes a zip whose bytes depend only on the files' paths and contents.

    zip.py OUT.zip DIR            every file under DIR, named relative to DIR
    zip.py OUT.zip DIR --list F   only the paths listed in F (one per line, relative to DIR)

Entries are sorted by path (byte order), carry no directory entries, no extra fields, the
time SOURCE_DATE_EPOCH (UTC; 1980-01-01 if unset), and the mode 0644 (0755 for a file whose
owner can execute it), so two builds of one commit in two folders give the same zip.
"""

import os
import stat
import sys
import time
import zipfile

ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip entry can hold


def entry_time():
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", ZIP_EPOCH))
    return time.gmtime(max(epoch, ZIP_EPOCH))[:6]


def paths_under(root):
    for parent, dirs, files in os.walk(root):
        dirs.sort()
        for name in files:
            yield os.path.relpath(os.path.join(parent, name), root).replace(os.sep, "/")


def main(argv):
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] != "--list"):
        sys.exit(__doc__)
    out, root = argv[1], argv[2]
    if len(argv) == 5:
        with open(argv[4], encoding="utf-8") as f:
            paths = [line.rstrip("\n") for line in f if line.strip()]
    else:
        paths = list(paths_under(root))
    when = entry_time()
    with zipfile.ZipFile(out, "w") as z:
        for path in sorted(set(paths), key=lambda p: p.encode("utf-8")):
            full = os.path.join(root, path)
            mode = os.stat(full).st_mode
            if not stat.S_ISREG(mode):
                sys.exit(f"zip.py: {full} is not a regular file")
            info = zipfile.ZipInfo(path, date_time=when)
            info.create_system = 3  # Unix, so the mode below is read
            info.external_attr = (0o100755 if mode & stat.S_IXUSR else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(full, "rb") as f:
                z.writestr(info, f.read(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


if __name__ == "__main__":
    main(sys.argv)
