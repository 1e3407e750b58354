from kg.nlp.normalize import normalize_text


def test_shouted_common_word_is_lowered_when_document_uses_it_in_lower_case():
    text = "all kinds of INFORMATION and communication; information matters"
    assert normalize_text(text) == "all kinds of information and communication; information matters"


def test_acronym_is_kept():
    text = "The ministry (MIIT) said. MIIT and the ministry agree."
    assert normalize_text(text) == text


def test_all_caps_run_takes_title_case_seen_elsewhere():
    text = "CHINA MOBILE ANNOUNCES RESULTS\nChina Mobile said results were good."
    out = normalize_text(text)
    assert out.startswith("China Mobile ANNOUNCES results")


def test_length_and_offsets_are_preserved():
    text = "ÉTUDE and étude; 5G NETWORK and network\n\tSTATE COUNCIL and State Council"
    out = normalize_text(text)
    assert len(out) == len(text)
    assert [i for i, c in enumerate(text) if not c.isalpha()] == [
        i for i, c in enumerate(out) if not c.isalpha()
    ]
