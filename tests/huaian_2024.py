"""淮安市人民政府 2024 (format-spec §2.4): its tables and narrative sentences, read by hand from the PDF.

The numbers come from ``../shared/real/huaian-city-2024.pdf`` (pages 3–6) as read by a person; the narrative
sentences are quoted from pages 2 and 6 with the PDF's line breaks and digit/CJK spaces removed.
"""

from __future__ import annotations

from decimal import Decimal

from gov_disclosure.model import Report, Sections, Table2, Table3, Table4

APPLICATIONS_TEXT = (
    "（二）依申请公开情况。定期对政府信息公开申请集中的领域和热点问题进行研判，探索从源头上解决实际问题。"
    "2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），"
    "均在法定期限内予以答复。政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，"
    "尚未审结37件；政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件。"
)
"""Page 2 of the PDF, as one paragraph."""

APPLICATIONS_TEXT_PDF = (
    "（二）依申请公开情况。定期对政府信息公开申请集中的领\n"
    "域和热点问题进行研判，探索从源头上解决实际问题。着力强化\n"
    "与申请人的直接沟通，准确了解申请人诉求，提高答复的及时性\n"
    "和针对性。2024 年，全市共受理政府信息公开申请 3119 件，答\n"
    "复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n"
    "答复），均在法定期限内予以答复。政府信息公开行政复议 351\n"
    "件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n"
    "未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25\n"
    "件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。"
)
"""The same paragraph as pdfplumber extracts it: hard line wraps and spaces around digits (format-spec §6.1)."""

OTHER_MATTERS_TEXT = "2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。"

TABLE3: dict[str, tuple[int, ...]] = {
    "new_received": (3001, 53, 0, 0, 61, 4, 3119),
    "carried_over": (34, 0, 0, 0, 0, 0, 34),
    "granted": (1288, 21, 0, 0, 50, 3, 1362),
    "partial": (447, 7, 0, 0, 0, 0, 454),
    "denied_state_secret": (2, 0, 0, 0, 0, 0, 2),
    "denied_law_prohibited": (30, 1, 0, 0, 0, 0, 31),
    "denied_three_security_one_stability": (5, 0, 0, 0, 0, 0, 5),
    "denied_third_party": (6, 0, 0, 0, 0, 0, 6),
    "denied_internal_affairs": (7, 1, 0, 0, 0, 0, 8),
    "denied_process_info": (12, 0, 0, 0, 0, 0, 12),
    "denied_enforcement_file": (9, 0, 0, 0, 0, 0, 9),
    "denied_admin_query": (105, 0, 0, 0, 0, 0, 105),
    "unable_not_held": (746, 12, 0, 0, 10, 1, 769),
    "unable_needs_creation": (11, 0, 0, 0, 0, 0, 11),
    "unable_still_unclear": (1, 0, 0, 0, 0, 0, 1),
    "not_processed_petition": (56, 6, 0, 0, 0, 0, 62),
    "not_processed_repeat": (25, 0, 0, 0, 0, 0, 25),
    "not_processed_publication": (0, 0, 0, 0, 0, 0, 0),
    "not_processed_massive": (0, 0, 0, 0, 0, 0, 0),
    "not_processed_confirm": (1, 0, 0, 0, 0, 0, 1),
    "other_no_correction": (67, 3, 0, 0, 1, 0, 71),
    "other_fee_unpaid": (6, 0, 0, 0, 0, 0, 6),
    "other_other": (108, 2, 0, 0, 0, 0, 110),
    "total_processed": (2932, 53, 0, 0, 61, 4, 3050),
    "carried_forward": (103, 0, 0, 0, 0, 0, 103),
}

"""表三, columns 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计 (pages 4–5)."""

TABLE2: dict[str, tuple[int | Decimal, ...]] = {
    "regulations": (1, 0, 11),
    "normative_docs": (8, 26, 66),
    "licensing": (447228,),
    "punishment": (3985758,),
    "coercion": (88283,),
    "fees": (Decimal("96171.6"),),
}
"""表二 (pages 3–4); fees in 万元."""

TABLE4: dict[str, tuple[int, ...]] = {
    "review": (72, 64, 178, 37, 351),
    "litigation_direct": (13, 4, 8, 1, 26),
    "litigation_after_review": (12, 1, 1, 6, 20),
}
"""表四 (page 5)."""


def huaian_report(*, applications: str = APPLICATIONS_TEXT, other_matters: str = OTHER_MATTERS_TEXT) -> Report:
    """The report with its three tables and the two narrative paragraphs above."""
    return Report(
        format_version="2021",
        agency="淮安市人民政府",
        report_year=2024,
        sections=Sections(overview=applications, other_matters=other_matters),
        table2=Table2.from_rows(TABLE2),
        table3=Table3.from_rows(TABLE3),
        table4=Table4.from_rows(TABLE4),
    )
