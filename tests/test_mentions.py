import pytest

from kg.nlp.mentions import SPANS_KEY, group_of


def mentions(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s.id_) for s in doc.spans[SPANS_KEY]]


def classes_of(nlp, text):
    """Mention text -> class."""
    return {text: cls for text, cls, _ in mentions(nlp, text)}


def test_role_word_glued_to_an_organisation_is_dropped(nlp):
    found = mentions(nlp, "Ministry of Commerce Spokesperson: exports grew")
    assert ("Ministry of Commerce", "GovernmentOrganization", "org.name-of") in found


def test_run_together_names_are_split(nlp):
    found = mentions(
        nlp,
        "Zhao Lin of the Bureau of Trade Administration of the Ministry of Commerce (MOFCOM) spoke.",
    )
    names = [m[0] for m in found]
    assert "Bureau of Trade Administration" in names
    assert "Ministry of Commerce" in names


def test_surname_and_recased_name_are_mentions(nlp):
    found = mentions(
        nlp,
        "Zhang Wei, director of the Bureau of Statistics, spoke. Zhang said prices rose. zhang wei left.",
    )
    people = [(m[0], m[2]) for m in found if m[1] == "Person"]
    assert ("Zhang", "person.name-part") in people or ("Zhang", "ner") in people
    assert ("zhang wei", "person.name-repeat") in people


def test_named_facilities(nlp):
    found = mentions(nlp, "Workers built the Huoshenshan and Leishenshan hospitals in days.")
    assert {m[0] for m in found if m[1] == "Facility"} == {"Huoshenshan", "Leishenshan"}


def test_common_word_phrases_are_not_names(nlp):
    text = "Customer Base\nThe customer base grew and the base held."
    assert not [m for m in mentions(nlp, text) if m[1] == "Person"]


def test_definite_description_is_an_anaphor(nlp):
    found = mentions(nlp, "China Unicom said the company will grow.")
    assert ("company", "Organization", "coref.definite") in found


def test_people_the_model_misses_are_found_by_shape(nlp):
    found = mentions(
        nlp,
        "Su Shaolin, director of the Guangdong Communications Administration, spoke. "
        "Xinhua reporter Qiu Ping wrote it. Su said so.",
    )
    people = {m[0] for m in found if m[1] == "Person"}
    assert {"Su Shaolin", "Qiu Ping"} <= people


def test_a_lone_name_the_model_tags_as_a_person_is_an_entity():
    from conftest import extract

    g = extract("Investigators said Hartwell fired at Delacroix from the roof of the depot.")
    assert "Delacroix" in {e.label for e in g.entities(type="Person")}


def test_undefined_initials_tagged_as_an_organisation_are_kept(nlp):
    found = mentions(nlp, "The FAA grounded the planes after the crash.")
    assert ("FAA", "Organization", "ner") in found


def test_a_title_belongs_to_the_mention_but_not_to_the_name(nlp):
    from conftest import extract

    text = "Mr. Harold Quimby met President Ellen Marsh in Paris."
    people = {m[0] for m in mentions(nlp, text) if m[1] == "Person"}
    assert people == {"Mr. Harold Quimby", "President Ellen Marsh"}
    g = extract(text)
    [quimby] = [e for e in g.entities(type="Person") if e.label == "Harold Quimby"]
    assert (quimby.evidence[0].start, quimby.evidence[0].end) == (0, len("Mr. Harold Quimby"))


def test_abbreviations_of_common_nouns_are_no_organisations(nlp):
    """Listed ones ("ICT") and ones the text defines in lower case ("... planning (ERP)") are
    not organisations, whatever the model tags; a defined organisation's acronym still is."""
    text = (
        "Sales of ICT products rose. Firms bought enterprise resource planning (ERP) software, "
        "and ERP vendors grew. The National Development and Reform Commission (NDRC) agreed."
    )
    names = {m[0]: m[1] for m in mentions(nlp, text)}
    assert "ICT" not in names and "ERP" not in names
    assert names.get("NDRC") == "GovernmentOrganization"


def test_a_native_of_a_place_and_a_who_clause_give_classes(nlp):
    classes = classes_of(
        nlp,
        "Mr. Vee, a Fargo native, sent a sweater. "
        "Kowalczyk, who is going to the inauguration, asked for tickets.",
    )
    assert classes["Fargo"] == "Place"
    assert classes["Kowalczyk"] == "Person"


