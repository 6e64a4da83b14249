#!/usr/bin/python3
"""Reads FCS files with FlowIO and fcsparser (run from their sources) and prints, per file and
reader, what the reader saw: keywords as it reports them, event count, parameter count and the
SHA-256 of its events as a float64 little-endian row-major matrix (or the reader's error).

Debian's /usr/bin/python3 with python3-numpy, python3-pandas and python3-six; no PyPI.

usage: reference_readers.py --flowio FLOWIO/src --fcsparser FCSPARSER_ROOT FILE...
"""
import argparse
import hashlib
import json
import sys
import warnings

import numpy as np


def checksum(matrix):
    return hashlib.sha256(np.ascontiguousarray(matrix, dtype="<f8").tobytes()).hexdigest()


def with_flowio(path):
    import flowio
    fd = flowio.FlowData(path)
    events = fd.as_array(preprocess=False)
    return {"keywords": dict(fd.text), "events": int(events.shape[0]),
            "parameters": int(fd.channel_count), "events_sha256": checksum(events)}


def with_fcsparser(path):
    import fcsparser
    meta, data = fcsparser.parse(path, meta_data_only=False, reformat_meta=False)
    events = data.to_numpy(dtype=np.float64)
    keywords = {k: str(v) for k, v in meta.items() if not k.startswith("__")}
    return {"keywords": keywords, "events": int(events.shape[0]),
            "parameters": int(events.shape[1]), "events_sha256": checksum(events)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--flowio", required=True)
    parser.add_argument("--fcsparser", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    sys.path[:0] = [args.flowio, args.fcsparser]
    import flowio
    import fcsparser
    out = {"readers": {"FlowIO": flowio.__version__,
                       "fcsparser": getattr(fcsparser, "__version__", "local")},
           "files": {}}
    for path in args.files:
        result = {}
        for name, read in (("FlowIO", with_flowio), ("fcsparser", with_fcsparser)):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    result[name] = read(path)
                except Exception as e:  # what the reader raised is the finding
                    result[name] = {"error": "%s: %s" % (type(e).__name__, e)}
                result[name]["warnings"] = sorted({str(w.message) for w in caught})
        out["files"][path.rsplit("/", 1)[-1]] = result
    json.dump(out, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)


if __name__ == "__main__":
    main()
