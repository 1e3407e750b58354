"""Quantities: figures with value, unit, what they measure, date and reporter."""

from decimal import Decimal

import pytest
from conftest import extract

from kg.model import Date


def _figures(graph) -> list[tuple[str, str | None, str]]:
    """(value, unit, what it measures as written) of every quantity."""
    return [(q.value, q.unit, q.measure) for q in graph.quantities]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        (
            "Operators built 650,000 new 5G base stations last quarter.",
            ("650000", None, "new 5G base stations"),
        ),
        (
            "The programme trained 1.2 million teachers and students.",
            ("1200000", None, "teachers and students"),
        ),
        (
            "The digital economy reached 39.2 trillion yuan.",
            ("39200000000000", "CNY", "digital economy"),
        ),
        (
            "Local firms hold less than 25 percent of the cloud market.",
            ("25", "percent", "cloud market"),
        ),
        (
            "China Telecom invested $2.4 billion into a data center in Guizhou.",
            ("2400000000", "USD", "data center"),
        ),
        (
            "Analysts value the province's software industry at $8.5 billion.",
            ("8500000000", "USD", "software industry"),
        ),
        (
            "It approved an investment of HK$300 million.",
            ("300000000", "HKD", "investment"),
        ),
        (
            "The backbone runs at 400 Gbps between the two hubs.",
            ("400", "Gbit/s", "backbone"),
        ),
        (
            "The ministry named twelve pilot cities.",
            ("12", None, "pilot cities"),
        ),
        # a figure the statistical model ran into a name ("718,000 5G")
        (
            "The country had built 718,000 5G base stations by the end of 2020.",
            ("718000", None, "5G base stations"),
        ),
        # coordinated figures measure the same thing
        (
            "Patent applications have amounted to nearly 10,000 and over 500 respectively.",
            ("500", None, "Patent applications"),
        ),
        # a figure the statistical model does not tag
        (
            "Mobile data revenue rose to RMB 40 billion.",
            ("40000000000", "CNY", "Mobile data revenue"),
        ),
        # a change measures what changed
        (
            "Our operating revenue was RMB72.3 billion, which represented an increase of 4.2%.",
            ("4.2", "percent", "operating revenue"),
        ),
        (
            "The company cut tariffs by 30 percent.",
            ("30", "percent", "tariffs"),
        ),
        (
            "The fibre share rose 4.8 percentage points.",
            ("4.8", "percent", "fibre share"),
        ),
        # an "of" phrase the parse hung on the counted noun from before it is not its own
        (
            "Of them, 1.36 million households subscribed to gigabit broadband last year.",
            ("1360000", None, "households"),
        ),
        # the subject that is a noun, of a clause the parse gave two ("that" and "number")
        (
            "Zhao said at the briefing that by the end of June, the total number of tower sites "
            "reached 2.113 million.",
            ("2113000", None, "total number of tower sites"),
        ),
        # a verb coordinated without a subject of its own shares the first one's
        (
            "Wang said that its AI servers shipped in the first quarter of this year increased "
            "by 46 percent year on year.",
            ("46", "percent", "AI servers"),
        ),
        # a modifier's own modifiers: the whole name of what is measured
        (
            "Fang said that the asset-liability ratio of the company dropped to 31.6 percent.",
            ("31.6", "percent", "asset-liability ratio of the company"),
        ),
        (
            "The country's data production volume reached 41.06 ZB in 2024.",
            ("41.06", "ZB", "data production volume"),
        ),
        # a count the parse hangs on a name-number before the noun
        (
            "By the end of August, Qinling had built 41,000 10G-PON ports.",
            ("41000", None, "10G-PON ports"),
        ),
        # a share of the total is of what the figure before it measures
        (
            "The province covered 23,860 administrative villages with gigabit fiber, accounting "
            "for 98.2 percent of the total.",
            ("98.2", "percent", "administrative villages"),
        ),
    ],
)
def test_a_figure_and_what_it_measures(text, figure):
    assert figure in _figures(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        # generations and codes are names, not figures
        "China Mobile runs 3G and 4G networks under the R15 standard.",
        # years are dates
        "The network was finished in 2019.",
        # a number word that counts nothing
        "On the one hand, the ministry will promote cloud tourism.",
        # "the two" refers back
        "The two operators will share base stations.",
        # an adjective; a code
        "China Mobile is a five-time winner of the award.",
        'It launched the "1-3-9 Collaborative Plan" last year.',
        # nothing said of what the number measures
        "Table 3 1,024 2,048",
        # a telephone number; a date the model did not tag
        "Media enquiries: Investor Relations Tel: 852 3121 8888",
        "The plan was adopted on August 8 by the council.",
        # a change of nothing the sentence names
        "Despite a decline of 14.6%, the company remained profitable.",
        # a share of a total nothing before it in the sentence measures
        "It accounted for 98.2 percent of the total.",
    ],
)
def test_no_figure_where_nothing_is_measured(text):
    assert extract(text).quantities == []


