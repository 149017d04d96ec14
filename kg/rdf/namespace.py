"""The govkg vocabulary as a closed rdflib namespace.

GENERATED from ``ontology/govkg.ttl`` by ``python -m kg.rdf._generate`` — do not edit by
hand; edit the ontology and regenerate (``tests/rdf/test_namespace.py`` checks they agree).
``GOV.Unknown`` raises ``AttributeError`` (``_fail = True``), so a typo in a term name
fails at import time rather than minting a wrong IRI.
"""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["GOV"]


class GOV(DefinedNamespace):
    """``gov:`` = ``https://w3id.org/govkg/ontology#``."""

    _fail = True
    _NS = Namespace("https://w3id.org/govkg/ontology#")

    # Classes
    Article: URIRef  # One article inside a source file, with its headline, byline and character span.
    Award: URIRef  # A named honour or title received by a place or an organisation.
    County: URIRef  # A county-level division: banner (旗), county (县), city district (区) or county-level city.
    Document: URIRef  # One source file (one OCR'd newspaper page); its IRI also names the graph of the facts read from it.
    Evidence: URIRef  # The sentence a relation was read from: a reified statement (rdf:subject, rdf:predicate, rdf:object repeat the asserted triple) with the sentence text, its character offsets in the source file and the article it was derived from.
    Initiative: URIRef  # A named governance model, mechanism, method, experience, platform, system or brand run on an ongoing basis.
    Organisation: URIRef  # A specific body: party or government committee, court, procuratorate, police bureau or station, justice office, centre, team or company.
    Place: URIRef  # A named area that is governed, managed or lived in: an administrative division, or a reserve, park, development zone, port or region.
    Prefecture: URIRef  # A prefecture-level division: prefecture-level city (市) or league (盟).
    Programme: URIRef  # A named, time-bound campaign, action, project, plan or training programme.
    Province: URIRef  # A provincial-level division: province, autonomous region, municipality.
    Scheme: URIRef  # A named local governance programme or initiative; the common superclass of gov:Programme and gov:Initiative, used where the two need not be told apart.
    Township: URIRef  # A township-level division: sumu (苏木), town (镇), township (乡) or subdistrict (街道).
    Village: URIRef  # A village-level division: gacha (嘎查), village (村) or residential community (社区).

    # Object properties
    about: URIRef  # The place the article is about; anaphora such as 该旗 or 全旗 in the article refer to it.
    adaptedFrom: URIRef  # The scheme was learned from, or modelled on, practice in the place.
    awarded: URIRef  # The place or organisation received the honour.
    implementedBy: URIRef  # The organisation runs or leads the scheme.
    implementedIn: URIRef  # The scheme runs, was launched, built, adopted or promoted in the place.
    locatedIn: URIRef  # The organisation has its seat in, or its jurisdiction over, the place.
    mentionedIn: URIRef  # The entity is mentioned in the article or document.
    partOf: URIRef  # The subject place lies inside the object place; the direct parent is asserted and the property is transitive.
    subOrganisationOf: URIRef  # The subject organisation is a unit of the larger object organisation.

    # Datatype properties
    byline: URIRef  # The article's byline as printed, e.g. reporter and correspondent names.
    divisionCode: URIRef  # The 12-digit code of the place in the administrative-division register.
    endOffset: URIRef  # Character offset (exclusive, in Unicode code points) where the span ends in the decoded source text of the file.
    fileName: URIRef  # The source file's base name, e.g. 000_b6e0c8eb3083d629.txt; the Document IRI is minted from it.
    page: URIRef  # The newspaper page the source was printed on, as its front matter gives it (e.g. 第19版).
    section: URIRef  # The newspaper section the page was printed in, by name (e.g. law, politics), as its front matter gives it.
    sentence: URIRef  # The evidence sentence as normalised for display (OCR spaces removed); the offsets locate it in the source as it is.
    sha256: URIRef  # Hex SHA-256 digest of the source file's raw bytes, so evidence offsets can be checked against the exact file they point into.
    startOffset: URIRef  # Character offset (0-based, in Unicode code points) where the span starts in the decoded source text of the file.
    timeText: URIRef  # A time exactly as the text states it: on a Document the masthead or dateline its date was read from (2023年5月12日 星期五, 本报5月12日讯), on an Evidence node the time the sentence gives for the event (2019年以来, 去年3月, 近三年). Kept even when it cannot be resolved to a date; never guessed.
    year: URIRef  # The year of the event time an evidence sentence states (the year it starts for forms like 2019年以来 or 近三年), resolved against the page date for relative forms; absent when the sentence states no time or the page is undated. Its dcterms:date gives the time at the stated precision (xsd:gYear, xsd:gYearMonth or xsd:date).
