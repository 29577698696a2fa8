# A measure without a deadline.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.5
# expect-path: https://w3id.org/lv-roma-plan/def#deadline
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/measure/4.5/row/1> rsf:deadline ?d }
