"""The attribute (feature) names of a crfsuite model, read from the model file itself.

`pycrfsuite.Tagger.info()` lists them by dumping the whole model as text and parsing it back
(about a sixth of `marsad.load()`); the names are stored in the file as a constant database
(CQDB) whose backward array gives every name by its id, so they are read directly here.
Layout (crfsuite, crf1d_model.c and cqdb.c): a 48-byte header of twelve little-endian uint32
(magic `lCRF`, size, type `FOMC`, version, #features, #labels, #attributes, then the offsets
of the features, labels, attributes, label refs and attribute refs); at the attributes' offset
a CQDB chunk: magic `CQDB`, size, flag, byte order, the number of ids and the backward array's
offset (relative to the chunk); each backward entry is the offset of a record
`int32 id, uint32 key size (with its final NUL), key bytes`.

crfsuite writes only the attributes of features with a weight (the others are pruned when
the model is saved), so these are exactly the attributes of the model's state features.
"""
from __future__ import annotations

import struct
from pathlib import Path

HEADER = struct.Struct("<4sI4sIIIIIIIII")
CQDB_HEADER = struct.Struct("<4sIIIII")


def model_attributes(path: str | Path) -> frozenset[str]:
    """Every attribute name in a crfsuite (CRF1d) model file. Raises ValueError if the file is not one."""
    data = Path(path).read_bytes()
    if len(data) < HEADER.size:
        raise ValueError("too short for a crfsuite model")
    magic, _size, kind, _version, _nf, _nl, n_attrs, _of, _ol, off_attrs, _olr, _oar = HEADER.unpack_from(data)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError("not a crfsuite CRF1d model")
    cmagic, _csize, _flag, _order, n_ids, bwd = CQDB_HEADER.unpack_from(data, off_attrs)
    if cmagic != b"CQDB" or n_ids != n_attrs:
        raise ValueError("the model's attribute database is damaged")
    offsets = struct.unpack_from(f"<{n_ids}I", data, off_attrs + bwd)
    names = []
    for off in offsets:
        at = off_attrs + off + 8
        size = int.from_bytes(data[at - 4:at], "little")
        names.append(data[at:at + size - 1].decode("utf-8"))
    return frozenset(names)
