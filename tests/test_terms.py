from kg.nlp.terms import SPANS_KEY


def terms(nlp, text):
    doc = nlp(text)
    return [
        (s.text, s.label_)
        for s in doc.spans[SPANS_KEY]
        if s.label_ in {"Infrastructure", "ConsumptionForm"}
    ]


def test_lexicon_terms_match_any_case_and_plural(nlp):
    found = terms(
        nlp, "The operator opened Data Centres and a base station; data center capacity grew."
    )
    assert ("Data Centres", "Infrastructure") in found
    assert ("base station", "Infrastructure") in found


def test_head_noun_generalises_beyond_the_lexicon(nlp):
    assert ("gigabit optical network", "Infrastructure") in terms(
        nlp, "They will build a gigabit optical network."
    )


def test_non_restrictive_modifiers_are_not_part_of_the_term(nlp):
    found = terms(nlp, "The province will promote large data centers.")
    assert found == [("data centers", "Infrastructure")]


def test_technical_qualifiers_are_part_of_the_term(nlp):
    found = terms(nlp, "Viewers like ultra-HD live streaming and 4K video.")
    assert ("ultra-HD live streaming", "ConsumptionForm") in found


def test_a_narrowing_modifier_names_a_kind_of_the_term(nlp):
    found = terms(
        nlp, "The branch extended rural broadband to 300 villages and opened edge data centers."
    )
    assert ("rural broadband", "Infrastructure") in found
    assert ("edge data centers", "Infrastructure") in found
    # and qualifies a head noun as an ordinary adjective does not
    assert ("rural networks", "Infrastructure") in terms(
        nlp, "Our investment in rural networks reached 65 million yuan."
    )
    assert terms(nlp, "Our investment in faster networks reached 65 million yuan.") == []


def test_words_the_text_abbreviates_are_a_term_when_one_is_a_word_of_terms(nlp):
    found = terms(
        nlp,
        "The branch will deploy fiber to the room (FTTR) in 300 villages and adopt enterprise "
        "resource planning (ERP) software.",
    )
    assert ("fiber to the room", "Infrastructure") in found
    assert not any("resource planning" in text for text, _ in found)


def test_a_digit_term_at_a_sentences_end_after_a_hyphen_is_one_token(nlp):
    assert ("5G-A", "Infrastructure") in terms(nlp, "The cities will build a zone of 5G-A.")


def test_consumption_forms_by_delivery_modifier(nlp):
    found = dict(terms(nlp, "Families tried VR tourism, online concerts and cloud shopping."))
    assert {"VR tourism", "online concerts", "cloud shopping"} <= set(found)
    assert set(found.values()) == {"ConsumptionForm"}
    found = dict(terms(nlp, "The district will promote smart elderly care in 42 communities."))
    assert found.get("smart elderly care") == "ConsumptionForm", found


def test_generic_phrases_are_not_terms(nlp):
    found = terms(
        nlp, "There was no comprehensive centralized network and the network capacity was fine."
    )
    assert found == []


def test_digit_terms_are_one_token(nlp):
    doc = nlp("5G and 4G networks")
    assert [t.text for t in doc][:3] == ["5G", "and", "4G"]


def test_digit_term_at_sentence_end(nlp):
    doc = nlp("The ministry will promote 5G. It will (4G) too.")
    assert "5G" in [t.text for t in doc]
    assert "4G" in [t.text for t in doc]


def test_a_count_is_not_part_of_the_term(nlp):
    found = terms(
        nlp,
        "The branch will build 500 5G private networks and a 400G all-optical transmission network.",
    )
    assert ("5G private networks", "Infrastructure") in found
    assert ("400G all-optical transmission network", "Infrastructure") in found
    assert not any(text.startswith("500") for text, _ in found)


def test_hub_nodes_clusters_and_fiber_routes_are_infrastructure(nlp):
    found = terms(
        nlp,
        "China has built eight national computing hub nodes and 10 national data center "
        "clusters linked by direct optical fiber routes.",
    )
    texts = {text for text, cls in found if cls == "Infrastructure"}
    assert any(t.endswith("computing hub nodes") for t in texts)
    assert any(t.endswith("data center clusters") and t[0].isalpha() for t in texts)  # no count
    assert any(t.endswith("optical fiber routes") for t in texts)


def test_live_streaming_e_commerce_is_one_consumption_form(nlp):
    doc = nlp("Merchants turned to live-streaming e-commerce and instant retail.")
    found = {(s.text, s.label_) for s in doc.spans[SPANS_KEY]}
    assert ("live-streaming e-commerce", "ConsumptionForm") in found
    assert ("instant retail", "ConsumptionForm") in found


def test_a_month_the_parse_ran_into_a_term_is_not_part_of_it(nlp):
    found = terms(nlp, "By the end of September 5G networks covered most villages.")
    assert ("5G networks", "Infrastructure") in found
    assert not any("September" in text for text, _ in found)


def test_a_term_starts_with_a_whole_hyphenated_word(nlp):
    found = {
        t
        for t, _ in terms(
            nlp,
            "The parties will build a data-center cluster in the zone "
            "and serve customers through high-speed optical cables.",
        )
    }
    assert "data-center cluster" in found and "high-speed optical cables" in found
    assert "center cluster" not in found and "speed optical cables" not in found


def test_a_number_glued_to_a_term_s_qualifier_is_part_of_it(nlp):
    found = {t for t, _ in terms(nlp, "Operators will deploy 10G passive optical networks soon.")}
    assert "10G passive optical networks" in found


def test_a_term_starts_with_a_number_hyphenated_to_its_first_word(nlp):
    doc = nlp("China Telecom would build a 10,000-card AI computing cluster in Shanghai.")
    assert "10,000-card AI computing cluster" in [s.text for s in doc.spans["kg_mentions"]]
