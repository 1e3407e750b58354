import spacy
from conftest import extract, labels, rel_set

from kg.model import Document
from kg.nlp.words import Sentences
from kg.resolve import sentence_evidence


def entity(graph, label):
    [found] = [e for e in graph.entities() if e.label == label]
    return found


def test_one_entity_per_person_with_every_surface_form_as_alias():
    g = extract(
        "Zhang Wei, director of the Bureau of Statistics, spoke. Zhang said prices rose. Later zhang wei left."
    )
    person = entity(g, "Zhang Wei")
    assert set(person.aliases) == {"Zhang", "zhang wei"}
    assert len(g.entities(type="Person")) == 1


def test_acronym_and_truncated_name_join_the_full_name():
    g = extract(
        "Ministry of Human Resources and Social Spokesperson: jobs grew\n"
        "The Ministry of Human Resources and Social Security (MOHRSS) said jobs grew. MOHRSS will act."
    )
    [org] = g.entities(type="Organization")
    assert org.label == "Ministry of Human Resources and Social Security"
    assert set(org.aliases) == {"MOHRSS", "Ministry of Human Resources and Social"}


def test_an_acronym_the_text_spells_out_without_brackets_joins_the_name():
    g = extract(
        "The National Telecommunications Regulatory Agency fined Veltrix Mobile. "
        "Veltrix Mobile said NTRA was wrong."
    )
    agency = entity(g, "National Telecommunications Regulatory Agency")
    assert "NTRA" in agency.aliases
    assert not [e for e in g.entities() if e.label == "NTRA"]


def test_an_acronym_that_could_spell_two_names_joins_neither():
    g = extract(
        "The National Telecom Regulatory Agency met the National Trade Research Association. "
        "NTRA said no."
    )
    assert not [e for e in g.entities() if "NTRA" in e.aliases]


def test_definite_descriptions_resolve_to_the_nearest_matching_organisation():
    g = extract(
        "Zhao Lin of the Ministry of Commerce spoke at a meeting of the State Council Information Office. "
        "The ministry will promote industrial Internet."
    )
    promoted = [(r.subject, r.object) for r in g.relations if r.predicate == "kg:promotes"]
    assert promoted == [("Organization:ministry of commerce", "Infrastructure:industrial internet")]


def test_the_company_is_the_last_one_a_clause_was_about_not_one_named_in_passing():
    g = extract(
        "Veltrix Mobile said profit rose. The carrier, the second-largest after Norvia Telecom, "
        "will build data centers. The company will promote cloud gaming."
    )
    promoted = [(r.subject, r.object) for r in g.relations if r.predicate == "kg:promotes"]
    assert [s for s, _ in promoted] == ["Organization:veltrix mobile"]


def test_a_known_company_with_its_legal_forms_is_that_company():
    g = extract("China Telecom Corp Ltd said profit rose. China Telecom will build data centers.")
    [company] = g.entities(type="Organization")
    assert company.label == "China Telecom" and company.cls == "TelecomOperator"
    assert "China Telecom Corp Ltd" in company.aliases


def test_lexicon_concepts_take_their_preferred_label():
    g = extract("Operators opened data centres. Data centers use power.")
    dc = entity(g, "data center")
    assert dc.concept.endswith("#data-center")
    assert set(dc.aliases) == {"data centres", "Data centers"}


def test_references_without_antecedent_are_not_entities():
    g = extract("The company said sales rose. Wei left early.")
    assert labels(g) == set()


def test_evidence_points_into_the_original_text():
    text = "Prices rose.\nLi Qiang, director of the Bureau of Statistics, spoke."
    g = extract(text)
    for e in g.entities():
        for ev in e.evidence:
            assert text[ev.start : ev.end] in (e.label, *e.aliases)
            assert ev.sentence in text


def test_a_unit_whose_name_begins_with_its_organisation_s_stays_apart():
    g = extract(
        "Veltrix Holdings Limited reported results. Media enquiries: "
        "Veltrix Holdings Limited Investor Relations Department."
    )
    labels_found = {e.label for e in g.entities(type="Organization")}
    assert "Veltrix Holdings Limited" in labels_found
    assert "Veltrix Holdings Limited Investor Relations Department" in labels_found


