"""What each role may do, as Django permissions granted to its group.

Each entry is ``app_label.codename``. Apps add their permissions here as
their capabilities arrive; ``roles_sync`` applies the table after every
migration, so the groups always match the code. Administrators hold every
permission through ``is_superuser``-like treatment in ``permissions``.
"""

from .choices import Role

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.LSCB_MANAGER: ("accounts.view_board",),
    Role.LEAD_REVIEWER: (),
    Role.ANALYST: (),
    Role.ALLIANCE_MEMBER: (),
    Role.PRACTITIONER: (),
    Role.ADMINISTRATOR: (
        "accounts.view_board",
        "accounts.add_board",
        "accounts.change_board",
        "accounts.delete_board",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.delete_user",
        "auth.view_group",
        "auditlog.view_logentry",
        "authtoken.view_tokenproxy",
        "authtoken.add_tokenproxy",
        "authtoken.delete_tokenproxy",
        # Member organisations and representatives are kept in admin; the rest is
        # kept by the members in the app, and only corrected here.
        *(
            f"alliance.{verb}_{model}"
            for model in ("organisation", "representative")
            for verb in ("view", "add", "change", "delete")
        ),
        *(
            f"alliance.{verb}_{model}"
            for model in (
                "workinggroup",
                "meeting",
                "decision",
                "action",
                "progressupdate",
                "impactevidence",
            )
            for verb in ("view", "change")
        ),
        # The digital summits are run in the app; admin looks up who wrote what.
        *(f"alliance.view_{model}" for model in ("practitioner", "summitround", "contribution")),
        # Good practice is public: administrators may also remove an example.
        *(f"alliance.{verb}_goodpractice" for verb in ("view", "change", "delete")),
        # Collation is written in the app, through its services; admin only shows it.
        *(
            f"collation.view_{model}"
            for model in (
                "review",
                "reviewdocument",
                "documentpage",
                "processingjob",
                "redactionjob",
                "personaldataflag",
                "recommendation",
                "stage",
                "practiceissue",
                "cause",
                "coding",
                "reviewissue",
                "briefing",
                "briefingaudience",
                "trainingpack",
                "agency",
                "abusecategory",
                "recommendationtheme",
                # Who gets digests and when each went: to answer "why no digest?".
                "follower",
                "follow",
                "digestdelivery",
                # A board's local learning, written by its managers in the app.
                "localsharing",
                "localissue",
                "localaction",
                "localactionupdate",
                "recommendationoutcome",
            )
        ),
        # Quality Markers: revise the framework (as new versions), read the feedback on it;
        # assessments are only read here, never changed.
        *(
            f"quality_markers.{verb}_{model}"
            for model in ("framework", "marker")
            for verb in ("view", "add", "change")
        ),
        *(
            f"quality_markers.view_{model}"
            for model in ("markerfeedback", "assessment", "markerrating", "boardsharing")
        ),
    ),
}

# What each role is for, shown to the user on their account page.
ROLE_DESCRIPTIONS: dict[Role, str] = {
    Role.LSCB_MANAGER: (
        "Register your board's reviews, upload their documents, clear personal data and publish."
    ),
    Role.LEAD_REVIEWER: (
        "Keep your directory profile, complete Quality Marker self-assessments for the "
        "reviews you lead, and keep a CPD log."
    ),
    Role.ANALYST: (
        "Code passages of reports to practice issues, keep the taxonomy, publish trend "
        "periods and write briefings."
    ),
    Role.ALLIANCE_MEMBER: (
        "Record and update your organisation's improvement actions against practice "
        "issues, and the Alliance's meetings."
    ),
    Role.PRACTITIONER: (
        "Contribute what you see in practice, causes and solutions, to the digital summits "
        "on practice issues. Contributions are checked before they show, and never show your "
        "name or organisation."
    ),
    Role.ADMINISTRATOR: "Manage users, boards and reference data, and run masterclass allocation.",
}
