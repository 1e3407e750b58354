"""Datelines and news-service source lines (kg/nlp/datelines.py), through the pipeline."""

import kg
from kg.nlp.mentions import SPANS_KEY


def mentions(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s.id_) for s in doc.spans[SPANS_KEY]]


def test_a_dateline_gives_a_place_and_a_news_agency(nlp):
    found = mentions(
        nlp,
        "KUOPIO, Finland (AP) -- Prices rose. TAMPERE, March 5 (Reuters) -- They fell. "
        "China Mobile (CMCC) said so.",
    )
    assert ("KUOPIO", "Place", "dateline.place") in found
    assert ("Finland", "Place", "dateline.place") in found
    assert ("AP", "Organization", "dateline.agency") in found
    assert ("TAMPERE", "Place", "dateline.place") in found
    assert ("Reuters", "Organization", "dateline.agency") in found
    # a name and its acronym with nothing between is no dateline
    assert not any(m[2].startswith("dateline") and m[0] in {"China Mobile", "CMCC"} for m in found)


def test_a_dateline_in_capitals_needs_nothing_between_place_and_agency(nlp):
    found = mentions(nlp, "PORTO ALEGRE (Reuters)\nFarmers sold soy. Tata Steel (TSL) grew.")
    assert ("PORTO ALEGRE", "Place", "dateline.place") in found
    assert ("Reuters", "Organization", "dateline.agency") in found
    assert not any(m[2].startswith("dateline") and m[0] in {"Tata Steel", "TSL"} for m in found)


def test_a_dateline_line_without_agency_and_a_hyphenated_place(nlp):
    found = mentions(
        nlp, "SAINT-MALO, France (Reuters) -- Boats left.\nROYAL OAK, Mich.\nIt rained."
    )
    assert ("SAINT-MALO", "Place", "dateline.place") in found
    assert ("ROYAL OAK", "Place", "dateline.place") in found
    assert ("Mich.", "Place", "dateline.place") in found
    # a list of names in Title Case is no dateline
    assert not any(m[2].startswith("dateline") for m in mentions(nlp, "Nokia, Ericsson."))


def test_a_source_line_gives_a_place_and_a_news_source(nlp):
    found = mentions(
        nlp,
        "OW1203094595 Lhasa Tibet Ribao in Tibetan 0900 GMT 11 Mar 95\n"
        "Officials spoke. Beijing RENMIN RIBAO\nThey met on 3 May.",
    )
    assert ("Lhasa", "Place", "source.place") in found
    assert ("Tibet Ribao", "Organization", "source.name") in found
    assert ("Beijing", "Place", "source.place") in found
    assert ("RENMIN RIBAO", "Organization", "source.name") in found
    # a table row in Title Case and capitals is no source line
    row = mentions(nlp, "Revenue rose.\nWireline Broadband ARPU\nCosts fell.")
    assert not any(m[2].startswith("source") for m in row)
    # prose with "in" and a date is no source line
    prose = mentions(
        nlp,
        "Farmers met in Albi 14 May 1995 and voted. Tarn Cereals Union met in Albi 14 May 1995.",
    )
    assert not any(m[2].startswith("source") for m in prose)


def test_source_lines_with_pages_notes_and_papers_named_after_their_city(nlp):
    # what follows the stamp (pages, an edition, a handling note) is the line's too; the parser
    # cuts this line into sentences ("... in Japanese 14 | Feb 94 ..."), the line holds
    found = mentions(
        nlp,
        "Ozawa on Ties OW1502060194 Tokyo YOMIURI SHIMBUN in Japanese 14 Feb 94 Morning "
        "Edition p 6 -- FOR OFFICIAL USE ONLY",
    )
    assert ("Tokyo", "Place", "source.place") in found
    assert ("YOMIURI SHIMBUN", "Organization", "source.name") in found
    # a paper named after its city; a section in brackets after the name; no language
    for line, place, paper in [
        (
            "BK2506112994 Bangkok BANGKOK POST in English 25 Jun 94 pp 1 , 3",
            "Bangkok",
            "BANGKOK POST",
        ),
        (
            "40101006B Beijing CHINA DAILY ( SCIENCE ) in English 13 Apr 94 p 5",
            "Beijing",
            "CHINA DAILY",
        ),
        ("PM3001110194 London THE SUNDAY TIMES 30 Jan 94 pp 1 , 15", "London", "THE SUNDAY TIMES"),
    ]:
        found = mentions(nlp, line)
        assert (place, "Place", "source.place") in found, line
        assert (paper, "Organization", "source.name") in found, line
    # a name in Title Case followed by a date is prose, not a paper
    prose = mentions(nlp, "The Tarn Union 14 May 1995 meeting voted.")
    assert not any(m[2].startswith("source") for m in prose)


