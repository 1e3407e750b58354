"""Posts: from a post pattern's match, a place's role and an organisation, roles and a name in
a row (kg/posts.py), on short texts the repository's seed does not contain."""

from conftest import extract, rel_set


def test_a_role_of_a_place_is_a_post_in_its_government_when_the_text_names_it():
    named = extract(
        "The Tianshui Municipal People's Government hosted the forum. Li Hong, vice mayor of "
        "Tianshui, spoke at the forum."
    )
    rels = rel_set(named)
    assert ("Li Hong", "org:Post", "Tianshui Municipal People's Government", "vice mayor") in rels
    assert not any(r[0] == "Li Hong" and r[1] == "kg:livesIn" for r in rels)
    # no government named: no post invented, and (as CoNLL04 has it) the place is where X lives
    unnamed = rel_set(extract("Li Hong, vice mayor of Tianshui, spoke at the forum."))
    assert not any(r[1] == "org:Post" for r in unnamed)
    assert ("Li Hong", "kg:livesIn", "Tianshui", "") in unnamed


def test_a_place_a_role_and_a_name_in_a_row_are_a_post_in_its_government():
    g = extract(
        "The Tianshui Municipal People's Government signed the agreement in Tianshui. The "
        "ceremony was presided over by Tianshui Mayor Li Hong."
    )
    rels = rel_set(g)
    assert ("Li Hong", "org:Post", "Tianshui Municipal People's Government", "mayor") in rels


def test_a_hyphenated_role_of_a_place_the_model_made_a_person_is_a_post_in_its_government():
    # the model makes "Yinchuan" a person and "Mayor" part of the name; the document names
    # Yinchuan the place, and the post says more than where Ma lives
    g = extract(
        "The agreements were signed at a ceremony hosted by the Yinchuan Municipal People's "
        "Government in Yinchuan on Wednesday. Xia Jianhua, Chairman and CEO of H3C, Yinchuan "
        "Vice-Mayor Ma Xiaoyan and Zhou Min, vice president of Ningxia University, attended the "
        "ceremony."
    )
    rels = rel_set(g)
    government = "Yinchuan Municipal People's Government"
    assert ("Ma Xiaoyan", "org:Post", government, "vice mayor") in rels
    assert not any(r[0] == "Ma Xiaoyan" and r[1] == "kg:livesIn" for r in rels)
    people = {e.label for e in g.entities() if e.cls == "Person"}
    assert "Ma Xiaoyan" in people and "Yinchuan" not in people


def test_an_organisation_roles_and_a_name_in_a_row_are_posts_whatever_the_parse():
    # the parse hangs "MOFCOM spokesperson" on "held" and makes the name its conjunct
    g = extract(
        "Speaking at a press conference held by the State Council Information Office in Beijing, "
        "MIIT spokesperson and chief engineer Sun Jie said exports grew."
    )
    rels = rel_set(g)
    miit = "Ministry of Industry and Information Technology"
    assert ("Sun Jie", "org:Post", miit, "spokesperson") in rels
    assert ("Sun Jie", "org:Post", miit, "chief engineer") in rels
    g = extract("Huawei spokesperson and chief engineer Ma Lin spoke in Shenzhen.")
    rels = rel_set(g)
    assert ("Ma Lin", "org:Post", "Huawei", "spokesperson") in rels
    assert ("Ma Lin", "org:Post", "Huawei", "chief engineer") in rels


def test_a_director_general_whose_parse_heads_the_first_word_holds_the_whole_role():
    g = extract(
        "Ding Wei, deputy director-general of the Information and Communication Administration "
        "Bureau of the Ministry of Commerce, spoke. Hu Bo, director-general of the Bureau of Trade "
        "of the MIIT, spoke too."
    )
    rels = rel_set(g)
    bureau = "Information and Communication Administration Bureau"
    assert ("Ding Wei", "org:Post", bureau, "deputy director-general") in rels
    assert ("Hu Bo", "org:Post", "Bureau of Trade", "director-general") in rels


def test_a_post_in_a_provinces_department_is_in_that_department():
    rels = rel_set(
        extract(
            "Tian Mei, deputy director-general of the Department of Commerce of Guizhou Province, "
            "said the department will cooperate with Douyin. Wu Lan, director of the Department "
            "of Commerce of Sichuan Province, agreed."
        )
    )
    guizhou = "Department of Commerce of Guizhou Province"
    sichuan = "Department of Commerce of Sichuan Province"
    assert ("Tian Mei", "org:Post", guizhou, "deputy director-general") in rels
    assert ("Wu Lan", "org:Post", sichuan, "director") in rels  # two departments, not one


def test_a_dean_of_a_school_holds_a_post_and_the_capitalised_role_is_no_person():
    g = extract(
        "Professor Xie Wen, Dean of the School of Electronic Engineering at Hunan University, "
        "spoke."
    )
    rels = rel_set(g)
    assert ("Xie Wen", "org:Post", "School of Electronic Engineering", "dean") in rels
    assert not any(e.label == "Dean" for e in g.entities())


def test_a_role_coordinated_with_the_end_of_a_hyphenated_role_is_a_post_too():
    # the parse coordinates "spokesperson" with "general" of "secretary-general"
    rels = rel_set(
        extract(
            "Jin Xiankun, deputy secretary-general and spokesperson of the National Development "
            "and Reform Commission, answered questions."
        )
    )
    ndrc = "National Development and Reform Commission"
    assert ("Jin Xiankun", "org:Post", ndrc, "deputy secretary-general") in rels
    assert ("Jin Xiankun", "org:Post", ndrc, "spokesperson") in rels


