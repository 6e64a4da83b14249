#!/usr/bin/python3
"""Writes the fixture WriterInteropTest checks: for each file InteropFiles writes, its SHA-256
and what FlowIO, fcsparser and flowCore's parsing functions read from it (reference_readers.py
and ../R/flowcore_read.R), plus the keywords each reader requires (read from their sources).

usage (repository root, after mvn -pl fcsfile test-compile):
  java -cp fcsfile/target/classes:fcsfile/target/test-classes org.mrdflow.fcs.InteropFiles DIR
  fcsfile/src/test/python/make_interop_fixture.py DIR READERS \\
      > fcsfile/src/test/resources/org/mrdflow/fcs/interop/reference-readers.json
READERS holds FlowIO/ (whitews/FlowIO), fcsparser/ (eyurtsev/fcsparser) and flowCore/
(RGLab/flowCore) source trees; READERS/versions.json names their versions and commits.
"""
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# What each reader's code requires, read from its source (fcsfile README, "Readers checked").
# "$Pn*" stands for every parameter n of the file.
REQUIRED = {
    "FlowIO": ["$BEGINDATA", "$BYTEORD", "$DATATYPE", "$ENDDATA", "$MODE", "$PAR", "$TOT",
               "$PnN", "$PnR"],
    "fcsparser": ["$BYTEORD", "$DATATYPE", "$MODE", "$NEXTDATA", "$PAR", "$TOT", "$PnB"],
    "flowCore": ["$BEGINDATA", "$BYTEORD", "$DATATYPE", "$ENDDATA", "$MODE", "$PAR", "$TOT",
                 "$PnB", "$PnN", "$PnR"],
}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main():
    files_dir, readers = sys.argv[1], sys.argv[2]
    files = sorted(os.path.join(files_dir, f) for f in os.listdir(files_dir) if f.endswith(".fcs"))
    python = json.loads(subprocess.run(
        ["/usr/bin/python3", os.path.join(HERE, "reference_readers.py"),
         "--flowio", os.path.join(readers, "FlowIO", "src"),
         "--fcsparser", os.path.join(readers, "fcsparser")] + files,
        check=True, capture_output=True, text=True).stdout)
    flowcore = json.loads(subprocess.run(
        ["Rscript", os.path.join(HERE, "..", "R", "flowcore_read.R"),
         os.path.join(readers, "flowCore", "R", "IO.R")] + files,
        check=True, capture_output=True, text=True).stdout)
    with open(os.path.join(readers, "versions.json")) as f:
        versions = json.load(f)
    out = {"readers": versions, "required_keywords": REQUIRED,
           "required_values": {"$MODE": "L"}, "files": {}}
    for path in files:
        name = os.path.basename(path)
        entry = {"file_sha256": sha256(path), "bytes": os.path.getsize(path)}
        for reader, record in python["files"][name].items():
            entry[reader] = record
        entry["flowCore"] = flowcore[name]
        out["files"][name] = entry
    json.dump(out, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
