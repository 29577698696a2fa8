"""Expected answers for every catalogue question, taken from the plan (page in comments).
Shared by the embedded-store tests and the Virtuoso comparison."""

from __future__ import annotations

# (question, params, variable, expected set of values)
EXPECTED = [
    ("measures-by-article", {"article": "10 h)"}, "measure_id", {"4.21", "4.22", "4.23"}),  # pp. 20
    ("measures-by-article", {"article": "10h"}, "measure_id", {"4.21", "4.22", "4.23"}),
    ("measures-by-article", {"article": "10(h)"}, "measure_id", {"4.21", "4.22", "4.23"}),
    ("measures-by-article", {"article": "point 10(h)"}, "measure_id", {"4.21", "4.22", "4.23"}),
    ("measures-by-article", {"article": "10"}, "measure_id", {"4.18", "4.19", "4.20", "4.21", "4.22", "4.23"}),
    ("measures-by-article", {"article": "9 a)"}, "measure_id", {"4.17"}),  # 9 a) i) in 4.17, p. 18
    ("measures-by-article", {"article": "9"}, "measure_id", {"4.17", "4.18", "4.20", "4.21", "4.22"}),
    ("measures-by-article", {"article": "1"}, "measure_id", set()),  # must not match 16. or 4.11
    ("measures-by-article", {"article": "16"}, "measure_id", {"4.1"}),
    ("measures-by-article", {"article": "14 e)"}, "measure_id", {"4.24", "4.25"}),
    ("measures-by-funding", {"source": "ESF"}, "measure_id", {"4.8", "4.9", "4.12", "4.16", "4.17"}),
    ("measures-by-funding", {"source": "esf+"}, "measure_id", {"4.17"}),  # p. 30, fn 110
    ("measures-by-funding", {"source": "RRF"}, "measure_id", {"4.19"}),  # p. 31, fn 113
    ("measures-by-funding", {"source": "Eiropas Sociālais fonds"}, "measure_id", {"4.8", "4.9", "4.12", "4.16", "4.17"}),
    ("measures-by-funding", {"source": "eea-norway"}, "measure_id", {"4.27", "4.29", "4.30"}),  # p. 33
    ("measures-by-funding", {"source": "EU-REC"}, "measure_id", {"4.1"}),  # p. 26, fn 91
    ("measures-by-funding", {"source": "EU-COHESION"}, "measure_id", {"4.18", "4.23"}),  # includes EU structural funds
    ("measures-by-institution", {"institution": "TB", "role": "responsible"}, "measure_id", {"4.24", "4.25", "4.26"}),
    ("measures-by-institution", {"institution": "NVA", "role": "co-responsible"}, "measure_id", {"4.16"}),
    ("measures-by-institution", {"institution": "NVA", "role": "any"}, "measure_id", {"4.16"}),
    ("measures-by-institution", {"institution": "Romu Kultūras", "role": "responsible"}, "measure_id", set()),
    (
        "measures-by-institution",
        {"institution": "biedriba „romu kulturas centrs”", "role": "responsible"},
        "measure_id",
        {"4.28", "4.29", "4.30", "4.31"},
    ),
    ("measures-by-institution", {"institution": "pašvaldības", "role": "any"}, "measure_id", {"4.9", "4.11", "4.17"}),
    ("measures-by-policy-document", {"document": "NAP2027"}, "measure_id", {"4.18", "4.19", "4.20", "4.21", "4.23"}),
    ("measures-by-policy-document", {"document": "NAP2027"}, "provision", {"349", "350", "351", "352", "353"}),
    ("measures-by-policy-document", {"document": "SPASAP"}, "measure_id", {"4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"}),
    ("measures-by-policy-document", {"document": "NIPP"}, "measure_id", {"4.18", "4.19", "4.20", "4.21", "4.22", "4.23"}),
    ("measures-by-policy-document", {"document": "IAP"}, "measure_id", {"4.13", "4.14"}),
    ("measures-by-policy-document", {"document": "SVP"}, "provision", {"1.4.2", "1.3.6"}),
    ("measures-by-policy-document", {"document": "SADTPP"}, "measure_id", {"4.9"}),
    ("measures-by-policy-document", {"document": "Tiesībsarga likums"}, "measure_id", {"4.24", "4.25", "4.26"}),
    ("measures-by-deadline", {"until": "2022-06-30"}, "measure_id", {"4.24", "4.25", "4.26"}),
    ("measures-by-deadline", {"until": "2022-12-31"}, "measure_id", {"4.8", "4.24", "4.25", "4.26", "4.27"}),
    ("articles-of-measure", {"measure": "4.17"}, "article", {"9.", "9 a) i)", "9 b)"}),
    (
        "articles-of-measure",
        {"measure": "4.1."},
        "article",
        {
            "2 e)",
            "2 h)",
            "3 b)",
            "3 d)",
            "4 a)",
            "4 c)",
            "4 d)",
            "4 e)",
            "16.",
            "17.",
            "20.",
            "22.",
            "24.",
            "26.",
            "29.",
            "38.",
            "39.",
        },
    ),
    ("measure-budget", {"measure": "4.22", "kind": "mtbf"}, "amount", {"1100000", "6000000"}),  # p. 32
    ("measure-budget", {"measure": "4.9", "year": "2023"}, "amount", {"760200"}),  # p. 28
    ("measure-budget", {"measure": "4.1", "kind": "actual"}, "amount", {"2000", "45450"}),  # p. 37
    ("budget-total", {"kind": "mtbf", "year": "2022"}, "amount", {"4344513"}),
    ("budget-total", {"kind": "mtbf", "year": "2023"}, "amount", {"8334728"}),
    ("budget-total", {"kind": "additional", "year": "2023"}, "amount", {"5548200"}),
    ("budget-total", {"kind": "actual", "year": "2021"}, "amount", {"1738753"}),
    ("budget-by-sector", {"kind": "mtbf", "year": "2022"}, "sector", {"08", "12", "18", "22"}),
    ("budget-by-sector", {"kind": "mtbf", "year": "2022"}, "amount", {"735303", "1100000", "391778", "2117432"}),
    ("budget-by-sector", {"kind": "additional", "year": "2023"}, "amount", {"778200", "370000", "4400000"}),
    ("plan-indicators", {}, "baseline", {"27.2", "29", "42", "35", "39.1", "32.4", "7.5", "34.2", "8", "12"}),
    ("recommendation-coverage", {}, "article", None),  # checked separately
    ("search", {"text": "pasakums"}, "label", None),
    ("search", {"text": "lidzdaliba"}, "label", None),
]
