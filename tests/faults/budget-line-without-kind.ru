# A budget line without a kind.
# expect-focus: https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.31/1/additional-2023
# expect-path: https://w3id.org/lv-roma-plan/def#amountKind
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.31/1/additional-2023> rsf:amountKind ?k }
