# An institution without its English label.
# expect-focus: https://w3id.org/lv-roma-plan/id/org/TB
# expect-path: http://www.w3.org/2000/01/rdf-schema#label
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
DELETE { <https://w3id.org/lv-roma-plan/id/org/TB> rdfs:label ?l }
WHERE { <https://w3id.org/lv-roma-plan/id/org/TB> rdfs:label ?l FILTER(LANG(?l) = "en") }
