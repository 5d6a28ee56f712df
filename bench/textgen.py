"""SCR-like prose for the benchmarks: templates and a weighted vocabulary, seeded.

Used where a benchmark needs report text (``search_latency.py``: pages to
search). The word lists are data, one file each in ``bench/data/``: one entry
a line; in a weighted list each entry is followed by a tab and its weight (for
``rare.txt``, the chance of the sentence in a paragraph of a page, times four).

Two grammars: templates filled from the lists, and subject + verb phrase +
object + qualifier with a wider vocabulary, so that most phrases are on a
minority of pages, as in real reports. Rare sentences are kept rare so that a
search for one of their words returns tens to a few hundred pages, as real
rare terms do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def words(name: str) -> list[str]:
    """The entries of ``bench/data/<name>.txt``, one a line."""
    return (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()


def weighted(name: str) -> list[tuple[str, float]]:
    """The entries of a weighted list: (text, weight)."""
    pairs = []
    for line in words(name):
        text, weight = line.rsplit("\t", 1)
        pairs.append((text, float(weight)))
    return pairs


WORDS = {
    name: words(name)
    for name in (
        "places",
        "categories",
        "learning",
        "verbs",
        "injuries",
        "home",
        "statements",
        "templates",
        "subjects",
        "verb_phrases",
        "objects",
        "qualifiers",
        "first_names",
        "headings",
    )
}
RARE = weighted("rare")


@dataclass
class WeightedChoice:
    items: list[str]
    weights: list[float]

    @classmethod
    def of(cls, pairs: list[tuple[str, float]]) -> WeightedChoice:
        total = 0.0
        items, cumulative = [], []
        for item, weight in pairs:
            total += weight
            items.append(item)
            cumulative.append(total)
        return cls(items, cumulative)

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.items, cum_weights=self.weights)[0]


class TextGenerator:
    """SCR-like prose from templates and a weighted vocabulary; seeded, so reproducible."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.agency = WeightedChoice.of(weighted("agencies"))
        self.prof = WeightedChoice.of(weighted("professionals"))
        self.person = WeightedChoice.of(weighted("people"))
        self.concern = WeightedChoice.of(weighted("concerns"))
        self.meeting = WeightedChoice.of(weighted("meetings"))
        self.when = WeightedChoice.of(weighted("when"))

    def varied_sentence(self) -> str:
        rng = self.rng
        subject = rng.choice(WORDS["subjects"])
        if subject.startswith("The ") and rng.random() < 0.2:
            # A pseudonymised person's worker: "Keanu's allocated worker".
            subject = f"{rng.choice(WORDS['first_names'])}'s {subject[4:]}"
        verb, thing = rng.choice(WORDS["verb_phrases"]), rng.choice(WORDS["objects"])
        return f"{subject} {verb} {thing} {rng.choice(WORDS['qualifiers'])}."

    def sentence(self) -> str:
        rng = self.rng
        if rng.random() < 0.45:
            return self.varied_sentence()
        agency = self.agency.pick(rng)
        person = self.person.pick(rng)
        text = rng.choice(WORDS["templates"]).format(
            agency=agency,
            Agency=agency[0].upper() + agency[1:],
            agency2=self.agency.pick(rng),
            person=person,
            Person=person[0].upper() + person[1:],
            prof=self.prof.pick(rng),
            prof2=self.prof.pick(rng),
            concern=self.concern.pick(rng),
            meeting=self.meeting.pick(rng),
            when=self.when.pick(rng),
            place=rng.choice(WORDS["places"]),
            category=rng.choice(WORDS["categories"]),
            learning=rng.choice(WORDS["learning"]),
            verb=rng.choice(WORDS["verbs"]),
            injury=rng.choice(WORDS["injuries"]),
            home=rng.choice(WORDS["home"]),
            statement=rng.choice(WORDS["statements"]),
            n=rng.randint(2, 40),
        )
        return text

    def page(self, *, number: int, marker: str = "") -> str:
        rng = self.rng
        target = rng.randint(2_000, 4_000)
        parts: list[str] = []
        size = 0
        if rng.random() < 0.3:
            heading = f"{rng.randint(1, 9)}.{rng.randint(1, 12)} {rng.choice(WORDS['headings'])}"
            parts.append(heading + "\n\n")
            size += len(heading) + 2
        paragraph = 1
        while size < target:
            sentences = [self.sentence() for _ in range(rng.randint(2, 6))]
            for sentence, probability in RARE:
                if rng.random() < probability / 4:  # ~4 paragraphs a page
                    sentences.insert(rng.randrange(len(sentences) + 1), sentence)
            if marker and paragraph == 1:
                sentences.append(f"Reference {marker}.")
            text = f"{number}.{paragraph} " + " ".join(sentences) + "\n\n"
            parts.append(text)
            size += len(text)
            paragraph += 1
        parts.append(f"Page {number}")
        return "".join(parts)
