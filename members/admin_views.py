"""CMS views for staff: members list/detail (ModelViewSet), CSV import, complimentary grants."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, time
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput

from lib.spreadsheet import FormulaSafeExportMixin, SafeCsvWriter
from members import importing, services
from members.models import Member, MemberImport, Plan


class PlanViewSet(ModelViewSet):
    model = Plan
    icon = "tag"
    menu_label = "Plans"
    add_to_admin_menu = False
    list_display = ["name", "slug", "monthly_amount", "yearly_amount", "active"]
    form_fields = ["name", "slug", "description", "monthly_amount", "yearly_amount", "sort_order", "active"]


class MemberFilterSet(WagtailFilterSet):
    joined_at = django_filters.DateFromToRangeFilter(label="Joined between", widget=DateRangePickerWidget)

    class Meta:
        model = Member
        fields = ["status", "plan", "source"]


class MemberIndexView(FormulaSafeExportMixin, IndexView):
    """The members list; its CSV export is formula-safe (names come from the join form)."""

    def get_base_queryset(self):  # type: ignore[no-untyped-def]
        # Statuses shown and filtered on are stored; bring lapsed ones up to date first.
        services.members_refresh_lapsed()
        return super().get_base_queryset()


class MemberInspectView(InspectView):
    """The member detail; times in the newsroom's time zone, as the list shows them (Wagtail's
    inspect view prints a datetime as stored, in UTC)."""

    def get_field_display_value(self, field_name, field):  # type: ignore[no-untyped-def]
        value = getattr(self.object, field_name, None)
        if isinstance(value, datetime):
            newsroom_zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
            return date_format(timezone.localtime(value, newsroom_zone), "Y-m-d H:i T")
        return super().get_field_display_value(field_name, field)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The payments and history tables below the fields use the same zone.
        return {**super().get_context_data(**kwargs), "newsroom_time_zone": settings.TIME_ZONE}


class MemberViewSet(ModelViewSet):
    index_view_class = MemberIndexView
    inspect_view_class = MemberInspectView
    model = Member
    icon = "group"
    menu_label = "Members"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["email", "name", "status", "plan", "source", "joined_at", "access_until"]
    filterset_class = MemberFilterSet
    search_fields = ["email", "name"]
    search_backend_name = None
    list_export = ["email", "name", "status", "plan", "source", "joined_at", "access_until", "created_at"]
    export_filename = "members"
    form_fields = ["email", "name"]
    inspect_view_enabled = True
    inspect_template_name = "members/admin/member_inspect.html"


member_viewset = MemberViewSet("members_admin")
plan_viewset = PlanViewSet("membership_plans")


# Problems listed on the progress page; the downloadable report has all of them.
PROBLEMS_SHOWN = 200


def _staff(request: HttpRequest) -> None:
    if not request.user.has_perm("members.change_member"):
        raise PermissionDenied


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text="CSV with columns email, name, plan, start_date, stripe_customer_id (optional).",
        error_messages={"empty": "The file is empty. Export the members again and upload the CSV file."},
    )
    dry_run = forms.BooleanField(required=False, initial=True, label="Dry run: check every row, save nothing")


def import_view(request: HttpRequest) -> HttpResponse:
    """Stores the upload and queues the import; the rows are read by a worker, never here, so
    the answer comes at once (a redirect to the progress page) whatever the file's size."""
    _staff(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > importing.MAX_BYTES:
            form.add_error("file", importing.ImportFileError.too_big())
        else:
            try:
                job = importing.member_import_start(
                    data=upload.read(),
                    filename=upload.name or "",
                    dry_run=form.cleaned_data["dry_run"],
                    user=request.user,
                )
            except importing.ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                return HttpResponseRedirect(reverse("members_import_progress", args=[job.pk]))
    context = {
        "form": form,
        "recent": MemberImport.objects.defer("data")[:10],
        "page_title": "Import members",
    }
    return TemplateResponse(request, "members/admin/import.html", context)


def _import_for(request: HttpRequest, pk: int) -> MemberImport:
    _staff(request)
    return get_object_or_404(MemberImport.objects.defer("data"), pk=pk)


def import_progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = _import_for(request, pk)
    context = {"job": job, "problems": job.problems[:PROBLEMS_SHOWN], "page_title": "Import members"}
    return TemplateResponse(request, "members/admin/import_progress.html", context)


def import_status_view(request: HttpRequest, pk: int) -> JsonResponse:
    """Small JSON for polling the progress page (and for scripts)."""
    job = _import_for(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "dry_run": job.dry_run,
            "rows_total": job.rows_total,
            "rows_done": job.rows_done,
            "rows_created": job.rows_created,
            "rows_updated": job.rows_updated,
            "rows_skipped": job.rows_skipped,
            "rows_failed": job.rows_failed,
            "percent": job.percent,
            "finished": job.finished,
            "message": job.message,
        }
    )


def import_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The rows that were not imported, as CSV; every cell formula-neutralised."""
    job = _import_for(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="member-import-{job.pk}-report.csv"'
    SafeCsvWriter(response).writerows(importing.report_rows(job))
    return response


def import_run_for_real_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The dry run's "Import for real" button: the same file, queued as a real import."""
    _staff(request)
    if request.method != "POST":
        return HttpResponseRedirect(reverse("members_import_progress", args=[pk]))
    dry = get_object_or_404(MemberImport, pk=pk)
    if not (dry.dry_run and dry.status == MemberImport.Status.DONE):
        messages.error(request, "Only a finished dry run can be imported for real. Upload the file again.")
        return HttpResponseRedirect(reverse("members_import_progress", args=[pk]))
    try:
        job = importing.member_import_start(
            data=bytes(dry.data), filename=dry.filename, dry_run=False, user=request.user, checked_by=dry
        )
    except importing.ImportFileError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("members_import_progress", args=[pk]))
    return HttpResponseRedirect(reverse("members_import_progress", args=[job.pk]))


class ComplimentaryForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=Plan.objects.all(), required=False)
    ends_on = forms.DateField(widget=AdminDateInput, help_text="Access ends at the start of this day.")
    note = forms.CharField(max_length=255, required=False, help_text="Why, for the record (e.g. press partner).")


def complimentary_view(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    member = get_object_or_404(Member, pk=pk)
    form = ComplimentaryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ends_at = datetime.combine(form.cleaned_data["ends_on"], time.min, tzinfo=UTC)
        try:
            services.membership_grant_complimentary(
                member=member,
                plan=form.cleaned_data["plan"],
                ends_at=ends_at,
                note=form.cleaned_data["note"],
                granted_by=request.user.get_username(),
            )
        except services.MembershipError as exc:
            form.add_error("ends_on", str(exc))
        else:
            messages.success(request, f"{member.email} is a complimentary member until {ends_at:%Y-%m-%d}.")
            return HttpResponseRedirect(reverse(member_viewset.get_url_name("inspect"), args=[member.pk]))
    context: dict[str, Any] = {"form": form, "member": member, "page_title": "Complimentary membership"}
    return TemplateResponse(request, "members/admin/complimentary.html", context)
