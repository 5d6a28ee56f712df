from collation.analysis.readability import readability_measure, readability_preload


def test_figures_match_a_hand_worked_example():
    # 9 one-syllable words in 2 sentences: 206.835 - 1.015 * 4.5 - 84.6 * 1 = 117.6675
    figures = readability_measure(["The cat sat on the mat.", "The dog ran."])
    assert figures.words_per_sentence == 4.5
    assert figures.syllables_per_word == 1.0
    assert figures.flesch_reading_ease == 117.7


def test_long_words_and_sentences_read_harder():
    easy = readability_measure(["We met. We spoke. We agreed a plan."])
    hard = readability_measure(
        [
            "Multi-agency safeguarding arrangements necessitated comprehensive interprofessional "
            "communication regarding deteriorating circumstances."
        ]
    )
    assert hard.flesch_reading_ease < easy.flesch_reading_ease
    assert hard.syllables_per_word > easy.syllables_per_word


def test_no_words_gives_no_figures():
    assert readability_measure(["", "  12 34 ", "•"]) is None


def test_preloading_changes_no_figure():
    before = readability_measure(["The cat sat on the mat.", "The dog ran."])
    readability_preload()
    readability_preload()
    assert readability_measure(["The cat sat on the mat.", "The dog ran."]) == before
