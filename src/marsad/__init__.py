"""marsad (مرصد): reads Arabic news and turns it into structured, source-linked data.

    import marsad
    nlp = marsad.load()
    doc = nlp("قال الرئيس الأميركي دونالد ترامب إن ...", publisher="BBC")
    doc.to_dict()   # the marsad/document@1 record
"""
from .doc import Doc
from .pipeline import Pipeline, Record, load
from .settings import Settings

__version__ = "0.1.0"
__all__ = ["Doc", "Pipeline", "Record", "Settings", "load", "__version__"]
