# 2 a) given the place of 1., the first point: one place held by two points.
# expect-focus: https://w3id.org/lv-roma-plan/id/recommendation/1
# expect-path: https://w3id.org/lv-roma-plan/def#pointOrder
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/recommendation/2a> rsf:pointOrder ?old }
INSERT { <https://w3id.org/lv-roma-plan/id/recommendation/2a> rsf:pointOrder 1 }
WHERE { <https://w3id.org/lv-roma-plan/id/recommendation/2a> rsf:pointOrder ?old }
