# A budget line without a budget sector.
# expect-focus: https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.9/2/additional-2023
# expect-path: https://w3id.org/lv-roma-plan/def#budgetSector
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.9/2/additional-2023> rsf:budgetSector ?s }
