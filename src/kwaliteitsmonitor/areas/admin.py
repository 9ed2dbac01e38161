# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from .models import Area, AreaMembership, AreaVintage


class VintageInline(admin.TabularInline):
    model = AreaVintage
    extra = 0
    fields = ("year", "name", "parent_code", "source")
    show_change_link = True


class MembershipInline(admin.TabularInline):
    model = AreaMembership
    fk_name = "area"
    extra = 0
    fields = ("year", "kind", "group_code", "group")
    raw_id_fields = ("group",)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to", "is_pseudo")
    list_filter = ("level", "is_pseudo")
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)
    inlines = [VintageInline, MembershipInline]


@admin.register(AreaMembership)
class AreaMembershipAdmin(admin.ModelAdmin):
    list_display = ("area", "kind", "year", "group_code", "group")
    list_filter = ("kind", "year")
    search_fields = ("area__code", "area__name", "group_code")
    raw_id_fields = ("area", "group")
