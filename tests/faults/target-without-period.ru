# A target without its period.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.4/target/1
# expect-path: https://w3id.org/lv-roma-plan/def#targetPeriod
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/measure/4.4/target/1> rsf:targetPeriod ?p }
