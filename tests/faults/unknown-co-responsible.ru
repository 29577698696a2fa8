# A co-responsible institution that is not in the institution list.
# expect-focus: https://w3id.org/lv-roma-plan/id/measure/4.1/row/1
# expect-path: https://w3id.org/lv-roma-plan/def#coResponsible
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
INSERT DATA { <https://w3id.org/lv-roma-plan/id/measure/4.1/row/1> rsf:coResponsible <https://w3id.org/lv-roma-plan/id/org/NOBODY> }
