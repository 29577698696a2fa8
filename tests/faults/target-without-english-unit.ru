# A target whose unit has no English label.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.29/target/1
# expect-path: https://w3id.org/lv-roma-plan/def#unitLabel
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/measure/4.29/target/1> rsf:unitLabel ?u } WHERE { <https://w3id.org/lv-roma-plan/id/measure/4.29/target/1> rsf:unitLabel ?u FILTER(LANG(?u) = "en") }
