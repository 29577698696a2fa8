# A calculation factor typed as text.
# expect-focus: https://w3id.org/lv-roma-plan/id/calculation/4.16-2023/factor/1
# expect-path: https://w3id.org/lv-roma-plan/def#value
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/calculation/4.16-2023/factor/1> rsf:value ?v } INSERT { <https://w3id.org/lv-roma-plan/id/calculation/4.16-2023/factor/1> rsf:value "30" } WHERE { <https://w3id.org/lv-roma-plan/id/calculation/4.16-2023/factor/1> rsf:value ?v }
