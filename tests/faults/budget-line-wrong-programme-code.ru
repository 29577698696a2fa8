# A budget line whose stored programme code is not its programme's notation.
# expect-focus: https://w3id.org/lv-roma-plan/id/dataset/ch5-table2/4.9/1/additional-2023
# expect-path: https://w3id.org/lv-roma-plan/def#programmeNotation
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/dataset/ch5-table2/4.9/1/additional-2023> rsf:programmeNotation ?n }
INSERT { <https://w3id.org/lv-roma-plan/id/dataset/ch5-table2/4.9/1/additional-2023> rsf:programmeNotation "05.02.00" }
WHERE { <https://w3id.org/lv-roma-plan/id/dataset/ch5-table2/4.9/1/additional-2023> rsf:programmeNotation ?n }