def test_the_measured_entity_date_and_reporter():
    g = extract(
        "Zhao Lin, a spokesperson of the Ministry of Commerce, said that China had built "
        "887,000 base stations by May 2021."
    )
    names = {e.key: e.label for e in g.entities()}
    [q] = g.quantities
    assert (q.value, q.unit) == ("887000", None)
    assert names[q.measures] == "base station"
    assert (q.date.value, q.date.text) == ("2021-05", "May 2021")
    assert names[q.reported_by] == "Zhao Lin"


def test_a_relative_date_is_read_against_the_document_date():
    from kg.extraction import extract_documents
    from kg.model import Document
    from kg.nlp.lexicon import load_lexicon
    from kg.nlp.pipeline import load_pipeline

    text = "China Unicom said it opened 12,000 base stations last year."
    meta = (("date", "2021-04-20"), ("date_datatype", "http://www.w3.org/2001/XMLSchema#date"))
    nlp, lexicon = load_pipeline(), load_lexicon()
    [dated] = extract_documents([Document("d", text, metadata=meta)], nlp, lexicon)
    [undated] = extract_documents([Document("u", text)], nlp, lexicon)
    assert dated.quantities[0].date == Date(
        "2020", "http://www.w3.org/2001/XMLSchema#gYear", "last year"
    )
    assert undated.quantities[0].date is None  # no year is invented
    assert Decimal(dated.quantities[0].value) == 12000


def test_a_figure_in_the_narrators_voice_is_reported_by_the_narrator():
    g = extract("At China Mobile, we connected 35 million households to fibre broadband.")
    names = {e.key: e.label for e in g.entities()}
    [q] = g.quantities
    assert names[q.reported_by] == "China Mobile"
    assert q.measure == "households"


def test_quantities_are_written_to_rdf():
    g = extract("The digital economy reached 39.2 trillion yuan in 2020.")
    rows = g.query(
        """PREFIX kg: <https://w3id.org/kg-ict/ontology#>
        SELECT ?value ?unit ?what ?date WHERE {
          ?q a kg:Quantity ; kg:value ?value ; kg:unit ?unit ; kg:measureText ?what ;
             kg:date ?date }"""
    )
    assert rows == [
        {"value": "39200000000000", "unit": "CNY", "what": "digital economy", "date": "2020"}
    ]


def test_a_change_set_off_after_a_figure_measures_what_the_figure_does():
    g = extract(
        "The province's software industry earned revenue of 31.2 billion yuan in 2024, up 7.5 "
        "percent year on year. Exports reached 4.1 billion yuan, down 2 percent month on month."
    )
    measured = {q.text: q.measure for q in g.quantities}
    assert measured["7.5 percent"] == measured["31.2 billion yuan"] == "revenue"
    assert measured["2 percent"] == measured["4.1 billion yuan"] == "Exports"
    assert not any(m in {"year", "month"} for m in measured.values())


def test_computing_power_in_flops_is_a_unit_not_a_name():
    g = extract("The cluster had total computing power of 78 EFLOPS by the end of May.")
    [q] = g.quantities
    assert (q.value, q.unit, q.measure) == ("78", "EFLOPS", "total computing power")
    assert not any(e.label == "EFLOPS" for e in g.entities())


@pytest.mark.parametrize(
    "text, measure",
    [
        (
            "The number of user complaints fell 18.2 percent year on year.",
            "number of user complaints",
        ),
        ("The losses of the people dropped by 21 percent year on year.", "losses of the people"),
    ],
)
def test_a_change_year_on_year_the_parse_hangs_on_the_year(text, measure):
    assert _figures(extract(text)) == [(text.split(" percent")[0].split()[-1], "percent", measure)]


def test_changes_paired_with_figures_by_respectively():
    text = (
        "The industry blocked 18.6 million fraud calls and intercepted 42.3 million fraudulent "
        "text messages, up 27.4 percent and 31.8 percent year on year respectively."
    )
    figures = _figures(extract(text))
    assert ("27.4", "percent", "fraud calls") in figures
    assert ("31.8", "percent", "fraudulent text messages") in figures


def test_a_percent_is_spent_on_nothing():
    # neither "year on year" nor "in the first half" is what a change of calls measures
    text = "Calls rose 76 percent year on year in the first half, the company said."
    assert all(measure not in {"year", "first half"} for _, _, measure in _figures(extract(text)))
    assert not _figures(extract("Of our services, 39.4% can now be processed on digital channels."))


def test_a_coordinated_verb_past_an_object_does_not_share_the_first_ones_subject():
    # the parse coordinates "number" with the stations and leaves "reached" without a subject
    figures = _figures(
        extract(
            "By the end of last year, Qinling had built 4.22 million 5G base stations and the "
            "number of 5G mobile phone users had reached 770 million."
        )
    )
    assert any(value == "4220000" for value, _, _ in figures)
    assert not any(value == "770000000" and measure == "Qinling" for value, _, measure in figures)
