# A Recommendation point whose stored count of measures is not the number of measures addressing it.
# expect-focus: https://w3id.org/lv-roma-plan/id/recommendation/3a
# expect-path: https://w3id.org/lv-roma-plan/def#measuresAddressing
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/recommendation/3a> rsf:measuresAddressing ?n }
INSERT { <https://w3id.org/lv-roma-plan/id/recommendation/3a> rsf:measuresAddressing 4 }
WHERE { <https://w3id.org/lv-roma-plan/id/recommendation/3a> rsf:measuresAddressing ?n }
