"""Spreadsheet exports that cannot run formulas: one rule for our CSVs and for every CSV and
XLSX export of Wagtail's admin (reports, redirects, form submissions, listings)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value):
    """`value`, with an apostrophe in front when it is text a spreadsheet would run as a
    formula (a page title or a reader's search query can start with "=")."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_admin_exports():
    """Make Wagtail's SpreadsheetExportMixin write every cell and heading through `inert_cell`.

    Wagtail writes titles, log messages and submitted form values as they are: its CSV export
    does nothing about formulas, and its XLSX export only stores them as text, which a
    spreadsheet turns back into a formula as soon as the cell is edited. Every export view
    (the page reports, site history, workflows, redirects, form submissions and any listing
    given `list_export`) goes through these two methods, so one patch at start-up covers the
    views we know and those a later Wagtail adds. Called from CurationConfig.ready().
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_tasharuk_inert", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    heading = SpreadsheetExportMixin.get_heading

    def preprocess_field_value(self, field, value, export_format):
        return inert_cell(preprocess(self, field, value, export_format))

    def get_heading(self, queryset, field):
        return inert_cell(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin._tasharuk_inert = True