def test_roles_coordinated_before_an_organisation_are_the_name_before_them_not_after():
    rels = rel_set(
        extract(
            "Zhou Ping, Party secretary and director of the Sichuan Communications "
            "Administration, Li Na, deputy director of the administration, and Wu Gang, director "
            "of the Network Security Division of the administration, attended the briefing."
        )
    )
    posts = {(r[0], r[3]) for r in rels if r[1] == "org:Post" and "Sichuan" in r[2]}
    assert ("Zhou Ping", "director") in posts and ("Zhou Ping", "party secretary") in posts
    assert ("Li Na", "director") not in posts and ("Li Na", "party secretary") not in posts


def test_a_role_of_a_province_written_with_its_designation_is_a_post_in_its_government():
    rels = rel_set(
        extract(
            "Sichuan Province signed 12 projects. The ceremony was hosted by the Sichuan "
            'Provincial People\'s Government. "We will support enterprises," Li Ping, deputy '
            "governor of Sichuan Province, said at the ceremony."
        )
    )
    post = ("Li Ping", "org:Post", "Sichuan Provincial People's Government", "deputy governor")
    assert post in rels


def test_an_organisation_and_a_capitalised_officers_title_before_a_name_are_a_post():
    rels = rel_set(extract("China Mobile Chief Financial Officer Fang Yuqing told reporters so."))
    assert ("Fang Yuqing", "org:Post", "China Mobile", "chief financial officer") in rels


def test_a_station_or_project_manager_is_the_whole_role_and_a_branch_is_no_part_of_it():
    rels = rel_set(
        extract(
            "The center handles 60,000 parcels a day, said Qu Ming, 35, YTO Express's station "
            "manager in Lishui. China Mobile Hunan branch general manager Xiao Hua agreed."
        )
    )
    assert ("Qu Ming", "org:Post", "YTO Express", "station manager") in rels
    assert not any(r[1] == "org:Post" and r[3].startswith("branch") for r in rels)


def test_a_role_of_a_place_is_a_post_in_its_government_named_in_lower_case():
    rels = rel_set(
        extract(
            "Qarlun Urban Investment Group is the investment arm of the Qarlun municipal "
            "government. Tian Huiling, deputy mayor of Qarlun, spoke at the ceremony."
        )
    )
    assert ("Tian Huiling", "org:Post", "Qarlun municipal government", "deputy mayor") in rels


def test_its_role_and_a_name_is_a_post_in_the_organisation_named_before_it():
    rels = rel_set(
        extract(
            "Norlink Data will use the center's GPUs to train large models, its vice-president "
            "Qiao Lan said."
        )
    )
    assert ("Qiao Lan", "org:Post", "Norlink Data", "vice president") in rels
    # the clause's subject, not the organisation named last before "its"
    rels = rel_set(
        extract(
            "Norlink Data will use the Qarlun Computing Center's GPUs to train large models, "
            "its vice-president Qiao Lan said."
        )
    )
    assert {r[2] for r in rels if r[1] == "org:Post"} == {"Norlink Data"}


def test_serving_as_a_role_and_a_founder_are_posts():
    rels = rel_set(
        extract(
            "The Kestrel Joint Laboratory will be located in Wuhu, and Professor Xu Mingyao will "
            "serve as its director. Li Hua serves as chief engineer of Norlink Cloud Co., Ltd. The deal was "
            "signed by Fang Yiran, founder and CEO of Norlink Cloud Co., Ltd."
        )
    )
    assert ("Xu Mingyao", "org:Post", "Kestrel Joint Laboratory", "director") in rels
    assert ("Li Hua", "org:Post", "Norlink Cloud Co., Ltd.", "chief engineer") in rels
    assert ("Fang Yiran", "org:Post", "Norlink Cloud Co., Ltd.", "founder") in rels
    assert ("Fang Yiran", "org:Post", "Norlink Cloud Co., Ltd.", "ceo") in rels or (
        "Fang Yiran",
        "org:Post",
        "Norlink Cloud Co., Ltd.",
        "CEO",
    ) in rels


def test_a_place_a_role_and_a_name_whatever_name_of_the_place_is_written():
    rels = rel_set(
        extract(
            "The Shandong Provincial People's Government hosted the expo in Qingdao, East China's "
            "Shandong Province. Shandong Governor Lin Wenhai told the ceremony it would grow."
        )
    )
    assert ("Lin Wenhai", "org:Post", "Shandong Provincial People's Government", "governor") in rels


def test_a_role_an_organisation_modifies_said_of_the_person_by_a_copula():
    rels = rel_set(extract("Marla Jennings is a former Yale University professor."))
    assert ("Marla Jennings", "org:Post", "Yale University", "former professor") in rels


def test_a_role_an_organisation_modifies_set_before_the_subject():
    text = "A University of Michigan law professor, Marla Jennings helped draft the argument."
    assert ("Marla Jennings", "org:Post", "University of Michigan", "professor") in rel_set(
        extract(text)
    )


def test_a_role_of_a_description_is_a_post_in_the_organisation_named_in_apposition_to_it():
    rels = rel_set(
        extract(
            "Chen Hao, general manager of the province's biggest operator, Huaxin Networks, "
            "said the network was ready."
        )
    )
    assert ("Chen Hao", "org:Post", "Huaxin Networks", "general manager") in rels