def test_a_heading_opening_with_a_function_word_is_no_source_line(nlp):
    found = mentions(nlp, "About ZTE\n\nZTE helps to connect the world.")
    assert not any(m[2].startswith("source") for m in found)
    assert not any(m[0] == "About" for m in found)


def test_a_dateline_place_with_an_apostrophe(nlp):
    found = mentions(nlp, "XI'AN, Oct. 9 (Xinhua) -- Lanterns came on along the street.")
    assert ("XI'AN", "Place", "dateline.place") in found
    assert ("Xinhua", "Organization", "dateline.agency") in found


def test_a_wire_release_dateline_with_a_full_date_and_the_service_between_slashes(nlp):
    found = mentions(
        nlp,
        "ZTE Signs a Deal\n\nSHENZHEN, China, March 12, 2025 /PRNewswire/ -- ZTE Corporation "
        "today announced a deal.\nNEW YORK, Jan. 5, 2024 /PRNewswire-Asia/ -- Banks rose.",
    )
    assert ("SHENZHEN", "Place", "dateline.place") in found
    assert ("China", "Place", "dateline.place") in found
    assert ("PRNewswire/", "Organization", "dateline.agency") in found
    assert ("NEW YORK", "Place", "dateline.place") in found
    assert ("PRNewswire-Asia/", "Organization", "dateline.agency") in found
    # a slash between two abbreviations opens no agency
    assert not any(m[2].startswith("dateline") for m in mentions(nlp, "LTE, TDD/ FDD networks."))


def test_a_wire_service_between_slashes_is_named_without_them_and_reports_from_the_place():
    g = kg.extract(
        "ZTE Signs a Deal\n\nSHENZHEN, China, March 12, 2025 /PRNewswire/ -- ZTE Corporation, "
        "a provider in Shenzhen, today announced a deal.\n\nYINCHUAN, China, March 26, 2025 "
        "/PRNewswire/ -- H3C Technologies Co., Ltd. (H3C), a leading provider of digital "
        "solutions and a subsidiary of Unisplendour Corporation, today signed a strategic "
        "cooperation agreement with the Yinchuan Municipal People's Government to build an "
        "intelligent computing center serving the Ningxia hub node of the national integrated "
        "computing power network."
    )
    names = {e.label: e.key for e in g.entities()}
    assert "PRNewswire" in names and "Shenzhen" in names  # recased from the dateline's capitals
    triples = {(r.subject, r.predicate, r.object) for r in g.relations}
    assert (names["PRNewswire"], "kg:reportedFrom", names["Shenzhen"]) in triples
    assert (names["PRNewswire"], "kg:reportedFrom", names["Yinchuan"]) in triples
    # where a release was filed from is not where the wire service is (the parse makes
    # "Yinchuan" a modifier of "PRNewswire")
    located = {o for s, p, o in triples if s == names["PRNewswire"] and p == "kg:locatedIn"}
    assert not located


def test_a_byline_s_name_is_a_person_in_capitals_or_title_case(nlp):
    found = mentions(
        nlp,
        "By ZHAO XINYU in Hohhot | China Daily | Updated: 2026-03-12 08:45\n\n"
        "Servers hum in Jining.\nBy Ana Ruiz, Staff Reporter\nBy the end of May, sales grew.\n"
        "By China Daily | Updated: 2026-03-12\n",
    )
    assert ("ZHAO XINYU", "Person", "byline.name") in found
    assert ("Ana Ruiz", "Person", "byline.name") in found
    # "By the end of May" opens a sentence; "By China Daily" credits an organisation
    assert not any(m[2] == "byline.name" and m[0] not in {"ZHAO XINYU", "Ana Ruiz"} for m in found)


def test_source_lines_are_found_line_by_line_whatever_the_sentences():
    import spacy

    from kg.nlp.datelines import source_lines
    from kg.nlp.words import Words

    doc = spacy.blank("en").make_doc(
        "Officials met in Rome 14 May 1995.\n"
        "LD2804174994 Moscow INTERFAX in English 1601 GMT 28 Apr 94 \n\n"
        "Tokyo MAINICHI SHIMBUN\nLondon THE TIMES 30 Jan 94 pp 1\nWireline Broadband ARPU"
    )
    for token in doc[1:]:  # a sentence a line, but "in English ... | 28 Apr 94" cut in two
        token.is_sent_start = "\n" in doc[token.i - 1].text or token.text == "28"
    found = [(s.text, s.label_, s.id_) for s in source_lines(doc, Words.of(doc), {"ARPU"})]
    assert found == [
        ("Moscow", "Place", "source.place"),
        ("INTERFAX", "Organization", "source.name"),
        ("Tokyo", "Place", "source.place"),
        ("MAINICHI SHIMBUN", "Organization", "source.name"),
        ("London", "Place", "source.place"),
        ("THE TIMES", "Organization", "source.name"),
    ]
