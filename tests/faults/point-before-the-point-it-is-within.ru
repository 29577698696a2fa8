# 9 a) i) placed before 9 a), the point it lies within: the two places swapped, so only the
# rule that a point follows the points it is within can catch it (same number, same letter).
# expect-focus: https://w3id.org/lv-roma-plan/id/recommendation/9a-i
# expect-path: https://w3id.org/lv-roma-plan/def#pointOrder
PREFIX rsf: <https://w3id.org/lv-roma-plan/def#>
DELETE { <https://w3id.org/lv-roma-plan/id/recommendation/9a> rsf:pointOrder ?a .
         <https://w3id.org/lv-roma-plan/id/recommendation/9a-i> rsf:pointOrder ?b }
INSERT { <https://w3id.org/lv-roma-plan/id/recommendation/9a> rsf:pointOrder ?b .
         <https://w3id.org/lv-roma-plan/id/recommendation/9a-i> rsf:pointOrder ?a }
WHERE { <https://w3id.org/lv-roma-plan/id/recommendation/9a> rsf:pointOrder ?a .
        <https://w3id.org/lv-roma-plan/id/recommendation/9a-i> rsf:pointOrder ?b }
