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
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput

from lib.spreadsheet import FormulaSafeExportMixin
from members import services
from members.importing import import_members
from members.models import Member, Plan


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


def _staff(request: HttpRequest) -> None:
    if not request.user.has_perm("members.change_member"):
        raise PermissionDenied


class ImportForm(forms.Form):
    file = forms.FileField(help_text="CSV with columns email, name, plan, start_date, stripe_customer_id (optional).")
    dry_run = forms.BooleanField(required=False, initial=True, label="Dry run: check every row, save nothing")


def import_view(request: HttpRequest) -> HttpResponse:
    _staff(request)
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            form.add_error("file", "The file is larger than 5 MB. Split it and upload the parts.")
        else:
            report = import_members(
                upload.read(), dry_run=form.cleaned_data["dry_run"], imported_by=request.user.get_username()
            )
    return TemplateResponse(
        request, "members/admin/import.html", {"form": form, "report": report, "page_title": "Import members"}
    )


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
