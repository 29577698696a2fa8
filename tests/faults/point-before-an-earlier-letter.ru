# 10 b) and 10 h) with their places swapped: two points of one area in the wrong order of
# letters, with no place held twice.
# expect-focus: https://w3id.org/lv-roma-plan/id/recommendation/10h
# expect-path: https://w3id.org/lv-roma-plan/def#pointOrder
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/recommendation/10b> rsf:pointOrder ?b .
         <https://w3id.org/lv-roma-plan/id/recommendation/10h> rsf:pointOrder ?h }
INSERT { <https://w3id.org/lv-roma-plan/id/recommendation/10b> rsf:pointOrder ?h .
         <https://w3id.org/lv-roma-plan/id/recommendation/10h> rsf:pointOrder ?b }
WHERE { <https://w3id.org/lv-roma-plan/id/recommendation/10b> rsf:pointOrder ?b .
        <https://w3id.org/lv-roma-plan/id/recommendation/10h> rsf:pointOrder ?h }