def test_an_abbreviation_after_a_place_and_a_comma_is_its_region():
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    from kg.nlp.mentions import _region_abbreviations

    doc = Doc(Vocab(), words=["born", "in", "Burchard", ",", "Neb.", "and", "Tate", ",", "Ann"])
    spans = [
        Span(doc, 2, 3, label="Place"),
        Span(doc, 4, 5, label="Person"),
        Span(doc, 6, 7, label="Place"),
        Span(doc, 8, 9, label="Person"),
    ]
    labels = [s.label_ for s in _region_abbreviations(spans)]
    assert labels == ["Place", "Place", "Place", "Person"]  # "Ann" is a name, not an abbreviation


@pytest.mark.parametrize(
    "text, place",
    [
        ("In 1830, the poet Marla Vance was born in Amherst, Mass.", "Amherst, Mass."),
        (
            "Tom Webb was born on May 5, 1907, in Springvale, Ohio, and grew up there.",
            "Springvale, Ohio",
        ),
        ("His wife, Elizabeth, is a native of Salisbury, N.C.", "Salisbury, N.C."),
    ],
)
def test_a_birthplace_written_with_its_region_is_one_place(nlp, text, place):
    classes = classes_of(nlp, text)
    assert classes.get(place) == "Place", classes


@pytest.mark.parametrize(
    "text, places",
    [
        # no cue: a town and its region, two places
        (
            "The company opened an office in Amherst, Massachusetts, last year.",
            ["Amherst", "Massachusetts"],
        ),
        # a list of places after the cue
        ("They were born in Paris, Lyon and Marseille.", ["Paris", "Lyon"]),
    ],
)
def test_a_town_and_a_region_stay_two_places_without_the_cue_or_in_a_list(nlp, text, places):
    classes = classes_of(nlp, text)
    for place in places:
        assert classes.get(place) == "Place", classes
    assert not any("," in name for name in classes), classes


def test_whom_a_killing_verb_acts_on_is_a_person(nlp):
    classes = classes_of(
        nlp,
        "In 1865 Booth shot Lincoln at the theatre. Narutowicz was assassinated. Dorian Vance "
        "had been arrested in the shooting of Elmer Crowe.",
    )
    assert classes["Lincoln"] == "Person"
    assert classes["Narutowicz"] == "Person"
    assert classes["Elmer Crowe"] == "Person"  # the model: a facility


def test_a_kind_noun_beside_a_name_gives_its_class(nlp):
    classes = classes_of(
        nlp,
        "Rumours said the Peruvian mining company Minsur would close. "
        "Floods reached the mountain town of Tarnow. "
        "Kowalczyk, a professor of law at Warsaw University, spoke. "
        "The president of Boeing spoke.",
    )
    assert group_of(classes["Minsur"]) == "Organization"
    assert classes["Tarnow"] == "Place"
    assert classes["Kowalczyk"] == "Person"
    # "of" gives a place its kind, never a person: Boeing is no person
    assert group_of(classes["Boeing"]) == "Organization"


def test_names_heads_owners_distances_and_births_give_a_class(nlp):
    classes = classes_of(
        nlp,
        "Hikers left Zakopane, 40 miles south of Krakow, for the Tatra National Park. "
        "Crowds filled Tarnow's busiest street. "
        "Wolanski was born in 1907 in Lodz. "
        "Riots followed the assassination of Narutowicz.",
    )
    assert classes["Krakow"] == "Place"
    assert group_of(classes["Tatra National Park"]) == "Place"
    assert classes["Tarnow"] == "Place"
    assert classes["Wolanski"] == "Person"
    assert classes["Narutowicz"] == "Person"


def test_one_word_taken_for_a_person_that_is_a_verb_form_or_a_kind_noun_is_no_name(nlp):
    from spacy.tokens import Doc, Span

    from kg.nlp.lexicon import load_lexicon
    from kg.nlp.mentions import MentionFinder, verb_forms

    bullets = (
        "Devoted concerted efforts to addressing challenges and maintained scale advantage "
        "Sped up integrated development and achieved a notable momentum shift"
    )
    assert "Sped" not in classes_of(nlp, bullets)
    assert "sped" in verb_forms(nlp) and "drew" not in verb_forms(nlp)  # "Drew" is a noun too
    finder = MentionFinder(load_lexicon(), verb_forms(nlp))
    doc = Doc(nlp.vocab, words=["Mayor", "met", "Kowalski", "and", "Went"])
    assert finder._is_a_common_word(Span(doc, 0, 1, label="Person"))
    assert finder._is_a_common_word(Span(doc, 4, 5, label="Person"))
    assert not finder._is_a_common_word(Span(doc, 2, 3, label="Person"))
    assert not finder._is_a_common_word(Span(doc, 0, 1, label="Place"))


