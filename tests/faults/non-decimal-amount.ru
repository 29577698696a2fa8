# An amount typed as a string, as a spreadsheet paste would give.
# expect-focus: https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.2/1/mtbf-2023
# expect-path: https://w3id.org/lv-roma-plan/def#amount
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { ?l rsf:amount ?a } INSERT { ?l rsf:amount "160 000" }
WHERE { BIND(<https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.2/1/mtbf-2023> AS ?l) ?l rsf:amount ?a }