def test_a_name_written_only_in_capitals_is_labelled_in_title_case():
    g = extract(
        "Guizhou brings 5G to villages\n\nBy WANG XIAOLIN in Guiyang | China Daily\n\n"
        "NEW YORK (AP) -- The U.S. and the UK agreed. XI'AN, Oct. 9 (Xinhua) -- It rained."
    )
    labels = {e.label: e.aliases for e in g.entities()}
    assert labels["Wang Xiaolin"] == ("WANG XIAOLIN",)
    assert "New York" in labels and "Xi'an" in labels
    assert "U.S." in labels and "UK" in labels  # initials stay as written


def test_a_quoted_short_name_in_a_bracket_is_the_unit_s_alias_and_its_posts_go_to_the_unit():
    g = extract(
        "ZTE signed an agreement with China Mobile's Guangdong branch (\"China Mobile "
        'Guangdong") on Monday. Huang Wei, deputy general manager of China Mobile Guangdong, spoke.'
    )
    unit = entity(g, "Guangdong branch of China Mobile")
    assert "China Mobile Guangdong" in unit.aliases
    person = entity(g, "Huang Wei")
    assert (person.key, "org:Post", unit.key) in {
        (r.subject, r.predicate, r.object) for r in g.relations
    }


def test_a_place_named_with_its_kind_noun_is_the_place_named_without_it():
    g = extract(
        "Nearly all villages in Guizhou province are covered by 5G. Guizhou had put 1.82 billion "
        "yuan into the program. Mexico City is the capital of Mexico."
    )
    places = {e.label: e.aliases for e in g.entities(type="Place")}
    assert places["Guizhou province"] == ("Guizhou",)  # the model's "person" Guizhou too
    assert not g.entities(type="Person")
    assert "Mexico City" in places and "Mexico" in places  # a capitalised word: another place


def test_a_lone_word_the_model_made_a_person_is_the_place_the_text_names_unless_a_surname():
    g = extract(
        "Servers hum in the Jining district of Wuhai. \u201cWuhai is cool for ten months a "
        "year, so we use outside air,\u201d said Han Dongmei, deputy mayor of Wuhai. Han said it "
        "was cold."
    )
    people = g.entities(type="Person")
    assert [(e.label, e.aliases) for e in people] == [("Han Dongmei", ("Han",))]  # no "Wuhai"
    assert "Wuhai" in {e.label for e in g.entities(type="Place")}


def test_a_unit_s_own_name_is_the_unit_named_before_with_its_owner():
    g = extract(
        "On the morning of July 18, the Information Office of Sichuan Provincial People's "
        "Government held a press conference in Chengdu. Zhou Ping, spokesperson of the "
        "Information Office, presided over the press conference."
    )
    office = entity(g, "Information Office of Sichuan Provincial People's Government")
    assert "Information Office" in office.aliases
    rels = {(r.subject, r.predicate, r.object) for r in g.relations}
    assert (entity(g, "Zhou Ping").key, "org:Post", office.key) in rels
    owner = entity(g, "Sichuan Provincial People's Government")
    assert (office.key, "org:unitOf", owner.key) in rels


def test_an_organisation_named_without_its_place_is_the_one_named_with_it():
    g = extract(
        "The Wuhan Municipal Bureau of Commerce held a fair in Wuhan. The Wuhan Municipal Bureau "
        "of Culture took part. According to the Municipal Bureau of Commerce, sales grew."
    )
    labels_ = {e.label: set(e.aliases) for e in g.entities(type="Organization")}
    assert "Municipal Bureau of Commerce" in labels_["Wuhan Municipal Bureau of Commerce"]
    assert "Municipal Bureau of Commerce" not in labels_


def test_a_titled_family_name_is_the_person_named_in_full():
    g = extract(
        "Qiao Hanwen, vice minister of industry and information technology, answered questions "
        "with Tan Jiayi. Host: Thank you, Mr. Qiao and Ms. Tan."
    )
    people = {e.label: set(e.aliases) for e in g.entities(type="Person")}
    assert "Qiao" in people["Qiao Hanwen"] and "Tan" in people["Tan Jiayi"]
    assert "Qiao" not in people and "Tan" not in people