def test_a_word_the_text_owns_elsewhere_is_no_name_anywhere_in_it(nlp):
    text = (
        "We set up our business unit at our Headquarters. Our structure equips Headquarters "
        "to command. Halvor Lunde opened our Bergen office. Bergen grew."
    )
    classes = classes_of(nlp, text)
    assert "Headquarters" not in classes
    assert "Bergen" in classes  # a name modifying an owned noun is still a name


def test_the_name_of_a_strategy_or_a_competition_is_no_entity(nlp):
    classes = classes_of(
        nlp,
        "The Company adhered to the “Big Connectivity” strategy. Viewers watched the "
        "FIFA World Cup on Nordvision. Kestrel Mining Company backed the “Vale Partners” plan. "
        "Donors funded the Dukakis campaign.",
    )
    assert "Big Connectivity" not in classes
    assert "FIFA World Cup" not in classes
    assert "Vale Partners" not in classes
    assert "Kestrel Mining Company" in classes
    assert classes["Dukakis"] == "Person"


def test_the_owner_of_a_city_and_a_parish_are_places(nlp):
    classes = classes_of(
        nlp,
        "The quake leveled Vanadzor, Armenia's third-largest city. "
        "Residents of Tangipahoa Parish fled.",
    )
    assert classes["Armenia"] == "Place"
    assert group_of(classes["Tangipahoa Parish"]) == "Place"


def test_titles_label_lines_and_run_in_headings_are_no_names(nlp):
    text = (
        "For Immediate Release\n"
        "Of Which: Net Additional Subscribers (million)\n"
        "Major Developments Retail Banking Market: Rapid Growth came as Nordbank grew. "
        "Through the Device Pioneer Initiative we grew. "
        "Our Parent Company was granted a licence. Nordbank opened a branch."
    )
    names = {m[0] for m in mentions(nlp, text)}
    assert not any(":" in n for n in names)
    assert not names & {
        "Immediate Release",
        "Net Additional Subscribers",
        "Device Pioneer Initiative",
        "Pioneer Initiative",
        "Parent Company",
    }
    assert "Nordbank" in names


def test_the_publisher_a_header_names_is_an_organisation_though_the_body_does_not_repeat_it(
    nlp,
):
    text = (
        "Qinling Tower's first-half revenue up 3.2 percent\n\n"
        "Release time: 2025-08-07 08:15    Source: Qinling Securities Journal\n\n"
        "On August 6, the company said revenue rose."
    )
    found = classes_of(nlp, text)
    assert "Qinling Securities Journal" in found
    assert group_of(found["Qinling Securities Journal"]) == "Organization"


def test_a_name_whose_first_letter_follows_a_digit_is_a_name(nlp):
    found = classes_of(nlp, "The operator joined 3GPP and the 5GAA in 2019.")
    assert found.get("3GPP") == "Organization"


def test_a_titled_person_in_a_contact_block_is_kept(nlp):
    """A Title Case line gives no people (headlines say "Accelerate The Plan"), unless a title
    says a person is meant (without the rule for titles, the name here is dropped)."""
    text = (
        "The company reported its results.\n"
        "Media enquiries: Example Holdings Investor Relations Department Ms. Grace Wu Tel: 555 0100\n"
    )
    people = {t for t, cls, _ in mentions(nlp, text) if group_of(cls) == "Person"}
    assert any("Grace Wu" in p for p in people)


def test_a_name_run_on_over_of_into_its_owner_s_name_is_two_names(nlp):
    found = classes_of(
        nlp,
        "ZTE signed an agreement with the Industrial Internet Research Center of South China "
        "University of Technology. Li works at the Institute of Computing Technology of the "
        "Chinese Academy of Sciences. Wu teaches at the Beijing University of Posts and "
        "Telecommunications and at the University of Science and Technology of China.",
    )
    assert found["Industrial Internet Research Center"] == "OrganizationalUnit"
    for name in (
        "South China University of Technology",
        "Institute of Computing Technology",
        "Chinese Academy of Sciences",
        # one name each: what follows "of" is no organisation's name
        "Beijing University of Posts and Telecommunications",
        "University of Science and Technology of China",
    ):
        assert name in found and group_of(found[name]) == "Organization", name


