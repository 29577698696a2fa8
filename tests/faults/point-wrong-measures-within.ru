# A Recommendation point whose stored count of measures in it and its narrower points is wrong.
# expect-focus: https://w3id.org/lv-roma-plan/id/recommendation/2
# expect-path: https://w3id.org/lv-roma-plan/def#measuresWithin
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/recommendation/2> rsf:measuresWithin ?n }
INSERT { <https://w3id.org/lv-roma-plan/id/recommendation/2> rsf:measuresWithin 9 }
WHERE { <https://w3id.org/lv-roma-plan/id/recommendation/2> rsf:measuresWithin ?n }
