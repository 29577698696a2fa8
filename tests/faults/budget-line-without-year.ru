# A budget line without a year.
# expect-focus: https://w3id.org/lv-roma-plan/id/dataset/annex-2021/4.4/1/actual-2021
# expect-path: https://w3id.org/lv-roma-plan/def#year
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/dataset/annex-2021/4.4/1/actual-2021> rsf:year ?y }
