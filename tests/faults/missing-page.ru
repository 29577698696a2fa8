# A funding attribution that lost its page.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.19/funding/1
# expect-path: https://w3id.org/lv-roma-plan/def#page
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE WHERE { <https://w3id.org/lv-roma-plan/id/measure/4.19/funding/1> rsf:page ?p }