def test_the_company_in_a_speakers_words_is_the_organisation_the_speaker_is_named_with():
    from conftest import rel_set

    g = extract(
        "China Telecom said its computing capacity grew. China Unicom spokesperson Zhang Lirong "
        "said in a statement that the company would cooperate with Huawei. The country's "
        "second-largest carrier after China Mobile said the company would grow."
    )
    rels = rel_set(g)
    assert ("China Unicom", "kg:cooperatesWith", "Huawei", "") in rels
    assert ("China Telecom", "kg:cooperatesWith", "Huawei", "") not in rels


def test_a_description_in_apposition_is_referred_back_to_by_its_noun():
    g = extract(
        "The center is run by Norlink Data Co Ltd, a joint venture set up in May by Norland "
        "Telecom and Qarlun Urban Investment Group. \u201cWe use the cold air,\u201d said Bai "
        "Yuming, chairman of the joint venture."
    )
    assert ("Bai Yuming", "org:Post", "Norlink Data Co Ltd", "chairman") in rel_set(g)


def test_a_lone_word_before_a_place_adjective_of_an_organisation_is_a_place():
    g = extract(
        "Luo Wenbin, director of the Zhuzhou Municipal Bureau of Industry and Information "
        "Technology, spoke. He said Zhuzhou had opened 5G-A services in all its counties and "
        "would cooperate with Hunan University."
    )
    assert [e.label for e in g.entities(type="Person")] == ["Luo Wenbin"]
    assert "Zhuzhou" in {e.label for e in g.entities(type="Place")}
    # a place does not cooperate: no relation has it as its agent
    assert not any(r.subject.startswith("Person:zhuzhou") for r in g.relations)


def test_the_company_inside_an_organisation_s_own_description_is_another_one():
    g = extract(
        "Norlink Technologies Co., Ltd. won the bid. The center will be run by Norlink "
        "Computing (Wuhu) Co., Ltd., a wholly owned subsidiary of the company."
    )
    assert (
        "Norlink Computing (Wuhu) Co., Ltd.",
        "org:unitOf",
        "Norlink Technologies Co., Ltd.",
        "",
    ) in rel_set(g)


def test_sentences_read_once_are_the_parse_s():
    text = "Zhang spoke.  Li   left early. Wang stayed"
    doc = spacy.blank("en")(text)
    for token in doc:
        token.is_sent_start = token.i in {0, 3, 9}
    sentences = Sentences.of(doc)
    assert [sentences.start(t.i) for t in doc] == [t.sent.start for t in doc]
    document = Document(id="d", text=text)
    for start, end in [(0, 1), (4, 5), (2, 6), (9, len(doc))]:
        expected = sentence_evidence(doc, document, start, end, "r", 0.5)
        assert sentence_evidence(doc, document, start, end, "r", 0.5, sentences) == expected
    assert Sentences.of(spacy.blank("en")("")).starts == []


def test_an_owner_s_legal_suffix_before_its_unit_is_the_owner_s():
    # "Limited" ends the company's name: the unit is its Hunan Branch, named as written too
    graph = extract("Huaxin Networks Corporation Limited Hunan Branch signed an agreement.")
    units = {e.label: e.aliases for e in graph.entities() if e.cls == "OrganizationalUnit"}
    assert units == {
        "Hunan Branch of Huaxin Networks Corporation": (
            "Huaxin Networks Corporation Limited Hunan Branch",
        )
    }
    assert (
        "Hunan Branch of Huaxin Networks Corporation",
        "org:unitOf",
        "Huaxin Networks Corporation",
        "",
    ) in rel_set(graph)


def test_a_unit_written_before_its_owner_takes_no_empty_name():
    graph = extract(
        "The laboratory is run with the Intelligent Perception Research Center of Qinling "
        "University. The center will train models."
    )
    units = [e for e in graph.entities() if e.cls == "OrganizationalUnit"]
    assert [e.label for e in units] == [
        "Intelligent Perception Research Center of Qinling University"
    ]
    assert all(name.strip() for e in units for name in e.aliases)
