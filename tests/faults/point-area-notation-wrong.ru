# A Recommendation point whose stored area notation is not its area's notation.
# expect-focus: https://w3id.org/lv-roma-plan/id/recommendation/10h
# expect-path: https://w3id.org/lv-roma-plan/def#areaNotation
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/recommendation/10h> rsf:areaNotation ?n }
INSERT { <https://w3id.org/lv-roma-plan/id/recommendation/10h> rsf:areaNotation "9." }
WHERE { <https://w3id.org/lv-roma-plan/id/recommendation/10h> rsf:areaNotation ?n }
