# A budget line whose funding security is not a funding-security concept.
# expect-focus: https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.3/1/additional-2023
# expect-path: https://w3id.org/lv-roma-plan/def#fundingSecurity
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.3/1/additional-2023> rsf:fundingSecurity ?s } INSERT { <https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.3/1/additional-2023> rsf:fundingSecurity rsf:mtbf } WHERE { <https://w3id.org/lv-roma-plan/id/dataset/ch5-table1/4.3/1/additional-2023> rsf:fundingSecurity ?s }
