# A chapter III figure without units.
# expect-focus: https://w3id.org/lv-roma-plan/id/statistic/roma-citizens
# expect-path: https://w3id.org/lv-roma-plan/def#unitLabel
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/statistic/roma-citizens> rsf:unitLabel ?u }