def test_a_family_name_the_model_took_for_a_place_is_the_person_unless_a_place_again(nlp):
    found = mentions(
        nlp,
        "In a packing shed in Chengjiang Town, Zhong Meilan holds up an orange. Zhong, a native "
        "of Chengjiang Town, returned home from Shenzhen in 2019.",
    )
    assert ("Zhong", "Person", "person.name-part") in found
    assert not any(t == "Zhong" and group_of(c) == "Place" for t, c, _ in found)


def test_a_name_ending_in_village_or_town_is_a_place(nlp):
    found = classes_of(
        nlp, "In Xijiang Qianhu Miao Village, a tourist site, the change is easy to see."
    )
    assert found.get("Xijiang Qianhu Miao Village") == "Place"


def test_a_byline_in_capitals_names_a_person(nlp):
    """A line in capitals reads as a heading, whose names the body must repeat; a byline's "By"
    says a person is meant (without it, "WANG XIAOLIN" is dropped)."""
    text = (
        "Guizhou brings 5G to mountain villages\n\n"
        "By WANG XIAOLIN in Guiyang | China Daily | Updated: 2024-09-12 08:47\n\n"
        "Nearly all villages in Guizhou are covered by 5G networks, the administration said.\n"
    )
    people = {t for t, cls, _ in mentions(nlp, text) if group_of(cls) == "Person"}
    assert people == {"WANG XIAOLIN"}


def test_a_family_name_the_model_took_for_an_organisation_is_the_person(nlp):
    text = (
        "Wang Haiyan, chief engineer of the Ministry of Commerce, spoke in Guiyang. "
        '"Demand for computing power is rising in an explosive way," Wang said.'
    )
    found = mentions(nlp, text)
    assert ("Wang", "Person", "person.name-part") in found
    assert not any(t == "Wang" and group_of(c) == "Organization" for t, c, _ in found)


def test_names_listed_with_a_place_after_in_are_places(nlp):
    text = "The province funded rural broadband networks in Aba, Ganzi and Liangshan this year."
    found = classes_of(nlp, text)
    assert group_of(found.get("Ganzi", "")) == "Place"
    assert group_of(found.get("Liangshan", "")) == "Place"
    # no place word before the list: people stay people
    people = classes_of(nlp, "The plot included Brutus and Cassius, Caesar's friends.")
    assert all(group_of(c) != "Place" for t, c in people.items() if t in {"Brutus", "Cassius"})


def test_a_government_body_the_model_took_for_a_place_is_an_organisation(nlp):
    text = (
        "The forum was co-organized by the China Academy of Information and Communications "
        "Technology (CAICT) and the Guizhou Provincial People's Government. A report released by "
        "CAICT at the forum showed growth."
    )
    found = classes_of(nlp, text)
    assert found.get("Guizhou Provincial People's Government") == "GovernmentOrganization"


def test_a_newspaper_named_in_a_transcript_label(nlp):
    text = (
        "Reporter of Shaanxi Daily: How does the province support the digital countryside?\n"
        "Li Ping: We built it.\n"
    )
    assert classes_of(nlp, text).get("Shaanxi Daily") == "MediaOrganization"


def test_areas_and_zones_are_places(nlp):
    text = "The companies moved to Gui'an New Area in Guizhou."
    assert classes_of(nlp, text).get("Gui'an New Area") == "Place"


def test_a_letter_before_a_facility_word_is_no_facility(nlp):
    found = classes_of(nlp, "Operators deployed 10G PON ports in county towns.")
    assert "G" not in found and "10G PON ports" in found


