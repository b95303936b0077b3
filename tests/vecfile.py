"""Reader of tests/vectors/*.vec for the Python parts of the shell tests
(the C reader is tests/vecfile.c): one dict per vector, its keys as in the
file ("name" for the vector line, "hex" lines concatenated)."""


def vectors(path):
    cur = None
    for line in open(path):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        k, _, v = line.partition(" ")
        if k == "vector":
            cur = {"name": v}
        elif k == "end":
            yield cur
            cur = None
        elif cur is not None:
            cur[k] = cur.get(k, "") + v if k == "hex" else v
