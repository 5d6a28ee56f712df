"""Full-text search latency over a realistic number of stored pages.

Run: ``.venv/bin/python bench/search_latency.py [--pages 120000] [--queries 200]``

Target: p95 < 50 ms for ``collation.selectors.page_search`` (total count, the
top 20 pages by relevance, highlighted snippets) over >= 120,000 pages.

The benchmark uses its own PostgreSQL database (``scr_bench`` on
127.0.0.1:5432 as ``postgres`` by default; ``--db-url`` to change), created if
missing, and migrated. The data are (re)generated only when the number of
stored pages differs from ``--pages`` (or with ``--regenerate``):

- a few boards, ~3,000 published reviews and some drafts;
- per review an overview report, an executive summary, sometimes an action
  plan, and for a few published reviews an older, superseded overview report;
- pages of SCR-like English prose (2-4 KB each) from a seeded generator, so
  every run sees the same text; loaded with COPY, then ``search_vector`` is
  filled with one ``UPDATE`` and the table is ``VACUUM ANALYZE``-d.

The data are written after ``migrate``, so they take the storage the
migrations set (0003 keeps ``search_vector`` in the row); after changing that,
run once with ``--regenerate``.

Pages of drafts and of superseded documents carry marker words that never occur
in searchable pages; the run checks that searching for them finds nothing.

Timing: every query is run once to warm up, then ``--queries`` calls are timed
(a seeded shuffle of the query mix, cycling through it) around the whole
``page_search`` call. ``--explain QUERY`` prints EXPLAIN (ANALYZE, BUFFERS) for
every SQL statement ``page_search`` runs for QUERY.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from _support import ensure_database, setup_django

DEFAULT_DB_URL = "postgres://postgres@127.0.0.1:5432/scr_bench"
PAGES_PER_REVIEW = 40  # so 120,000 pages make ~3,000 published reviews (and 300 drafts)
SUPERSEDED_SHARE = 0.05  # published reviews with an older, replaced overview report
BOARDS = 12
SEED = 20_140_301

# Words that only pages of drafts / superseded documents contain.
DRAFT_MARKER = "zqdraftmarker"
SUPERSEDED_MARKER = "zqsupersededmarker"


# --- The database -------------------------------------------------------------


# --- Text ---------------------------------------------------------------------

AGENCIES = [
    ("children's social care", 12),
    ("the health visiting service", 6),
    ("the police", 8),
    ("the school", 7),
    ("the GP practice", 6),
    ("the midwifery service", 3),
    ("the hospital emergency department", 3),
    ("the community paediatrician", 2),
    ("the housing provider", 2),
    ("the probation service", 2),
    ("the local authority", 4),
    ("the children's centre", 2),
    ("the adult mental health service", 2),
    ("the substance misuse service", 2),
    ("CAMHS", 2),
    ("the nursery", 2),
    ("the youth offending service", 1),
    ("the education welfare service", 1),
    ("the ambulance service", 1),
    ("the Multi-Agency Safeguarding Hub", 2),
    ("the family intervention project", 1),
    ("the Independent Domestic Violence Advisor service", 1),
]
PROFESSIONALS = [
    ("social worker", 12),
    ("health visitor", 7),
    ("midwife", 3),
    ("GP", 5),
    ("class teacher", 3),
    ("designated safeguarding lead", 2),
    ("police officer", 4),
    ("paediatrician", 2),
    ("family support worker", 3),
    ("team manager", 3),
    ("school nurse", 2),
    ("housing officer", 1),
    ("probation officer", 1),
    ("independent reviewing officer", 1),
    ("consultant", 1),
    ("practice nurse", 1),
    ("conference chair", 1),
    ("duty social worker", 2),
]
PEOPLE = [
    ("Child A", 10),
    ("Child B", 3),
    ("the child", 10),
    ("the baby", 3),
    ("the mother", 9),
    ("the father", 5),
    ("the mother's partner", 3),
    ("the maternal grandmother", 2),
    ("the siblings", 2),
    ("the family", 6),
    ("the parents", 4),
    ("the stepfather", 1),
    ("the young person", 2),
    ("the older half-brother", 1),
]
CONCERNS = [
    ("neglect", 10),
    ("domestic abuse", 8),
    ("parental substance misuse", 4),
    ("maternal mental health", 4),
    ("unexplained bruising", 3),
    ("poor school attendance", 3),
    ("missed health appointments", 3),
    ("poor home conditions", 3),
    ("the child's weight", 2),
    ("self-harm", 2),
    ("alcohol misuse", 3),
    ("physical injuries", 2),
    ("emotional abuse", 2),
    ("sexual abuse", 2),
    ("the risk of sexual exploitation", 1),
    ("frequent house moves", 2),
    ("financial hardship", 2),
    ("the father's violence", 2),
    ("cannabis use", 1),
    ("the mother's learning disability", 1),
    ("the child's speech and language delay", 1),
    ("overcrowding", 1),
    ("poor hygiene and head lice", 1),
    ("episodes of going missing from home", 1),
    ("disguised compliance", 1),
    ("the parents' hostility towards professionals", 1),
]
MEETINGS = [
    ("initial child protection conference", 4),
    ("core group meeting", 3),
    ("strategy discussion", 3),
    ("review child protection conference", 2),
    ("MARAC meeting", 2),
    ("team around the child meeting", 2),
    ("multi-agency planning meeting", 1),
    ("professionals meeting", 2),
]
WHEN = [
    ("in March 2011", 1),
    ("in the following weeks", 2),
    ("on the same day", 2),
    ("two days later", 2),
    ("during 2012", 1),
    ("in early 2013", 1),
    ("at the end of the review period", 1),
    ("shortly after the birth", 1),
    ("in the summer holidays", 1),
    ("over the next six months", 1),
    ("in October", 1),
    ("the next morning", 1),
]
PLACES = [
    "the family home",
    "the GP surgery",
    "the emergency department",
    "school",
    "the children's centre",
    "the maternal grandmother's flat",
    "a refuge",
    "the nursery",
    "a police station",
    "the maternity unit",
]
CATEGORIES = ["neglect", "emotional abuse", "physical abuse", "sexual abuse"]
LEARNING = [
    "professionals must keep the child at the centre of their work",
    "information held by one agency is only useful when it is shared",
    "repeated minor concerns can add up to a pattern of neglect",
    "the voice of the child was not heard",
    "supervision should challenge professional optimism",
    "fathers and male partners must be included in assessments",
    "escalation procedures were not used when agencies disagreed",
    "thresholds were applied inconsistently between agencies",
    "assessments focused on the adults rather than the lived experience of the child",
    "the impact of cumulative harm was not recognised",
]
VERBS = ["referred", "assessed", "visited", "contacted", "reviewed", "discussed", "recorded"]
INJURIES = [
    "a bruise to the cheek",
    "a burn on the forearm",
    "a swollen wrist",
    "marks on the back",
    "a head injury",
    "a cut above the eye",
    "bruising to the ear",
]
HOME = [
    "the house was cold and there was little food",
    "the home was cluttered but adequate",
    "dog faeces on the floor and no bedding for the children",
    "the home was clean and tidy",
    "empty alcohol bottles in the kitchen",
    "evidence of damage to the doors",
]
STATEMENTS = [
    "the father had left the family home",
    "she was coping well with the baby",
    "she had stopped taking her medication",
    "the bruising was caused by a fall",
    "she did not want any further involvement",
    "the family were about to move to another area",
    "her partner no longer visited",
]

TEMPLATES = [
    "{Agency} {verb} {person} {when}, but the {prof} did not share the information with {agency2}.",
    "The {prof} noted concerns about {concern} and made a referral to {agency} {when}.",
    "There was no evidence that {agency} considered the impact of {concern} on {person}.",
    "A {meeting} was held {when} and it was agreed that a section 47 enquiry was not required.",
    "The review found that professionals focused on the needs of the adults rather than the "
    "lived experience of the child.",
    "Information about {concern} was held by {agency} but was not shared at the {meeting}.",
    "{Person} was seen at {place} {when} with {injury}, and the {prof} accepted the "
    "explanation given by the mother.",
    "The {meeting} decided that {person} should be made subject to a child protection plan "
    "under the category of {category}.",
    "The panel considered whether {concern} should have prompted a multi-agency assessment.",
    "Records show that the {prof} completed a home visit {when} and found {home}.",
    "The mother told the {prof} that {statement}.",
    "Supervision of the {prof} did not provide sufficient challenge about {concern}.",
    "The Local Safeguarding Children Board should seek assurance that {agency} has acted on "
    "the learning about {concern}.",
    "This was a missed opportunity to understand {concern} and its impact on {person}.",
    "The threshold for a statutory assessment was not considered to be met by {agency}.",
    "A key lesson from this review is that {learning}.",
    "{Agency} closed the case {when} without speaking to {person}.",
    "The {prof} and the {prof2} had different views about the seriousness of {concern}.",
    "The chronology shows that {agency} had {n} contacts with {person} during the period under "
    "review.",
    "Recommendation {n}: {Agency} should ensure that every {prof} understands how to escalate "
    "concerns about {concern}.",
    "{Person} was not seen alone by any professional {when}.",
    "The {prof} was managing a caseload well above the agreed level.",
    "It is not clear from the records whether the {prof} read the previous referrals about "
    "{concern}.",
    "The health visitor had planned a further contact, but the appointment was missed and not "
    "followed up.",
    "Agencies did not always record the ethnicity, language and religion of {person}.",
    "At the {meeting} the {prof} reported that {statement}.",
    "The individual management review from {agency} acknowledges that the response to "
    "{concern} was inadequate.",
    "Working Together to Safeguard Children sets out the expectations on {agency} in these "
    "circumstances.",
    "The family moved {when}, and the case transfer between local authorities was delayed.",
    "{Person} attended {place} {when} and no concerns were recorded.",
]
# A second grammar with a wider vocabulary: subject + verb phrase + object +
# qualifier, so that most phrases are on a minority of pages, as in real reports.
SUBJECTS = [
    "The overview author",
    "The panel",
    "The review team",
    "The safeguarding partnership",
    "Front-line practitioners",
    "The allocated worker",
    "Her manager",
    "The case conference",
    "The hospital trust",
    "The clinical commissioning group",
    "The independent chair",
    "The designated nurse",
    "The named doctor",
    "Early help services",
    "The local authority",
    "The head teacher",
    "The out-of-hours team",
    "The housing association",
    "The GP",
    "The health visiting team leader",
    "The neighbourhood policing team",
    "The reviewer",
    "The maternity liaison midwife",
    "The school attendance officer",
    "The looked after children nurse",
    "The youth worker",
    "The voluntary sector provider",
    "The consultant psychiatrist",
    "The perinatal mental health team",
    "The family court",
    "The paediatric registrar",
    "The Child and Family Court Advisory and Support Service",
    "The commissioning manager",
    "The learning disability nurse",
    "The community midwife",
    "The drug and alcohol worker",
    "The adult social care team",
    "The pre-birth assessment",
    "The private fostering assessment",
    "The police public protection unit",
]
VERB_PHRASES = [
    "underestimated",
    "overlooked",
    "carefully documented",
    "did not challenge",
    "was unaware of",
    "could have questioned",
    "responded promptly to",
    "minimised",
    "misunderstood the significance of",
    "failed to consider",
    "appropriately escalated",
    "did not analyse",
    "took a reactive approach to",
    "correctly identified",
    "relied heavily on",
    "was reassured by",
    "did not triangulate",
    "accurately summarised",
    "tried to address",
    "lost sight of",
    "gave insufficient weight to",
    "was preoccupied with",
    "acknowledged",
    "normalised",
    "was confused about",
    "recorded but did not act on",
    "was over-optimistic about",
    "commissioned an assessment of",
    "sought legal advice about",
    "was slow to respond to",
    "fully investigated",
    "challenged",
    "did not follow up",
    "planned to revisit",
    "was distracted by",
    "struggled to engage with",
    "did not recognise",
    "worked hard to understand",
    "was impeded by",
    "did not have access to",
    "questioned",
    "made assumptions about",
    "was not curious about",
    "repeatedly postponed",
    "reported",
    "welcomed",
    "did not clarify",
    "prioritised",
    "disregarded",
    "properly weighed",
    "shared concerns about",
    "had limited knowledge of",
    "was persuaded by",
    "accepted",
    "rejected",
    "deferred",
    "was not trained to recognise",
    "did not record",
    "emphasised",
    "contested",
]
OBJECTS = [
    "the accumulating evidence",
    "the toxic trio",
    "the chronology of referrals",
    "the family's cultural background",
    "the father's criminal history",
    "the mother's previous children",
    "the history of care proceedings",
    "the child's distress",
    "the injuries to the baby",
    "the pattern of missed appointments",
    "the home environment",
    "the neglect screening tool",
    "the graded care profile",
    "the risk assessment",
    "the child in need plan",
    "the safety plan",
    "the written agreement",
    "the escalation policy",
    "the thresholds document",
    "the electronic records",
    "the discharge summary",
    "the school's welfare concerns",
    "the hospital's concerns",
    "the disclosure by the sibling",
    "the anonymous referral",
    "the neighbour's call",
    "the police notification",
    "the domestic violence notification",
    "the pre-birth assessment",
    "the parenting capacity assessment",
    "the genogram",
    "the mother's account",
    "the father's explanation",
    "the grandmother's concerns",
    "the partner's role in the household",
    "the threshold for intervention",
    "the statutory guidance",
    "the section 17 assessment",
    "the core assessment",
    "the initial assessment",
    "the health records",
    "the developmental checks",
    "the immunisation record",
    "the growth chart",
    "the weight loss",
    "the failure to thrive",
    "the poor dental health",
    "the unmet medical needs",
    "the learning difficulties",
    "the child's behaviour at school",
    "the exclusion from school",
    "the elective home education",
    "the change of school",
    "the unaccompanied travel",
    "the hidden man",
    "the unregistered partner",
    "the financial pressures",
    "the rent arrears",
    "the eviction",
    "the temporary accommodation",
    "the overcrowded flat",
    "the bereavement",
    "the mother's own childhood",
    "the intergenerational abuse",
    "the substance use",
    "the heroin use",
    "the methadone prescription",
    "the cannabis use",
    "the heavy drinking",
    "the postnatal depression",
    "the psychotic episode",
    "the suicide attempt",
    "the self-neglect",
    "the learning from previous reviews",
    "the language barrier",
    "the immigration status",
    "the no recourse to public funds",
    "the disability of the child",
    "the communication needs",
    "the autism diagnosis",
    "the respite care",
]
QUALIFIERS = [
    "throughout the period under review",
    "at every stage",
    "in the months before the incident",
    "despite clear guidance",
    "until it was too late",
    "in isolation",
    "without consulting colleagues",
    "in line with procedures",
    "contrary to local procedures",
    "because of workload pressures",
    "during a period of staff turnover",
    "when the family moved area",
    "after the birth of the baby",
    "once the case was closed",
    "at the strategy meeting",
    "in supervision",
    "in the case notes",
    "on the referral form",
    "on several occasions",
    "only once",
    "in good faith",
    "with the benefit of hindsight",
    "at the child protection conference",
    "at the point of transfer",
    "in the school holidays",
    "before the incident",
    "over a number of years",
    "from the outset",
    "as a matter of urgency",
    "in a timely way",
]
FIRST_NAMES = [
    "Daniel",
    "Peter",
    "Keanu",
    "Hamzah",
    "Ellie",
    "Tia",
    "Jordan",
    "Liam",
    "Amira",
    "Sophie",
    "Kayden",
    "Ruby",
    "Olivia",
    "Ayesha",
    "Mason",
    "Freya",
    "Callum",
    "Jade",
    "Nathan",
    "Grace",
    "Tyler",
    "Leah",
    "Bradley",
    "Chloe",
    "Kyle",
    "Megan",
    "Dylan",
    "Holly",
    "Connor",
    "Aaliyah",
]

HEADINGS = [
    "Background",
    "Terms of reference",
    "Agency involvement",
    "Analysis of practice",
    "Findings",
    "The voice of the child",
    "Information sharing",
    "Assessment and decision making",
    "Lessons learnt",
    "Recommendations",
    "Good practice",
    "Methodology",
]
# Rare terms: (sentence, probability per page). Kept rare so that a search for
# one of them returns tens to a few hundred pages, as real rare terms do.
RARE = [
    ("The post-mortem examination found that the cause of death was hypothermia.", 0.002),
    ("The paediatrician considered the possibility of fabricated or induced illness.", 0.003),
    ("There were concerns about radicalisation and the young person's online contacts.", 0.002),
    ("The child was found drowning in the bath and could not be resuscitated.", 0.0015),
    ("The police investigated concerns that the young person had been trafficked.", 0.002),
    ("The injury was consistent with a scald from hot water.", 0.003),
    ("The baby died while co-sleeping with the parents on a sofa.", 0.006),
    ("The midwife asked about female genital mutilation at the booking appointment.", 0.002),
    ("There was information that the older sister was at risk of forced marriage.", 0.0015),
    ("A CT scan identified a subdural haematoma and retinal haemorrhages.", 0.002),
    ("A skeletal survey identified a metaphyseal fracture of the left tibia.", 0.001),
    ("An interpreter was not used, and a relative translated for the mother.", 0.004),
    (
        "The mother had been diagnosed with postnatal depression and was prescribed sertraline.",
        0.002,
    ),
    (
        "The family were privately fostered by an aunt who was not known to the local authority.",
        0.002,
    ),
    ("Concerns about online grooming were reported to CEOP.", 0.0015),
]


@dataclass
class WeightedChoice:
    items: list[str]
    weights: list[float]

    @classmethod
    def of(cls, pairs: list[tuple[str, int]]) -> WeightedChoice:
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
        self.agency = WeightedChoice.of(AGENCIES)
        self.prof = WeightedChoice.of(PROFESSIONALS)
        self.person = WeightedChoice.of(PEOPLE)
        self.concern = WeightedChoice.of(CONCERNS)
        self.meeting = WeightedChoice.of(MEETINGS)
        self.when = WeightedChoice.of(WHEN)

    def varied_sentence(self) -> str:
        rng = self.rng
        subject = rng.choice(SUBJECTS)
        if subject.startswith("The ") and rng.random() < 0.2:
            # A pseudonymised person's worker: "Keanu's allocated worker".
            subject = f"{rng.choice(FIRST_NAMES)}'s {subject[4:]}"
        return (
            f"{subject} {rng.choice(VERB_PHRASES)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."
        )

    def sentence(self) -> str:
        rng = self.rng
        if rng.random() < 0.45:
            return self.varied_sentence()
        agency = self.agency.pick(rng)
        person = self.person.pick(rng)
        text = rng.choice(TEMPLATES).format(
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
            place=rng.choice(PLACES),
            category=rng.choice(CATEGORIES),
            learning=rng.choice(LEARNING),
            verb=rng.choice(VERBS),
            injury=rng.choice(INJURIES),
            home=rng.choice(HOME),
            statement=rng.choice(STATEMENTS),
            n=rng.randint(2, 40),
        )
        return text

    def page(self, *, number: int, marker: str = "") -> str:
        rng = self.rng
        target = rng.randint(2_000, 4_000)
        parts: list[str] = []
        size = 0
        if rng.random() < 0.3:
            heading = f"{rng.randint(1, 9)}.{rng.randint(1, 12)} {rng.choice(HEADINGS)}"
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


# --- Data ---------------------------------------------------------------------


@dataclass
class PlannedDocument:
    review_index: int
    kind: str
    weight: float
    superseded: bool = False
    pages: int = 0


def plan_documents(rng: random.Random, reviews: int, published: int, pages: int):
    """Documents per review, with page counts scaled so that they add up to ``pages``."""
    planned: list[PlannedDocument] = []
    for index in range(reviews):
        planned.append(PlannedDocument(index, "overview_report", rng.uniform(20, 60)))
        planned.append(PlannedDocument(index, "executive_summary", rng.uniform(3, 12)))
        if rng.random() < 0.3:
            planned.append(PlannedDocument(index, "action_plan", rng.uniform(2, 8)))
        if index < published and rng.random() < SUPERSEDED_SHARE:
            planned.append(
                PlannedDocument(index, "overview_report", rng.uniform(20, 60), superseded=True)
            )
    scale = pages / sum(doc.weight for doc in planned)
    for doc in planned:
        doc.pages = max(1, round(doc.weight * scale))
    # Make the sum exact on the largest documents.
    difference = pages - sum(doc.pages for doc in planned)
    largest = sorted(planned, key=lambda doc: -doc.pages)
    step = 1 if difference > 0 else -1
    position = 0
    while difference:
        largest[position % len(largest)].pages += step
        difference -= step
        position += 1
    return planned


def generate(pages: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from collation.choices import (
        ChildAgeBand,
        ChildSex,
        DocumentStatus,
        Incident,
        ReviewModel,
        ReviewStatus,
    )
    from collation.models import Review, ReviewDocument
    from scr_platform.accounts.choices import Region
    from scr_platform.accounts.models import Board

    rng = random.Random(SEED)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE collation_review RESTART IDENTITY CASCADE")

    boards = []
    for number in range(1, BOARDS + 1):
        board, _ = Board.objects.get_or_create(
            slug=f"bench-lscb-{number}",
            defaults={
                "name": f"Bench Local Safeguarding Children Board {number}",
                "region": Region.values[number % len(Region.values)],
            },
        )
        boards.append(board)

    published_reviews = max(pages // PAGES_PER_REVIEW, 10)
    total_reviews = published_reviews + published_reviews // 10
    now = timezone.now()
    reviews = []
    for index in range(total_reviews):
        published = index < published_reviews
        year = rng.randint(2006, 2016)
        reviews.append(
            Review(
                board=boards[index % BOARDS],
                reference=f"SCR-{year}-{index:05d}",
                title=f"Serious case review: Child {index:05d}",
                publication_date=date(year, rng.randint(1, 12), 1) if published else None,
                incident=Incident.DEATH if rng.random() < 0.55 else Incident.SERIOUS_HARM,
                child_age_band=rng.choice(ChildAgeBand.values),
                child_sex=rng.choice(ChildSex.values),
                review_model=rng.choice(ReviewModel.values),
                lead_reviewer_name="Bench Reviewer",
                status=ReviewStatus.PUBLISHED if published else ReviewStatus.DRAFT,
                published_at=now if published else None,
            )
        )
    reviews = Review.objects.bulk_create(reviews, batch_size=1_000)

    planned = plan_documents(rng, total_reviews, published_reviews, pages)
    documents = ReviewDocument.objects.bulk_create(
        [
            ReviewDocument(
                review=reviews[doc.review_index],
                kind=doc.kind,
                file=f"reviews/bench/{number:06d}.pdf",
                original_filename=f"{doc.kind}-{number:06d}.pdf",
                sha256=f"{number:064x}",
                size_bytes=doc.pages * 40_000,
                page_count=doc.pages,
                status=DocumentStatus.READY,
            )
            for number, doc in enumerate(planned, start=1)
        ],
        batch_size=1_000,
    )
    # A superseded report is replaced by the same review's current overview report.
    current_overview = {
        doc.review_index: document
        for doc, document in zip(planned, documents, strict=True)
        if doc.kind == "overview_report" and not doc.superseded
    }
    superseded = []
    for doc, document in zip(planned, documents, strict=True):
        if doc.superseded:
            document.superseded_by = current_overview[doc.review_index]
            superseded.append(document)
    ReviewDocument.objects.bulk_update(superseded, ["superseded_by"], batch_size=1_000)
    print(
        f"  {len(reviews):,} reviews ({published_reviews:,} published), "
        f"{len(documents):,} documents ({len(superseded)} superseded)",
        flush=True,
    )

    text = TextGenerator(SEED + 1)
    written = 0
    with (
        connection.cursor() as cursor,
        cursor.copy("COPY collation_documentpage (document_id, number, text) FROM STDIN") as copy,
    ):
        for doc, document in zip(planned, documents, strict=True):
            if doc.superseded:
                marker = SUPERSEDED_MARKER
            elif doc.review_index >= published_reviews:
                marker = DRAFT_MARKER
            else:
                marker = ""
            for number in range(1, doc.pages + 1):
                copy.write_row((document.pk, number, text.page(number=number, marker=marker)))
            written += doc.pages
            if written % 20_000 < doc.pages:
                print(f"  {written:,} pages written", flush=True)
    print(f"  pages copied in {time.perf_counter() - started:.0f} s; indexing…", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(
            "UPDATE collation_documentpage SET search_vector = to_tsvector('english', text)"
        )
        cursor.execute("VACUUM ANALYZE collation_review")
        cursor.execute("VACUUM ANALYZE collation_reviewdocument")
        cursor.execute("VACUUM ANALYZE collation_documentpage")
    print(f"  data ready in {time.perf_counter() - started:.0f} s", flush=True)


def ensure_data(pages: int, regenerate: bool) -> None:
    from collation.models import DocumentPage

    stored = DocumentPage.objects.count()
    if stored == pages and not regenerate:
        print(f"Using the {stored:,} pages already stored.")
        return
    print(f"Generating {pages:,} pages (found {stored:,})…", flush=True)
    generate(pages)


# --- Queries ------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    kind: str
    query: str
    filters: tuple[tuple[str, str], ...] = ()

    def label(self) -> str:
        if not self.filters:
            return self.query
        return self.query + " [" + ", ".join(f"{k}={v}" for k, v in self.filters) + "]"


CASES = [
    *(
        Case("common", q)
        for q in ["child", "mother", "social worker", "school", "police", "neglect", "assessment"]
    ),
    *(
        Case("rare", q)
        for q in [
            "hypothermia",
            "metaphyseal",
            "radicalisation",
            "haematoma",
            "trafficked",
            "scald",
            "interpreter",
        ]
    ),
    *(
        Case("phrase", q)
        for q in [
            '"child protection plan"',
            '"domestic abuse"',
            '"missed opportunity"',
            '"section 47 enquiry"',
            '"strategy discussion"',
            '"forced marriage"',
            '"lived experience"',
        ]
    ),
    *(
        Case("or", q)
        for q in [
            "drowning or hypothermia",
            "neglect or self-harm",
            "cannabis or alcohol",
            "scald or bruising",
            "grooming or trafficked",
        ]
    ),
    *(
        Case("negation", q)
        for q in [
            "neglect -police",
            "bruising -school",
            "domestic abuse -alcohol",
            "sertraline -interpreter",
            "mother -father",
        ]
    ),
    Case("filtered", "neglect", (("incident", "death"),)),
    Case("filtered", "child", (("incident", "death"),)),
    Case("filtered", "hypothermia", (("incident", "death"),)),
    Case("filtered", '"child protection plan"', (("child_age_band", "under_1"),)),
    Case("filtered", "co-sleeping", (("incident", "death"), ("child_age_band", "under_1"))),
    Case("filtered", "school -police", (("incident", "serious_harm"),)),
    Case(
        "filtered",
        "neglect",
        (("incident", "death"), ("child_age_band", "16_17"), ("child_sex", "female")),
    ),
    # The worst case: two very common words that are almost never adjacent.
    # The index finds the pages with both words; only reading each of them
    # shows that none has the phrase.
    Case("adjacency", '"police school"'),
]
KINDS = ["common", "rare", "phrase", "or", "negation", "filtered", "adjacency"]


def run_case(case: Case):
    from collation.selectors import page_search, published_review_list

    reviews = published_review_list()
    if case.filters:
        reviews = reviews.filter(**dict(case.filters))
    return page_search(query=case.query, reviews=reviews)


def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (as numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def figures(values: list[float]) -> str:
    return (
        f"{len(values):>5} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f} "
        f"{percentile(values, 0.99):>8.1f} {max(values):>8.1f}"
    )


def check_correctness() -> None:
    """Drafts' and superseded documents' pages are never found."""
    from collation.models import DocumentPage, Review
    from collation.selectors import page_search

    for marker in (DRAFT_MARKER, SUPERSEDED_MARKER):
        stored = DocumentPage.objects.filter(text__contains=marker).count()
        found = run_case(Case("check", marker))
        # Even when the caller passes every review, drafts stay out.
        everything = page_search(query=marker, reviews=Review.objects.all())
        status = "ok" if found.total == 0 and everything.total == 0 else "FAILED"
        print(
            f"Correctness: '{marker}' is on {stored:,} stored pages, found {found.total} "
            f"(published reviews) / {everything.total} (all reviews passed in): {status}"
        )
        if status != "ok":
            raise SystemExit(1)


def explain(query: str, filters: tuple[tuple[str, str], ...] = ()) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run_case(Case("explain", query, filters))  # warm
    with CaptureQueriesContext(connection) as captured:
        run_case(Case("explain", query, filters))
    for number, statement in enumerate(captured.captured_queries, start=1):
        sql = statement["sql"]
        print(f"\n--- statement {number} ({float(statement['time']) * 1000:.1f} ms) ---\n{sql}\n")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            print("\n".join(row[0] for row in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=120_000)
    parser.add_argument("--queries", type=int, default=200, help="timed calls (after warm-up)")
    parser.add_argument("--db-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB_URL))
    parser.add_argument("--regenerate", action="store_true", help="rebuild the data anyway")
    parser.add_argument("--explain", metavar="QUERY", help="EXPLAIN ANALYZE the SQL for QUERY")
    parser.add_argument("--verbose", action="store_true", help="figures for every query")
    args = parser.parse_args()
    if args.pages < 1_000:
        parser.error("--pages must be at least 1,000")

    ensure_database(args.db_url)
    setup_django(args.db_url)

    from django.core.management import call_command
    from django.db import connection, reset_queries

    from collation.models import DocumentPage, Review

    call_command("migrate", verbosity=0)
    ensure_data(args.pages, args.regenerate)
    check_correctness()

    if args.explain:
        explain(args.explain)
        return

    for case in CASES:  # warm-up
        run_case(case)
    reset_queries()

    order = list(CASES)
    random.Random(SEED).shuffle(order)
    timings: dict[Case, list[float]] = defaultdict(list)
    totals: dict[Case, str] = {}
    for index in range(args.queries):
        case = order[index % len(order)]
        started = time.perf_counter()
        results = run_case(case)
        timings[case].append((time.perf_counter() - started) * 1000)
        capped = getattr(results, "total_is_capped", False)
        totals[case] = f"{'>' if capped else ''}{results.total:,}"
        if index % 50 == 49:
            reset_queries()  # DEBUG keeps every query's SQL

    pages = DocumentPage.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM collation_documentpage p "
            "JOIN collation_reviewdocument d ON d.id = p.document_id "
            "JOIN collation_review r ON r.id = d.review_id "
            "WHERE r.status = 'published' AND d.superseded_by_id IS NULL"
        )
        searchable = cursor.fetchone()[0]
        cursor.execute(
            "SELECT current_setting('server_version'), current_setting('shared_buffers'), "
            "current_setting('work_mem'), "
            "pg_size_pretty(pg_relation_size('collation_documentpage')), "
            "pg_size_pretty(pg_relation_size(c.reltoastrelid)), "
            "pg_size_pretty(pg_relation_size('collation_page_search_gin')), a.attstorage "
            "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
            "WHERE c.oid = 'collation_documentpage'::regclass AND a.attname = 'search_vector'"
        )
        version, shared_buffers, work_mem, heap, toast, gin, storage = cursor.fetchone()
        storage = {"m": "MAIN", "x": "EXTENDED"}.get(storage, storage)
    published = Review.objects.filter(status="published").count()
    everything = [t for values in timings.values() for t in values]
    print()
    print(
        f"page_search latency: {pages:,} pages stored, {searchable:,} searchable "
        f"({published:,} published reviews); {len(everything)} timed calls"
    )
    print(
        f"PostgreSQL {version.split()[0]}, shared_buffers {shared_buffers}, work_mem {work_mem}; "
        f"pages table {heap}, TOAST {toast}, GIN {gin}; search_vector storage {storage}"
    )
    print()
    print(f"{'class':<10} {'calls':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    print("-" * 52)
    for kind in KINDS:
        values = [t for case, ts in timings.items() if case.kind == kind for t in ts]
        if values:
            print(f"{kind:<10} {figures(values)}")
    print("-" * 52)
    print(f"{'all':<10} {figures(everything)}")
    p95 = percentile(everything, 0.95)
    print()
    print(f"p95 {p95:.1f} ms: {'meets' if p95 < 50 else 'MISSES'} the 50 ms target")
    if args.verbose:
        print()
        print(f"{'query':<66} {'total':>9} {'calls':>5} {'p50 ms':>8} {'max ms':>8}")
        print("(a total of >1,000 means search stopped counting at its cap)")
        for case in CASES:
            values = timings.get(case)
            if values:
                print(
                    f"{case.label():<66} {totals[case]:>9} {len(values):>5} "
                    f"{percentile(values, 0.5):>8.1f} {max(values):>8.1f}"
                )


if __name__ == "__main__":
    main()
