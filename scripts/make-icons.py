#!/usr/bin/env python3
"""Draws the toolbar icon (a cookie under a lens) at the sizes the manifests name.
Run once after changing the drawing; the PNGs are committed."""
import math, struct, sys, zlib
from pathlib import Path

def png(size):
    s = size
    rows = []
    for y in range(s):
        row = bytearray([0])
        for x in range(s):
            px, py = (x + 0.5) / s, (y + 0.5) / s
            # Rounded square background.
            r = 0.2
            dx = max(abs(px - 0.5) - (0.5 - r), 0)
            dy = max(abs(py - 0.5) - (0.5 - r), 0)
            inside = math.hypot(dx, dy) <= r
            c = (0, 0, 0, 0)
            if inside:
                c = (26, 95, 180, 255)
                d = math.hypot(px - 0.45, py - 0.45)
                if d < 0.27:
                    c = (240, 190, 100, 255)  # the cookie
                    for cx, cy in ((0.37, 0.38), (0.52, 0.35), (0.45, 0.53), (0.33, 0.52)):
                        if math.hypot(px - cx, py - cy) < 0.045:
                            c = (120, 70, 20, 255)
                if 0.27 <= d < 0.34:
                    c = (255, 255, 255, 255)  # the lens rim
                # The lens handle.
                t = ((px - 0.45) + (py - 0.45)) / 2
                hx, hy = 0.45 + t, 0.45 + t
                if 0.28 < t < 0.42 and math.hypot(px - hx, py - hy) < 0.06:
                    c = (255, 255, 255, 255)
            row.extend(c)
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", s, s, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

out = Path(sys.argv[1] if len(sys.argv) > 1 else "extension/icons")
out.mkdir(parents=True, exist_ok=True)
for size in (16, 32, 48, 96, 128):
    (out / f"icon-{size}.png").write_bytes(png(size))
