"""The .vec text format of tests/vectors/README.md, shared by the vector
generators in this folder (Python 3 stdlib only)."""


def vector(out, name, codec, data, expect="ok", extra=()):
    """Append one vector to the list of lines `out`: `extra` are the lines
    between `codec` and the hex (profile, key, src, dst)."""
    out.append(f"vector {name}")
    out.append(f"codec {codec}")
    out.extend(extra)
    h = data.hex()
    for i in range(0, len(h), 96):
        out.append("hex " + h[i:i + 96])
    out.append(f"expect {expect}")
    out.append("end")
    out.append("")