@pytest.mark.parametrize(
    ("text", "name", "cls"),
    [
        (
            "Officials of the Department of Commerce of Henan Provincial People's Government came.",
            "Henan Provincial People's Government",
            "GovernmentOrganization",
        ),
        (
            "Xiangya Hospital in Changsha holds 5G remote consultations.",
            "Xiangya Hospital",
            "Facility",
        ),
        ("Qiao Wenbin told Xinhua that the report is out.", "Xinhua", "MediaOrganization"),
        ("Alibaba Cloud Vice-President Qiao Wenbin spoke.", "Alibaba Cloud", "Company"),
        (
            "The China Internet Network Information Center (CNNIC) released a report.",
            "China Internet Network Information Center",
            "Organization",
        ),
    ],
)
def test_names_of_the_lexicon_and_of_their_heads_get_their_class(nlp, text, name, cls):
    assert classes_of(nlp, text).get(name) == cls


def test_a_name_the_model_ran_on_to_an_and_ends_before_it(nlp):
    names = [
        m[0]
        for m in mentions(
            nlp,
            "The programme was launched by the Ministry of Culture and Tourism and the Ministry of "
            "Industry and Information Technology.",
        )
    ]
    assert "Ministry of Culture and Tourism" in names
    assert not any(name.endswith(" and") for name in names)


def test_a_role_written_with_capitals_is_no_person(nlp):
    found = classes_of(
        nlp, "Wu Dan, Executive Director and General Manager of the Company, said demand grew."
    )
    assert found.get("Wu Dan") == "Person"
    assert "Executive Director" not in found and "General Manager" not in found


def test_a_department_of_a_province_is_named_with_its_province(nlp):
    found = classes_of(
        nlp,
        "Tian Mei, deputy director-general of the Department of Commerce of Guizhou Province, "
        "spoke in Guiyang.",
    )
    assert group_of(found["Department of Commerce of Guizhou Province"]) == "Organization"
    assert "Department of Commerce" not in found


@pytest.mark.parametrize(
    "text",
    [
        # after a role's "of": no person, whatever the role words around it
        "Schools are linked, said Luo Xiaoyan, deputy general manager of China Mobile's Guizhou "
        "branch, who spoke at the briefing.",
        # in apposition to a place's description: no place
        "In Zunyi, Guizhou's second-largest city, China Telecom's Zunyi branch has upgraded 312 "
        "villages.",
    ],
)
def test_a_unit_with_its_owner_stays_a_unit_whatever_surrounds_it(nlp, text):
    units = [(t, c) for t, c, rule in mentions(nlp, text) if t.endswith("branch")]
    assert len(units) == 1
    assert units[0][1] == "OrganizationalUnit"


def test_an_organisation_of_an_autonomous_region_is_one_name_the_model_cut_or_ran_on(nlp):
    names = [
        t
        for t, cls, _ in mentions(
            nlp,
            "Ma Lin, deputy director of the Development and Reform Commission of Ningxia Hui "
            "Autonomous Region, spoke. The Information Office of the People's Government of "
            "Ningxia Hui Autonomous Region held a press conference.",
        )
    ]
    assert "Development and Reform Commission of Ningxia Hui Autonomous Region" in names
    assert "People's Government of Ningxia Hui Autonomous Region" in names


def test_a_capitalised_unit_its_owner_owns_with_its_is_a_unit(nlp):
    found = mentions(
        nlp,
        "On July 24, Huaxin Networks and its Qinling Branch signed an agreement with the Qinling "
        "Provincial People's Government.",
    )
    assert ("Qinling Branch", "OrganizationalUnit", "unit.owned") in found


def test_a_family_name_that_is_also_a_pronoun_opens_a_name_before_a_given_name(nlp):
    found = classes_of(
        nlp,
        "Huaxin also signed an agreement with Ningxia University to jointly build the Western AI "
        "Talent Training Base. He Lan, dean of the School of Information Engineering of Ningxia "
        "University, said that the base will train 3,000 AI engineers by 2028.",
    )
    assert "He Lan" in found and group_of(found["He Lan"]) == "Person"
    assert "Lan" not in found
    # the pronoun before a verb stays a pronoun
    assert "He" not in " ".join(classes_of(nlp, "He said that Wang Lei would come."))


def test_a_unit_of_measure_after_its_figure_is_no_name(nlp):
    text = "The country's data production volume reached 41.06 ZB in 2024."
    assert "ZB" not in classes_of(nlp, text)


def test_a_units_own_word_the_model_made_an_organisation_of_is_still_the_units(nlp):
    found = mentions(
        nlp,
        "The platform was jointly built by the Anxi County Civil Affairs Bureau and the Anxi "
        "branch of China Mobile.",
    )
    assert ("Anxi branch", "OrganizationalUnit", "unit.owned") in found


