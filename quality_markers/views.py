"""Quality Markers: pages."""

from django.shortcuts import render

from .choices import Audience
from .selectors import framework_current, markers_by_stage


def framework_view(request):
    """The current Quality Markers, by stage; optionally those for one audience."""
    framework = framework_current()
    audience = request.GET.get("audience", "")
    if audience not in Audience.values:
        audience = ""
    stages = markers_by_stage(framework=framework, audience=audience) if framework else []
    return render(
        request,
        "quality_markers/framework_detail.html",
        {
            "framework": framework,
            "stages": stages,
            "audiences": Audience.choices,
            "audience": audience,
        },
    )
