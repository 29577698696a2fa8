"""Every text the UI shows, in Latvian and English. One table, so a missing
translation is a test failure rather than a surprise on screen."""

from __future__ import annotations

LANGUAGES = {"lv": "Latviešu", "en": "English"}
DEFAULT_LANGUAGE = "lv"

TEXTS: dict[str, dict[str, str]] = {
    "app_title": {
        "lv": "Romu stratēģiskā ietvara plāns 2022–2023 · zināšanu bāze",
        "en": "Roma strategic framework plan 2022–2023 · knowledge base",
    },
    "language": {"lv": "Valoda", "en": "Language"},
    "page_overview": {"lv": "Pārskats", "en": "Overview"},
    "page_questions": {"lv": "Jautājumi", "en": "Questions"},
    "page_sparql": {"lv": "SPARQL redaktors", "en": "SPARQL editor"},
    "page_explore": {"lv": "Izpēte grafā", "en": "Explore"},
    "page_compliance": {"lv": "Atbilstība Ieteikumam", "en": "Compliance"},
    "page_coherence": {"lv": "Saskaņotība", "en": "Coherence"},
    "page_detail": {"lv": "Detaļas", "en": "Detail"},
    "store_embedded": {"lv": "Krātuve: iegultā (pyoxigraph)", "en": "Store: embedded (pyoxigraph)"},
    "store_remote": {"lv": "Krātuve: attālais SPARQL galapunkts", "en": "Store: remote SPARQL endpoint"},
    "loading": {"lv": "Ielādē…", "en": "Loading…"},
    "running": {"lv": "Izpilda vaicājumu…", "en": "Running the query…"},
    "drawing": {"lv": "Zīmē grafu…", "en": "Drawing the graph…"},
    "no_results": {"lv": "Nekas netika atrasts.", "en": "Nothing was found."},
    "rows_found": {"lv": "Atrastas rindas: {n}", "en": "Rows found: {n}"},
    "truncated": {
        "lv": "Rezultāts nogriezts pie {cap} rindām (rindu limits). Sašauriniet vaicājumu.",
        "en": "The result was cut at {cap} rows (the row cap). Narrow the query.",
    },
    "download_csv": {"lv": "Lejupielādēt CSV", "en": "Download CSV"},
    "download_json": {"lv": "Lejupielādēt JSON", "en": "Download JSON"},
    "open": {"lv": "atvērt", "en": "open"},
    "source": {"lv": "Avots", "en": "Source"},
    "page_in_plan": {"lv": "plāna {pages}. lpp.", "en": "plan p. {pages}"},
    # errors: one shape, shown by ui.common.show_error
    "error_title": {"lv": "Kļūda", "en": "Error"},
    "error_kind_syntax": {"lv": "Vaicājuma sintakses kļūda", "en": "Query syntax error"},
    "error_kind_refused": {"lv": "Vaicājums atteikts", "en": "Query refused"},
    "error_kind_timeout": {"lv": "Laika limits pārsniegts", "en": "Time limit reached"},
    "error_kind_parameter": {"lv": "Nederīgs parametrs", "en": "Invalid parameter"},
    "error_kind_unreachable": {"lv": "Galapunkts nav sasniedzams", "en": "Endpoint unreachable"},
    "error_kind_endpoint": {"lv": "Krātuves kļūda", "en": "Store error"},
    "error_kind_unknown-question": {"lv": "Nezināms jautājums", "en": "Unknown question"},
    "error_kind_unknown-entity": {"lv": "Nezināma vienība", "en": "Unknown entity"},
    "error_at": {"lv": "{line}. rinda, {column}. kolonna", "en": "line {line}, column {column}"},
    "kb_missing": {
        "lv": "Zināšanu bāze vēl nav uzbūvēta. Palaidiet `make kb` (vai `python -m kb build`).",
        "en": "The knowledge base is not built yet. Run `make kb` (or `python -m kb build`).",
    },
    # overview
    "overview_intro": {
        "lv": "Latvijas Kultūras ministrijas plāns romu stratēģiskā ietvara pasākumu īstenošanai 2022.–2023. gadam kā zināšanu grafs. "
        "Katrs skaitlis atsaucas uz lappusi plānā.",
        "en": "The Latvian Ministry of Culture's plan for implementing the Roma strategic framework measures 2022–2023 as a knowledge graph. "
        "Every figure refers to its page in the plan.",
    },
    "count_measures": {"lv": "Pasākumi", "en": "Measures"},
    "count_points": {"lv": "Ieteikuma punkti", "en": "Recommendation points"},
    "count_institutions": {"lv": "Institūcijas", "en": "Institutions"},
    "count_documents": {"lv": "Dokumenti", "en": "Documents"},
    "count_funds": {"lv": "Finansējuma avoti", "en": "Funding sources"},
    "count_footnotes": {"lv": "Zemsvītras piezīmes", "en": "Footnotes"},
    "count_budget_lines": {"lv": "Budžeta summas", "en": "Budget amounts"},
    "budget_heading": {"lv": "Budžets pa gadiem un veidiem, EUR", "en": "Budget by year and kind, EUR"},
    "budget_note": {
        "lv": "V nodaļas 1. tabula (VTBI summas un papildu vajadzības) un pielikums (2021. gada izlietojums); "
        "2. tabula nav pieskaitīta, jo tā atkārto 1. tabulu pa programmām. Lappuses: {pages}.",
        "en": "Chapter V table 1 (MTBF amounts and additional needs) and the annex (2021 spending); "
        "table 2 is not added because it restates table 1 by programme. Pages: {pages}.",
    },
    "kind_mtbf": {"lv": "VTBI (vidēja termiņa budžets)", "en": "MTBF (medium-term budget)"},
    "kind_additional": {"lv": "Papildu vajadzība", "en": "Additional need"},
    "kind_actual": {"lv": "2021. gada izlietojums", "en": "2021 spending"},
    "year": {"lv": "Gads", "en": "Year"},
    "kind": {"lv": "Veids", "en": "Kind"},
    "amount": {"lv": "Summa, EUR", "en": "Amount, EUR"},
    "pages": {"lv": "Lappuses", "en": "Pages"},
    "area_heading": {
        "lv": "Pasākumi pa Ieteikuma jomām (augstākā līmeņa punktiem)",
        "en": "Measures by area of the Recommendation (top-level point)",
    },
    "area": {"lv": "Joma (punkts)", "en": "Area (point)"},
    "measures": {"lv": "Pasākumi", "en": "Measures"},
    "measure": {"lv": "Pasākums", "en": "Measure"},
    "measure_count": {"lv": "Pasākumu skaits", "en": "Number of measures"},
    "area_note": {
        "lv": "Pasākumu tabulas (IV nodaļa) kolonna par Ieteikumu, lappuses {pages}. Ieteikuma teksts šeit nav pieejams, tāpēc punkti ir tikai ar numuriem.",
        "en": "The Recommendation column of the measures table (chapter IV), pages {pages}. "
        "The Recommendation's text is not available here, so points carry numbers only.",
    },
    # questions
    "questions_intro": {
        "lv": "Izvēlieties jautājumu; parametri ir izvēlnes ar vērtībām no zināšanu bāzes.",
        "en": "Choose a question; parameters are menus filled from the knowledge base.",
    },
    "examples": {"lv": "Piemēri ar vienu klikšķi", "en": "One-click examples"},
    "example_article": {"lv": "Visi pasākumi, kas saistīti ar 10 h) punktu", "en": "Every measure linked to article 10 h)"},
    "example_esf": {"lv": "Visi pasākumi, ko finansē ESF", "en": "Every measure funded by ESF"},
    "topic": {"lv": "Tēma", "en": "Topic"},
    "all_topics": {"lv": "Visas tēmas", "en": "All topics"},
    "question": {"lv": "Jautājums", "en": "Question"},
    "parameters": {"lv": "Parametri", "en": "Parameters"},
    "any_value": {"lv": "(jebkurš)", "en": "(any)"},
    "param_article": {"lv": "Ieteikuma punkts", "en": "Recommendation point"},
    "param_source": {"lv": "Finansējuma avots", "en": "Funding source"},
    "param_institution": {"lv": "Institūcija", "en": "Institution"},
    "param_role": {"lv": "Loma", "en": "Role"},
    "param_document": {"lv": "Politikas dokuments vai likums", "en": "Policy document or law"},
    "param_until": {"lv": "Termiņš līdz", "en": "Deadline on or before"},
    "param_measure": {"lv": "Pasākums", "en": "Measure"},
    "param_kind": {"lv": "Summas veids", "en": "Kind of amount"},
    "param_year": {"lv": "Gads", "en": "Year"},
    "param_text": {"lv": "Meklējamais teksts", "en": "Text to find"},
    "kind_responsible": {"lv": "atbildīgā", "en": "responsible"},
    "kind_co-responsible": {"lv": "līdzatbildīgā", "en": "co-responsible"},
    "kind_any": {"lv": "jebkura", "en": "any"},
    "show_sparql": {"lv": "Rādīt SPARQL", "en": "Show the SPARQL"},
    "tag_budget": {"lv": "Budžets", "en": "Budget"},
    "tag_deadlines": {"lv": "Termiņi", "en": "Deadlines"},
    "tag_funding": {"lv": "Finansējums", "en": "Funding"},
    "tag_institutions": {"lv": "Institūcijas", "en": "Institutions"},
    "tag_measures": {"lv": "Pasākumi", "en": "Measures"},
    "tag_policy": {"lv": "Politikas dokumenti", "en": "Policy documents"},
    "tag_recommendation": {"lv": "ES Ieteikums", "en": "EU Recommendation"},
    "tag_search": {"lv": "Meklēšana", "en": "Search"},
    "tag_compliance": {"lv": "Atbilstība", "en": "Compliance"},
    "tag_plan": {"lv": "Plāns", "en": "Plan"},
    # SPARQL editor
    "sparql_intro": {
        "lv": "Tikai lasīšanas SPARQL: laika limits {timeout:g} s, ne vairāk kā {cap} rindas; SERVICE, LOAD, FROM un izmaiņas ir aizliegtas.",
        "en": "Read-only SPARQL: {timeout:g} s time limit, at most {cap} rows; SERVICE, LOAD, FROM and updates are refused.",
    },
    "load_example": {"lv": "Ielādēt piemēru no kataloga", "en": "Load an example from the catalogue"},
    "choose": {"lv": "(izvēlieties)", "en": "(choose)"},
    "query": {"lv": "Vaicājums", "en": "Query"},
    "run": {"lv": "Izpildīt", "en": "Run"},
    "boolean_answer": {"lv": "Atbilde: {value}", "en": "Answer: {value}"},
    # explore
    "explore_intro": {
        "lv": "Atrodiet vienību, izvēlieties soļu skaitu un saišu veidus. Grafā pasākuma tabulas rindas ir apvienotas ar pasākumu.",
        "en": "Find an entity, then choose the number of hops and the relation types. Measure-table rows are merged into their measure.",
    },
    "search_entity": {"lv": "Meklēt vienību (diakritika nav jāievada)", "en": "Search for an entity (diacritics optional)"},
    "entity": {"lv": "Vienība", "en": "Entity"},
    "no_match": {"lv": "Neviena vienība neatbilst “{text}”.", "en": "No entity matches “{text}”."},
    "depth": {"lv": "Soļi (dziļums)", "en": "Hops (depth)"},
    "relations": {"lv": "Saišu veidi", "en": "Relation types"},
    "node_limit": {"lv": "Mezglu limits", "en": "Node limit"},
    "hidden_nodes": {
        "lv": "Mezglu limits paslēpa {hidden} no {total} sasniedzamajiem mezgliem. Palieliniet limitu vai samaziniet dziļumu.",
        "en": "The node limit hides {hidden} of {total} reachable nodes. Raise the limit or lower the depth.",
    },
    "graph_size": {"lv": "{nodes} mezgli, {edges} saites", "en": "{nodes} nodes, {edges} links"},
    "legend": {"lv": "Apzīmējumi", "en": "Legend"},
    "shortest_path": {"lv": "Īsākais ceļš starp divām vienībām", "en": "Shortest path between two entities"},
    "path_from": {"lv": "No", "en": "From"},
    "path_to": {"lv": "Uz", "en": "To"},
    "no_path": {"lv": "Ar izvēlētajiem saišu veidiem ceļa nav.", "en": "There is no path with the chosen relation types."},
    "draw_path": {"lv": "Parādīt ceļu grafā", "en": "Draw the path as a graph"},
    "path_length": {"lv": "Ceļa garums: {n} soļi", "en": "Path length: {n} hops"},
    "open_detail": {"lv": "Atvērt detaļas: {label}", "en": "Open the details: {label}"},
    # compliance
    "compliance_intro": {
        "lv": "Kuri ES Padomes 2021. gada 12. marta Ieteikuma (2021/C 93/01) punkti ir aptverti, ar kādiem pasākumiem un naudu.",
        "en": "Which points of the Council Recommendation of 12 March 2021 (2021/C 93/01) are addressed, by which measures and with what money.",
    },
    "matrix_points_measures": {"lv": "Punkti × pasākumi", "en": "Points × measures"},
    "point": {"lv": "Punkts", "en": "Point"},
    "coverage_heading": {"lv": "Punkti, pasākumi un nauda", "en": "Points, measures and money"},
    "coverage_note": {
        "lv": "Summas ir saistīto pasākumu kopsummas (V nodaļas 1. tabula un pielikums). Plāns nesadala pasākuma naudu pa punktiem, "
        "tāpēc vienu pasākumu var ieskaitīt vairākos punktos, un summas nedrīkst saskaitīt.",
        "en": "Amounts are the totals of the linked measures (chapter V table 1 and the annex). The plan does not split a measure's money "
        "between points, so one measure may count towards several points, and the amounts must not be added up.",
    },
    "money_mtbf": {"lv": "VTBI 2022–2025, EUR", "en": "MTBF 2022–2025, EUR"},
    "money_additional": {"lv": "Papildu vajadzība, EUR", "en": "Additional need, EUR"},
    "money_actual": {"lv": "2021. gada izlietojums, EUR", "en": "2021 spending, EUR"},
    "weak_areas": {"lv": "Jomas ar maz saitēm", "en": "Areas with few links"},
    "weak_threshold": {"lv": "Ne vairāk kā … pasākumi", "en": "At most … measures"},
    "no_weak_areas": {"lv": "Nevienai jomai nav tik maz pasākumu.", "en": "No area has that few measures."},
    "unlinked_heading": {"lv": "Pasākumi bez saites uz Ieteikumu", "en": "Measures with no Recommendation link"},
    "all_linked": {
        "lv": "Visi {n} pasākumi ir saistīti vismaz ar vienu Ieteikuma punktu.",
        "en": "All {n} measures are linked to at least one Recommendation point.",
    },
    # coherence
    "coherence_intro": {
        "lv": "Kā pasākumi saistās ar nacionālajiem politikas dokumentiem, institūcijām un finansējumu.",
        "en": "How the measures connect national policy documents, institutions and funding.",
    },
    "matrix_measures_documents": {"lv": "Pasākumi × politikas dokumenti", "en": "Measures × policy documents"},
    "matrix_documents_note": {
        "lv": "Šūnā: dokumenta punkti, uz kuriem atsaucas pasākums, vai ✓, ja atsauce ir uz dokumentu kopumā.",
        "en": "A cell holds the provisions the measure cites, or ✓ when it cites the document as a whole.",
    },
    "institution_network": {"lv": "Institūciju tīkls", "en": "Institutions network"},
    "institution_network_note": {
        "lv": "Bulta: atbildīgā → līdzatbildīgā institūcija; biezums: kopīgo pasākumu skaits.",
        "en": "Arrow: responsible → co-responsible institution; width: the number of shared measures.",
    },
    "responsible": {"lv": "Atbildīgā", "en": "Responsible"},
    "co_responsible": {"lv": "Līdzatbildīgā", "en": "Co-responsible"},
    "shared_measures": {"lv": "Kopīgie pasākumi", "en": "Shared measures"},
    "funding_mix": {"lv": "Finansējuma avoti pa jomām", "en": "Funding mix per area"},
    "funding_mix_note": {
        "lv": "Pasākumu skaits katrā jomā pēc finansējuma avota (zemsvītras piezīmes un V nodaļa). Plāns nesadala summas pa avotiem.",
        "en": "Number of measures in each area by funding source (footnotes and chapter V). The plan does not split amounts by source.",
    },
    "fund": {"lv": "Avots", "en": "Source"},
    "hubs": {"lv": "Centrālās institūcijas un dokumenti", "en": "Hub institutions and documents"},
    "hubs_note": {
        "lv": "networkx centralitāte grafā pasākumi–institūcijas–dokumenti–punkti–avoti: saišu skaits un starpniecība (betweenness).",
        "en": "networkx centrality on the measures–institutions–documents–points–funds graph: number of links and betweenness.",
    },
    "links": {"lv": "Saites", "en": "Links"},
    "betweenness": {"lv": "Starpniecība", "en": "Betweenness"},
    "class": {"lv": "Klase", "en": "Class"},
    # detail
    "detail_intro": {
        "lv": "Izvēlieties vienību, lai redzētu visu, ko par to zina zināšanu bāze.",
        "en": "Choose an entity to see everything the knowledge base holds about it.",
    },
    "unknown_entity": {
        "lv": "Zināšanu bāzē nav vienības “{entity}”. Pārbaudiet saiti vai meklējiet zemāk.",
        "en": "The knowledge base has no entity “{entity}”. Check the link or search below.",
    },
    "attributes": {"lv": "Atribūti", "en": "Attributes"},
    "property": {"lv": "Īpašība", "en": "Property"},
    "value": {"lv": "Vērtība", "en": "Value"},
    "rows_heading": {"lv": "Pasākuma tabulas rindas", "en": "Rows of the measure table"},
    "row": {"lv": "{n}. rinda", "en": "Row {n}"},
    "funding_heading": {"lv": "Finansējuma avoti", "en": "Funding sources"},
    "budget_lines": {"lv": "Budžeta summas", "en": "Budget lines"},
    "no_budget": {
        "lv": "Šim pasākumam V nodaļā un pielikumā summu nav.",
        "en": "Chapter V and the annex give no amounts for this measure.",
    },
    "incoming": {"lv": "Saites uz šo vienību", "en": "Links to this entity"},
    "no_incoming": {"lv": "Nekas nesaistās ar šo vienību.", "en": "Nothing links to this entity."},
    "footnotes": {"lv": "Zemsvītras piezīmes", "en": "Footnotes"},
    "source_page": {"lv": "Avots: plāna {pages}. lpp.", "en": "Source: plan p. {pages}"},
    "iri": {"lv": "IRI", "en": "IRI"},
}


def text(key: str, lang: str, **values) -> str:
    entry = TEXTS[key]
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return template.format(**values) if values else template
