# A calculation that lost its factors.
# expect-focus: https://w3id.org/lv-roma-plan/id/calculation/4.9-2023
# expect-path: https://w3id.org/lv-roma-plan/def#factor
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/calculation/4.9-2023> rsf:factor ?f }
