"""Sentences for ``personal_data_variants.py``: personal data said in other ways
than the samples say it, and look-alikes that are not personal data.

Everything is invented: names from lists of common names, dates, Ofcom drama
phone numbers, example.* e-mail domains, NHS numbers given a right check
digit. Three sets (``SETS``), each of statements (with personal data) and look-alikes
(without): sentences with {slots}, and the items in each as (truth type, text
with slots). ``sentence(rng, ...)`` fills one in.
"""

from __future__ import annotations

import itertools
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

GIVEN = ["Shannon", "Marek", "Aisha", "Callum", "Bethany", "Tomasz", "Leah", "Dwayne", "Kirsty"]
GIVEN += ["Imran", "Chantelle", "Reece", "Gemma", "Nathan", "Roxanne", "Dariusz", "Jade", "Liam"]
SURNAMES = ["Pryce", "Nowak", "Rahman", "Doyle", "Kerr", "Wiśniewski", "O'Connor", "Ellis"]
SURNAMES += ["McLeod", "Siddiqui", "Hartigan", "Blackwood", "Okafor", "Fenwick", "Szymańska"]
STREETS = ["Larch Close", "Ferry Road", "Orchard Lane", "Gorse Hill Drive", "Tanners Row"]
STREETS += ["Cobden Street", "Meadow View", "Albion Terrace", "Station Approach"]
TOWNS = ["Netherby", "Southwick", "Eastmoor", "Brackley Vale", "Hatherton"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
MONTHS += ["September", "October", "November", "December"]
RELATIVES = ["maternal aunt", "paternal grandmother", "older half-brother", "step-father"]
RELATIVES += ["mother's partner", "maternal grandfather", "cousin", "birth father"]
PROFESSIONALS = ["social worker", "health visitor", "school nurse", "police officer"]
PROFESSIONALS += ["family support worker", "designated safeguarding lead", "midwife"]


def fresh_names(rng: random.Random, given: list[str], surnames: list[str]) -> Iterator[str]:
    """Full names, none twice (one person has one role in a report)."""
    names = [f"{first} {last}" for first, last in itertools.product(given, surnames)]
    rng.shuffle(names)
    return iter(names)


def _date(rng: random.Random, *, born: bool) -> str:
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    year = rng.randint(1978, 2004) if born else rng.randint(2010, 2019)
    return rng.choice(
        [
            f"{day:02d}/{month:02d}/{year}",
            f"{day}.{month}.{year}",
            f"{day} {MONTHS[month - 1]} {year}",
            f"{MONTHS[month - 1]} {day}, {year}",
            f"{day}th of {MONTHS[month - 1]} {year}"
            if day > 3 and day < 21
            else f"{day} {MONTHS[month - 1][:3]} {year}",
            f"{day:02d}-{month:02d}-{year % 100:02d}",
        ]
    )


def _phone(rng: random.Random) -> str:
    tail = rng.randint(0, 999)
    return rng.choice(
        [
            f"07700 900{tail:03d}",
            f"07700-900-{tail:03d}",
            f"+44 7700 900{tail:03d}",
            f"(0161) 496 0{tail:03d}",
            f"0113 496 0{tail:03d}",
            f"07700900{tail:03d}",
        ]
    )


def _postcode(rng: random.Random) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    area = rng.choice(["NB", "SW", "EM", "HT", "BV"])
    return (
        f"{area}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    )


def _address(rng: random.Random) -> str:
    house = f"{rng.randint(2, 180)}{rng.choice(['', '', 'a'])}"
    street, town = rng.choice(STREETS), rng.choice(TOWNS)
    return rng.choice(
        [
            f"{house} {street}, {town}, {_postcode(rng)}",
            f"Flat {rng.randint(1, 12)}, {house} {street}, {town} {_postcode(rng)}",
            f"{house} {street}",
            f"{house} {street}, {town}",
        ]
    )


def nhs_number(rng: random.Random, *, valid: bool = True) -> str:
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        check = (11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11) % 11
        if check == 10:
            continue
        last = check if valid else (check + rng.randint(1, 9)) % 10
        number = "".join(map(str, [*digits, last]))
        return f"{number[:3]} {number[3:6]} {number[6:]}"


def _ascii(text: str) -> str:
    """ "Wiśniewski" as an address would spell it: "wisniewski"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _email(rng: random.Random) -> str:
    given, surname = _ascii(rng.choice(GIVEN)), _ascii(rng.choice(SURNAMES)).replace("'", "")
    domain = rng.choice(["example.net", "example.com", "mail.example"])
    return rng.choice(
        [f"{given}.{surname}@{domain}", f"{given[0]}{surname}{rng.randint(70, 99)}@{domain}"]
    )


PROFESSIONALS_2 = ["Independent Reviewing Officer", "headteacher", "Early Help coordinator"]
PROFESSIONALS_2 += ["probation officer", "community psychiatric nurse", "housing officer"]


@dataclass(frozen=True)
class Phrasings:
    given: list[str]
    surnames: list[str]
    roles: list[str]
    statements: list[tuple[str, list[tuple[str, str]]]]
    look_alikes: list[tuple[str, list[tuple[str, str]]]]


SETS = {
    # The first set.
    "rephrased": Phrasings(
        GIVEN,
        SURNAMES,
        PROFESSIONALS,
        [
            (
                "{name}, the children's {relative}, had raised concerns with the school.",
                [("name", "{name}")],
            ),
            (
                "Records show that the {relative} ({name}) had moved out by then.",
                [("name", "{name}")],
            ),
            (
                "The {relative}, {name}, was not known to children's social care.",
                [("name", "{name}")],
            ),
            ("A neighbour, {name}, called the police twice that winter.", [("name", "{name}")]),
            ("{name} ({relative}) looked after the children at weekends.", [("name", "{name}")]),
            ("Agencies knew the {relative} as {name}.", [("name", "{name}")]),
            (
                "The {relative}'s date of birth is recorded as {born}.",
                [("date_of_birth", "{born}")],
            ),
            ("The baby's sibling was born on {born} at 34 weeks.", [("date_of_birth", "{born}")]),
            ("The referral gave the mother's DOB as {born}.", [("date_of_birth", "{born}")]),
            (
                "{name} (DOB {born}) was the {relative}.",
                [("name", "{name}"), ("date_of_birth", "{born}")],
            ),
            (
                "The school called the {relative}'s mobile ({phone}) but got no answer.",
                [("phone", "{phone}")],
            ),
            ("The mother gave her number to the GP as {phone}.", [("phone", "{phone}")]),
            ("A message was left on the family's home phone, {phone}.", [("phone", "{phone}")]),
            ("The {relative} wrote to the school from {email} in May.", [("email", "{email}")]),
            ("Messages were sent to the mother at {email}.", [("email", "{email}")]),
            ("The family lived at {address} until the eviction.", [("address", "{address}")]),
            (
                "Police attended {address} after a call from a neighbour.",
                [("address", "{address}")],
            ),
            ("The {relative}'s address was given as {address}.", [("address", "{address}")]),
            ("The child's NHS number ({nhs}) was on the letter.", [("nhs_number", "{nhs}")]),
            (
                "The discharge summary (NHS No. {nhs}) named the wrong GP.",
                [("nhs_number", "{nhs}")],
            ),
            (
                "The family's postcode, {postcode}, was in another area.",
                [("postcode", "{postcode}")],
            ),
        ],
        [
            (
                "The {role}, {name}, visited on {date}.",
                [("professional", "{name}"), ("event_date", "{date}")],
            ),
            (
                "Dr {name}, consultant paediatrician, examined the baby.",
                [("professional", "{name}")],
            ),
            (
                "Support is available from the NSPCC helpline on 0808 800 5000.",
                [("organisation_phone", "0808 800 5000")],
            ),
            (
                "The council's contact centre (0300 123 4567) took the call.",
                [("organisation_phone", "0300 123 4567")],
            ),
            ("The review panel met on {date} and again in the spring.", [("event_date", "{date}")]),
            (
                "Working Together to Safeguard Children (2018) sets out those duties.",
                [("publication", "Working Together")],
            ),
            (
                "Police case reference {reference} was used.",
                [("reference_number_invalid_checksum", "{reference}")],
            ),
            ("Child M and Mr T were seen together by the school.", [("pseudonym", "Child M")]),
            ("The {role} recorded on {date} that the home was cold.", [("event_date", "{date}")]),
        ],
    ),
    # Held out: written later.
    "held out": Phrasings(
        ["Jordan", "Stacey", "Nadia", "Kieran", "Toni", "Mohammed", "Ewa", "Bradley", "Jodie"],
        ["Pike", "Lomax", "Ahmed", "Brennan", "Kowalczyk", "Sutcliffe", "Mensah", "Quinn"],
        PROFESSIONALS_2,
        [
            ("Her boyfriend at the time, {name}, had a history of violence.", [("name", "{name}")]),
            (
                "Mrs {surname} (maternal grandmother) cared for the baby.",
                [("name", "Mrs {surname}")],
            ),
            ("The children's father, {NAME}, was in custody.", [("name", "{NAME}")]),
            ("Ms {name} told the review she had asked for help.", [("name", "{name}")]),
            ("Child S's uncle {name} lived nearby.", [("name", "{name}")]),
            ("{given} was born in Leeds on {born}.", [("date_of_birth", "{born}")]),
            ("Mother (d.o.b. {born}) was 19 at the time.", [("date_of_birth", "{born}")]),
            ("Date of birth: {born}.", [("date_of_birth", "{born}")]),
            ("The GP held the father's mobile number, {phone}.", [("phone", "{phone}")]),
            ("Contact with the family was by text to {phone} only.", [("phone", "{phone}")]),
            ("The mother's e-mail ({email}) was on the form.", [("email", "{email}")]),
            (
                "Following the move to {address}, the family were not seen.",
                [("address", "{address}")],
            ),
            ("They were living with friends at {address} that summer.", [("address", "{address}")]),
            ("Baby K's NHS No: {nhs}.", [("nhs_number", "{nhs}")]),
            (
                "The health record for the child (NHS {nhs}) was not linked.",
                [("nhs_number", "{nhs}")],
            ),
        ],
        [
            ("PC {name} attended the address on {date}.", [("professional", "{name}")]),
            ("The {role}, {name}, chaired the meeting.", [("professional", "{name}")]),
            (
                "The case was allocated to {name}, a newly qualified social worker.",
                [("professional", "{name}")],
            ),
            ("Judge {name} made an interim care order.", [("professional", "{name}")]),
            (
                "Children can ring Childline on 0800 1111 at any time.",
                [("organisation_phone", "0800 1111")],
            ),
            (
                "{town} Primary School and Sure Start {town} were involved.",
                [("organisation", "{town}")],
            ),
            ("On {date} the strategy discussion took place.", [("event_date", "{date}")]),
            ("The report was published in {month} 2019.", [("publication_date", "{month} 2019")]),
        ],
    ),
    # Held out 2: written after the fixes the first held-out set prompted.
    "held out 2": Phrasings(
        [
            "Lacey",
            "Ryan",
            "Precious",
            "Connor",
            "Zainab",
            "Wayne",
            "Marta",
            "Dean",
            "Harvey",
            "Courtney",
        ],
        [
            "Hollins",
            "Oduya",
            "Greaves",
            "Nicholls",
            "Baptiste",
            "Zielinski",
            "Farrow",
            "Ridley",
            "Achterberg",
        ],
        PROFESSIONALS_2,
        [
            ("At the time Child B was living with her aunt, {name}.", [("name", "{name}")]),
            (
                "{name}, who is Child B's grandmother, made the first referral.",
                [("name", "{name}")],
            ),
            ("Mr {surname}, the baby's father, declined to take part.", [("name", "Mr {surname}")]),
            (
                "The siblings ({name} and another) were placed with foster carers.",
                [("name", "{name}")],
            ),
            ("Police records name the perpetrator as {name}.", [("name", "{name}")]),
            (
                "{given}'s mother, born {born}, had been in care herself.",
                [("date_of_birth", "{born}")],
            ),
            ("The half-brother's birthday is {born}.", [("date_of_birth", "{born}")]),
            ("A text from {phone} was traced to the partner.", [("phone", "{phone}")]),
            ("Emails from the father ({email}) were shared with police.", [("email", "{email}")]),
            ("The flat at {address} was found to be in poor repair.", [("address", "{address}")]),
            ("The mother's NHS number is {nhs}.", [("nhs_number", "{nhs}")]),
            ("Child B (NHS no. {nhs}) was not registered with a GP.", [("nhs_number", "{nhs}")]),
        ],
        [
            ("DC {name} interviewed the mother under caution.", [("professional", "{name}")]),
            (
                "{name}, the Cafcass guardian, recommended a further assessment.",
                [("professional", "{name}")],
            ),
            (
                "Mr {surname}, the head of year, spoke to Child B.",
                [("professional", "Mr {surname}")],
            ),
            ("The {town} Family Centre offered a parenting course.", [("organisation", "{town}")]),
            (
                "A strategy meeting on {date} agreed a section 47 enquiry.",
                [("event_date", "{date}")],
            ),
            (
                "Advice was sought from the 24-hour line on 0345 600 0000.",
                [("organisation_phone", "0345 600 0000")],
            ),
            ("The serious incident notification was sent on {date}.", [("event_date", "{date}")]),
            (
                "Ofsted's inspection of {town} children's services was published in 2018.",
                [("organisation", "{town}")],
            ),
        ],
    ),
}


def sentence(
    rng: random.Random, phrasings: Phrasings, names: Iterator[str], *, statement: bool
) -> tuple[str, list[tuple[str, str]]]:
    """One statement (or look-alike) of a set, filled in, and its items."""
    template, items = rng.choice(phrasings.statements if statement else phrasings.look_alikes)
    name = next(names)
    values = {
        "name": name,
        "NAME": name.upper(),
        "given": name.split()[0],
        "surname": name.split()[-1],
        "relative": rng.choice(RELATIVES),
        "role": rng.choice(phrasings.roles),
        "born": _date(rng, born=True),
        "date": _date(rng, born=False),
        "phone": _phone(rng),
        "email": _email(rng),
        "address": _address(rng),
        "nhs": nhs_number(rng),
        "reference": nhs_number(rng, valid=False),
        "postcode": _postcode(rng),
        "town": rng.choice(TOWNS),
        "month": rng.choice(MONTHS),
    }
    return template.format(**values), [(kind, text.format(**values)) for kind, text in items]