def test_a_one_word_person_of_the_model_after_in_and_of_a_place_is_a_place(nlp):
    found = classes_of(
        nlp,
        "We have built data center clusters, including those in Zhongwei of Ningxia Hui "
        "Autonomous Region and Qingyang of Gansu Province.",
    )
    assert found["Zhongwei"] == "Place"
    # a person of a place, not after a preposition of place, stays a person
    assert classes_of(nlp, "Li Na of Hunan Province spoke.")["Li Na"] == "Person"


def test_a_numbered_things_label_is_no_name(nlp):
    # the model makes an organisation of "Pit No" in "Pit No. 1"
    found = mentions(
        nlp, "Tour guide Yang Fan hosts live streams from the edge of Pit No. 1 daily."
    )
    assert not any(t.startswith("Pit") for t, _, _ in found)
    assert any(t == "Yang Fan" for t, _, _ in found)


def test_a_name_the_model_ran_on_into_of_the_and_a_common_noun_ends_before_of(nlp):
    found = mentions(
        nlp,
        "Li Ming, director of the General Office of the administration, presided over the "
        "briefing.",
    )
    orgs = [
        t for t, cls, rule in found if group_of(cls) == "Organization" and rule != "coref.definite"
    ]
    assert "General Office" in orgs
    assert not any("of the administration" in o for o in orgs)


def test_a_name_ends_at_a_run_of_spaces_between_header_fields(nlp):
    from kg.nlp.lexicon import load_lexicon
    from kg.nlp.mentions import MentionFinder

    doc = nlp("Source: Ningbo Municipal Bureau of Commerce    Release time: 2025-05-26 16:08")
    start = next(t.i for t in doc if t.text == "Ningbo")
    end = next(t.i for t in doc if t.text == "Release") + 1  # a model's span run on past spaces
    finder = MentionFinder(load_lexicon())
    finder._read(doc)
    span = finder._clean(doc, start, end, "Organization")
    assert span is not None and span.text == "Ningbo Municipal Bureau of Commerce"


def test_place_names_by_their_last_word_and_a_name_before_a_place_kind_noun(nlp):
    found = classes_of(
        nlp,
        "Operators will build 5G-A networks in Jinshui Business District and Longhu New District. "
        "Firms in the Hefei High-tech Industries Development Zone will test drones on the campus "
        "in Shushan district. The Los Angeles County Sheriff's Department agreed.",
    )
    assert found.get("Longhu New District") == "Place"
    assert found.get("Hefei High-tech Industries Development Zone") == "Place"
    assert found.get("Shushan") == "Place"
    assert "New District" not in found
    assert found.get("Los Angeles County Sheriff's Department") != "Place"


def test_a_list_of_fields_after_of_runs_to_its_and(nlp):
    found = classes_of(
        nlp,
        "Kuaishou and the Luoyang Municipal Bureau of Culture, Radio, Television and Tourism "
        "jointly launched live broadcasts.",
    )
    assert "Luoyang Municipal Bureau of Culture, Radio, Television and Tourism" in found
    assert "Luoyang Municipal Bureau of Culture, Radio, Television" not in found


def test_a_name_said_to_be_a_kind_of_thing_or_a_unit_in_apposition_takes_its_class(nlp):
    found = classes_of(
        nlp,
        "Gongyi is a county-level city under Zhengzhou. JD Health, the healthcare unit of "
        "JD.com, opened online consultations.",
    )
    assert group_of(found["Gongyi"]) == "Place"
    assert group_of(found["JD Health"]) == "Organization"


def test_names_a_credit_line_gives_and_an_employer_after_a_role_are_kept(nlp):
    found = classes_of(
        nlp,
        "Shares of China Unicom rose 0.8% in Hong Kong on Thursday, said Ada Fong, a telecoms "
        "analyst at Jefferies.\n\n(Reporting by Ethan Zhou and Sarah Lin in Beijing; Editing by "
        "Tom Hogue)",
    )
    assert found.get("Ethan Zhou") == found.get("Sarah Lin") == found.get("Tom Hogue") == "Person"
    assert group_of(found["Jefferies"]) == "Organization"


def test_a_reference_after_a_role_is_no_name_of_a_kind(nlp):
    found = mentions(
        nlp,
        "The branch streamed the shows, said Du Wenbo, an engineer with the company who oversaw "
        "the project.",
    )
    assert ("company", "Organization", "coref.definite") in found


