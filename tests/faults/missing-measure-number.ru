# A measure without a number.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.21
# expect-path: https://w3id.org/lv-roma-plan/def#measureNumber
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/measure/4.21> rsf:measureNumber ?n }
