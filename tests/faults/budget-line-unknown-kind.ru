# A budget line with a kind outside MTBF / additional / actual.
# expect-focus: https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.5/1/mtbf-2022
# expect-path: https://w3id.org/lv-roma-plan/def#amountKind
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { ?l rsf:amountKind ?k } INSERT { ?l rsf:amountKind rsf:guess }
WHERE { BIND(<https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.5/1/mtbf-2022> AS ?l) ?l rsf:amountKind ?k }