def test_a_name_before_a_place_kind_noun_in_a_longer_phrase_is_a_place(nlp):
    found = classes_of(
        nlp,
        "On June 6, the county bureau of commerce and the Lianghekou township government held a "
        "three-day live-streaming training program in the town.",
    )
    assert group_of(found["Lianghekou"]) == "Place"  # the model's organisation


def test_a_facility_head_of_two_words_names_a_facility_not_an_organisation(nlp):
    classes = classes_of(
        nlp,
        "The ceremony was held at the Wuhu Binhu International Convention Center on Friday. "
        "Visitors went to the Yuexiu exhibition center.",
    )
    assert classes["Wuhu Binhu International Convention Center"] == "Facility"
    assert classes["Yuexiu"] == "Facility"


def test_an_experience_center_is_a_facility(nlp):
    classes = classes_of(
        nlp, "The three parties opened the Dongshan Information Consumption Experience Center."
    )
    assert classes["Dongshan Information Consumption Experience Center"] == "Facility"


def test_a_landmark_named_by_its_kind_is_a_facility_not_an_organisation(nlp):
    # the statistical model makes organisations of both
    classes = classes_of(
        nlp, "Tourists went to the Daming Palace and crowded the Big Wild Goose Pagoda on Sunday."
    )
    assert classes["Daming Palace"] == "Facility"
    assert classes["Big Wild Goose Pagoda"] == "Facility"


def test_a_unit_named_of_a_short_name_the_text_defines_is_split_from_its_owner(nlp):
    classes = classes_of(
        nlp,
        "The National University of Defense Technology (NUDT) signed. Professor Xu Mingyao, dean "
        "of the School of Information Science of NUDT, spoke.",
    )
    assert "School of Information Science" in classes  # the model's one name, with "of NUDT"
    assert classes.get("NUDT") not in {None, "Person", "Place"}


def test_a_docs_lines_are_its_sentences_judged_from_its_word_lists(nlp):
    from kg.nlp.mentions import _Lines, _Tags
    from kg.nlp.words import Words

    doc = nlp(
        "Quarterly Results Of The Group\n"
        "For Immediate Release\n"
        "The company said revenue grew , and Anna Berg ( the chair ) agreed. Profits rose!"
    )
    lines = _Lines(doc, Words.of(doc), _Tags.of(doc))
    sents = list(doc.sents)
    for token in doc:  # the sentence Token.sent gives, without a Span per token
        assert sents[lines.of(token.i)] == token.sent
    for sent in sents:  # a sentence's text as Span.text gives it
        assert lines._text_of(sent) == sent.text
    first, last = lines.of(0), lines.of(len(doc) - 1)
    assert lines.heading(first) and not lines.heading(last)
    body = lines.body_text()
    assert "Profits rose!" in body and "Quarterly Results" not in body
    release = lines.of(next(t.i for t in doc if t.text == "Release"))
    assert lines.label_line(release) and not lines.label_line(last)


def test_a_quoted_organisation_name_is_taken_whole(nlp):
    # the model begins the name at "Satellite"; "6G" alone would be a term
    classes = classes_of(
        nlp,
        'The unveiling ceremony of the "6G and Satellite Internet Joint Research Institute" '
        "co-founded by Qinling University was held on Monday.",
    )
    assert group_of(classes["6G and Satellite Internet Joint Research Institute"]) == (
        "Organization"
    )
    assert "Satellite Internet Joint Research Institute" not in classes


def test_a_name_the_model_began_inside_brackets_takes_the_word_before_them(nlp):
    classes = classes_of(nlp, "The IMT-2030 (6G) Promotion Group has organized 30 technical tests.")
    assert "IMT-2030 (6G) Promotion Group" in classes, classes
    assert not any(name.startswith("6G)") for name in classes)


def test_a_computing_site_named_with_capitals_is_infrastructure_not_an_organisation(nlp):
    classes = classes_of(
        nlp,
        "The Yunzhi South China Intelligent Computing Center is in the Dongshan Data Center "
        "Cluster. New data centers are built in the west.",
    )
    assert classes["Yunzhi South China Intelligent Computing Center"] == "Infrastructure"
    assert classes["Dongshan Data Center Cluster"] == "Infrastructure"
    assert "New" not in classes  # a capital at a sentence's start makes no name of a term
