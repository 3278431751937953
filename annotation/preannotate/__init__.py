"""The machine pre-annotator: a Document (and, for HTML pages, its parsed DOM) in, a complete, valid
set of zone and quote spans out, each with a score, recorded under ``MODEL_VERSION``.

    from annotation.preannotate import Preannotator, preannotate_stage
    annotation = Preannotator().annotate(document, html=page)   # html: corpus.html.HtmlPage or None
    annotations = preannotate_stage(documents, stats=BlockStats.from_documents(documents))
"""

from annotation.preannotate.core import MODEL_VERSION, Preannotator, preannotate_stage
from annotation.preannotate.stats import BlockStats

__all__ = ["MODEL_VERSION", "BlockStats", "Preannotator", "preannotate_stage"]
