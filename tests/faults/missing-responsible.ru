# A measure whose only row has no responsible institution.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.2
# expect-path: https://w3id.org/lv-roma-plan/def#responsible
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/measure/4.2/row/1> rsf:responsible ?o }
