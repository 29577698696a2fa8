# A negative amount.
# expect-focus: https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.22/1/mtbf-2022
# expect-path: https://w3id.org/lv-roma-plan/def#amount
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE { ?l rsf:amount ?a } INSERT { ?l rsf:amount "-1100000.0"^^xsd:decimal }
WHERE { BIND(<https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.22/1/mtbf-2022> AS ?l) ?l rsf:amount ?a }
